package com.aipasta.ops.auth;

import com.aipasta.ops.HttpApi;
import com.aipasta.ops.StandalonePlatform;
import com.aipasta.ops.storage.DatabaseConnection;
import com.aipasta.ops.storage.DatabaseProperties;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import org.awaitility.core.ConditionTimeoutException;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

/**
 * The platform is killed (SIGKILL) at random instants of bursts of sign-ups; on the platform that comes back, every
 * address either has a working account with its password or is free to register again: none is left claimed with no
 * account, and no account is half built. An address left neither fails the test with what the platform last answered
 * for it and what the database holds of it; the platform's log is kept.
 */
class RegistrationCrashTest {

    private static final String PASSWORD = "crash burst passphrase";
    private static final int ROUNDS = 2;
    private static final int SIGN_UPS_PER_ROUND = 40;

    @TempDir
    Path dataDir;

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path logs;

    private final Map<String, String> lastAnswers = new ConcurrentHashMap<>();

    @Test
    void everyAddressOfAKilledSignUpBurstEndsWithAWorkingAccountOrFree() throws Exception {
        Random random = new Random();
        long seed = random.nextLong();
        random.setSeed(seed);
        List<String> emails = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            Process platform = start();
            HttpApi api = StandalonePlatform.api(platform);
            ExecutorService clients = Executors.newFixedThreadPool(8);
            for (int i = 0; i < SIGN_UPS_PER_ROUND; i++) {
                String email = "burst-" + round + "-" + i + "@example.com";
                emails.add(email);
                clients.submit(() -> {
                    try {
                        api.post("/api/auth/register", Map.of("email", email, "password", PASSWORD, "name", "Burst"),
                                null);
                    } catch (RuntimeException cutOffByTheKill) {
                        // the platform died under this request
                    }
                });
            }
            Thread.sleep(200 + random.nextInt(2500));
            StandalonePlatform.kill(platform);
            clients.shutdownNow();
            assertThat(clients.awaitTermination(2, TimeUnit.MINUTES)).isTrue();
        }

        Process revived = start();
        String stuck = null;
        try {
            HttpApi api = StandalonePlatform.api(revived);
            for (String email : emails) {
                try {
                    await(email).atMost(Duration.ofMinutes(3)).pollDelay(Duration.ZERO)
                            .pollInterval(Duration.ofMillis(500)).until(() -> worksOrIsFree(api, email));
                } catch (ConditionTimeoutException neither) {
                    stuck = email;
                    break;
                }
            }
        } finally {
            StandalonePlatform.kill(revived);
        }
        if (stuck != null) {
            fail(stuck + " (seed " + seed + ") is neither working nor free: " + lastAnswers.get(stuck)
                    + "; stored: " + storedStateOf(stuck) + "; the platform's log is " + logs.resolve("platform.log"));
        }
    }

    /**
     * A working account logs in and reads its profile and wallet; a free address registers anew. A login refused for
     * an address that has no account yet (401, or 429 once its failures lock it) says nothing of the address, so
     * then only a registration tells.
     */
    private boolean worksOrIsFree(HttpApi api, String email) {
        HttpApi.Reply login = api.post("/api/auth/login", Map.of("email", email, "password", PASSWORD), null);
        if (login.status() == 200) {
            String token = login.data().path("token").asText();
            HttpApi.Reply me = api.get("/api/auth/me", token);
            HttpApi.Reply wallet = api.get("/api/user/wallet", token);
            lastAnswers.put(email, "login 200, me " + me.status() + " " + me.body() + ", wallet " + wallet.status()
                    + " " + wallet.body());
            return me.status() == 200 && email.equals(me.data().path("user").path("email").asText())
                    && wallet.status() == 200;
        }
        HttpApi.Reply again = api.post("/api/auth/register",
                Map.of("email", email, "password", PASSWORD, "name", "Again"), null);
        lastAnswers.put(email, "login " + login.status() + " " + login.body() + ", register " + again.status() + " "
                + again.body());
        return again.status() == 201;
    }

    /** The address's claim, the events of its claimant's account and wallet, and the read models showing them. */
    private String storedStateOf(String email) throws Exception {
        try (DatabaseConnection connection = DatabaseConnection.open(new DatabaseProperties("", "aipasta", dataDir, 0,
                Duration.ofMillis(100), 16, Duration.ofSeconds(5), Duration.ofSeconds(10)))) {
            MongoDatabase database = connection.client().getDatabase(connection.database());
            Document claim = database.getCollection("email_claims").find(Filters.eq("_id", lookupHash(email)))
                    .first();
            if (claim == null) {
                return "no claim";
            }
            String userId = claim.getString("userId");
            StringBuilder state = new StringBuilder("claim ").append(claim.toJson()).append(", events [");
            for (Document event : database.getCollection("domainevents")
                    .find(Filters.in("aggregateIdentifier", userId, "wallet-" + userId))) {
                state.append(event.getString("aggregateIdentifier")).append('#').append(event.get("sequenceNumber"))
                        .append(' ').append(event.getString("payloadType")).append("; ");
            }
            state.append("], read models");
            for (String collection : List.of("user_credentials", "users", "wallets")) {
                state.append(' ').append(collection).append('=')
                        .append(database.getCollection(collection).countDocuments(Filters.eq("_id", userId)));
            }
            return state.toString();
        }
    }

    private String lookupHash(String email) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Files.readString(dataDir.resolve("secrets").resolve("email-lookup-key")).trim()
                .getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(email.getBytes(StandardCharsets.UTF_8)));
    }

    private Process start() {
        return StandalonePlatform.startProcess(dataDir, logs.resolve("platform.log"),
                "--aipasta.auth.registration-timeout=2s");
    }
}
