package com.aipasta.projections.tool;

import com.aipasta.account.api.value.UserId;
import com.aipasta.tool.api.event.ToolUsedEvent;
import com.aipasta.tool.api.value.ToolChannel;
import com.aipasta.tool.api.value.ToolUsageId;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ToolUsageProjectionTest {

    private static final UserId USER = new UserId("user-1");
    private static final ToolUsageId USAGE = ToolUsageId.of(USER);
    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

    private MongoServer server;
    private MongoClient client;
    private MongoTemplate mongo;
    private ToolUsageProjection projection;

    @BeforeEach
    void setUp() {
        server = new MongoServer(new MemoryBackend());
        client = MongoClients.create(server.bindAndGetConnectionString());
        mongo = new MongoTemplate(client, "projection-test");
        projection = new ToolUsageProjection(mongo);
    }

    @AfterEach
    void tearDown() {
        client.close();
        server.shutdownNow();
    }

    private static ToolUsedEvent used(String tool, ToolChannel channel, long micros, Instant at) {
        return new ToolUsedEvent(USAGE, USER, tool, "builtin", channel, micros, at);
    }

    @Test
    void countsEachUsePerToolAndChannel() {
        projection.on(used("hash", ToolChannel.HUB, 100, T), 0);
        projection.on(used("calculator", ToolChannel.PLUGIN, 50, T), 1);
        projection.on(used("hash", ToolChannel.MODEL, 300, T.plusSeconds(5)), 2);

        ToolUsageDocument hash = mongo.findById(ToolUsageDocument.idOf(USER.value(), "hash"), ToolUsageDocument.class);
        assertThat(hash.uses()).isEqualTo(2);
        assertThat(hash.usesByChannel()).isEqualTo(Map.of("hub", 1L, "model", 1L));
        assertThat(hash.totalDurationMicros()).isEqualTo(400);
        assertThat(hash.lastUsedAt()).isEqualTo(T.plusSeconds(5));
        assertThat(mongo.findById(ToolUsageDocument.idOf(USER.value(), "calculator"), ToolUsageDocument.class).uses())
                .isEqualTo(1);
    }

    @Test
    void aRedeliveredUseIsCountedOnce() {
        projection.on(used("hash", ToolChannel.HUB, 100, T), 0);
        projection.on(used("hash", ToolChannel.HUB, 100, T), 1);
        projection.on(used("hash", ToolChannel.HUB, 100, T), 1);
        projection.on(used("hash", ToolChannel.HUB, 100, T), 0);

        ToolUsageDocument hash = mongo.findById(ToolUsageDocument.idOf(USER.value(), "hash"), ToolUsageDocument.class);
        assertThat(hash.uses()).isEqualTo(2);
        assertThat(hash.totalDurationMicros()).isEqualTo(200);
    }

    @Test
    void aResetForgetsEveryUse() {
        projection.on(used("hash", ToolChannel.HUB, 100, T), 0);

        projection.reset();

        assertThat(mongo.findAll(ToolUsageDocument.class)).isEmpty();
    }
}
