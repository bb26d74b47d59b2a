package com.aipasta.projections.leaderboard;

import com.aipasta.chat.api.value.PromptCategory;
import com.aipasta.chat.api.value.Vote;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.CompoundIndexes;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;

/**
 * One answer as the leaderboard counts it, keyed by its message id. Latency and time to first token are known for
 * completed answers only; {@code vote} is the owner's latest. The tallies of an hour are counted again from the
 * answers that ended in it when they must be (see {@code LeaderboardBatch}).
 * {@code comparisonId} is shared by the answers of one comparison (null outside them).
 */
@Document(LeaderboardAnswerDocument.COLLECTION)
@CompoundIndexes({
        @CompoundIndex(name = "ended", def = "{'endedAt': -1}"),
        @CompoundIndex(name = "comparison", def = "{'comparisonId': 1}")
})
public record LeaderboardAnswerDocument(@Id String id, String sessionId, String modelId, String provider,
                                        PromptCategory category, AnswerOutcome outcome, Instant startedAt,
                                        Instant endedAt, Long latencyMs, Long timeToFirstTokenMs, Long totalTokens,
                                        Vote vote, long lastSequence, String comparisonId) {

    public static final String COLLECTION = "leaderboard_answers";

    public LeaderboardAnswerDocument(String id, String sessionId, String modelId, String provider,
                                     PromptCategory category, AnswerOutcome outcome, Instant startedAt,
                                     Instant endedAt, Long latencyMs, Long timeToFirstTokenMs, Long totalTokens,
                                     Vote vote, long lastSequence) {
        this(id, sessionId, modelId, provider, category, outcome, startedAt, endedAt, latencyMs, timeToFirstTokenMs,
                totalTokens, vote, lastSequence, null);
    }

    public boolean ended() {
        return outcome != AnswerOutcome.GENERATING;
    }
}
