package com.aipasta.ops.storage;

import com.aipasta.ops.HttpApi;
import com.aipasta.ops.StandalonePlatform;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Stops the platform and starts a new one on the same data directory: accounts, balances and tokens remain. */
class RestartTest {

    private static final String PASSWORD = "restart password";

    @TempDir
    Path dataDir;

    @Test
    void accountsBalancesAndIssuedTokensSurviveARestart() {
        String token;
        String userId;
        JsonNode ledgerBefore;
        try (ConfigurableApplicationContext first = start()) {
            HttpApi api = StandalonePlatform.api(first);
            HttpApi.Reply registered = api.post("/api/auth/register",
                    Map.of("email", "keeper@example.com", "password", PASSWORD, "name", "Keeper"), null);
            assertThat(registered.status()).isEqualTo(201);
            token = registered.data().path("token").asText();
            userId = registered.data().path("user").path("id").asText();
            String admin = api.post("/api/auth/register",
                    Map.of("email", "root@example.com", "password", PASSWORD, "name", "Root"), null)
                    .data().path("token").asText();
            assertThat(api.post("/api/admin/users/" + userId + "/tokens", Map.of("amount", 750, "reason", "welcome"),
                    admin).status()).isEqualTo(200);
            ledgerBefore = api.get("/api/user/wallet/ledger", token).data().path("entries");
        }

        try (ConfigurableApplicationContext second = start()) {
            HttpApi api = StandalonePlatform.api(second);
            HttpApi.Reply login = api.post("/api/auth/login",
                    Map.of("email", "keeper@example.com", "password", PASSWORD), null);
            assertThat(login.status()).isEqualTo(200);
            assertThat(login.data().path("user").path("id").asText()).isEqualTo(userId);
            assertThat(login.data().path("user").path("tokens").path("balance").asLong()).isEqualTo(10_750);
            assertThat(api.get("/api/user/wallet", token).data().path("balance").asLong()).isEqualTo(10_750);
            assertThat(api.get("/api/user/wallet/ledger", token).data().path("entries")).isEqualTo(ledgerBefore);
            assertThat(api.post("/api/auth/register",
                    Map.of("email", "keeper@example.com", "password", PASSWORD, "name", "Again"), null).code())
                    .isEqualTo("EMAIL_TAKEN");
        }
    }

    private ConfigurableApplicationContext start() {
        return StandalonePlatform.start(dataDir, "--aipasta.auth.admin-emails=root@example.com");
    }
}
