package com.aipasta.command.chat.turn;

import com.aipasta.account.api.value.UserId;
import com.aipasta.chat.api.value.SessionId;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The answers this process is generating, and their checkpoints: every few hundred milliseconds the text of each
 * changed answer is saved, so a crash loses at most that much and another node can show what was generated.
 */
@Component
public class LiveGenerations {

    static final String CHECKPOINTS = "answer_checkpoints";

    private final Map<String, Generation> generations = new ConcurrentHashMap<>();
    private final MongoTemplate mongo;
    private final Clock clock;

    public LiveGenerations(MongoTemplate mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
    }

    Generation begin(SessionId sessionId, UserId ownerId, String messageId, ModelChoice choice) {
        Generation generation = new Generation(sessionId, ownerId, messageId, choice);
        generations.put(messageId, generation);
        return generation;
    }

    void end(Generation generation) {
        generations.remove(generation.messageId());
        mongo.remove(Query.query(Criteria.where("_id").is(generation.messageId())), CHECKPOINTS);
    }

    public Optional<Generation> find(String messageId) {
        return Optional.ofNullable(generations.get(messageId));
    }

    Collection<Generation> all() {
        return generations.values();
    }

    /** The last saved text of an answer generated anywhere, or empty text. */
    public Generation.Text checkpoint(String messageId) {
        Document saved = mongo.findById(messageId, Document.class, CHECKPOINTS);
        return saved == null ? new Generation.Text("", null)
                : new Generation.Text(saved.getString("content"), saved.getString("thoughts"));
    }

    @Scheduled(fixedDelayString = "${aipasta.chat.checkpoint-interval:500ms}")
    void saveCheckpoints() {
        for (Generation generation : generations.values()) {
            Generation.Text text = generation.textToCheckpoint();
            if (text != null && !generation.ended()) {
                mongo.save(new Document("_id", generation.messageId())
                        .append("sessionId", generation.sessionId().value())
                        .append("content", text.content())
                        .append("thoughts", text.thoughts())
                        .append("savedAt", clock.instant()), CHECKPOINTS);
            }
        }
    }
}
