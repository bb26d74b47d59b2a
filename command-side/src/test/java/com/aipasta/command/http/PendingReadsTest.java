package com.aipasta.command.http;

import com.aipasta.account.api.value.UserId;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class PendingReadsTest {

    private static final UserId ADA = new UserId("ada");
    private static final UserId BOB = new UserId("bob");

    private final PendingReads pending = new PendingReads(Duration.ofMinutes(1));

    @Test
    void aCallerWaitsForEveryWriteNotShownYetAndIsForgottenOnceAllAre() throws Exception {
        CompletableFuture<Void> first = new CompletableFuture<>();
        CompletableFuture<Void> second = new CompletableFuture<>();
        pending.expect(ADA, () -> first);
        pending.expect(ADA, () -> second);

        first.complete(null);
        assertThat(pending.waitsOf(ADA)).isPositive();
        assertThat(pending.waitsOf(BOB)).isZero();
        CompletableFuture<Void> nextRequest = CompletableFuture.runAsync(() -> pending.awaitFor(ADA));
        second.complete(null);

        nextRequest.get(1, TimeUnit.MINUTES);
        assertThat(pending.waitsOf(ADA)).isZero();
    }

    @Test
    void aWriteThatCouldNotBeShownDoesNotHoldTheCallerBack() throws Exception {
        CompletableFuture<Void> failed = new CompletableFuture<>();
        pending.expect(ADA, () -> failed);

        failed.completeExceptionally(new IllegalStateException("read model broken"));

        CompletableFuture.runAsync(() -> pending.awaitFor(ADA)).get(1, TimeUnit.MINUTES);
        assertThat(pending.waitsOf(ADA)).isZero();
    }

    @Test
    void whatWaitsWithoutHoldingAThreadIsToldOnceTheWritesAreShown() throws Exception {
        CompletableFuture<Void> shown = new CompletableFuture<>();
        pending.expect(ADA, () -> shown);

        CompletableFuture<Void> next = pending.whenShown(ADA);

        assertThat(next).isNotDone();
        assertThat(pending.whenShown(BOB)).isDone();
        shown.complete(null);
        next.get(1, TimeUnit.MINUTES);
        assertThat(pending.whenShown(ADA)).isDone();
    }

    @Test
    void whatWaitsWithoutHoldingAThreadGoesOnAfterTheTimeoutWhenTheWritesAreNotShown() throws Exception {
        PendingReads briefly = new PendingReads(Duration.ofMillis(200));
        CompletableFuture<Void> neverShown = new CompletableFuture<>();
        briefly.expect(ADA, () -> neverShown);

        briefly.whenShown(ADA).get(1, TimeUnit.MINUTES);

        assertThat(neverShown).isNotDone();
    }

    @Test
    void aWaitStartsOnlyWhenTheCallersNextRequestNeedsItAndOnlyOnce() throws Exception {
        AtomicInteger started = new AtomicInteger();
        CompletableFuture<Void> shown = new CompletableFuture<>();
        pending.expect(ADA, () -> {
            started.incrementAndGet();
            return shown;
        });
        assertThat(started).as("a write whose caller asks nothing more reads no read model").hasValue(0);

        CompletableFuture<Void> first = pending.whenShown(ADA);
        CompletableFuture<Void> second = pending.whenShown(ADA);
        shown.complete(null);

        CompletableFuture.allOf(first, second).get(1, TimeUnit.MINUTES);
        assertThat(started).hasValue(1);
        assertThat(pending.waitsOf(ADA)).isZero();
    }

    @Test
    void aWaitNobodyNeededWithinTheTimeoutIsDroppedUnstarted() throws Exception {
        PendingReads briefly = new PendingReads(Duration.ofMillis(200));
        AtomicInteger started = new AtomicInteger();
        briefly.expect(ADA, () -> {
            started.incrementAndGet();
            return new CompletableFuture<>();
        });
        Thread.sleep(400);

        briefly.whenShown(ADA).get(1, TimeUnit.MINUTES);

        assertThat(started).hasValue(0);
        assertThat(briefly.waitsOf(ADA)).isZero();
    }

    @Test
    void aCallerWhoOnlyWritesKeepsOnlyTheWaitsOfTheTimeout() throws Exception {
        PendingReads briefly = new PendingReads(Duration.ofMillis(200));
        briefly.expect(ADA, CompletableFuture::new);
        briefly.expect(ADA, CompletableFuture::new);
        Thread.sleep(400);

        briefly.expect(ADA, CompletableFuture::new);

        assertThat(briefly.waitsOf(ADA)).isEqualTo(1);
    }
}
