package com.aipasta.ops.console;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

import java.util.Map;

import static com.aipasta.ops.chat.FakeProviders.FREE_MODEL;
import static org.assertj.core.api.Assertions.assertThat;

class AccountConsoleTest extends ConsoleBrowserTest {

    private static final String NEW_NAME = "Renamed in the console";

    @Test
    void aUserReadsTheLeaderboardAndManagesProfileAndApiKeys() {
        Account account = register();
        assertThat(api.post("/api/chat", Map.of("message", "Write a haiku about rain", "modelId", FREE_MODEL),
                account.token()).status()).isEqualTo(200);
        signIn(account.email(), account.password());

        element("a[href='#/leaderboard']").click();
        new Select(element("#leaderboard-category")).selectByValue("writing");
        waitFor(driver -> textOf("#leaderboard caption").startsWith("Models in writing"));
        waitFor(driver -> textOf("#leaderboard tbody").contains(FREE_MODEL));
        screenshot("leaderboard");

        assertEveryControlIsLabelled();
        element("a[href='#/account']").click();
        element("#api-key-list table");
        assertEveryControlIsLabelled();
        type("#profile input[name=name]", NEW_NAME);
        element("#profile button[type=submit]").click();
        waitFor(driver -> textOf("#profile").contains("Saved."));
        assertThat(api.get("/api/user/profile", account.token()).data().path("profile").path("name").asText())
                .isEqualTo(NEW_NAME);

        type("#api-keys input[name=name]", "Console key");
        element("#api-keys button[type=submit]").click();
        String key = element("#api-keys code.secret").getText();
        assertThat(key).startsWith("ap_");
        assertThat(api.get("/api/models", key).status()).isEqualTo(200);
        screenshot("api-key-created");
        element("#api-keys button[aria-label='Revoke Console key']").click();
        waitFor(driver -> driver.findElements(By.cssSelector("#api-keys button[aria-label='Revoke Console key']"))
                .isEmpty());
        assertThat(api.get("/api/models", key).status()).isEqualTo(401);
        JsonNode keys = api.get("/api/user/api-keys", account.token()).data().path("apiKeys");
        assertThat(keys).isEmpty();
    }

    @Test
    void anAccountDeletedFromItsPageIsSignedOutAndCannotSignInAgain() {
        Account account = register();
        signIn(account.email(), account.password());
        element("a[href='#/account']").click();
        type("#delete-account input[name=password]", account.password());
        element("#delete-account input[name=confirm]").click();
        screenshot("about-to-delete");

        element("#delete-account button[type=submit]").click();

        element("#login-email");
        waitFor(driver -> textOf("#notice").contains("Your account is deleted."));
        screenshot("deleted");
        assertThat(api.post("/api/auth/login", Map.of("email", account.email(), "password", account.password()), null)
                .status()).isEqualTo(401);
        assertThat(api.get("/api/user/wallet", account.token()).status()).isEqualTo(401);
    }
}
