package com.aipasta.command.chat.provider;

import org.junit.jupiter.api.Test;

import javax.net.SocketFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The provider client's sockets: each write goes at once, not after the acknowledgement of the one before. */
class ProviderHttpClientTest {

    private final SocketFactory sockets = ProviderHttp.newClient(new ProviderProperties.Timeouts(Duration.ofSeconds(1),
            Duration.ofSeconds(1), Duration.ofSeconds(1))).socketFactory();

    @Test
    void theSocketsOkHttpConnectsHaveNaglesAlgorithmOff() throws Exception {
        try (Socket unconnected = sockets.createSocket()) {
            assertThat(unconnected.getTcpNoDelay()).isTrue();
        }
    }

    @Test
    void soDoConnectedOnes() throws Exception {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (ServerSocket server = new ServerSocket(0, 8, loopback);
             Socket byName = sockets.createSocket(loopback.getHostAddress(), server.getLocalPort());
             Socket byAddress = sockets.createSocket(loopback, server.getLocalPort());
             Socket fromLocal = sockets.createSocket(loopback, server.getLocalPort(), loopback, 0);
             Socket byNameFromLocal = sockets.createSocket(loopback.getHostAddress(), server.getLocalPort(), loopback,
                     0)) {
            assertThat(byName.getTcpNoDelay()).isTrue();
            assertThat(byAddress.getTcpNoDelay()).isTrue();
            assertThat(fromLocal.getTcpNoDelay()).isTrue();
            assertThat(byNameFromLocal.getTcpNoDelay()).isTrue();
        }
    }
}
