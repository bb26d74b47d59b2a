package com.aipasta.projections.tool;

import com.aipasta.tool.api.event.ToolUsedEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import java.util.Map;

/**
 * Tool uses per user and tool, counted once each: a use moves its document only when it is newer, in the user's
 * sequence of tool uses, than the last one counted there.
 */
@Component
@ProcessingGroup(ToolUsageProjection.NAME)
public class ToolUsageProjection {

    public static final String NAME = "tool-usage";

    private final MongoTemplate mongo;

    public ToolUsageProjection(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @EventHandler
    void on(ToolUsedEvent event, @SequenceNumber long sequence) {
        String id = ToolUsageDocument.idOf(event.userId().value(), event.toolName());
        mongo.upsert(Query.query(Criteria.where("_id").is(id)), new Update()
                .setOnInsert("userId", event.userId().value())
                .setOnInsert("toolName", event.toolName())
                .setOnInsert("uses", 0L)
                .setOnInsert("usesByChannel", Map.of())
                .setOnInsert("totalDurationMicros", 0L)
                .setOnInsert("lastSequence", -1L), ToolUsageDocument.class);
        mongo.updateFirst(Query.query(Criteria.where("_id").is(id).and("lastSequence").lt(sequence)), new Update()
                .inc("uses", 1L)
                .inc("usesByChannel." + event.channel().name().toLowerCase(), 1L)
                .inc("totalDurationMicros", event.durationMicros())
                .set("lastUsedAt", event.usedAt())
                .set("lastSequence", sequence), ToolUsageDocument.class);
    }

    @ResetHandler
    void reset() {
        mongo.remove(new Query(), ToolUsageDocument.class);
    }
}
