package com.aipasta.command.http;

import com.aipasta.common.DomainException;
import com.aipasta.common.ErrorCode;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Waiting for a read model never holds a request thread for a change that cannot come, nor for too many requests. */
class ReadModelsTest {

    private final ReadModelUpdates updates = new ReadModelUpdates();

    @Test
    void aWaitBeyondTheMostWaitersIsRefusedAtOnce() throws Exception {
        ReadModels readModels = new ReadModels(null, updates, aggregate -> Optional.empty(), null, Duration.ofHours(1),
                Duration.ofHours(1), 1);
        AtomicBoolean projected = new AtomicBoolean();
        AtomicInteger reads = new AtomicInteger();
        CountDownLatch waiting = new CountDownLatch(1);
        CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> asRequest(() ->
                readModels.await("wallet-1", () -> {
                    if (reads.incrementAndGet() == 2) {
                        waiting.countDown();
                    }
                    return projected.get() ? Optional.of("shown") : Optional.empty();
                }, shown -> true)));
        assertThat(waiting.await(1, TimeUnit.MINUTES)).isTrue();

        assertThatThrownBy(() -> asRequest(() -> readModels.await("wallet-2", Optional::empty, shown -> true)))
                .isInstanceOfSatisfying(DomainException.class, e ->
                        assertThat(e.code()).isEqualTo(ErrorCode.READ_MODEL_BUSY));
        AtomicInteger backgroundReads = new AtomicInteger();
        assertThat(readModels.await("wallet-3", () -> backgroundReads.incrementAndGet() < 2 ? Optional.empty()
                : Optional.of("shown"), shown -> true)).as("a wait outside a request takes no place")
                .isEqualTo("shown");

        projected.set(true);
        updates.changed("wallet-1");
        assertThat(first.get(1, TimeUnit.MINUTES)).isEqualTo("shown");
        assertThat(asRequest(() -> readModels.await("wallet-2", () -> Optional.of("shown"), shown -> true)))
                .isEqualTo("shown");
    }

    private static <T> T asRequest(Supplier<T> work) {
        RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(new MockHttpServletRequest()));
        try {
            return work.get();
        } finally {
            RequestContextHolder.resetRequestAttributes();
        }
    }

    @Test
    void aWaitForAnAggregateWhoseEventsAreParkedEndsAtOnce() {
        ReadModels readModels = new ReadModels(null, updates,
                aggregate -> aggregate.equals("user-1") ? Optional.of("parked") : Optional.empty(), null,
                Duration.ofHours(1), Duration.ofHours(1), 10);

        assertThatThrownBy(() -> readModels.await("user-1", Optional::empty, shown -> true))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.READ_MODEL_STALLED);
                    assertThat(e.getMessage()).contains("parked");
                });
    }

    @Test
    void aChangeAlreadyShownNeedsNoWaiterPlace() {
        ReadModels readModels = new ReadModels(null, updates, aggregate -> Optional.of("stopped"), null,
                Duration.ofHours(1), Duration.ofHours(1), 0);

        assertThat(readModels.await("user-2", () -> Optional.of(3), version -> version >= 3)).isEqualTo(3);
    }

    @Test
    void aReaderAboutToWaitHasTheEventsReadAtOnce() {
        ReadModels readModels = new ReadModels(null, updates, aggregate -> Optional.empty(), null,
                Duration.ofHours(1), Duration.ofHours(1), 10);
        AtomicBoolean projected = new AtomicBoolean();
        AtomicInteger readsAsked = new AtomicInteger();
        updates.whenAwaited(() -> {
            readsAsked.incrementAndGet();
            projected.set(true);
            updates.changed("session-1");
        });

        assertThat(readModels.await("session-1", () -> projected.get() ? Optional.of("shown") : Optional.empty(),
                shown -> true)).isEqualTo("shown");
        assertThat(readsAsked).hasValue(1);
        assertThat(readModels.await("session-1", () -> Optional.of("shown"), shown -> true)).isEqualTo("shown");
        assertThat(readsAsked).as("a change already shown asks for no read").hasValue(1);
    }
}
