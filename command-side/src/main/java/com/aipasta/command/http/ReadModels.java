package com.aipasta.command.http;

import com.aipasta.account.api.query.Credentials;
import com.aipasta.account.api.query.FindCredentialsQuery;
import com.aipasta.account.api.query.FindUserQuery;
import com.aipasta.account.api.query.UserSummary;
import com.aipasta.account.api.value.UserId;
import com.aipasta.common.DomainException;
import com.aipasta.common.ErrorCode;
import com.aipasta.wallet.api.query.FindWalletQuery;
import com.aipasta.wallet.api.query.WalletView;
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

    private static final long MAX_PAUSE_MILLIS = 50;

    private final QueryGateway queries;
    private final ReadModelUpdates updates;
    private final Duration catchUpTimeout;

    public ReadModels(QueryGateway queries, ReadModelUpdates updates,
                      @Value("${aipasta.read-model-catch-up-timeout:10s}") Duration timeout) {
        this.queries = queries;
        this.updates = updates;
        this.catchUpTimeout = timeout;
    }

    public Optional<UserSummary> user(UserId userId) {
        return ask(new FindUserQuery(userId), UserSummary.class);
    }

    public UserSummary requireUser(UserId userId) {
        return user(userId).orElseThrow(() -> new DomainException(ErrorCode.NOT_FOUND, "No such user"));
    }

    public Optional<Credentials> credentials(UserId userId) {
        return ask(new FindCredentialsQuery(userId), Credentials.class);
    }

    public UserSummary awaitUser(UserId userId) {
        return await(() -> user(userId), user -> true);
    }

    public Credentials awaitCredentials(UserId userId, int minVersion) {
        return await(() -> credentials(userId), credentials -> credentials.credentialsVersion() >= minVersion);
    }

    public WalletView awaitWallet(UserId ownerId, long minVersion) {
        return await(() -> ask(new FindWalletQuery(ownerId), WalletView.class),
                wallet -> wallet.version() >= minVersion);
    }

    /** Reads until the answer is there and caught up, for at most the catch-up timeout. */
    public <R> R await(Supplier<Optional<R>> read, Predicate<R> caughtUp) {
        long deadline = System.nanoTime() + catchUpTimeout.toNanos();
        while (true) {
            long seen = updates.seen();
            Optional<R> result = read.get().filter(caughtUp);
            if (result.isPresent()) {
                return result.get();
            }
            if (System.nanoTime() > deadline) {
                throw new DomainException(ErrorCode.SERVICE_UNAVAILABLE,
                        "The change was recorded but the read models are still catching up; retry the read shortly");
            }
            awaitUpdateAfter(seen);
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

    private void awaitUpdateAfter(long seen) {
        try {
            updates.awaitUpdateAfter(seen, MAX_PAUSE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DomainException(ErrorCode.SERVICE_UNAVAILABLE, "Interrupted while waiting for read models");
        }
    }
}
