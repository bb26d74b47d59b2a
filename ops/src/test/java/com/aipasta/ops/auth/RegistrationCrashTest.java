package com.aipasta.ops.auth;

import com.aipasta.ops.HttpApi;
import com.aipasta.ops.StandalonePlatform;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The platform is killed (SIGKILL) at random instants of bursts of sign-ups; on the platform that comes back, every
 * address either has a working account with its password or is free to register again: none is left claimed with no
 * account, and no account is half built.
 */
class RegistrationCrashTest {

    private static final String PASSWORD = "crash burst passphrase";
    private static final int ROUNDS = 2;
    private static final int SIGN_UPS_PER_ROUND = 40;

    @TempDir
    Path dataDir;

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path logs;

    @Test
    @Disabled("Fails intermittently since the write side decides from memory: after a restart an address of a killed "
            + "sign-up burst can stay neither working nor free; the cause is not found yet")
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
        try {
            HttpApi api = StandalonePlatform.api(revived);
            for (String email : emails) {
                await(email + " (seed " + seed + ")").atMost(Duration.ofMinutes(3))
                        .pollInterval(Duration.ofMillis(500)).until(() -> worksOrIsFree(api, email));
            }
        } finally {
            StandalonePlatform.kill(revived);
        }
    }

    /**
     * A working account logs in and reads its profile and wallet; a free address registers anew. A login refused for
     * an address that has no account yet (401, or 429 once its failures lock it) says nothing of the address, so
     * then only a registration tells.
     */
    private static boolean worksOrIsFree(HttpApi api, String email) {
        HttpApi.Reply login = api.post("/api/auth/login", Map.of("email", email, "password", PASSWORD), null);
        if (login.status() == 200) {
            String token = login.data().path("token").asText();
            HttpApi.Reply me = api.get("/api/auth/me", token);
            return me.status() == 200 && email.equals(me.data().path("user").path("email").asText())
                    && api.get("/api/user/wallet", token).status() == 200;
        }
        HttpApi.Reply again = api.post("/api/auth/register",
                Map.of("email", email, "password", PASSWORD, "name", "Again"), null);
        return again.status() == 201;
    }

    private Process start() {
        return StandalonePlatform.startProcess(dataDir, logs.resolve("platform.log"),
                "--aipasta.auth.registration-timeout=2s");
    }
}
