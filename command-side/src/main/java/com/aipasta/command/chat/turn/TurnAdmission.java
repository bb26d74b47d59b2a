package com.aipasta.command.chat.turn;

import com.aipasta.command.http.ProcessorLag;
import com.aipasta.common.DomainException;
import com.aipasta.common.ErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
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
    private static final Logger log = LoggerFactory.getLogger(TurnAdmission.class);

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
    private final Object holding = new Object();
    /** Opens when the turns held now may start; null while none is held. */
    private CountDownLatch release;
    /** The turns waiting for a release, this one's or one just completed. */
    private int waiting;

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
        try {
            if (!hold().await(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                throw busy();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw busy();
        } finally {
            synchronized (holding) {
                waiting--;
            }
        }
    }

    /**
     * The release of the turns held now, which one check every {@value #RECHECK_MILLIS} ms lets go together: a turn
     * held does not poll on its own, so hundreds of them held cost no more than one.
     */
    private CountDownLatch hold() {
        synchronized (holding) {
            waiting++;
            if (release == null) {
                release = new CountDownLatch(1);
                recheckLater();
            }
            return release;
        }
    }

    private void recheckLater() {
        CompletableFuture.delayedExecutor(RECHECK_MILLIS, TimeUnit.MILLISECONDS, Runnable::run).execute(this::recheck);
    }

    /** Lets the turns held go once the lag is within the limit or none of them waits, else checks again later. */
    private void recheck() {
        CountDownLatch released;
        synchronized (holding) {
            if (waiting > 0 && !withinLagOrUnknown()) {
                recheckLater();
                return;
            }
            released = release;
            release = null;
        }
        released.countDown();
    }

    /** A lag that cannot be worked out holds nothing: the hold protects the read models, it decides no turn. */
    private boolean withinLagOrUnknown() {
        try {
            return withinLag();
        } catch (RuntimeException e) {
            log.warn("The processors' lag could not be worked out; the turns held are let go", e);
            return true;
        }
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
