package com.aipasta.ops.auth;

import com.aipasta.ops.HttpApi;
import com.aipasta.ops.StandalonePlatform;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An address listed in {@code ADMIN_EMAILS} after its account registered belongs to that account from the next start
 * on: whoever registers it once that account is deleted is no administrator.
 */
class AdminAddressRestartTest {

    private static final String PASSWORD = "restart admin passphrase";
    private static final String LISTED_LATER = "listed-later@example.com";
    private static final String ADMIN = "root@example.com";

    @TempDir
    Path dataDir;

    private static HttpApi.Reply register(HttpApi api, String email) {
        return api.post("/api/auth/register", Map.of("email", email, "password", PASSWORD, "name", "Someone"), null);
    }

    @Test
    void anAccountThatHeldAListedAddressBeforeItWasListedKeepsItFromLaterRegistrants() {
        String firstId;
        try (ConfigurableApplicationContext unlisted = StandalonePlatform.start(dataDir)) {
            HttpApi.Reply first = register(StandalonePlatform.api(unlisted), LISTED_LATER);
            assertThat(first.status()).isEqualTo(201);
            assertThat(first.data().path("user").path("role").asText()).isEqualTo("user");
            firstId = first.data().path("user").path("id").asText();
        }

        try (ConfigurableApplicationContext listed = StandalonePlatform.start(dataDir,
                "--aipasta.auth.admin-emails=" + ADMIN + "," + LISTED_LATER)) {
            HttpApi api = StandalonePlatform.api(listed);
            String admin = register(api, ADMIN).data().path("token").asText();
            assertThat(api.delete("/api/admin/users/" + firstId, admin).status()).isEqualTo(200);

            HttpApi.Reply later = register(api, LISTED_LATER.toUpperCase());

            assertThat(later.status()).as(later.body().toString()).isEqualTo(201);
            assertThat(later.data().path("user").path("role").asText()).isEqualTo("user");
        }
    }
}
