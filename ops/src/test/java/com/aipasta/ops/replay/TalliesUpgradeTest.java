package com.aipasta.ops.replay;

import com.aipasta.ops.HttpApi;
import com.aipasta.ops.StandalonePlatform;
import com.aipasta.ops.chat.FakeProviders;
import com.aipasta.projections.analytics.ActiveUserDocument;
import com.aipasta.projections.analytics.AnalyticsTallyDocument;
import com.aipasta.projections.chat.UsageTallyDocument;
import com.aipasta.projections.leaderboard.LeaderboardTallyDocument;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;

import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A data directory whose answers, messages and analytics facts were stored before the leaderboard, the users' usage
 * and the admin analytics were kept as tallies shows them as soon as it starts, with no new event.
 */
class TalliesUpgradeTest {

    private static final String ADMIN = "root@upgrade.test";

    /** Today's facts are added up from the day's tallies, with an hour of the days before and after around them. */
    private static final String ANALYTICS = "/api/admin/analytics?from="
            + Instant.now().truncatedTo(ChronoUnit.DAYS).minus(23, ChronoUnit.HOURS) + "&to="
            + Instant.now().truncatedTo(ChronoUnit.DAYS).plus(25, ChronoUnit.HOURS);

    @TempDir
    Path dataDir;

    @Test
    void answersMessagesAndFactsStoredWithoutTalliesAreCountedRightAfterTheStart() {
        JsonNode ranked;
        JsonNode userStats;
        JsonNode chatStats;
        JsonNode adminStats;
        JsonNode analytics;
        String token;
        String adminToken;
        try (ConfigurableApplicationContext before = start()) {
            HttpApi api = StandalonePlatform.api(before);
            adminToken = api.post("/api/auth/register", Map.of("email", ADMIN, "password", "admin password",
                    "name", "Root"), null).data().path("token").asText();
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
            adminStats = api.get("/api/admin/stats", adminToken).data();
            assertThat(adminStats.path("allTime").path("turns").asLong()).isEqualTo(3);
            assertThat(adminStats.path("allTime").path("signups").asLong()).isEqualTo(2);
            analytics = api.get(ANALYTICS, adminToken).data();
            assertThat(analytics.path("totals").path("activeUsers").asLong()).isEqualTo(1);
            MongoTemplate readModels = before.getBean(MongoTemplate.class);
            readModels.remove(new Query(), LeaderboardTallyDocument.class);
            readModels.remove(new Query(), UsageTallyDocument.class);
            readModels.remove(new Query(), AnalyticsTallyDocument.class);
            readModels.remove(new Query(), ActiveUserDocument.class);
        }

        try (ConfigurableApplicationContext after = start()) {
            MongoTemplate readModels = after.getBean(MongoTemplate.class);
            assertThat(readModels.count(new Query(), LeaderboardTallyDocument.class)).isGreaterThanOrEqualTo(3);
            assertThat(readModels.count(new Query(), UsageTallyDocument.class)).isEqualTo(3);
            HttpApi api = StandalonePlatform.api(after);
            assertThat(api.get("/api/leaderboard?period=all", null).data().path("models")).isEqualTo(ranked);
            assertThat(api.get("/api/user/stats", token).data()).isEqualTo(userStats);
            assertThat(api.get("/api/chat/stats", token).data()).isEqualTo(chatStats);
            assertThat(api.get("/api/admin/stats", adminToken).data()).isEqualTo(adminStats);
            assertThat(api.get(ANALYTICS, adminToken).data()).isEqualTo(analytics);
        }
    }

    private ConfigurableApplicationContext start() {
        return StandalonePlatform.start(dataDir, "--aipasta.auth.admin-emails=" + ADMIN,
                "--aipasta.providers.openai-compatible.base-url=" + FakeProviders.localUrl(),
                "--aipasta.providers.openai-compatible.name=local");
    }
}
