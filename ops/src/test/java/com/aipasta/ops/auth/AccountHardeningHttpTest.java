package com.aipasta.ops.auth;

import com.aipasta.ops.HttpApi;
import com.aipasta.ops.PlatformTest;
import com.aipasta.ops.security.BearerTokenFilter;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Password rules, the bootstrap of listed administrators and what a refused token says. */
class AccountHardeningHttpTest extends PlatformTest {

    private HttpApi.Reply register(String email, String password, String name) {
        return api.post("/api/auth/register", Map.of("email", email, "password", password, "name", name), null);
    }

    private static String freshEmail() {
        return "hardening-" + UUID.randomUUID() + "@example.com";
    }

    private void assertRefused(HttpApi.Reply reply, String rule) {
        assertThat(reply.status()).as(reply.body().toString()).isEqualTo(400);
        assertThat(reply.code()).isEqualTo("VALIDATION_FAILED");
        assertThat(reply.body().path("details").path("password").asText()).contains(rule);
    }

    @Test
    void weakPasswordsAreRefusedSayingWhichRuleFailed() {
        assertRefused(register(freshEmail(), "password", "Ada"), "at least 10 characters");
        assertRefused(register(freshEmail(), "12345678", "Ada"), "at least 10 characters");
        assertRefused(register(freshEmail(), " ".repeat(8), "Ada"), "at least 10 characters");
        assertRefused(register(freshEmail(), " ".repeat(12), "Ada"), "only spaces");
        assertRefused(register(freshEmail(), "1234567890", "Ada"), "most common passwords");
        assertRefused(register(freshEmail(), "QwertyUiop", "Ada"), "most common passwords");
        String email = freshEmail();
        assertRefused(register(email, email.toUpperCase(), "Ada"), "e-mail address");
        assertRefused(register(freshEmail(), "Ada Lovelace of London", "Ada Lovelace of London"), "your name");

        assertThat(register(email, "a sound passphrase", "Ada").status()).isEqualTo(201);
    }

    @Test
    void aNewPasswordFollowsTheSameRules() {
        Account account = register();
        for (String weak : List.of("short", "1234567890", account.email())) {
            HttpApi.Reply reply = api.patch("/api/auth/password",
                    Map.of("currentPassword", PASSWORD, "newPassword", weak), account.token());
            assertThat(reply.status()).as(weak).isEqualTo(400);
            assertThat(reply.body().path("details").has("newPassword")).as(weak).isTrue();
        }
        assertThat(api.post("/api/auth/login", Map.of("email", account.email(), "password", PASSWORD), null)
                .status()).isEqualTo(200);
    }

    @Test
    void aListedAddressMakesOnlyItsFirstAccountAnAdministrator() {
        HttpApi.Reply first = register(SECOND_ADMIN_EMAIL.toUpperCase(), PASSWORD, "First");
        assertThat(first.status()).as(first.body().toString()).isEqualTo(201);
        assertThat(first.data().path("user").path("role").asText()).isEqualTo("admin");
        String firstId = first.data().path("user").path("id").asText();

        assertThat(api.delete("/api/admin/users/" + firstId, admin().token()).status()).isEqualTo(200);
        HttpApi.Reply later = register(SECOND_ADMIN_EMAIL, PASSWORD, "Later");

        assertThat(later.status()).as(later.body().toString()).isEqualTo(201);
        assertThat(later.data().path("user").path("role").asText()).isEqualTo("user");
        String laterToken = later.data().path("token").asText();
        assertThat(api.get("/api/auth/me", laterToken).data().path("user").path("role").asText()).isEqualTo("user");
        assertThat(api.get("/api/admin/users", laterToken).status()).isEqualTo(403);
    }

    @Test
    void anAdministratorIsShownThePremiumPlanItIsServed() {
        assertThat(api.get("/api/auth/me", admin().token()).data().path("user").path("plan").asText())
                .isEqualTo("premium");
        assertThat(api.get("/api/auth/me", register().token()).data().path("user").path("plan").asText())
                .isEqualTo("free");
    }

    @Test
    void everyRefusedTokenGetsTheSameGenericAnswer() {
        Account account = register();
        api.post("/api/auth/logout", Map.of(), account.token());
        List<String> tokens = List.of(account.token(), "not-a-jwt", account.token() + "x",
                "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.");
        for (String token : tokens) {
            HttpApi.Reply reply = api.get("/api/auth/me", token);
            assertThat(reply.status()).isEqualTo(401);
            assertThat(reply.code()).isEqualTo("UNAUTHORIZED");
            assertThat(reply.body().path("message").asText()).isEqualTo(BearerTokenFilter.GENERIC_REFUSAL);
            assertThat(reply.body().has("details")).isFalse();
        }
    }
}
