package com.aipasta.command.auth;

import com.aipasta.account.api.value.Role;
import com.aipasta.account.api.value.UserId;
import com.aipasta.common.DomainException;
import com.aipasta.common.ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JwtServiceTest {

    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

    @TempDir
    Path dataDir;

    private static AuthProperties withSecret(String secret) {
        return new AuthProperties(secret, null, Duration.ofHours(1), 4, List.of());
    }

    @Test
    void refusesToStartWithASecretShorterThan256Bits() {
        assertThatThrownBy(() -> new JwtService(withSecret("x".repeat(31)), new SecretStore(dataDir),
                Clock.systemUTC()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("at least 256 bits");
    }

    @Test
    void generatesASecretOnceAndKeepsItInTheDataDirectory() throws Exception {
        JwtService first = new JwtService(withSecret(null), new SecretStore(dataDir), Clock.systemUTC());
        String token = first.issue(new UserId("u1"), Role.USER, 0);
        JwtService afterRestart = new JwtService(withSecret(""), new SecretStore(dataDir), Clock.systemUTC());

        assertThat(afterRestart.verify(token).userId()).isEqualTo(new UserId("u1"));
        assertThat(Files.readString(dataDir.resolve("secrets/jwt-secret")).length()).isGreaterThanOrEqualTo(32);
    }

    @Test
    void carriesTheUserRoleAndCredentialsVersionUntilItExpires() {
        AuthProperties properties = withSecret("a-configured-secret-of-more-than-32-bytes");
        JwtService issuer = new JwtService(properties, new SecretStore(dataDir), Clock.fixed(NOW, ZoneOffset.UTC));
        AccessToken token = issuer.verify(issuer.issue(new UserId("u1"), Role.ADMIN, 3));

        assertThat(token.role()).isEqualTo(Role.ADMIN);
        assertThat(token.credentialsVersion()).isEqualTo(3);
        assertThat(token.expiresAt()).isEqualTo(NOW.plus(Duration.ofHours(1)));

        JwtService later = new JwtService(properties, new SecretStore(dataDir),
                Clock.fixed(NOW.plus(Duration.ofHours(2)), ZoneOffset.UTC));
        assertThatThrownBy(() -> later.verify(issuer.issue(new UserId("u1"), Role.ADMIN, 3)))
                .isInstanceOf(DomainException.class)
                .matches(e -> ((DomainException) e).code() == ErrorCode.UNAUTHORIZED)
                .hasMessage("The token has expired");
    }
}
