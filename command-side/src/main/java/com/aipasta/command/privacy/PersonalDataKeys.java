package com.aipasta.command.privacy;

import com.aipasta.account.api.event.UserDeletedEvent;
import com.aipasta.command.config.NodeState;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.bson.Document;
import org.bson.types.Binary;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.FindAndReplaceOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.Optional;

/**
 * The key store of crypto-shredding: one random 256-bit AES key per user, created the first time personal data of
 * that user is written, in the {@code personal_data_keys} collection. Shredding replaces the key with a tombstone, so
 * nothing encrypted under it can be read again, and personal data written for that user afterwards is dropped
 * rather than encrypted under a fresh key.
 * <p>
 * Keys are held in memory for {@code PERSONAL_DATA_KEY_CACHE_TTL} so that writing and reading events rarely touches
 * the store. A shred evicts this process's copy at once, and every other node's as soon as its state processor
 * ({@link NodeState}) sees the deletion; the expiry bounds how long a node that misses it keeps its copy.
 */
@Component
@ProcessingGroup(NodeState.PROCESSING_GROUP)
public class PersonalDataKeys {

    static final String COLLECTION = "personal_data_keys";
    private static final String KEY = "key";
    private static final int KEY_BYTES = 32;
    private static final long MAX_CACHED_KEYS = 100_000;

    /** A user's key, or the mark that it was shredded. */
    private record Held(SecretKey key) {
        static final Held SHREDDED = new Held(null);
    }

    private final MongoTemplate mongo;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Cache<String, Held> cache;

    public PersonalDataKeys(MongoTemplate mongo, Clock clock,
                            @Value("${aipasta.privacy.key-cache-ttl:1m}") Duration cacheTtl) {
        this.mongo = mongo;
        this.clock = clock;
        this.cache = Caffeine.newBuilder().maximumSize(MAX_CACHED_KEYS).expireAfterWrite(cacheTtl).build();
    }

    /** The user's key to read with; empty once it is shredded (or for a user who never had one). */
    public Optional<SecretKey> toDecrypt(String userId) {
        return Optional.ofNullable(cache.get(userId, this::stored)).map(Held::key);
    }

    /** The user's key to write with, created on first need; empty once it is shredded. */
    public Optional<SecretKey> toEncrypt(String userId) {
        Held held = cache.get(userId, this::storedOrCreated);
        return Optional.ofNullable(held.key());
    }

    /**
     * Deletes the user's key for good; what was encrypted under it reads as erased from now on. A load of the key
     * racing with this finishes before the tombstone is cached, so the tombstone is what stays.
     */
    public void shred(String userId) {
        mongo.findAndReplace(Query.query(Criteria.where("_id").is(userId)),
                new Document("_id", userId).append("shreddedAt", Date.from(clock.instant())),
                FindAndReplaceOptions.options().upsert(), Document.class, COLLECTION);
        cache.put(userId, Held.SHREDDED);
    }

    /** The deletion's own request shreds at once; this covers a process that stopped before it could. */
    @EventHandler
    @DisallowReplay
    void on(UserDeletedEvent event) {
        shred(event.userId().value());
    }

    private Held storedOrCreated(String userId) {
        Held stored = stored(userId);
        if (stored != null) {
            return stored;
        }
        byte[] key = new byte[KEY_BYTES];
        random.nextBytes(key);
        try {
            mongo.insert(new Document("_id", userId).append(KEY, new Binary(key))
                    .append("createdAt", Date.from(clock.instant())), COLLECTION);
            return new Held(aes(key));
        } catch (DuplicateKeyException createdElsewhere) {
            return stored(userId);
        }
    }

    private Held stored(String userId) {
        Document document = mongo.findById(userId, Document.class, COLLECTION);
        if (document == null) {
            return null;
        }
        Binary key = document.get(KEY, Binary.class);
        return key == null ? Held.SHREDDED : new Held(aes(key.getData()));
    }

    private static SecretKey aes(byte[] key) {
        return new SecretKeySpec(key, "AES");
    }
}
