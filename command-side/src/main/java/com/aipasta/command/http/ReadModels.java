package com.aipasta.command.http;

import com.aipasta.account.api.query.Credentials;
import com.aipasta.account.api.query.FindCredentialsQuery;
import com.aipasta.account.api.query.FindProfileQuery;
import com.aipasta.account.api.query.FindUserQuery;
import com.aipasta.account.api.query.ProfileView;
import com.aipasta.account.api.query.UserSummary;
import com.aipasta.account.api.value.UserId;
import com.aipasta.command.access.AccessState;
import com.aipasta.common.DomainException;
import com.aipasta.common.ErrorCode;
import com.aipasta.wallet.api.query.FindWalletQuery;
import com.aipasta.wallet.api.query.WalletView;
import com.aipasta.wallet.api.value.WalletBalance;
import com.aipasta.wallet.api.value.WalletId;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.CompletionException;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Reads projections through the query bus, and lets a command endpoint wait until the projections reflect
 * the change it just made, so its answer (and the caller's next request) sees that change. Waiting is bounded three
 * ways: by a deadline per request, by the number of request threads waiting at once (beyond it a request answers 503
 * {@code READ_MODEL_BUSY} at once instead of holding one more of the threads that health checks and logins need; the
 * platform's own threads, recording a streamed answer, are bounded by the streams instead), and by asking whether
 * the change can come at all: when
 * the aggregate's events are parked or a read model's processor has stayed stopped, the wait ends in 503
 * {@code READ_MODEL_STALLED}.
 */
@Component
public class ReadModels {

    private static final Duration STALL_CHECK_INTERVAL = Duration.ofMillis(500);

    private final QueryGateway queries;
    private final ReadModelUpdates updates;
    private final Duration catchUpTimeout;
    private final long maxPauseMillis;
    private final Semaphore waiters;
    private final ReadModelStalls stalls;
    private final AccessState access;

    /**
     * @param timeout    how long to wait for a change to be projected before answering 503
     * @param maxPause   how long to wait at most between two reads when no update was signalled; projections of this
     *                   process signal theirs, so this only matters for changes projected by other processes
     * @param maxWaiters how many request threads may wait at once
     */
    public ReadModels(QueryGateway queries, ReadModelUpdates updates, ReadModelStalls stalls, AccessState access,
                      @Value("${aipasta.read-model-catch-up-timeout:30s}") Duration timeout,
                      @Value("${aipasta.read-model-max-pause:200ms}") Duration maxPause,
                      @Value("${aipasta.read-model-max-waiters:100}") int maxWaiters) {
        this.queries = queries;
        this.updates = updates;
        this.stalls = stalls;
        this.access = access;
        this.catchUpTimeout = timeout;
        this.maxPauseMillis = maxPause.toMillis();
        this.waiters = new Semaphore(maxWaiters);
    }

    public Optional<UserSummary> user(UserId userId) {
        return ask(new FindUserQuery(userId), UserSummary.class);
    }

    public UserSummary requireUser(UserId userId) {
        return user(userId).orElseThrow(() -> new DomainException(ErrorCode.NOT_FOUND, "No such user"));
    }

    /**
     * The user as the account's events say, with the wallet as a command just left it (when known), so an answer shows
     * the new balance without asking the read models; with no balance, the user as projected.
     */
    public UserSummary requireUserWith(UserId userId, WalletBalance balance) {
        if (balance == null) {
            return requireUser(userId);
        }
        return access.of(userId).map(account -> account.summaryWith(balance))
                .orElseThrow(() -> new DomainException(ErrorCode.NOT_FOUND, "No such user"));
    }

    public Optional<Credentials> credentials(UserId userId) {
        return ask(new FindCredentialsQuery(userId), Credentials.class);
    }

    /** Waits for the account, then for its wallet, each woken by the projection of its own events. */
    public UserSummary awaitUser(UserId userId) {
        await(userId.value(), () -> credentials(userId), credentials -> true);
        return await(WalletId.of(userId).value(), () -> user(userId), user -> true);
    }

    /**
     * Waits for the profile to show the account's email, as a registration leaves it (a guest's profile has none), so
     * the new account's next request reads its own profile.
     */
    public ProfileView awaitRegisteredProfile(UserSummary user) {
        return await(user.id(), () -> ask(new FindProfileQuery(new UserId(user.id())), ProfileView.class),
                profile -> Objects.equals(profile.email(), user.email()));
    }

    public Credentials awaitCredentials(UserId userId, int minVersion) {
        return await(userId.value(), () -> credentials(userId),
                credentials -> credentials.credentialsVersion() >= minVersion);
    }

    public WalletView awaitWallet(UserId ownerId, long minVersion) {
        return await(WalletId.of(ownerId).value(), () -> ask(new FindWalletQuery(ownerId), WalletView.class),
                wallet -> wallet.version() >= minVersion);
    }

    /**
     * Reads until the answer is there and caught up, for at most the catch-up timeout, reading again whenever the
     * events of {@code aggregateId} (the aggregate whose change is awaited) have been projected.
     */
    public <R> R await(String aggregateId, Supplier<Optional<R>> read, Predicate<R> caughtUp) {
        Optional<R> ready = read.get().filter(caughtUp);
        if (ready.isPresent()) {
            return ready.get();
        }
        if (RequestContextHolder.getRequestAttributes() == null) {
            return awaitCaughtUp(aggregateId, read, caughtUp);
        }
        if (!waiters.tryAcquire()) {
            throw new DomainException(ErrorCode.READ_MODEL_BUSY, "The change was recorded, but too many requests are "
                    + "waiting for the read models to show theirs; retry the read shortly");
        }
        try {
            return awaitCaughtUp(aggregateId, read, caughtUp);
        } finally {
            waiters.release();
        }
    }

    private <R> R awaitCaughtUp(String aggregateId, Supplier<Optional<R>> read, Predicate<R> caughtUp) {
        long deadline = System.nanoTime() + catchUpTimeout.toNanos();
        long nextStallCheck = System.nanoTime() + STALL_CHECK_INTERVAL.toNanos();
        while (true) {
            long seen = updates.seen(aggregateId);
            Optional<R> result = read.get().filter(caughtUp);
            if (result.isPresent()) {
                return result.get();
            }
            if (System.nanoTime() > deadline) {
                throw new DomainException(ErrorCode.SERVICE_UNAVAILABLE,
                        "The change was recorded but the read models are still catching up; retry the read shortly");
            }
            if (System.nanoTime() >= nextStallCheck) {
                stalls.stalledOn(aggregateId).ifPresent(reason -> {
                    throw new DomainException(ErrorCode.READ_MODEL_STALLED, "The change was recorded, but the read "
                            + "models cannot show it until an administrator acts: " + reason,
                            Map.of("aggregateId", aggregateId));
                });
                nextStallCheck = System.nanoTime() + STALL_CHECK_INTERVAL.toNanos();
            }
            long untilStallCheck = Math.max(1, (nextStallCheck - System.nanoTime()) / 1_000_000);
            awaitUpdateAfter(aggregateId, seen, Math.min(maxPauseMillis, untilStallCheck));
        }
    }

    private <R> Optional<R> ask(Object query, Class<R> type) {
        try {
            return queries.query(query, ResponseTypes.optionalInstanceOf(type)).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    private void awaitUpdateAfter(String aggregateId, long seen, long pauseMillis) {
        try {
            updates.awaitUpdateAfter(aggregateId, seen, pauseMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DomainException(ErrorCode.SERVICE_UNAVAILABLE, "Interrupted while waiting for read models");
        }
    }
}
