package com.aipasta.ops.processing;

import com.aipasta.ops.PlatformTest;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A handler of a saga or policy that fails is retried, never skipped: a skipped settlement or credit would lose tokens;
 * while it keeps failing, its processor stops there and {@code /health} names it.
 */
class EventProcessingTest extends PlatformTest {

    @Autowired
    FailingOnceProbe probe;

    @Autowired
    StoppingProbe stopping;

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

    @Test
    void aProcessorThatKeepsFailingStopsThereAndHealthSaysSo() {
        Account user = register();
        String reason = StoppingProbe.MARK + " " + UUID.randomUUID();

        assertThat(api.post("/api/admin/users/" + user.id() + "/tokens", Map.of("amount", 5, "reason", reason),
                admin().token()).status()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode health = api.get("/health", null).data();
            assertThat(health.path("status").asText()).isEqualTo("degraded");
            assertThat(health.path("stopped").path(StoppingProbe.GROUP).asText())
                    .contains("the command this policy sends keeps failing");
        });
        assertThat(stopping.handled).doesNotContain(reason);

        stopping.released = true;
        await().atMost(Duration.ofSeconds(120)).until(() -> stopping.handled.contains(reason));
        await().atMost(Duration.ofSeconds(30)).until(() -> api.get("/health", null).data().path("stopped").isEmpty());
        assertThat(stopping.handled).filteredOn(reason::equals).hasSize(1);
        assertThat(api.get("/health", null).data().path("status").asText()).isEqualTo("ok");
    }
}
