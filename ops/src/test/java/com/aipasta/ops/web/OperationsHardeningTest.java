package com.aipasta.ops.web;

import com.aipasta.ops.HttpApi;
import com.aipasta.ops.StandalonePlatform;
import com.aipasta.ops.TemporaryDirectories;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Metrics behind a token, cross-origin calls from listed origins only, an owner-only data directory. */
class OperationsHardeningTest {

    private static final String SCRAPE_TOKEN = "scrape-" + UUID.randomUUID();
    private static final String ALLOWED_ORIGIN = "https://app.example";
    private static final String ADMIN = "ops-admin@example.com";
    private static final String PASSWORD = "operations passphrase";
    private static Path dataDir;
    private static ConfigurableApplicationContext platform;
    private static HttpApi api;

    @BeforeAll
    static void start() throws IOException {
        dataDir = TemporaryDirectories.create("aipasta-ops-hardening-").resolve("data");
        platform = StandalonePlatform.start(dataDir,
                "--aipasta.web-security.prometheus-token=" + SCRAPE_TOKEN,
                "--aipasta.web-security.allowed-origins=" + ALLOWED_ORIGIN + ", https://other.example",
                "--aipasta.auth.admin-emails=" + ADMIN);
        api = StandalonePlatform.api(platform);
    }

    @AfterAll
    static void stop() {
        platform.close();
    }

    private static String register(String email) {
        HttpApi.Reply reply = api.post("/api/auth/register", Map.of("email", email, "password", PASSWORD,
                "name", "Ops"), null);
        assertThat(reply.status()).as(reply.body().toString()).isEqualTo(201);
        return reply.data().path("token").asText();
    }

    private static HttpApi.Reply scrape(String authorization) {
        HttpRequest.Builder request = api.request("/actuator/prometheus", null).header("Accept", "text/plain").GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return api.send(request);
    }

    @Test
    void prometheusMetricsNeedTheScrapeTokenOrAnAdministrator() {
        String user = register("ops-user-" + UUID.randomUUID() + "@example.com");
        String admin = register(ADMIN);

        assertThat(scrape(null).status()).isEqualTo(401);
        assertThat(scrape("Bearer " + user).status()).isEqualTo(403);
        assertThat(scrape("Bearer not-" + SCRAPE_TOKEN).status()).isEqualTo(401);
        HttpApi.Reply scraped = scrape("Bearer " + SCRAPE_TOKEN);
        assertThat(scraped.status()).isEqualTo(200);
        assertThat(scraped.raw().body()).contains("# HELP", "aipasta_turn_hold_lag_seconds ",
                "aipasta_turn_hold_lag_limit_seconds 10.0", "aipasta_turn_hold_events_behind ",
                "aipasta_turn_hold_events_limit 24000.0", "aipasta_turns_held_total ", "aipasta_turns_refused_total ");
        assertThat(scrape("Bearer " + admin).status()).isEqualTo(200);
        assertThat(api.get("/actuator/metrics", null).status()).isEqualTo(401);
        HttpApi.Reply tokenElsewhere = api.send(api.request("/api/auth/me", null)
                .header("Authorization", "Bearer " + SCRAPE_TOKEN).GET());
        assertThat(tokenElsewhere.status()).isEqualTo(401);
    }

    private static HttpApi.Reply preflight(String origin) {
        return api.send(api.request("/api/auth/me", null).header("Origin", origin)
                .header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Headers", "authorization")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
    }

    @Test
    void onlyListedOriginsMayCallAcrossOriginsAndTheirPreflightNeedsNoToken() {
        HttpApi.Reply allowed = preflight(ALLOWED_ORIGIN);
        HttpApi.Reply refused = preflight("https://evil.example");

        assertThat(allowed.status()).isEqualTo(200);
        assertThat(allowed.raw().headers().firstValue("Access-Control-Allow-Origin")).contains(ALLOWED_ORIGIN);
        assertThat(allowed.raw().headers().firstValue("Access-Control-Allow-Credentials")).contains("true");
        assertThat(allowed.raw().headers().firstValue("Access-Control-Allow-Methods").orElseThrow()).contains("GET");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.raw().headers().firstValue("Access-Control-Allow-Origin")).isEmpty();

        HttpApi.Reply plans = api.send(api.request("/api/plans", null).header("Origin", ALLOWED_ORIGIN).GET());
        assertThat(plans.status()).isEqualTo(200);
        assertThat(plans.raw().headers().firstValue("Access-Control-Allow-Origin")).contains(ALLOWED_ORIGIN);
        assertThat(plans.raw().headers().firstValue("Access-Control-Allow-Credentials")).contains("true");
        HttpApi.Reply foreign = api.send(api.request("/api/plans", null).header("Origin", "https://evil.example")
                .GET());
        assertThat(foreign.raw().headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void theDataDirectoryAndItsFilesAreTheOwnersAlone() throws IOException {
        register("ops-perm-" + UUID.randomUUID() + "@example.com");

        assertThat(permissions(dataDir)).isEqualTo("rwx------");
        assertThat(permissions(dataDir.resolve("aipasta.mv.db"))).isEqualTo("rw-------");
        assertThat(permissions(dataDir.resolve("secrets"))).isEqualTo("rwx------");
        try (Stream<Path> files = Files.walk(dataDir)) {
            for (Path path : files.toList()) {
                assertThat(permissions(path)).as(path.toString())
                        .isEqualTo(Files.isDirectory(path) ? "rwx------" : "rw-------");
            }
        }
    }

    private static String permissions(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
