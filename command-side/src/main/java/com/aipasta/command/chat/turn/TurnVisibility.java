package com.aipasta.command.chat.turn;

import com.aipasta.account.api.value.UserId;
import com.aipasta.chat.api.query.FindMessageQuery;
import com.aipasta.chat.api.query.MessageView;
import com.aipasta.command.http.ReadModels;
import com.aipasta.leaderboard.api.query.FindLeaderboardAnswerQuery;
import com.aipasta.leaderboard.api.query.LeaderboardAnswer;
import com.aipasta.wallet.api.value.WalletBalance;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/** When the read models show an ended answer: its message, its leaderboard entry and the wallet that paid for it. */
@Component
public class TurnVisibility {

    private final ReadModels readModels;
    private final QueryGateway queries;
    private final Executor turnExecutor;

    public TurnVisibility(ReadModels readModels, QueryGateway queries,
                          @Qualifier("turnExecutor") Executor turnExecutor) {
        this.readModels = readModels;
        this.queries = queries;
        this.turnExecutor = turnExecutor;
    }

    /** Completes once the read models show how {@code generation} ended ({@code outcome}), off the caller's thread. */
    public CompletableFuture<Void> shown(Generation generation, Object outcome) {
        WalletBalance balance = outcome instanceof Generation.Result result ? result.balance()
                : outcome instanceof Generation.Failure failure ? failure.balance() : null;
        boolean recorded = outcome instanceof Generation.Result
                || outcome instanceof Generation.Failure failure && failure.partial() != null;
        return CompletableFuture.runAsync(() -> await(generation, balance, recorded), turnExecutor);
    }

    /**
     * Completes once the read models show the answer under way (its session, and its message generating), or once it
     * has ended, how it ended being {@link #shown}'s to wait for; off the caller's thread. The wait itself stops at
     * the end too, so an answer whose start is never shown does not hold a thread until the catch-up timeout.
     */
    public CompletableFuture<Void> started(Generation generation) {
        CompletableFuture<Object> ended = generation.outcome();
        CompletableFuture<Void> recorded = CompletableFuture.runAsync(() -> readModels.await(
                generation.sessionId().value(), () -> ended.isDone() ? Optional.of(true)
                        : queries.query(new FindMessageQuery(generation.ownerId(), generation.messageId()),
                        ResponseTypes.optionalInstanceOf(MessageView.class)).join().map(message -> true),
                shown -> true), turnExecutor);
        return CompletableFuture.anyOf(recorded, ended).thenRun(() -> { });
    }

    private void await(Generation generation, WalletBalance balance, boolean recorded) {
        UserId owner = generation.ownerId();
        String messageId = generation.messageId();
        if (balance != null) {
            readModels.awaitWallet(owner, balance.version());
        }
        if (recorded) {
            String session = generation.sessionId().value();
            readModels.await(session, () -> queries.query(new FindLeaderboardAnswerQuery(messageId),
                    ResponseTypes.optionalInstanceOf(LeaderboardAnswer.class)).join(), LeaderboardAnswer::ended);
            readModels.await(session, () -> queries.query(new FindMessageQuery(owner, messageId),
                    ResponseTypes.optionalInstanceOf(MessageView.class)).join(), MessageView::finished);
        }
    }
}
