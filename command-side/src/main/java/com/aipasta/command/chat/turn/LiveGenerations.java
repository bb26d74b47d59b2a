package com.aipasta.command.chat.turn;

import com.aipasta.account.api.value.UserId;
import com.aipasta.chat.api.value.SessionId;
import com.aipasta.command.auth.AbuseLimitsProperties;
import com.aipasta.command.auth.RateLimitedException;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The answers this process is generating, and their checkpoints: every few hundred milliseconds the text of each
 * changed answer is saved, so a crash loses at most that much and another node can show what was generated. An answer
 * that ends before its first checkpoint costs no write to them.
 */
@Component
public class LiveGenerations {

    static final String CHECKPOINTS = "answer_checkpoints";

    private static final Duration STREAM_RETRY_AFTER = Duration.ofSeconds(5);

    private final Map<String, Generation> generations = new ConcurrentHashMap<>();
    private final Map<UserId, Integer> streamsPerUser = new ConcurrentHashMap<>();
    private final MongoTemplate mongo;
    private final AbuseLimitsProperties limits;
    private final Clock clock;

    public LiveGenerations(MongoTemplate mongo, AbuseLimitsProperties limits, Clock clock) {
        this.mongo = mongo;
        this.limits = limits;
        this.clock = clock;
    }

    /**
     * Counts a stream the user is about to start, refusing one beyond the plan's limit of concurrent streams; the
     * count drops when its generation ends, or by {@link #leave} when the turn fails before it begins.
     */
    void admit(UserId ownerId, String plan) {
        int limit = limits.concurrentStreams(plan);
        streamsPerUser.compute(ownerId, (owner, streams) -> {
            int current = streams == null ? 0 : streams;
            if (current >= limit) {
                throw new RateLimitedException("You already have " + limit
                        + " answers generating; wait for one to finish", STREAM_RETRY_AFTER, clock.instant());
            }
            return current + 1;
        });
    }

    /** The answers the user has generating in this process. */
    public int streamsOf(UserId ownerId) {
        return streamsPerUser.getOrDefault(ownerId, 0);
    }

    void leave(UserId ownerId) {
        streamsPerUser.computeIfPresent(ownerId, (owner, streams) -> streams <= 1 ? null : streams - 1);
    }

    Generation begin(SessionId sessionId, UserId ownerId, String messageId, ModelChoice choice) {
        Generation generation = new Generation(sessionId, ownerId, messageId, choice);
        generations.put(messageId, generation);
        return generation;
    }

    void end(Generation generation) {
        if (generations.remove(generation.messageId()) != null) {
            leave(generation.ownerId());
        }
        if (generation.closeCheckpoints()) {
            mongo.remove(Query.query(Criteria.where("_id").is(generation.messageId())), CHECKPOINTS);
        }
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
            generation.checkpoint(text -> mongo.save(new Document("_id", generation.messageId())
                    .append("sessionId", generation.sessionId().value())
                    .append("content", text.content())
                    .append("thoughts", text.thoughts())
                    .append("savedAt", clock.instant()), CHECKPOINTS));
        }
    }
}
