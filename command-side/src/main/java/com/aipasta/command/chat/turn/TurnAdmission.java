package com.aipasta.command.chat.turn;

import com.aipasta.command.http.ProcessorLag;
import com.aipasta.common.DomainException;
import com.aipasta.common.ErrorCode;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Holds a new turn back while an event this process appended has waited more than {@code READ_MODEL_MAX_LAG} for one of
 * its event processors, or while one of them has so many of its events still to handle that it would soon read the
 * stream alone instead of sharing the event store's read of its head (see {@link ProcessorLag.Lag}), which costs it
 * several times as much an event and leaves it further behind still. Turns append faster than the read models and
 * policies handle their events when the machine is saturated, so without it a steady load leaves them further behind
 * every second: balances and sessions shown minutes late, and requests that wait to read their own write (a
 * registration, a payment) answering 503 once their wait runs out. Holding the next turns lets the processors catch up,
 * and the platform carries what it can keep current. A turn held longer than {@code READ_MODEL_CATCH_UP_TIMEOUT}
 * answers 503 and starts nothing.
 */
@Component
public class TurnAdmission {

    private static final long RECHECK_MILLIS = 50;

    /**
     * The limits, the lag the hold sees now (in time and in events), and the turns it held since the start and
     * refused at their deadline.
     */
    public record Report(long limitMillis, long behindMillis, long eventLimit, long eventsBehind, long turnsHeld,
                         long turnsRefused) {
    }

    private final ProcessorLag lag;
    private final AtomicLong held = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final Duration maxLag;
    private final Duration timeout;

    public TurnAdmission(ProcessorLag lag, @Value("${aipasta.read-model-max-lag:10s}") Duration maxLag,
                         @Value("${aipasta.read-model-catch-up-timeout:30s}") Duration timeout) {
        if (maxLag.isNegative()) {
            throw new IllegalArgumentException("READ_MODEL_MAX_LAG must not be negative, not " + maxLag);
        }
        this.lag = lag;
        this.maxLag = maxLag;
        this.timeout = timeout;
    }

    /** Returns once the processors are within the lag allowed (at once while they are, or when none is allowed). */
    public void admit() {
        if (maxLag.isZero() || withinLag()) {
            return;
        }
        held.incrementAndGet();
        long deadline = System.nanoTime() + timeout.toNanos();
        do {
            if (System.nanoTime() >= deadline) {
                throw busy();
            }
            try {
                Thread.sleep(RECHECK_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw busy();
            }
        } while (!withinLag());
    }

    public Report report() {
        ProcessorLag.Lag now = lag.lag();
        return new Report(maxLag.toMillis(), now.waited().toMillis(), now.eventLimit(), now.events(), held.get(),
                refused.get());
    }

    private boolean withinLag() {
        return lag.lag().within(maxLag);
    }

    private DomainException busy() {
        refused.incrementAndGet();
        ProcessorLag.Lag now = lag.lag();
        return new DomainException(ErrorCode.SERVICE_UNAVAILABLE, "The platform is catching up with the turns "
                + "before this one; nothing was started or charged, retry shortly",
                Map.of("behindMillis", now.waited().toMillis(), "eventsBehind", now.events()));
    }
}
