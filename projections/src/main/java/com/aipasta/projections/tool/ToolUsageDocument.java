package com.aipasta.projections.tool;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.CompoundIndexes;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;
import java.util.Map;

/** One user's uses of one tool; {@code lastSequence} is the last of the user's tool events counted here. */
@Document(ToolUsageDocument.COLLECTION)
@CompoundIndexes({
        @CompoundIndex(name = "user", def = "{'userId': 1}"),
        @CompoundIndex(name = "tool", def = "{'toolName': 1}")
})
public record ToolUsageDocument(@Id String id, String userId, String toolName, long uses,
                                Map<String, Long> usesByChannel, long totalDurationMicros, Instant lastUsedAt,
                                long lastSequence) {

    public static final String COLLECTION = "tool_usage";

    public static String idOf(String userId, String toolName) {
        return userId + "/" + toolName;
    }
}
