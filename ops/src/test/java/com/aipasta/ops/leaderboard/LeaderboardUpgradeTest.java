package com.aipasta.ops.leaderboard;

import com.aipasta.ops.HttpApi;
import com.aipasta.ops.StandalonePlatform;
import com.aipasta.ops.chat.FakeProviders;
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

/** A data directory whose answers were stored before the leaderboard kept tallies shows them as soon as it starts. */
class LeaderboardUpgradeTest {

    @TempDir
    Path dataDir;

    @Test
    void answersStoredWithoutTalliesAreRankedRightAfterTheStart() {
        JsonNode ranked;
        try (ConfigurableApplicationContext before = start()) {
            HttpApi api = StandalonePlatform.api(before);
            String token = api.post("/api/auth/register", Map.of("email", "ranked@example.com",
                    "password", "ranked password", "name", "Ranked"), null).data().path("token").asText();
            for (int turn = 0; turn < 3; turn++) {
                assertThat(api.post("/api/chat", Map.of("message", "Hello " + turn, "modelId",
                        FakeProviders.FREE_MODEL), token).status()).isEqualTo(200);
            }
            ranked = api.get("/api/leaderboard?period=all", null).data().path("models");
            assertThat(ranked.path(0).path("uses").asLong()).isEqualTo(3);
            before.getBean(MongoTemplate.class).remove(new Query(), LeaderboardTallyDocument.class);
        }

        try (ConfigurableApplicationContext after = start()) {
            assertThat(after.getBean(MongoTemplate.class).count(new Query(), LeaderboardTallyDocument.class))
                    .isGreaterThanOrEqualTo(3);
            assertThat(StandalonePlatform.api(after).get("/api/leaderboard?period=all", null).data().path("models"))
                    .isEqualTo(ranked);
        }
    }

    private ConfigurableApplicationContext start() {
        return StandalonePlatform.start(dataDir,
                "--aipasta.providers.openai-compatible.base-url=" + FakeProviders.localUrl(),
                "--aipasta.providers.openai-compatible.name=local");
    }
}
