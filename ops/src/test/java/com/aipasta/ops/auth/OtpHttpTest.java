package com.aipasta.ops.auth;

import com.aipasta.ops.HttpApi;
import com.aipasta.ops.MovableClock;
import com.aipasta.ops.StandalonePlatform;
import com.aipasta.ops.TemporaryDirectories;
import com.aipasta.ops.chat.FakeProviders;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * E-mail verification and password reset on a platform of its own that sends mail to a real SMTP server in this JVM
 * (GreenMail), requires a verified address for chat, and runs on a clock the tests move forward.
 */
class OtpHttpTest {

    private static final String PASSWORD = "otp test passphrase";
    private static final String NEW_PASSWORD = "a fresh otp passphrase";
    private static final String FROM = "codes@aipasta.test";
    private static final Pattern CODE = Pattern.compile("\\b(\\d{6})\\b");
    private static final int SEND_LIMIT_PER_ACCOUNT = 3;

    private static final MovableClock clock = new MovableClock();
    private static GreenMail smtp;
    private static ConfigurableApplicationContext platform;
    private static HttpApi api;

    @BeforeAll
    static void start() throws IOException {
        smtp = new GreenMail(new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        platform = StandalonePlatform.start(TemporaryDirectories.create("aipasta-otp-"), List.of(clock),
                "--aipasta.email.smtp-host=127.0.0.1",
                "--aipasta.email.smtp-port=" + smtp.getSmtp().getPort(),
                "--aipasta.email.from=" + FROM,
                "--aipasta.email.verification-required=true",
                "--aipasta.limits.otp-send-per-account=" + SEND_LIMIT_PER_ACCOUNT + "/1h",
                "--aipasta.providers.openai-compatible.base-url=" + FakeProviders.localUrl(),
                "--aipasta.providers.openai-compatible.name=local",
                "--aipasta.providers.openrouter.api-key=sk-or-test",
                "--aipasta.providers.openrouter.base-url=" + FakeProviders.openRouterUrl(),
                "--aipasta.models.embedding-models=" + FakeProviders.EMBEDDING_MODEL);
        api = StandalonePlatform.api(platform);
    }

    @AfterAll
    static void stop() {
        if (platform != null) {
            platform.close();
        }
        smtp.stop();
    }

    private record Account(String email, String token) {
    }

    private static Account register() {
        String email = "otp-" + UUID.randomUUID() + "@example.com";
        HttpApi.Reply reply = api.post("/api/auth/register", Map.of("email", email, "password", PASSWORD,
                "name", "Otp Tester"), null);
        assertThat(reply.status()).as(reply.body().toString()).isEqualTo(201);
        return new Account(email, reply.data().path("token").asText());
    }

    private static List<MimeMessage> mailTo(String email) {
        return List.of(smtp.getReceivedMessagesForDomain(email));
    }

    /** The code of the newest message to {@code email}, checking who sent it and to whom. */
    private static String latestCode(String email) {
        List<MimeMessage> messages = mailTo(email);
        assertThat(messages).as("mail to " + email).isNotEmpty();
        MimeMessage newest = messages.get(messages.size() - 1);
        try {
            assertThat(newest.getFrom()[0].toString()).isEqualTo(FROM);
            assertThat(newest.getRecipients(Message.RecipientType.TO)[0].toString()).isEqualTo(email);
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
        Matcher code = CODE.matcher(GreenMailUtil.getBody(newest));
        assertThat(code.find()).as(GreenMailUtil.getBody(newest)).isTrue();
        return code.group(1);
    }

    private static String otherCode(String code) {
        return String.format("%06d", (Integer.parseInt(code) + 1) % 1_000_000);
    }

    private static HttpApi.Reply verify(String email, String code) {
        return api.post("/api/auth/verify-email", Map.of("email", email, "otp", code), null);
    }

    private static HttpApi.Reply login(String email, String password) {
        return api.post("/api/auth/login", Map.of("email", email, "password", password), null);
    }

    private static HttpApi.Reply chat(String token) {
        return api.post("/api/chat", Map.of("message", "Hello", "modelId", FakeProviders.FREE_MODEL), token);
    }

    private static void assertRefused(HttpApi.Reply reply, int status, String code) {
        assertThat(reply.status()).as(reply.body().toString()).isEqualTo(status);
        assertThat(reply.code()).isEqualTo(code);
    }

    @Test
    void registrationMailsACodeThatVerifiesTheAddressAndOpensChat() {
        Account account = register();
        String code = latestCode(account.email());
        assertThat(mailTo(account.email())).hasSize(1);
        assertThat(api.get("/api/auth/me", account.token()).data().path("user").path("emailVerified").asBoolean())
                .isFalse();

        assertRefused(chat(account.token()), 403, "EMAIL_NOT_VERIFIED");
        HttpApi.Reply login = login(account.email(), PASSWORD);
        assertThat(login.status()).as(login.body().toString()).isEqualTo(200);

        HttpApi.Reply verified = verify(account.email().toUpperCase(), code);
        assertThat(verified.status()).as(verified.body().toString()).isEqualTo(200);
        assertThat(verified.data().path("emailVerified").asBoolean()).isTrue();
        assertThat(api.get("/api/auth/me", account.token()).data().path("user").path("emailVerified").asBoolean())
                .isTrue();
        HttpApi.Reply answered = chat(login.data().path("token").asText());
        assertThat(answered.status()).as(answered.body().toString()).isEqualTo(200);

        assertRefused(verify(account.email(), code), 409, "CONFLICT");
        HttpApi.Reply resent = api.post("/api/auth/resend-otp", Map.of("email", account.email()), null);
        assertThat(resent.status()).isEqualTo(200);
        assertThat(mailTo(account.email())).as("no code for a verified address").hasSize(1);
    }

    /** Every way of spending wallet tokens on a model, not chat alone, waits for the address to be verified. */
    @Test
    void anUnverifiedAddressSpendsNothingOnAnyModelUntilItIsVerified() {
        Account account = register();
        String marker = "[unverified] " + UUID.randomUUID();
        HttpApi.Reply session = api.post("/api/chat/sessions", Map.of("title", "Plugins"), account.token());
        assertThat(session.status()).as(session.body().toString()).isEqualTo(201);
        String sessionId = session.data().path("session").path("id").asText();
        Map<String, Object> generate = Map.of("input", "a haiku about rain [prompt-json] " + marker,
                "modelId", FakeProviders.FREE_MODEL);

        assertRefused(api.post("/api/prompt-generator", generate, account.token()), 403, "EMAIL_NOT_VERIFIED");
        assertRefused(api.post("/api/embeddings", Map.of("input", marker, "modelId", FakeProviders.EMBEDDING_MODEL),
                account.token()), 403, "EMAIL_NOT_VERIFIED");
        assertRefused(api.post("/api/chat/compare", Map.of("message", marker, "modelIds",
                        List.of(FakeProviders.FREE_MODEL, FakeProviders.FREE_ROUTER_MODEL)), account.token()),
                403, "EMAIL_NOT_VERIFIED");
        HttpApi.Reply plugin = api.post("/api/plugins/builtin/echo/send", Map.of("sessionId", sessionId,
                "parameters", Map.of("message", marker), "sendToModel", true), account.token());
        assertThat(plugin.status()).as(plugin.body().toString()).isEqualTo(200);
        assertThat(plugin.data().path("answer").path("status").asText()).isEqualTo("refused");
        assertThat(plugin.data().path("answer").path("error").path("code").asText()).isEqualTo("EMAIL_NOT_VERIFIED");

        HttpApi.Reply wallet = api.get("/api/user/wallet", account.token());
        assertThat(wallet.data().path("balance").asLong()).isEqualTo(10_000);
        assertThat(wallet.data().path("reserved").asLong()).isZero();
        assertThat(FakeProviders.completionRequests()).noneMatch(body -> body.contains(marker));
        assertThat(FakeProviders.embeddingRequests()).noneMatch(body -> body.contains(marker));

        assertThat(verify(account.email(), latestCode(account.email())).status()).isEqualTo(200);
        HttpApi.Reply generated = api.post("/api/prompt-generator", generate, account.token());
        assertThat(generated.status()).as(generated.body().toString()).isEqualTo(200);
        assertThat(FakeProviders.completionRequests()).anyMatch(body -> body.contains(marker));
    }

    @Test
    void fiveWrongCodesLockVerificationForFifteenMinutes() {
        Account account = register();
        String code = latestCode(account.email());
        for (int attempt = 1; attempt <= 4; attempt++) {
            HttpApi.Reply wrong = verify(account.email(), otherCode(code));
            assertRefused(wrong, 400, "INVALID_OTP");
            assertThat(wrong.body().path("details").path("attemptsLeft").asInt()).isEqualTo(5 - attempt);
        }
        HttpApi.Reply fifth = verify(account.email(), otherCode(code));
        assertRefused(fifth, 400, "INVALID_OTP");
        assertThat(fifth.body().path("details").path("attemptsLeft").asInt()).isZero();
        assertThat(fifth.body().path("details").path("lockedUntil").asText()).isNotBlank();

        HttpApi.Reply locked = verify(account.email(), code);
        assertRefused(locked, 429, "OTP_LOCKED");
        assertThat(Long.parseLong(locked.raw().headers().firstValue("Retry-After").orElseThrow()))
                .isBetween(14 * 60L, 15 * 60L);
        assertThat(api.post("/api/auth/resend-otp", Map.of("email", account.email()), null).status())
                .isEqualTo(200);
        assertThat(mailTo(account.email())).as("no code while locked").hasSize(1);

        clock.advance(Duration.ofMinutes(15));
        assertRefused(verify(account.email(), code), 400, "OTP_EXPIRED");
        assertThat(api.post("/api/auth/resend-otp", Map.of("email", account.email()), null).status())
                .isEqualTo(200);
        assertThat(mailTo(account.email())).hasSize(2);
        HttpApi.Reply verified = verify(account.email(), latestCode(account.email()));
        assertThat(verified.status()).as(verified.body().toString()).isEqualTo(200);
    }

    @Test
    void aCodeExpiresAfterTenMinutesAndAResentOneReplacesIt() {
        Account account = register();
        String first = latestCode(account.email());
        clock.advance(Duration.ofMinutes(10));
        assertRefused(verify(account.email(), first), 400, "OTP_EXPIRED");

        assertThat(api.post("/api/auth/resend-otp", Map.of("email", account.email()), null).status())
                .isEqualTo(200);
        String second = latestCode(account.email());
        if (!second.equals(first)) {
            assertRefused(verify(account.email(), first), 400, "INVALID_OTP");
        }
        clock.advance(Duration.ofMinutes(9));
        HttpApi.Reply verified = verify(account.email(), second);
        assertThat(verified.status()).as(verified.body().toString()).isEqualTo(200);
    }

    @Test
    void aPasswordResetRetiresEveryTokenAndTheNewPasswordSignsIn() {
        Account account = register();
        String oldToken = login(account.email(), PASSWORD).data().path("token").asText();
        HttpApi.Reply asked = api.post("/api/auth/forgot-password", Map.of("email", account.email()), null);
        assertThat(asked.status()).as(asked.body().toString()).isEqualTo(200);
        assertThat(mailTo(account.email())).hasSize(2);
        String code = latestCode(account.email());
        assertRefused(verify(account.email(), code), 400, "INVALID_OTP");

        HttpApi.Reply granted = api.post("/api/auth/verify-reset-otp", Map.of("email", account.email(),
                "otp", code), null);
        assertThat(granted.status()).as(granted.body().toString()).isEqualTo(200);
        String resetToken = granted.data().path("resetToken").asText();
        assertThat(resetToken).hasSizeGreaterThan(40);
        String export = api.get("/api/user/export", account.token()).raw().body();
        assertThat(export).contains("OtpIssuedEvent", "PasswordResetOtpVerifiedEvent")
                .doesNotContain("otpHash", "resetTokenHash", resetToken);

        HttpApi.Reply weak = api.post("/api/auth/reset-password", Map.of("email", account.email(),
                "resetToken", resetToken, "newPassword", "short"), null);
        assertRefused(weak, 400, "VALIDATION_FAILED");
        assertThat(weak.body().path("details").has("newPassword")).isTrue();
        assertRefused(api.post("/api/auth/reset-password", Map.of("email", account.email(),
                "resetToken", resetToken + "x", "newPassword", NEW_PASSWORD), null), 400, "INVALID_OTP");

        HttpApi.Reply reset = api.post("/api/auth/reset-password", Map.of("resetToken", resetToken,
                "newPassword", NEW_PASSWORD), null);
        assertThat(reset.status()).as(reset.body().toString()).isEqualTo(200);

        assertRefused(api.get("/api/auth/me", account.token()), 401, "UNAUTHORIZED");
        assertRefused(api.get("/api/auth/me", oldToken), 401, "UNAUTHORIZED");
        assertRefused(login(account.email(), PASSWORD), 401, "INVALID_CREDENTIALS");
        HttpApi.Reply signedIn = login(account.email(), NEW_PASSWORD);
        assertThat(signedIn.status()).as(signedIn.body().toString()).isEqualTo(200);
        assertThat(api.get("/api/auth/me", signedIn.data().path("token").asText()).data().path("user")
                .path("emailVerified").asBoolean()).as("a reset proves the address").isTrue();

        assertRefused(api.post("/api/auth/reset-password", Map.of("email", account.email(),
                "resetToken", resetToken, "newPassword", "yet another passphrase"), null), 400, "OTP_EXPIRED");
    }

    @Test
    void theResetCodeItselfMaySetTheNewPassword() {
        Account account = register();
        api.post("/api/auth/forgot-password", Map.of("email", account.email()), null);
        String code = latestCode(account.email());
        HttpApi.Reply wrong = api.post("/api/auth/reset-password", Map.of("email", account.email(),
                "otp", otherCode(code), "newPassword", NEW_PASSWORD), null);
        assertRefused(wrong, 400, "INVALID_OTP");
        assertThat(wrong.body().path("details").path("attemptsLeft").asInt()).isEqualTo(4);
        assertRefused(api.post("/api/auth/reset-password", Map.of("email", account.email(), "otp", code,
                "resetToken", "both", "newPassword", NEW_PASSWORD), null), 400, "VALIDATION_FAILED");

        assertRefused(api.post("/api/auth/reset-password", Map.of("otp", code, "newPassword", NEW_PASSWORD), null),
                400, "VALIDATION_FAILED");
        HttpApi.Reply reset = api.post("/api/auth/reset-password", Map.of("email", account.email(),
                "code", code, "password", NEW_PASSWORD), null);
        assertThat(reset.status()).as(reset.body().toString()).isEqualTo(200);
        assertRefused(api.get("/api/auth/me", account.token()), 401, "UNAUTHORIZED");
        assertThat(login(account.email(), NEW_PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void forgotPasswordAnswersAlikeForAnAddressWithoutAccountAndSendsItNothing() {
        Account account = register();
        String unknown = "nobody-" + UUID.randomUUID() + "@example.com";
        HttpApi.Reply known = api.post("/api/auth/forgot-password", Map.of("email", account.email()), null);
        HttpApi.Reply stranger = api.post("/api/auth/forgot-password", Map.of("email", unknown), null);

        assertThat(stranger.status()).isEqualTo(known.status()).isEqualTo(200);
        assertThat(stranger.body()).isEqualTo(known.body());
        assertThat(mailTo(unknown)).isEmpty();
        assertThat(mailTo(account.email())).hasSize(2);
        assertRefused(api.post("/api/auth/verify-reset-otp", Map.of("email", unknown, "otp", "123456"), null),
                400, "OTP_EXPIRED");
    }

    @Test
    void codesAskedForOneAddressAreLimitedWhetherOrNotItHasAnAccount() {
        for (String email : List.of(register().email(), "nobody-" + UUID.randomUUID() + "@example.com")) {
            for (int i = 0; i < SEND_LIMIT_PER_ACCOUNT; i++) {
                assertThat(api.post("/api/auth/forgot-password", Map.of("email", email), null).status())
                        .isEqualTo(200);
            }
            HttpApi.Reply limited = api.post("/api/auth/forgot-password", Map.of("email", email), null);
            assertRefused(limited, 429, "RATE_LIMITED");
            assertThat(limited.raw().headers().firstValue("Retry-After")).isPresent();
        }
    }

    @Test
    void aMailServerThatIsDownIsA503AndAskingAgainWorksOnceItIsBack() {
        Account account = register();
        smtp.stop();
        try {
            HttpApi.Reply down = api.post("/api/auth/resend-otp", Map.of("email", account.email()), null);
            assertRefused(down, 503, "EMAIL_NOT_SENT");
        } finally {
            smtp.start();
        }
        assertThat(api.post("/api/auth/resend-otp", Map.of("email", account.email()), null).status())
                .isEqualTo(200);
        HttpApi.Reply verified = verify(account.email(), latestCode(account.email()));
        assertThat(verified.status()).as(verified.body().toString()).isEqualTo(200);
    }

    @Test
    void anUnchangedProfileAnswersAtOnceWhenTheLastEventIsACode() {
        Account account = register();
        HttpApi.Reply unchanged = api.patch("/api/user/profile", Map.of("name", "Otp Tester"), account.token());
        assertThat(unchanged.status()).as(unchanged.body().toString()).isEqualTo(200);
    }

    @Test
    void healthSaysMailIsOnAndVerificationRequired() {
        HttpApi.Reply health = api.get("/health", null);
        assertThat(health.data().path("email").path("status").asText()).isEqualTo("on");
        assertThat(health.data().path("email").path("verificationRequired").asBoolean()).isTrue();
    }

    @Test
    void badCodesAreRefusedByName() {
        HttpApi.Reply letters = api.post("/api/auth/verify-email", Map.of("email", "a@example.com", "otp", "12a456"),
                null);
        assertRefused(letters, 400, "VALIDATION_FAILED");
        assertThat(letters.body().path("details").has("otp")).isTrue();
        assertRefused(api.post("/api/auth/forgot-password", Map.of("email", "not an address"), null), 400,
                "VALIDATION_FAILED");
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
