package com.aipasta.command.auth;

import com.aipasta.account.api.value.OtpPurpose;
import com.aipasta.account.api.value.UserId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OneTimePasswordsTest {

    private static final UserId ADA = new UserId("user-ada");
    private static final UserId BOB = new UserId("user-bob");

    @TempDir
    Path dataDir;

    private OneTimePasswords withKey(String key) {
        return new OneTimePasswords(new LookupKey(new AuthProperties(null, key, Duration.ofHours(1), 4, List.of()),
                new SecretStore(dataDir)));
    }

    @Test
    void codesAreSixDigitsIncludingLeadingZeros() {
        OneTimePasswords codes = withKey("a key of the test");
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 2_000; i++) {
            String code = codes.newCode();
            assertThat(code).matches("\\d{6}");
            seen.add(code);
        }
        assertThat(seen).hasSizeGreaterThan(1_990);
    }

    @Test
    void aHashBindsTheCodeToItsAccountPurposeAndKey() {
        OneTimePasswords codes = withKey("a key of the test");
        String hash = codes.hashCode(ADA, OtpPurpose.EMAIL_VERIFICATION, "123456");

        assertThat(codes.hashCode(ADA, OtpPurpose.EMAIL_VERIFICATION, "123456")).isEqualTo(hash);
        assertThat(hash).doesNotContain("123456").hasSize(64);
        assertThat(List.of(codes.hashCode(BOB, OtpPurpose.EMAIL_VERIFICATION, "123456"),
                codes.hashCode(ADA, OtpPurpose.PASSWORD_RESET, "123456"),
                codes.hashCode(ADA, OtpPurpose.EMAIL_VERIFICATION, "123457"),
                codes.hashResetToken(ADA, "123456"),
                withKey("another key").hashCode(ADA, OtpPurpose.EMAIL_VERIFICATION, "123456")))
                .doesNotContain(hash).doesNotHaveDuplicates();
    }

    @Test
    void resetTokensNameTheirAccountAndCarry256RandomBits() {
        OneTimePasswords codes = withKey("a key of the test");
        String token = codes.newResetToken(ADA);
        assertThat(token).matches("user-ada\\.[A-Za-z0-9_-]{43}").isNotEqualTo(codes.newResetToken(ADA));
        assertThat(codes.accountOfResetToken(token)).contains(ADA);
        assertThat(codes.accountOfResetToken("no-account-named")).isEmpty();
        assertThat(codes.accountOfResetToken(" .secret")).isEmpty();
    }

    @Test
    void requiredVerificationNeedsAnSmtpServer() {
        assertThatThrownBy(() -> new EmailProperties(" ", 587, null, null, false, true, "a@b.c", true,
                Duration.ofMinutes(10), 5, Duration.ofMinutes(15)))
                .hasMessageContaining("EMAIL_VERIFICATION_REQUIRED needs SMTP_HOST");
        assertThat(new EmailProperties(null, 587, null, null, false, true, "a@b.c", false, Duration.ofMinutes(10), 5,
                Duration.ofMinutes(15)).enabled()).isFalse();
    }
}
