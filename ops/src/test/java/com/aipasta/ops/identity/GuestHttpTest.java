package com.aipasta.ops.identity;

import com.aipasta.ops.HttpApi;
import com.aipasta.ops.PlatformTest;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

import static com.aipasta.ops.chat.FakeProviders.FREE_MODEL;
import static com.aipasta.ops.chat.FakeProviders.PAID_MODEL;
import static org.assertj.core.api.Assertions.assertThat;

class GuestHttpTest extends PlatformTest {

    private static Map<String, Object> turn(String message, String model) {
        return Map.of("message", message, "modelId", model);
    }

    private static boolean absent(JsonNode value) {
        return value.isMissingNode() || value.isNull();
    }

    private HttpApi.Reply startGuest() {
        HttpApi.Reply reply = api.post("/api/auth/guest", Map.of(), null);
        assertThat(reply.status()).as(reply.body().toString()).isEqualTo(201);
        return reply;
    }

    @Test
    void verifySaysATokenIsValidAndWhenItExpires() {
        Account account = register();
        Instant before = Instant.now();

        HttpApi.Reply reply = api.get("/api/auth/verify", account.token());

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.data().path("valid").asBoolean()).isTrue();
        assertThat(reply.data().path("userId").asText()).isEqualTo(account.id());
        assertThat(reply.data().path("role").asText()).isEqualTo("user");
        Instant expiresAt = Instant.parse(reply.data().path("expiresAt").asText());
        assertThat(expiresAt).isBetween(before.plus(Duration.ofDays(7)).minusSeconds(60), before.plus(Duration.ofDays(7)));
        assertThat(absent(reply.data().path("guestUntil"))).isTrue();
    }

    @Test
    void verifyRefusesAMissingForgedOrLoggedOutToken() {
        Account account = register();
        assertThat(api.get("/api/auth/verify", null).status()).isEqualTo(401);
        assertThat(api.get("/api/auth/verify", account.token() + "x").status()).isEqualTo(401);

        assertThat(api.post("/api/auth/logout", Map.of(), account.token()).status()).isEqualTo(200);

        HttpApi.Reply reply = api.get("/api/auth/verify", account.token());
        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.code()).isEqualTo("UNAUTHORIZED");
    }

    @Test
    void aGuestGetsATokenForADayWithAWalletAndNoEmail() {
        Instant before = Instant.now();
        HttpApi.Reply guest = startGuest();
        Instant after = Instant.now();

        JsonNode user = guest.data().path("user");
        assertThat(user.path("role").asText()).isEqualTo("guest");
        assertThat(user.path("plan").asText()).isEqualTo("free");
        assertThat(absent(user.path("email"))).isTrue();
        assertThat(user.path("tokens").path("balance").asLong()).isEqualTo(10_000);
        String token = guest.data().path("token").asText();
        JsonNode check = api.get("/api/auth/verify", token).data();
        assertThat(check.path("role").asText()).isEqualTo("guest");
        Instant expiresAt = Instant.parse(check.path("expiresAt").asText());
        assertThat(expiresAt).isBetween(before.plus(Duration.ofHours(24)).minusSeconds(1),
                after.plus(Duration.ofHours(24)));
        assertThat(Instant.parse(check.path("guestUntil").asText()).truncatedTo(ChronoUnit.SECONDS)).isEqualTo(expiresAt);
        JsonNode refreshed = api.post("/api/auth/refresh", Map.of(), token).data();
        Instant refreshedExpiry = Instant.parse(api.get("/api/auth/verify", refreshed.path("token").asText())
                .data().path("expiresAt").asText());
        assertThat(refreshedExpiry).isBeforeOrEqualTo(expiresAt.plusSeconds(1));
    }

    @Test
    void aGuestMaySendFiveMessagesInAllToFreeModelsOnly() {
        String token = startGuest().data().path("token").asText();

        HttpApi.Reply paid = api.post("/api/chat", turn("Hi", PAID_MODEL), token);
        assertThat(paid.status()).isEqualTo(403);
        assertThat(paid.code()).isEqualTo("PAYWALL");
        for (int i = 0; i < 5; i++) {
            HttpApi.Reply reply = api.post("/api/chat", turn("Message " + i, FREE_MODEL), token);
            assertThat(reply.status()).as(reply.body().toString()).isEqualTo(200);
        }

        HttpApi.Reply sixth = api.post("/api/chat", turn("One more", FREE_MODEL), token);

        assertThat(sixth.status()).isEqualTo(429);
        assertThat(sixth.code()).isEqualTo("QUOTA_EXCEEDED");
        assertThat(sixth.body().path("details").path("limit").asInt()).isEqualTo(5);
        assertThat(sixth.body().path("message").asText()).contains("5 messages in all").contains("register");
        assertThat(sixth.body().path("details").has("resetTime")).isFalse();
    }

    @Test
    void aGuestCannotLogInOrChangeAPassword() {
        String token = startGuest().data().path("token").asText();

        HttpApi.Reply change = api.patch("/api/auth/password",
                Map.of("currentPassword", "", "newPassword", "another long password"), token);

        assertThat(change.status()).isEqualTo(401);
    }

    @Test
    void aGuestWhoRegistersKeepsTheIdAndTheSessionsAndLeavesTheGuestQuota() {
        HttpApi.Reply guest = startGuest();
        String guestToken = guest.data().path("token").asText();
        String guestId = guest.data().path("user").path("id").asText();
        String sessionId = api.post("/api/chat", turn("Remember this chat", FREE_MODEL), guestToken)
                .data().path("session").path("id").asText();
        for (int i = 0; i < 4; i++) {
            assertThat(api.post("/api/chat", turn("More " + i, FREE_MODEL), guestToken).status()).isEqualTo(200);
        }
        String email = "guest-" + UUID.randomUUID() + "@example.com";

        HttpApi.Reply registered = api.post("/api/auth/register",
                Map.of("email", email, "password", PASSWORD, "name", "Gina"), guestToken);

        assertThat(registered.status()).as(registered.body().toString()).isEqualTo(201);
        assertThat(registered.data().path("user").path("id").asText()).isEqualTo(guestId);
        assertThat(registered.data().path("user").path("role").asText()).isEqualTo("user");
        assertThat(registered.data().path("user").path("email").asText()).isEqualTo(email);
        String token = registered.data().path("token").asText();
        JsonNode sessions = api.get("/api/chat/sessions", token).data().path("sessions");
        assertThat(sessions).extracting(session -> session.path("id").asText()).contains(sessionId);
        assertThat(api.post("/api/chat", turn("Now registered", FREE_MODEL), token).status()).isEqualTo(200);
        HttpApi.Reply login = api.post("/api/auth/login", Map.of("email", email, "password", PASSWORD), null);
        assertThat(login.status()).isEqualTo(200);
        assertThat(login.data().path("user").path("id").asText()).isEqualTo(guestId);
        assertThat(api.get("/api/auth/verify", guestToken).data().path("role").asText()).isEqualTo("user");
    }

    @Test
    void aGuestWhoRegistersKeepsTheFavoritesAndPreferencesChosenAsAGuestUnderTheNewName() {
        String guestToken = startGuest().data().path("token").asText();
        assertThat(api.post("/api/user/favorites/" + FREE_MODEL, Map.of(), guestToken).status()).isEqualTo(200);
        assertThat(api.patch("/api/user/profile", Map.of("preferences", Map.of("theme", "dark")), guestToken)
                .status()).isEqualTo(200);
        String email = "guest-" + UUID.randomUUID() + "@example.com";

        String token = api.post("/api/auth/register", Map.of("email", email, "password", PASSWORD, "name", "Gus"),
                guestToken).data().path("token").asText();

        JsonNode profile = api.get("/api/user/profile", token).data().path("profile");
        assertThat(profile.path("name").asText()).isEqualTo("Gus");
        assertThat(profile.path("email").asText()).isEqualTo(email);
        assertThat(profile.path("favoriteModels")).extracting(JsonNode::asText).containsExactly(FREE_MODEL);
        assertThat(profile.path("preferences").path("theme").asText()).isEqualTo("dark");
    }

    @Test
    void aRegisteredGuestCannotRegisterAgainWithTheOldGuestToken() {
        String guestToken = startGuest().data().path("token").asText();
        assertThat(api.post("/api/auth/register", Map.of("email", "g-" + UUID.randomUUID() + "@example.com",
                "password", PASSWORD, "name", "Gina"), guestToken).status()).isEqualTo(201);

        HttpApi.Reply again = api.post("/api/auth/register", Map.of("email", "h-" + UUID.randomUUID() + "@example.com",
                "password", PASSWORD, "name", "Hugo"), guestToken);

        assertThat(again.status()).isEqualTo(201);
        assertThat(again.data().path("user").path("id").asText())
                .isNotEqualTo(api.get("/api/auth/verify", guestToken).data().path("userId").asText());
    }
}
