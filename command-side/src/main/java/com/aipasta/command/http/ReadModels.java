package com.aipasta.command.http;

import com.aipasta.account.api.query.Credentials;
import com.aipasta.account.api.query.FindCredentialsQuery;
import com.aipasta.account.api.query.FindUserQuery;
import com.aipasta.account.api.query.UserSummary;
import com.aipasta.account.api.value.UserId;
import com.aipasta.common.DomainException;
import com.aipasta.common.ErrorCode;
import com.aipasta.wallet.api.query.FindWalletQuery;
import com.aipasta.wallet.api.query.WalletSummary;
import com.aipasta.wallet.api.query.WalletView;
import com.aipasta.wallet.api.value.WalletBalance;
import com.aipasta.wallet.api.value.WalletId;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Reads projections through the query bus, and lets a command endpoint wait until the projections reflect
 * the change it just made, so its answer (and the caller's next request) sees that change.
 */
@Component
public class ReadModels {

    private final QueryGateway queries;
    private final ReadModelUpdates updates;
    private final Duration catchUpTimeout;
    private final long maxPauseMillis;

    /**
     * @param timeout  how long to wait for a change to be projected before answering 503
     * @param maxPause how long to wait at most between two reads when no update was signalled; projections of this
     *                 process signal theirs, so this only matters for changes projected by other processes
     */
    public ReadModels(QueryGateway queries, ReadModelUpdates updates,
                      @Value("${aipasta.read-model-catch-up-timeout:60s}") Duration timeout,
                      @Value("${aipasta.read-model-max-pause:200ms}") Duration maxPause) {
        this.queries = queries;
        this.updates = updates;
        this.catchUpTimeout = timeout;
        this.maxPauseMillis = maxPause.toMillis();
    }

    public Optional<UserSummary> user(UserId userId) {
        return ask(new FindUserQuery(userId), UserSummary.class);
    }

    public UserSummary requireUser(UserId userId) {
        return user(userId).orElseThrow(() -> new DomainException(ErrorCode.NOT_FOUND, "No such user"));
    }

    /**
     * The user as projected, with the wallet as a command just left it (when known), so an answer can show the new
     * balance without waiting for the wallet projection.
     */
    public UserSummary requireUserWith(UserId userId, WalletBalance balance) {
        UserSummary user = requireUser(userId);
        if (balance == null) {
            return user;
        }
        return new UserSummary(user.id(), user.email(), user.name(), user.role(), user.plan(),
                user.dailyRequestLimit(), user.createdAt(), new WalletSummary(balance.balance(), balance.freeTokens(),
                balance.purchasedTokens(), balance.usedTokens(), balance.reserved()));
    }

    public Optional<Credentials> credentials(UserId userId) {
        return ask(new FindCredentialsQuery(userId), Credentials.class);
    }

    /** Waits for the account, then for its wallet, each woken by the projection of its own events. */
    public UserSummary awaitUser(UserId userId) {
        await(userId.value(), () -> credentials(userId), credentials -> true);
        return await(WalletId.of(userId).value(), () -> user(userId), user -> true);
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
        long deadline = System.nanoTime() + catchUpTimeout.toNanos();
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
            awaitUpdateAfter(aggregateId, seen);
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

    private void awaitUpdateAfter(String aggregateId, long seen) {
        try {
            updates.awaitUpdateAfter(aggregateId, seen, maxPauseMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DomainException(ErrorCode.SERVICE_UNAVAILABLE, "Interrupted while waiting for read models");
        }
    }
}
