package com.aipasta.command.auth;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;

import static org.assertj.core.api.Assertions.assertThat;

/** Tokens logged out before logout was an event stay logged out after the upgrade. */
class LegacyRevokedTokensTest {

    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private MongoServer server;
    private MongoClient client;
    private MongoTemplate mongo;

    @BeforeEach
    void setUp() {
        server = new MongoServer(new MemoryBackend());
        client = MongoClients.create(server.bindAndGetConnectionString());
        mongo = new MongoTemplate(client, "legacy-test");
    }

    @AfterEach
    void tearDown() {
        client.close();
        server.shutdownNow();
    }

    @Test
    void theTokensOfTheOldCollectionAreStillRefused() {
        mongo.insert(new Document("_id", "token-1").append("expiresAt", Date.from(NOW.plusSeconds(60))),
                LegacyRevokedTokens.COLLECTION);

        LegacyRevokedTokens legacy = new LegacyRevokedTokens(mongo, CLOCK);

        assertThat(legacy.contains("token-1")).isTrue();
        assertThat(legacy.contains("token-2")).isFalse();
    }

    @Test
    void recordsOfTokensThatHaveExpiredAnywayAreRemoved() {
        mongo.insert(new Document("_id", "expired").append("expiresAt", Date.from(NOW.minusSeconds(1))),
                LegacyRevokedTokens.COLLECTION);
        mongo.insert(new Document("_id", "live").append("expiresAt", Date.from(NOW.plusSeconds(60))),
                LegacyRevokedTokens.COLLECTION);

        new LegacyRevokedTokens(mongo, CLOCK);

        assertThat(mongo.findAll(Document.class, LegacyRevokedTokens.COLLECTION))
                .extracting(record -> record.get("_id")).containsExactly("live");
    }

    @Test
    void aPlatformThatNeverHadThemRefusesNone() {
        assertThat(new LegacyRevokedTokens(mongo, CLOCK).contains("token-1")).isFalse();
    }
}
