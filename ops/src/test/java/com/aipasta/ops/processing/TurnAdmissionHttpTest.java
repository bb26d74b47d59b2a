package com.aipasta.ops.processing;

import com.aipasta.command.http.ProcessorLag;
import com.aipasta.ops.HttpApi;
import com.aipasta.ops.PlatformTest;
import com.aipasta.ops.chat.FakeProviders;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A turn is held back while one of the platform's processors is further behind the newest event than
 * {@code READ_MODEL_MAX_LAG} (10 s by default), and starts once it has caught up: a steady load cannot leave the read
 * models ever further behind.
 */
class TurnAdmissionHttpTest extends PlatformTest {

    private static final Duration MAX_LAG = Duration.ofSeconds(10);

    @Autowired
    LaggingProbe probe;

    @Autowired
    ProcessorLag lag;

    @Autowired
    EventProcessingConfiguration processing;

    @Test
    void aTurnWaitsWhileAProcessorIsTooFarBehindAndStartsOnceItCaughtUp() throws Exception {
        Account user = register();
        Account other = register();
        String reason = LaggingProbe.MARK + " " + UUID.randomUUID();
        CompletableFuture<HttpApi.Reply> turn;
        assertThat(api.post("/api/admin/users/" + other.id() + "/tokens",
                Map.of("amount", 1, "reason", "a first grant"), admin().token()).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(60)).until(this::probeHasCaughtUp);
        long heldBefore = turnsHeld();
        probe.release = new CountDownLatch(1);
        try {
            assertThat(api.post("/api/admin/users/" + other.id() + "/tokens", Map.of("amount", 5, "reason", reason),
                    admin().token()).status()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(60)).until(() -> probe.held.contains(reason));
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() -> {
                api.post("/api/admin/users/" + other.id() + "/tokens", Map.of("amount", 1, "reason", "a later grant"),
                        admin().token());
                return lag.lag().waited().compareTo(MAX_LAG) > 0;
            });
            assertThat(lag.lag().events()).as("the events the held processor has still to handle are counted")
                    .isPositive().isLessThan(lag.lag().eventLimit());

            turn = CompletableFuture.supplyAsync(() -> api.post("/api/chat",
                    Map.of("message", "Held back?", "modelId", FakeProviders.FREE_MODEL), user.token()));

            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> !turn.isDone());
            assertThat(api.get("/api/chat/sessions", user.token()).data().path("sessions")).isEmpty();
        } finally {
            probe.release.countDown();
        }

        HttpApi.Reply answered = turn.get(90, TimeUnit.SECONDS);
        assertThat(answered.status()).isEqualTo(200);
        assertThat(answered.data().path("message").path("status").asText()).isEqualTo("complete");
        assertThat(lag.lag().waited()).isLessThanOrEqualTo(MAX_LAG);
        assertThat(turnsHeld()).as("the administrators' system report counts the turn held")
                .isGreaterThan(heldBefore);
    }

    private long turnsHeld() {
        return api.get("/api/admin/system", admin().token()).data().path("turnHold").path("turnsHeld").asLong();
    }

    /** A processor counts for the hold once it has reached the head of the stream since it started. */
    private boolean probeHasCaughtUp() {
        return processing.eventProcessor(LaggingProbe.GROUP, StreamingEventProcessor.class).orElseThrow()
                .processingStatus().values().stream().allMatch(EventTrackerStatus::isCaughtUp);
    }
}
