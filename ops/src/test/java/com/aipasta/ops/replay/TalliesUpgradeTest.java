package com.aipasta.ops.replay;

import com.aipasta.ops.HttpApi;
import com.aipasta.ops.StandalonePlatform;
import com.aipasta.ops.chat.FakeProviders;
import com.aipasta.projections.chat.UsageTallyDocument;
import com.aipasta.projections.leaderboard.LeaderboardTallyDocument;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A data directory whose answers and messages were stored before the leaderboard and the users' usage were kept as
 * tallies shows them as soon as it starts, with no new event.
 */
class TalliesUpgradeTest {

    @TempDir
    Path dataDir;

    @Test
    void answersAndMessagesStoredWithoutTalliesAreCountedRightAfterTheStart() {
        JsonNode ranked;
        JsonNode userStats;
        JsonNode chatStats;
        String token;
        try (ConfigurableApplicationContext before = start()) {
            HttpApi api = StandalonePlatform.api(before);
            token = api.post("/api/auth/register", Map.of("email", "ranked@example.com",
                    "password", "ranked password", "name", "Ranked"), null).data().path("token").asText();
            for (int turn = 0; turn < 3; turn++) {
                assertThat(api.post("/api/chat", Map.of("message", "Hello " + turn, "modelId",
                        FakeProviders.FREE_MODEL), token).status()).isEqualTo(200);
            }
            ranked = api.get("/api/leaderboard?period=all", null).data().path("models");
            assertThat(ranked.path(0).path("uses").asLong()).isEqualTo(3);
            userStats = api.get("/api/user/stats", token).data();
            assertThat(userStats.path("answers").asLong()).isEqualTo(3);
            chatStats = api.get("/api/chat/stats", token).data();
            assertThat(chatStats.path("messages").asLong()).isEqualTo(6);
            MongoTemplate readModels = before.getBean(MongoTemplate.class);
            readModels.remove(new Query(), LeaderboardTallyDocument.class);
            readModels.remove(new Query(), UsageTallyDocument.class);
        }

        try (ConfigurableApplicationContext after = start()) {
            MongoTemplate readModels = after.getBean(MongoTemplate.class);
            assertThat(readModels.count(new Query(), LeaderboardTallyDocument.class)).isGreaterThanOrEqualTo(3);
            assertThat(readModels.count(new Query(), UsageTallyDocument.class)).isEqualTo(3);
            HttpApi api = StandalonePlatform.api(after);
            assertThat(api.get("/api/leaderboard?period=all", null).data().path("models")).isEqualTo(ranked);
            assertThat(api.get("/api/user/stats", token).data()).isEqualTo(userStats);
            assertThat(api.get("/api/chat/stats", token).data()).isEqualTo(chatStats);
        }
    }

    private ConfigurableApplicationContext start() {
        return StandalonePlatform.start(dataDir,
                "--aipasta.providers.openai-compatible.base-url=" + FakeProviders.localUrl(),
                "--aipasta.providers.openai-compatible.name=local");
    }
}
