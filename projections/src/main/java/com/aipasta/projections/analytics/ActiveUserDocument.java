package com.aipasta.projections.analytics;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * A user who had an answer end on a UTC day ({@code span} {@link AnalyticsTallyDocument#DAY}, {@code day} its start),
 * or ever ({@link AnalyticsTallyDocument#ALL}, no day): a period's active users are the distinct users of its days.
 */
@Document(ActiveUserDocument.COLLECTION)
@CompoundIndex(name = "span_day", def = "{'span': 1, 'day': 1}")
public record ActiveUserDocument(@Id String id, String span, Instant day, String userId) {

    public static final String COLLECTION = "analytics_active_users";

    static ActiveUserDocument ever(String userId) {
        return new ActiveUserDocument(AnalyticsTallyDocument.ALL + ":" + userId, AnalyticsTallyDocument.ALL, null,
                userId);
    }

    static ActiveUserDocument on(Instant day, String userId) {
        String id = AnalyticsTallyDocument.DAY + ":" + LocalDate.ofInstant(day, ZoneOffset.UTC) + ":" + userId;
        return new ActiveUserDocument(id, AnalyticsTallyDocument.DAY, day, userId);
    }
}
