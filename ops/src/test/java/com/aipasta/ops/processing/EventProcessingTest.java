package com.aipasta.ops.processing;

import com.aipasta.ops.PlatformTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A handler that fails is retried, never skipped: a skipped settlement or credit would lose tokens. */
class EventProcessingTest extends PlatformTest {

    @Autowired
    FailingOnceProbe probe;

    @Test
    void anEventWhoseHandlerFailedIsHandledOnTheRetry() {
        Account user = register();
        String reason = FailingOnceProbe.MARK + " " + UUID.randomUUID();

        assertThat(api.post("/api/admin/users/" + user.id() + "/tokens", Map.of("amount", 5, "reason", reason),
                admin().token()).status()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(60)).until(() -> probe.handled.contains(reason));
        assertThat(probe.failed).contains(reason);
        assertThat(probe.handled).filteredOn(reason::equals).hasSize(1);
    }
}
