package com.aipasta.projections.analytics;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;

/** One finished answer: {@code completed} or failed, and the tokens it was charged for. */
@Document(AnswerFact.COLLECTION)
public record AnswerFact(@Id String messageId, String userId, String modelId, String provider, boolean completed,
                         long tokens, @Indexed Instant endedAt) {

    public static final String COLLECTION = "analytics_answers";
}
