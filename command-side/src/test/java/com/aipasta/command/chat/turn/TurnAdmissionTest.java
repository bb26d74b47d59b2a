package com.aipasta.command.chat.turn;

import com.aipasta.command.http.ProcessorLag;
import com.aipasta.common.DomainException;
import com.aipasta.common.ErrorCode;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A turn starts at once while the processors keep up, waits while they are too far behind, and gives up in time. */
class TurnAdmissionTest {

    private static final Duration MAX_LAG = Duration.ofSeconds(10);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final long EVENT_LIMIT = 8_000;

    private static ProcessorLag.Lag waited(Duration waited) {
        return new ProcessorLag.Lag(waited, 0, EVENT_LIMIT);
    }

    @Test
    void aTurnStartsAtOnceWhileTheProcessorsAreWithinTheLagAllowed() {
        AtomicInteger asked = new AtomicInteger();
        ProcessorLag lag = () -> {
            asked.incrementAndGet();
            return new ProcessorLag.Lag(MAX_LAG, EVENT_LIMIT, EVENT_LIMIT);
        };

        TurnAdmission admission = new TurnAdmission(lag, MAX_LAG, TIMEOUT);
        admission.admit();

        assertThat(asked).hasValue(1);
        assertThat(admission.report()).isEqualTo(new TurnAdmission.Report(10_000, 10_000, EVENT_LIMIT, EVENT_LIMIT,
                0, 0));
    }

    @Test
    void aTurnWaitsUntilTheProcessorsAreBackWithinTheLagAllowed() {
        AtomicInteger asked = new AtomicInteger();
        ProcessorLag catchingUp = () -> waited(asked.incrementAndGet() < 4 ? MAX_LAG.plusMillis(1) : Duration.ZERO);

        TurnAdmission admission = new TurnAdmission(catchingUp, MAX_LAG, TIMEOUT);
        admission.admit();

        assertThat(asked).hasValue(4);
        assertThat(admission.report().turnsHeld()).isOne();
        assertThat(admission.report().turnsRefused()).isZero();
    }

    @Test
    void aTurnWaitsWhileAProcessorHasMoreEventsToHandleThanItCanReadFromMemory() {
        AtomicInteger asked = new AtomicInteger();
        ProcessorLag farBehind = () -> new ProcessorLag.Lag(Duration.ofSeconds(1),
                asked.incrementAndGet() < 3 ? EVENT_LIMIT + 1 : EVENT_LIMIT, EVENT_LIMIT);

        TurnAdmission admission = new TurnAdmission(farBehind, MAX_LAG, TIMEOUT);
        admission.admit();

        assertThat(asked).hasValue(3);
        assertThat(admission.report().turnsHeld()).isOne();
    }

    @Test
    void aTurnHeldLongerThanTheCatchUpTimeoutIsRefusedAsUnavailable() {
        ProcessorLag stuck = () -> new ProcessorLag.Lag(Duration.ofMinutes(3), 40_000, EVENT_LIMIT);

        TurnAdmission admission = new TurnAdmission(stuck, MAX_LAG, Duration.ofMillis(200));

        assertThatThrownBy(admission::admit)
                .isInstanceOfSatisfying(DomainException.class, refused -> {
                    assertThat(refused.code()).isEqualTo(ErrorCode.SERVICE_UNAVAILABLE);
                    assertThat(refused.getMessage()).contains("nothing was started or charged");
                    assertThat(refused.details()).containsEntry("behindMillis", Duration.ofMinutes(3).toMillis())
                            .containsEntry("eventsBehind", 40_000L);
                });
        assertThat(admission.report()).isEqualTo(new TurnAdmission.Report(10_000, 180_000, EVENT_LIMIT, 40_000, 1,
                1));
    }

    @Test
    void turnsHeldTogetherAreLetGoByOneCheckInsteadOfEachAskingAgain() throws InterruptedException {
        AtomicBoolean caughtUp = new AtomicBoolean();
        Map<Thread, Integer> asks = new ConcurrentHashMap<>();
        ProcessorLag lag = () -> {
            asks.merge(Thread.currentThread(), 1, Integer::sum);
            return waited(caughtUp.get() ? Duration.ZERO : MAX_LAG.plusSeconds(1));
        };
        TurnAdmission admission = new TurnAdmission(lag, MAX_LAG, TIMEOUT);
        List<Thread> turns = new ArrayList<>();
        Set<Thread> admitted = ConcurrentHashMap.newKeySet();
        for (int i = 0; i < 20; i++) {
            Thread turn = new Thread(() -> {
                admission.admit();
                admitted.add(Thread.currentThread());
            });
            turns.add(turn);
            turn.start();
        }

        awaitHeld(admission, turns.size());
        caughtUp.set(true);
        for (Thread turn : turns) {
            turn.join(30_000);
        }

        assertThat(admitted).containsExactlyInAnyOrderElementsOf(turns);
        assertThat(turns).allSatisfy(turn -> assertThat(asks.get(turn)).as("asks by a held turn").isOne());
    }

    @Test
    void aTurnHeldAfterAnotherGaveUpIsLetGoOnceTheProcessorsCatchUp() throws InterruptedException {
        AtomicBoolean caughtUp = new AtomicBoolean();
        ProcessorLag lag = () -> waited(caughtUp.get() ? Duration.ZERO : MAX_LAG.plusSeconds(1));
        TurnAdmission admission = new TurnAdmission(lag, MAX_LAG, Duration.ofSeconds(2));
        assertThatThrownBy(admission::admit).isInstanceOf(DomainException.class);

        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread next = new Thread(() -> {
            try {
                admission.admit();
            } catch (Throwable e) {
                failure.set(e);
            }
        });
        next.start();
        awaitHeld(admission, 2);
        caughtUp.set(true);
        next.join(30_000);

        assertThat(next.isAlive()).isFalse();
        assertThat(failure).hasNullValue();
        assertThat(admission.report().turnsRefused()).isOne();
    }

    private static void awaitHeld(TurnAdmission admission, long turns) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (admission.report().turnsHeld() < turns) {
            assertThat(System.nanoTime()).as("%d turns held in time", turns).isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    @Test
    void aMaxLagOfZeroTurnsTheHoldOff() {
        ProcessorLag neverAsked = () -> {
            throw new AssertionError("the lag is not asked when no limit is set");
        };

        new TurnAdmission(neverAsked, Duration.ZERO, TIMEOUT).admit();
    }

    @Test
    void aNegativeLagIsRefusedAtStart() {
        assertThatThrownBy(() -> new TurnAdmission(() -> waited(Duration.ZERO), Duration.ofSeconds(-1), TIMEOUT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("READ_MODEL_MAX_LAG");
    }
}
