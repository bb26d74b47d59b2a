package com.aipasta.projections.leaderboard;

import com.aipasta.chat.api.event.AssistantMessageCompletedEvent;
import com.aipasta.chat.api.event.AssistantMessageFailedEvent;
import com.aipasta.chat.api.event.AssistantMessageStartedEvent;
import com.aipasta.chat.api.event.MessageRatedEvent;
import com.aipasta.chat.api.value.PromptCategory;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import java.util.function.UnaryOperator;

/**
 * The answers the leaderboard ranks models by, and their tallies. One document per answer, its model, category,
 * outcome, measures and latest vote: an answer is created once and each later event only sets fields, and only when
 * it is newer than the last one folded into the answer. Each change of an answer moves the tallies of its hour, its
 * day and all time (see {@link LeaderboardTallyDocument}) by what it changes, exactly once (see
 * {@link LeaderboardBatch}), so a leaderboard adds up a handful of tallies instead of reading every answer.
 */
@Component
@ProcessingGroup(LeaderboardProjection.NAME)
public class LeaderboardProjection {

    public static final String NAME = "leaderboard";

    private final MongoTemplate mongo;
    private boolean tallied;

    public LeaderboardProjection(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /**
     * Counts the answers stored before tallies were kept, once a process, before it handles the first event: at
     * start-up or at the first event, whichever comes first, the other waiting for it.
     */
    public synchronized void countTalliesIfMissing() {
        if (!tallied) {
            LeaderboardBatch.countIfMissing(mongo);
            tallied = true;
        }
    }

    @EventHandler
    void on(AssistantMessageStartedEvent event, @SequenceNumber long sequence) {
        countTalliesIfMissing();
        PromptCategory category = PromptCategory.orGeneral(event.category());
        LeaderboardBatch.current(mongo).started(new CountedAnswer(event.messageId(), event.model().modelId(),
                        event.model().provider(), category, AnswerOutcome.GENERATING, null, null, null, null, null,
                        event.comparisonId(), sequence),
                Query.query(Criteria.where("_id").is(event.messageId())), new Update()
                        .setOnInsert("sessionId", event.sessionId().value())
                        .setOnInsert("modelId", event.model().modelId())
                        .setOnInsert("provider", event.model().provider())
                        .setOnInsert("category", category)
                        .setOnInsert("outcome", AnswerOutcome.GENERATING)
                        .setOnInsert("startedAt", event.startedAt())
                        .setOnInsert("comparisonId", event.comparisonId())
                        .setOnInsert("lastSequence", sequence));
    }

    @EventHandler
    void on(AssistantMessageCompletedEvent event, @SequenceNumber long sequence) {
        update(event.messageId(), sequence, answer -> answer.ended(AnswerOutcome.COMPLETED, event.completedAt(),
                event.latencyMs(), event.timeToFirstTokenMs(), event.usage().totalTokens(), sequence), new Update()
                .set("outcome", AnswerOutcome.COMPLETED)
                .set("endedAt", event.completedAt())
                .set("latencyMs", event.latencyMs())
                .set("timeToFirstTokenMs", event.timeToFirstTokenMs())
                .set("totalTokens", event.usage().totalTokens()));
    }

    @EventHandler
    void on(AssistantMessageFailedEvent event, @SequenceNumber long sequence) {
        update(event.messageId(), sequence, answer -> answer.ended(AnswerOutcome.FAILED, event.failedAt(), null, null,
                event.usage().totalTokens(), sequence), new Update()
                .set("outcome", AnswerOutcome.FAILED)
                .set("endedAt", event.failedAt())
                .set("totalTokens", event.usage().totalTokens()));
    }

    @EventHandler
    void on(MessageRatedEvent event, @SequenceNumber long sequence) {
        update(event.messageId(), sequence, answer -> answer.voted(event.vote(), sequence),
                new Update().set("vote", event.vote()));
    }

    @ResetHandler
    void reset() {
        mongo.remove(new Query(), LeaderboardAnswerDocument.class);
        mongo.remove(new Query(), LeaderboardTallyDocument.class);
    }

    private void update(String messageId, long sequence, UnaryOperator<CountedAnswer> change, Update update) {
        countTalliesIfMissing();
        LeaderboardBatch batch = LeaderboardBatch.current(mongo);
        Query newer = Query.query(Criteria.where("_id").is(messageId).and("lastSequence").lt(sequence));
        update.set("lastSequence", sequence);
        CountedAnswer answer = batch.answer(messageId);
        if (answer == null) {
            batch.unknown(newer, update);
        } else {
            batch.changed(answer, change.apply(answer), newer, update);
        }
    }
}
