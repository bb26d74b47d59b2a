package com.aipasta.command.account;

import com.aipasta.account.api.command.IssueOtpCommand;
import com.aipasta.account.api.command.LinkGoogleAccountCommand;
import com.aipasta.account.api.command.ResetPasswordCommand;
import com.aipasta.account.api.command.VerifyEmailCommand;
import com.aipasta.account.api.command.VerifyPasswordResetOtpCommand;
import com.aipasta.account.api.event.EmailVerifiedEvent;
import com.aipasta.account.api.event.GoogleAccountLinkedEvent;
import com.aipasta.account.api.event.GuestStartedEvent;
import com.aipasta.account.api.event.OtpAttemptFailedEvent;
import com.aipasta.account.api.event.OtpIssuedEvent;
import com.aipasta.account.api.event.PasswordChangedEvent;
import com.aipasta.account.api.event.PasswordResetOtpVerifiedEvent;
import com.aipasta.account.api.event.UserDeactivatedEvent;
import com.aipasta.account.api.event.UserRegisteredEvent;
import com.aipasta.account.api.value.OtpCheck;
import com.aipasta.account.api.value.OtpPurpose;
import com.aipasta.account.api.value.OtpRules;
import com.aipasta.account.api.value.Role;
import com.aipasta.account.api.value.UserId;
import com.aipasta.common.DomainException;
import com.aipasta.common.ErrorCode;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static com.aipasta.account.api.value.OtpPurpose.EMAIL_VERIFICATION;
import static com.aipasta.account.api.value.OtpPurpose.PASSWORD_RESET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UserAccountOtpTest {

    private static final UserId USER = new UserId("user-1");
    private static final UserId ADMIN = new UserId("admin-1");
    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");
    private static final OtpRules RULES = new OtpRules(Duration.ofMinutes(10), 5, Duration.ofMinutes(15));
    private static final UserRegisteredEvent REGISTERED =
            new UserRegisteredEvent(USER, "a@example.com", "Ada", "hash-0", Role.USER, T);
    private static final OtpIssuedEvent VERIFICATION_SENT =
            new OtpIssuedEvent(USER, EMAIL_VERIFICATION, "code-1", T, T.plus(Duration.ofMinutes(10)));
    private static final OtpIssuedEvent RESET_SENT =
            new OtpIssuedEvent(USER, PASSWORD_RESET, "reset-1", T, T.plus(Duration.ofMinutes(10)));

    private AggregateTestFixture<UserAccount> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(UserAccount.class);
        fixture.registerInjectableResource(Clock.fixed(T, ZoneOffset.UTC));
    }

    private static Matcher<DomainException> refusedWith(ErrorCode code) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(DomainException refusal) {
                return refusal.code() == code;
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("a refusal with code ").appendValue(code);
            }
        };
    }

    private static OtpAttemptFailedEvent failed(OtpPurpose purpose, int attempt) {
        return new OtpAttemptFailedEvent(USER, purpose, attempt, null, T.plusSeconds(attempt));
    }

    @Test
    void issuesACodeThatLastsItsLifetime() {
        fixture.given(REGISTERED)
                .when(new IssueOtpCommand(USER, EMAIL_VERIFICATION, "code-1", T, RULES))
                .expectEvents(VERIFICATION_SENT);
    }

    @Test
    void theRightCodeVerifiesTheAddressOnce() {
        fixture.given(REGISTERED, VERIFICATION_SENT)
                .when(new VerifyEmailCommand(USER, "code-1", T.plusSeconds(60), RULES))
                .expectEvents(new EmailVerifiedEvent(USER, T.plusSeconds(60)))
                .expectResultMessagePayload(OtpCheck.passed(0));
        fixture.given(REGISTERED, VERIFICATION_SENT, new EmailVerifiedEvent(USER, T))
                .when(new VerifyEmailCommand(USER, "code-1", T.plusSeconds(60), RULES))
                .expectNoEvents()
                .expectException(DomainException.class)
                .expectExceptionMessage("The e-mail address is already verified");
        fixture.given(REGISTERED, new EmailVerifiedEvent(USER, T))
                .when(new IssueOtpCommand(USER, EMAIL_VERIFICATION, "code-2", T, RULES))
                .expectNoEvents()
                .expectException(DomainException.class);
    }

    @Test
    void aWrongCodeIsRecordedAndCountsDown() {
        fixture.given(REGISTERED, VERIFICATION_SENT, failed(EMAIL_VERIFICATION, 1))
                .when(new VerifyEmailCommand(USER, "guess", T.plusSeconds(2), RULES))
                .expectEvents(failed(EMAIL_VERIFICATION, 2))
                .expectResultMessagePayload(OtpCheck.wrong(3, null));
    }

    @Test
    void theFifthWrongCodeLocksForFifteenMinutesAndVoidsTheCode() {
        Instant fifth = T.plusSeconds(5);
        Instant lockedUntil = fifth.plus(Duration.ofMinutes(15));
        fixture.given(REGISTERED, VERIFICATION_SENT, failed(EMAIL_VERIFICATION, 1), failed(EMAIL_VERIFICATION, 2),
                        failed(EMAIL_VERIFICATION, 3), failed(EMAIL_VERIFICATION, 4))
                .when(new VerifyEmailCommand(USER, "guess", fifth, RULES))
                .expectEvents(new OtpAttemptFailedEvent(USER, EMAIL_VERIFICATION, 5, lockedUntil, fifth))
                .expectResultMessagePayload(OtpCheck.wrong(0, lockedUntil));
        OtpAttemptFailedEvent locking = new OtpAttemptFailedEvent(USER, EMAIL_VERIFICATION, 5, lockedUntil, fifth);
        fixture.given(REGISTERED, VERIFICATION_SENT, locking)
                .when(new VerifyEmailCommand(USER, "code-1", lockedUntil.minusSeconds(1), RULES))
                .expectNoEvents()
                .expectException(DomainException.class)
                .expectException(refusedWith(ErrorCode.OTP_LOCKED));
        fixture.given(REGISTERED, VERIFICATION_SENT, locking)
                .when(new IssueOtpCommand(USER, EMAIL_VERIFICATION, "code-2", lockedUntil.minusSeconds(1), RULES))
                .expectNoEvents()
                .expectException(DomainException.class);
        fixture.given(REGISTERED, VERIFICATION_SENT, locking)
                .when(new VerifyEmailCommand(USER, "code-1", lockedUntil, RULES))
                .expectNoEvents()
                .expectException(refusedWith(ErrorCode.OTP_EXPIRED));
        fixture.given(REGISTERED, VERIFICATION_SENT, locking)
                .when(new IssueOtpCommand(USER, EMAIL_VERIFICATION, "code-2", lockedUntil, RULES))
                .expectEvents(new OtpIssuedEvent(USER, EMAIL_VERIFICATION, "code-2", lockedUntil,
                        lockedUntil.plus(Duration.ofMinutes(10))));
    }

    @Test
    void askingForANewCodeDoesNotGiveMoreAttempts() {
        Instant later = T.plusSeconds(60);
        fixture.given(REGISTERED, VERIFICATION_SENT, failed(EMAIL_VERIFICATION, 1), failed(EMAIL_VERIFICATION, 2),
                        failed(EMAIL_VERIFICATION, 3), failed(EMAIL_VERIFICATION, 4),
                        new OtpIssuedEvent(USER, EMAIL_VERIFICATION, "code-2", later, later.plusSeconds(600)))
                .when(new VerifyEmailCommand(USER, "guess", later, RULES))
                .expectEvents(new OtpAttemptFailedEvent(USER, EMAIL_VERIFICATION, 5,
                        later.plus(Duration.ofMinutes(15)), later));
    }

    @Test
    void aNewCodeReplacesTheOldOne() {
        Instant later = T.plusSeconds(60);
        fixture.given(REGISTERED, VERIFICATION_SENT,
                        new OtpIssuedEvent(USER, EMAIL_VERIFICATION, "code-2", later, later.plusSeconds(600)))
                .when(new VerifyEmailCommand(USER, "code-1", later, RULES))
                .expectEvents(new OtpAttemptFailedEvent(USER, EMAIL_VERIFICATION, 1, null, later));
    }

    @Test
    void aCodeExpiresAfterItsLifetimeWithoutCountingAnAttempt() {
        fixture.given(REGISTERED, VERIFICATION_SENT)
                .when(new VerifyEmailCommand(USER, "code-1", T.plus(Duration.ofMinutes(10)), RULES))
                .expectNoEvents()
                .expectException(refusedWith(ErrorCode.OTP_EXPIRED));
        fixture.given(REGISTERED)
                .when(new VerifyEmailCommand(USER, "code-1", T, RULES))
                .expectNoEvents()
                .expectException(refusedWith(ErrorCode.OTP_EXPIRED));
    }

    @Test
    void aCodeOfOnePurposeProvesNothingForTheOther() {
        fixture.given(REGISTERED, VERIFICATION_SENT)
                .when(new VerifyPasswordResetOtpCommand(USER, "code-1", "token-1", T, RULES))
                .expectNoEvents()
                .expectException(refusedWith(ErrorCode.OTP_EXPIRED));
    }

    @Test
    void aRightResetCodeGrantsAResetTokenThatSetsThePasswordOnce() {
        Instant verified = T.plusSeconds(30);
        Instant tokenEnd = verified.plus(Duration.ofMinutes(10));
        PasswordResetOtpVerifiedEvent granted = new PasswordResetOtpVerifiedEvent(USER, "token-1", tokenEnd, verified);
        fixture.given(REGISTERED, RESET_SENT)
                .when(new VerifyPasswordResetOtpCommand(USER, "reset-1", "token-1", verified, RULES))
                .expectEvents(granted)
                .expectResultMessagePayload(OtpCheck.passed(0));
        fixture.given(REGISTERED, new EmailVerifiedEvent(USER, T), RESET_SENT, granted)
                .when(new ResetPasswordCommand(USER, "token-1", null, "hash-new", verified.plusSeconds(5), RULES))
                .expectEvents(new PasswordChangedEvent(USER, "hash-new", 1, verified.plusSeconds(5)))
                .expectResultMessagePayload(OtpCheck.passed(1));
        fixture.given(REGISTERED, RESET_SENT, granted,
                        new PasswordChangedEvent(USER, "hash-new", 1, verified.plusSeconds(5)))
                .when(new ResetPasswordCommand(USER, "token-1", null, "hash-again", verified.plusSeconds(9), RULES))
                .expectNoEvents()
                .expectException(refusedWith(ErrorCode.OTP_EXPIRED));
        fixture.given(REGISTERED, RESET_SENT, granted)
                .when(new ResetPasswordCommand(USER, "token-1", null, "hash-new", tokenEnd, RULES))
                .expectNoEvents()
                .expectException(refusedWith(ErrorCode.OTP_EXPIRED));
        fixture.given(REGISTERED, RESET_SENT, granted)
                .when(new ResetPasswordCommand(USER, "token-2", null, "hash-new", verified, RULES))
                .expectNoEvents()
                .expectException(refusedWith(ErrorCode.INVALID_OTP));
    }

    @Test
    void theResetCodeItselfSetsThePasswordAndVerifiesTheAddress() {
        Instant at = T.plusSeconds(30);
        fixture.given(REGISTERED, RESET_SENT)
                .when(new ResetPasswordCommand(USER, null, "reset-1", "hash-new", at, RULES))
                .expectEvents(new PasswordChangedEvent(USER, "hash-new", 1, at), new EmailVerifiedEvent(USER, at))
                .expectResultMessagePayload(OtpCheck.passed(1));
        fixture.given(REGISTERED, RESET_SENT)
                .when(new ResetPasswordCommand(USER, null, "guess", "hash-new", at, RULES))
                .expectEvents(new OtpAttemptFailedEvent(USER, PASSWORD_RESET, 1, null, at))
                .expectResultMessagePayload(OtpCheck.wrong(4, null));
    }

    @Test
    void resetCodesLockOnTheirOwn() {
        Instant lockedUntil = T.plus(Duration.ofMinutes(15));
        fixture.given(REGISTERED, RESET_SENT, new OtpAttemptFailedEvent(USER, PASSWORD_RESET, 5, lockedUntil, T),
                        VERIFICATION_SENT)
                .when(new VerifyEmailCommand(USER, "code-1", T.plusSeconds(1), RULES))
                .expectEvents(new EmailVerifiedEvent(USER, T.plusSeconds(1)));
        fixture.given(REGISTERED, RESET_SENT, new OtpAttemptFailedEvent(USER, PASSWORD_RESET, 5, lockedUntil, T))
                .when(new IssueOtpCommand(USER, PASSWORD_RESET, "reset-2", T.plusSeconds(1), RULES))
                .expectNoEvents()
                .expectException(refusedWith(ErrorCode.OTP_LOCKED));
    }

    @Test
    void noCodeForAGuestOrADeactivatedAccount() {
        fixture.given(new GuestStartedEvent(USER, 5, T, T.plus(Duration.ofDays(1))))
                .when(new IssueOtpCommand(USER, PASSWORD_RESET, "reset-1", T, RULES))
                .expectNoEvents()
                .expectException(DomainException.class);
        fixture.given(REGISTERED, new UserDeactivatedEvent(USER, "spam", ADMIN, T))
                .when(new IssueOtpCommand(USER, PASSWORD_RESET, "reset-1", T, RULES))
                .expectNoEvents()
                .expectException(DomainException.class);
    }

    @Test
    void aGoogleSignInVerifiesTheAddressOnce() {
        fixture.given(REGISTERED)
                .when(new LinkGoogleAccountCommand(USER, "google-1", T))
                .expectEvents(new GoogleAccountLinkedEvent(USER, "google-1", T), new EmailVerifiedEvent(USER, T));
        fixture.given(REGISTERED, new GoogleAccountLinkedEvent(USER, "google-1", T), new EmailVerifiedEvent(USER, T))
                .when(new LinkGoogleAccountCommand(USER, "google-1", T))
                .expectNoEvents();
        fixture.given(REGISTERED, new GoogleAccountLinkedEvent(USER, "google-1", T))
                .when(new LinkGoogleAccountCommand(USER, "google-1", T))
                .expectEvents(new EmailVerifiedEvent(USER, T));
    }

    @Test
    void resetCommandsNeedExactlyOneProof() {
        assertThatThrownBy(() -> new ResetPasswordCommand(USER, null, null, "hash", T, RULES))
                .isInstanceOfSatisfying(DomainException.class,
                        refused -> assertThat(refused.code()).isEqualTo(ErrorCode.VALIDATION_FAILED));
        assertThatThrownBy(() -> new ResetPasswordCommand(USER, "token", "code", "hash", T, RULES))
                .isInstanceOfSatisfying(DomainException.class,
                        refused -> assertThat(refused.code()).isEqualTo(ErrorCode.VALIDATION_FAILED));
    }
}
