package com.aipasta.projections.leaderboard;

import com.aipasta.chat.api.event.AssistantMessageCompletedEvent;
import com.aipasta.chat.api.event.AssistantMessageFailedEvent;
import com.aipasta.chat.api.event.AssistantMessageStartedEvent;
import com.aipasta.chat.api.event.MessageRatedEvent;
import com.aipasta.chat.api.value.PromptCategory;
import com.aipasta.projections.ReadModelBatch;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * The answers the leaderboard ranks models by: one document per answer, its model, category, outcome, measures and
 * latest vote. Leaderboards are folded from these at read time, so no counter can drift: an answer is created once
 * and each later event only sets fields, and only when it is newer than the last one folded into the answer.
 */
@Component
@ProcessingGroup(LeaderboardProjection.NAME)
public class LeaderboardProjection {

    public static final String NAME = "leaderboard";

    private final MongoTemplate mongo;

    public LeaderboardProjection(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @EventHandler
    void on(AssistantMessageStartedEvent event, @SequenceNumber long sequence) {
        ReadModelBatch.current(mongo).upsert(LeaderboardAnswerDocument.class,
                Query.query(Criteria.where("_id").is(event.messageId())), new Update()
                        .setOnInsert("sessionId", event.sessionId().value())
                        .setOnInsert("modelId", event.model().modelId())
                        .setOnInsert("provider", event.model().provider())
                        .setOnInsert("category", PromptCategory.orGeneral(event.category()))
                        .setOnInsert("outcome", AnswerOutcome.GENERATING)
                        .setOnInsert("startedAt", event.startedAt())
                        .setOnInsert("comparisonId", event.comparisonId())
                        .setOnInsert("lastSequence", sequence));
    }

    @EventHandler
    void on(AssistantMessageCompletedEvent event, @SequenceNumber long sequence) {
        update(event.messageId(), sequence, new Update()
                .set("outcome", AnswerOutcome.COMPLETED)
                .set("endedAt", event.completedAt())
                .set("latencyMs", event.latencyMs())
                .set("timeToFirstTokenMs", event.timeToFirstTokenMs())
                .set("totalTokens", event.usage().totalTokens()));
    }

    @EventHandler
    void on(AssistantMessageFailedEvent event, @SequenceNumber long sequence) {
        update(event.messageId(), sequence, new Update()
                .set("outcome", AnswerOutcome.FAILED)
                .set("endedAt", event.failedAt())
                .set("totalTokens", event.usage().totalTokens()));
    }

    @EventHandler
    void on(MessageRatedEvent event, @SequenceNumber long sequence) {
        update(event.messageId(), sequence, new Update().set("vote", event.vote()));
    }

    @ResetHandler
    void reset() {
        mongo.remove(new Query(), LeaderboardAnswerDocument.class);
    }

    private void update(String messageId, long sequence, Update update) {
        ReadModelBatch.current(mongo).updateFirst(LeaderboardAnswerDocument.class,
                Query.query(Criteria.where("_id").is(messageId).and("lastSequence").lt(sequence)),
                update.set("lastSequence", sequence));
    }
}
