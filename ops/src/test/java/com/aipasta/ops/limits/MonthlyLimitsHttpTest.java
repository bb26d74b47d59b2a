package com.aipasta.ops.limits;

import com.aipasta.ops.HttpApi;
import com.aipasta.ops.StandalonePlatform;
import com.aipasta.ops.TemporaryDirectories;
import com.aipasta.ops.chat.FakeProviders;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.aipasta.ops.chat.FakeProviders.COMPLETION_TOKENS;
import static com.aipasta.ops.chat.FakeProviders.FREE_MODEL;
import static com.aipasta.ops.chat.FakeProviders.PROMPT_TOKENS;
import static org.assertj.core.api.Assertions.assertThat;

/** A platform whose free plan allows three requests a month: the fourth turn is refused, and the profile says so. */
class MonthlyLimitsHttpTest {

    private static final String PASSWORD = "monthly limits passphrase";
    private static final long USED = PROMPT_TOKENS + COMPLETION_TOKENS;
    private static ConfigurableApplicationContext platform;
    private static HttpApi api;

    @BeforeAll
    static void start() throws IOException {
        List<String> settings = new ArrayList<>();
        StandalonePlatform.GENEROUS_LIMITS.forEach((name, value) -> settings.add("--" + name + "=" + value));
        settings.add("--aipasta.chat.monthly-limits.free.requests=3");
        settings.add("--aipasta.chat.monthly-limits.free.tokens=50000");
        settings.add("--aipasta.providers.openai-compatible.base-url=" + FakeProviders.localUrl());
        settings.add("--aipasta.providers.openai-compatible.name=local");
        platform = StandalonePlatform.start(TemporaryDirectories.create("aipasta-monthly-"),
                settings.toArray(String[]::new));
        api = StandalonePlatform.api(platform);
    }

    @AfterAll
    static void stop() {
        platform.close();
    }

    private static String register() {
        HttpApi.Reply reply = api.post("/api/auth/register", Map.of("email", "monthly-" + UUID.randomUUID()
                + "@example.com", "password", PASSWORD, "name", "Monthly"), null);
        assertThat(reply.status()).as(reply.body().toString()).isEqualTo(201);
        return reply.data().path("token").asText();
    }

    private static HttpApi.Reply turn(String token) {
        return api.post("/api/chat", Map.of("message", "Hello", "modelId", FREE_MODEL), token);
    }

    @Test
    void theTurnBeyondTheMonthsRequestsIsRefusedWithTheResetTimeAndNoProviderCall() {
        String token = register();
        for (int i = 0; i < 3; i++) {
            assertThat(turn(token).status()).isEqualTo(200);
        }
        int calls = FakeProviders.completionRequests().size();

        HttpApi.Reply refused = turn(token);

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.code()).isEqualTo("MONTHLY_LIMIT_EXCEEDED");
        String nextMonth = YearMonth.now(ZoneOffset.UTC).plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC)
                .toInstant().toString();
        JsonNode details = refused.body().path("details");
        assertThat(details.path("resetTime").asText()).isEqualTo(nextMonth);
        assertThat(details.path("limit").asText()).isEqualTo("monthlyRequests");
        assertThat(details.path("max").asInt()).isEqualTo(3);
        assertThat(details.path("used").asInt()).isEqualTo(3);
        assertThat(details.path("user").path("tokens").path("balance").asLong()).isEqualTo(10_000 - 3 * USED);
        assertThat(FakeProviders.completionRequests()).hasSize(calls);
    }

    @Test
    void theProfileShowsEveryLimitAndWhatOfItIsUsed() {
        String token = register();
        assertThat(turn(token).status()).isEqualTo(200);
        assertThat(turn(token).status()).isEqualTo(200);

        JsonNode user = api.get("/api/auth/me", token).data().path("user");

        assertThat(user.path("email").asText()).startsWith("monthly-");
        JsonNode limits = user.path("limits");
        assertThat(limits.path("plan").asText()).isEqualTo("free");
        assertThat(limits.path("dailyRequests").path("standard").asInt()).isEqualTo(20);
        assertThat(limits.path("dailyRequests").path("premium").asInt()).isEqualTo(5);
        assertThat(limits.path("monthlyRequests").asInt()).isEqualTo(3);
        assertThat(limits.path("tokensPerMonth").asLong()).isEqualTo(50_000);
        JsonNode usage = user.path("usage");
        assertThat(usage.path("dailyRequests").path("standard").asInt()).isEqualTo(2);
        assertThat(usage.path("dailyRequests").path("premium").asInt()).isZero();
        assertThat(usage.path("monthlyRequests").asInt()).isEqualTo(2);
        assertThat(usage.path("tokensPerMonth").asLong()).isEqualTo(2 * USED);
        assertThat(usage.path("concurrentStreams").asInt()).isZero();
        assertThat(usage.path("month").asText()).isEqualTo(YearMonth.now(ZoneOffset.UTC).toString());
        assertThat(usage.path("day").asText()).isEqualTo(LocalDate.now(ZoneOffset.UTC).toString());
        assertThat(usage.path("monthlyResetTime").asText()).isEqualTo(YearMonth.now(ZoneOffset.UTC).plusMonths(1)
                .atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant().toString());
    }
}
