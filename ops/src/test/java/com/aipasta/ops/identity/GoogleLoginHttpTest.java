package com.aipasta.ops.identity;

import com.aipasta.ops.HttpApi;
import com.aipasta.ops.PlatformTest;
import com.nimbusds.jwt.JWTClaimsSet;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class GoogleLoginHttpTest extends PlatformTest {

    private static String email() {
        return "g-" + UUID.randomUUID() + "@gmail.test";
    }

    private HttpApi.Reply signIn(String idToken) {
        return api.post("/api/auth/google", FakeGoogle.body(idToken), null);
    }

    private void assertRefused(String idToken) {
        HttpApi.Reply reply = signIn(idToken);
        assertThat(reply.status()).as(reply.body().toString()).isEqualTo(401);
        assertThat(reply.body().path("status").asText()).isEqualTo("error");
    }

    @Test
    void aValidTokenCreatesAnAccountAndSignsItInAgainLater() {
        String email = email();
        String subject = "sub-" + UUID.randomUUID();

        HttpApi.Reply first = signIn(FakeGoogle.idToken(subject, email.toUpperCase(), "Grace Hopper"));

        assertThat(first.status()).as(first.body().toString()).isEqualTo(200);
        assertThat(first.data().path("user").path("email").asText()).isEqualTo(email);
        assertThat(first.data().path("user").path("name").asText()).isEqualTo("Grace Hopper");
        assertThat(first.data().path("user").path("tokens").path("balance").asLong()).isEqualTo(10_000);
        String token = first.data().path("token").asText();
        assertThat(api.get("/api/auth/verify", token).status()).isEqualTo(200);
        assertThat(api.get("/api/user/profile", token).data().path("profile").path("name").asText())
                .isEqualTo("Grace Hopper");

        HttpApi.Reply again = signIn(FakeGoogle.idToken(subject, email, "Grace Hopper"));

        assertThat(again.status()).isEqualTo(200);
        assertThat(again.data().path("user").path("id").asText())
                .isEqualTo(first.data().path("user").path("id").asText());
    }

    @Test
    void anExistingAccountIsLinkedByEmail() {
        Account account = register(email());

        HttpApi.Reply reply = signIn(FakeGoogle.idToken("sub-" + UUID.randomUUID(), account.email(), "Someone"));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.data().path("user").path("id").asText()).isEqualTo(account.id());
        assertThat(api.post("/api/auth/login", Map.of("email", account.email(), "password", PASSWORD), null)
                .status()).isEqualTo(200);
    }

    @Test
    void aGoogleSignInVerifiesTheAccountsAddress() {
        Account account = register(email());
        assertThat(api.get("/api/auth/me", account.token()).data().path("user").path("emailVerified").asBoolean())
                .isFalse();

        HttpApi.Reply reply = signIn(FakeGoogle.idToken("sub-" + UUID.randomUUID(), account.email(), "Someone"));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(api.get("/api/auth/me", account.token()).data().path("user").path("emailVerified").asBoolean())
                .isTrue();
    }

    @Test
    void anotherGoogleAccountCannotTakeALinkedAccount() {
        String email = email();
        assertThat(signIn(FakeGoogle.idToken("sub-a-" + UUID.randomUUID(), email, "A")).status()).isEqualTo(200);

        assertRefused(FakeGoogle.idToken("sub-b-" + UUID.randomUUID(), email, "B"));
    }

    @Test
    void anExpiredTokenIsRefused() {
        Instant past = Instant.now().minus(Duration.ofHours(3));
        assertRefused(FakeGoogle.idToken(FakeGoogle.claims("sub-" + UUID.randomUUID(), email(), "Late")
                .issueTime(Date.from(past)).expirationTime(Date.from(past.plus(Duration.ofHours(1)))).build()));
    }

    @Test
    void aTokenForAnotherAudienceIsRefused() {
        assertRefused(FakeGoogle.idToken(FakeGoogle.claims("sub-" + UUID.randomUUID(), email(), "Other app")
                .audience("someone-else.apps.googleusercontent.com").build()));
    }

    @Test
    void aTokenFromAnotherIssuerIsRefused() {
        assertRefused(FakeGoogle.idToken(FakeGoogle.claims("sub-" + UUID.randomUUID(), email(), "Issuer")
                .issuer("https://evil.example").build()));
    }

    @Test
    void aTokenSignedWithAKeyGoogleNeverPublishedIsRefused() {
        assertRefused(FakeGoogle.idTokenSignedElsewhere(
                FakeGoogle.claims("sub-" + UUID.randomUUID(), email(), "Forger").build()));
    }

    @Test
    void anUnverifiedEmailIsRefusedAndCreatesNoAccount() {
        String email = email();
        assertRefused(FakeGoogle.idToken(FakeGoogle.claims("sub-" + UUID.randomUUID(), email, "Unverified")
                .claim("email_verified", false).build()));

        HttpApi.Reply registered = api.post("/api/auth/register",
                Map.of("email", email, "password", PASSWORD, "name", "Real owner"), null);
        assertThat(registered.status()).isEqualTo(201);
    }

    @Test
    void malformedAndUnsignedTokensAreRefused() {
        String[] parts = FakeGoogle.idToken("sub-x", email(), "X").split("\\.");
        String unsigned = "eyJhbGciOiJub25lIn0." + parts[1] + ".";
        for (String bad : List.of("not-a-jwt", unsigned, parts[0] + "." + parts[1] + ".AAAA")) {
            assertRefused(bad);
        }
        assertThat(api.post("/api/auth/google", Map.of(), null).status()).isEqualTo(400);
        assertThat(api.post("/api/auth/google", Map.of("idToken", 5), null).status()).isEqualTo(400);
    }
}
