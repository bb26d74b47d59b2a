package com.aipasta.ops.auth;

import com.aipasta.account.api.value.Role;
import com.aipasta.account.api.value.UserId;
import com.aipasta.command.auth.AuthProperties;
import com.aipasta.command.auth.JwtService;
import com.aipasta.command.auth.SecretStore;
import com.aipasta.ops.HttpApi;
import com.aipasta.ops.security.BearerTokenFilter;
import com.aipasta.ops.PlatformTest;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Keys;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import javax.crypto.SecretKey;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

class AuthHttpTest extends PlatformTest {

    @Autowired
    AuthProperties authProperties;
    @Autowired
    SecretStore secrets;

    @Test
    void registrationNormalisesTheEmailAndOpensAWalletOfTenThousandFreeTokens() {
        String email = "Mixed.Case-" + UUID.randomUUID() + "@Example.COM";
        HttpApi.Reply reply = api.post("/api/auth/register",
                Map.of("email", "  " + email + " ", "password", PASSWORD, "name", " Ada "), null);

        assertThat(reply.status()).isEqualTo(201);
        assertThat(reply.body().path("status").asText()).isEqualTo("success");
        assertThat(reply.data().path("token").asText()).isNotBlank();
        var user = reply.data().path("user");
        assertThat(user.path("email").asText()).isEqualTo(email.toLowerCase());
        assertThat(user.path("name").asText()).isEqualTo("Ada");
        assertThat(user.path("role").asText()).isEqualTo("user");
        assertThat(user.has("passwordHash")).isFalse();
        assertThat(user.path("tokens").path("balance").asLong()).isEqualTo(10_000);
        assertThat(user.path("tokens").path("freeTokens").asLong()).isEqualTo(10_000);
        assertThat(user.path("tokens").path("purchasedTokens").asLong()).isZero();
        assertThat(user.path("tokens").path("usedTokens").asLong()).isZero();
        assertThat(user.path("tokens").path("reserved").asLong()).isZero();
    }

    @Test
    void aTakenEmailIsRefusedWhateverItsCase() {
        Account account = register();
        HttpApi.Reply reply = api.post("/api/auth/register",
                Map.of("email", account.email().toUpperCase(), "password", PASSWORD, "name", "Other"), null);

        assertThat(reply.status()).isEqualTo(409);
        assertThat(reply.code()).isEqualTo("EMAIL_TAKEN");
    }

    @Test
    void concurrentRegistrationsOfOneEmailCreateExactlyOneAccount() throws Exception {
        String email = "race-" + UUID.randomUUID() + "@example.com";
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Integer>> attempts = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                attempts.add(() -> api.post("/api/auth/register",
                        Map.of("email", email, "password", PASSWORD, "name", "Racer"), null).status());
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> status : pool.invokeAll(attempts)) {
                statuses.add(status.get());
            }
            assertThat(statuses).containsOnly(201, 409);
            assertThat(statuses).filteredOn(status -> status == 201).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(api.post("/api/auth/login", Map.of("email", email, "password", PASSWORD), null).status())
                .isEqualTo(200);
    }

    @Test
    void registrationValidatesEveryField() {
        HttpApi.Reply reply = api.post("/api/auth/register",
                Map.of("email", "not-an-email", "password", "short", "name", ""), null);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.code()).isEqualTo("VALIDATION_FAILED");
        assertThat(reply.body().path("details").has("email")).isTrue();
        assertThat(reply.body().path("details").has("password")).isTrue();
        assertThat(reply.body().path("details").has("name")).isTrue();

        HttpApi.Reply tooLong = api.post("/api/auth/register", Map.of("email", "long-" + UUID.randomUUID()
                + "@example.com", "password", "x".repeat(129), "name", "Long"), null);
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.body().path("details").has("password")).isTrue();
    }

    @Test
    void passwordsOfMoreThanSeventyTwoBytesCountInFull() {
        String email = "long-pass-" + UUID.randomUUID() + "@example.com";
        String password = "p".repeat(100) + "A";
        assertThat(api.post("/api/auth/register", Map.of("email", email, "password", password, "name", "L"), null)
                .status()).isEqualTo(201);

        String samePrefix = "p".repeat(100) + "B";
        assertThat(api.post("/api/auth/login", Map.of("email", email, "password", samePrefix), null).status())
                .isEqualTo(401);
        assertThat(api.post("/api/auth/login", Map.of("email", email, "password", password), null).status())
                .isEqualTo(200);
    }

    @Test
    void logsInWithTheRightPasswordOnlyAndAnswersWrongEmailAndPasswordAlike() {
        Account account = register();

        HttpApi.Reply ok = api.post("/api/auth/login",
                Map.of("email", " " + account.email().toUpperCase() + " ", "password", PASSWORD), null);
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.data().path("user").path("id").asText()).isEqualTo(account.id());
        assertThat(ok.data().path("user").path("tokens").path("balance").asLong()).isEqualTo(10_000);

        HttpApi.Reply wrongPassword = api.post("/api/auth/login",
                Map.of("email", account.email(), "password", "wrong password"), null);
        HttpApi.Reply unknownEmail = api.post("/api/auth/login",
                Map.of("email", "nobody-" + UUID.randomUUID() + "@example.com", "password", PASSWORD), null);
        assertThat(wrongPassword.status()).isEqualTo(401);
        assertThat(unknownEmail.status()).isEqualTo(401);
        assertThat(wrongPassword.code()).isEqualTo("INVALID_CREDENTIALS");
        assertThat(unknownEmail.body()).isEqualTo(wrongPassword.body());
    }

    @Test
    void meAnswersTheCurrentUser() {
        Account account = register();

        HttpApi.Reply me = api.get("/api/auth/me", account.token());

        assertThat(me.status()).isEqualTo(200);
        assertThat(me.data().path("user").path("id").asText()).isEqualTo(account.id());
        assertThat(me.data().path("user").path("email").asText()).isEqualTo(account.email());
    }

    @Test
    void withoutATokenProtectedEndpointsAnswer401() {
        assertThat(api.get("/api/auth/me", null).status()).isEqualTo(401);
        assertThat(api.get("/api/user/wallet", null).code()).isEqualTo("UNAUTHORIZED");
        assertThat(api.send(api.request("/api/auth/me", null).header("Authorization", "Basic abc").GET()).status())
                .isEqualTo(401);
    }

    @Test
    void aTokenWithATamperedSignatureIsRefused() {
        Account account = register();
        String token = account.token();
        int inSignature = token.lastIndexOf('.') + 10;
        char original = token.charAt(inSignature);
        String tampered = token.substring(0, inSignature) + (original == 'A' ? 'B' : 'A')
                + token.substring(inSignature + 1);

        HttpApi.Reply reply = api.get("/api/auth/me", tampered);

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.code()).isEqualTo("UNAUTHORIZED");
    }

    @Test
    void aTokenWithATamperedPayloadIsRefused() {
        Account victim = register();
        Account attacker = register();
        String[] parts = attacker.token().split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace(attacker.id(), victim.id()).replace("\"role\":\"user\"", "\"role\":\"admin\"");
        String forged = parts[0] + "." + base64Url(payload) + "." + parts[2];

        assertThat(api.get("/api/auth/me", forged).status()).isEqualTo(401);
    }

    @Test
    void anUnsignedTokenIsRefused() {
        Account account = register();
        String payload = new String(Base64.getUrlDecoder().decode(account.token().split("\\.")[1]),
                StandardCharsets.UTF_8);
        String unsigned = base64Url("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + base64Url(payload) + ".";

        HttpApi.Reply reply = api.get("/api/auth/me", unsigned);

        assertThat(reply.status()).isEqualTo(401);
    }

    @Test
    void anExpiredTokenIsRefused() {
        Account account = register();
        Clock longAgo = Clock.fixed(Instant.now().minus(Duration.ofDays(30)), ZoneOffset.UTC);
        String expired = new JwtService(authProperties, secrets, longAgo).issue(new UserId(account.id()), Role.USER, 0);

        HttpApi.Reply reply = api.get("/api/auth/me", expired);

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.body().path("message").asText()).contains("expired");
    }

    @Test
    void aTokenSignedWithThePlatformKeyButMissingAClaimIsRefusedWith401() {
        Account account = register();
        SecretKey key = Keys.hmacShaKeyFor(secrets.configuredOrGenerated(authProperties.jwtSecret(), "jwt-secret")
                .getBytes(StandardCharsets.UTF_8));
        for (String claim : List.of("sub", "role", "cv", "exp", "jti", "iat")) {
            Instant now = Instant.now();
            String token = Jwts.builder().id(UUID.randomUUID().toString()).issuer("aipasta").subject(account.id())
                    .claim("role", "user").claim("cv", 0).issuedAt(Date.from(now))
                    .expiration(Date.from(now.plus(Duration.ofHours(1))))
                    .claims().delete(claim).and()
                    .signWith(key, Jwts.SIG.HS256).compact();

            HttpApi.Reply reply = api.get("/api/auth/me", token);

            assertThat(reply.status()).as("without " + claim).isEqualTo(401);
            assertThat(reply.code()).isEqualTo("UNAUTHORIZED");
            assertThat(reply.body().path("message").asText()).isEqualTo(BearerTokenFilter.GENERIC_REFUSAL);
        }
    }

    @Test
    void aTokenSignedWithAnotherSecretIsRefused() {
        Account account = register();
        AuthProperties otherSecret = new AuthProperties("another-secret-that-is-long-enough-for-hs256!!", null,
                Duration.ofHours(1), 4, List.of());
        String foreign = new JwtService(otherSecret, secrets, Clock.systemUTC())
                .issue(new UserId(account.id()), Role.ADMIN, 0);

        assertThat(api.get("/api/auth/me", foreign).status()).isEqualTo(401);
    }

    @Test
    void logoutRevokesThatTokenOnly() {
        Account account = register();
        String other = api.post("/api/auth/login", Map.of("email", account.email(), "password", PASSWORD), null)
                .data().path("token").asText();

        assertThat(api.post("/api/auth/logout", Map.of(), account.token()).status()).isEqualTo(200);

        HttpApi.Reply revoked = api.get("/api/auth/me", account.token());
        assertThat(revoked.status()).isEqualTo(401);
        assertThat(revoked.body().path("message").asText()).isEqualTo(BearerTokenFilter.GENERIC_REFUSAL);
        assertThat(api.get("/api/auth/me", other).status()).isEqualTo(200);
    }

    @Test
    void refreshIssuesAFreshWorkingToken() {
        Account account = register();

        HttpApi.Reply refreshed = api.post("/api/auth/refresh", Map.of(), account.token());

        assertThat(refreshed.status()).isEqualTo(200);
        String fresh = refreshed.data().path("token").asText();
        assertThat(fresh).isNotEqualTo(account.token());
        assertThat(api.get("/api/auth/me", fresh).data().path("user").path("id").asText()).isEqualTo(account.id());
    }

    @Test
    void changingThePasswordRetiresEveryEarlierToken() {
        Account account = register();
        String secondSession = api.post("/api/auth/login", Map.of("email", account.email(), "password", PASSWORD),
                null).data().path("token").asText();

        HttpApi.Reply changed = api.patch("/api/auth/password",
                Map.of("currentPassword", PASSWORD, "newPassword", "a brand new password"), account.token());

        assertThat(changed.status()).isEqualTo(200);
        assertThat(api.get("/api/auth/me", account.token()).status()).isEqualTo(401);
        assertThat(api.get("/api/auth/me", secondSession).status()).isEqualTo(401);
        assertThat(api.get("/api/auth/me", changed.data().path("token").asText()).status()).isEqualTo(200);
        assertThat(api.post("/api/auth/login", Map.of("email", account.email(), "password", PASSWORD), null)
                .status()).isEqualTo(401);
        assertThat(api.post("/api/auth/login", Map.of("email", account.email(), "password", "a brand new password"),
                null).status()).isEqualTo(200);
    }

    @Test
    void changingThePasswordNeedsTheCurrentOneAndAValidNewOne() {
        Account account = register();

        HttpApi.Reply wrongCurrent = api.patch("/api/auth/password",
                Map.of("currentPassword", "not it at all", "newPassword", "a brand new password"), account.token());
        HttpApi.Reply tooShort = api.patch("/api/auth/password",
                Map.of("currentPassword", PASSWORD, "newPassword", "short"), account.token());

        assertThat(wrongCurrent.status()).isEqualTo(401);
        assertThat(wrongCurrent.code()).isEqualTo("INVALID_CREDENTIALS");
        assertThat(tooShort.status()).isEqualTo(400);
        assertThat(tooShort.body().path("details").has("newPassword")).isTrue();
        assertThat(api.get("/api/auth/me", account.token()).status()).isEqualTo(200);
    }

    @Test
    void listedAddressesBecomeAdministrators() {
        assertThat(api.get("/api/auth/me", admin().token()).data().path("user").path("role").asText())
                .isEqualTo("admin");
    }

    private static String base64Url(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
