package com.aipasta.command.auth;

import com.aipasta.account.api.command.ResetPasswordCommand;
import com.aipasta.account.api.command.VerifyEmailCommand;
import com.aipasta.account.api.command.VerifyPasswordResetOtpCommand;
import com.aipasta.account.api.value.OtpCheck;
import com.aipasta.account.api.value.OtpPurpose;
import com.aipasta.account.api.value.UserId;
import com.aipasta.command.access.Access;
import com.aipasta.command.access.AccessState;
import com.aipasta.command.http.ReadModels;
import com.aipasta.common.DomainException;
import com.aipasta.common.ErrorCode;
import com.fasterxml.jackson.annotation.JsonAlias;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * E-mail verification and password reset by one-time passwords sent over SMTP. Every endpoint answers 503
 * {@code EMAIL_DISABLED} when no SMTP server is configured. Asking for a code answers the same whether or not the
 * address has an account; a code submitted for an address without one is answered as one never sent.
 */
@RestController
@RequestMapping("/api/auth")
public class OtpController {

    private static final String CODE_PATTERN = "\\d{6}";
    private static final String CODE_SHAPE = "must be the six digits sent by e-mail";

    public record EmailRequest(@NotBlank @Email @Size(max = 254) String email) {
        public EmailRequest {
            email = AuthProperties.normaliseEmail(email);
        }
    }

    public record OtpRequest(@NotBlank @Email @Size(max = 254) String email,
                             @JsonAlias("code") @NotNull @Pattern(regexp = CODE_PATTERN, message = CODE_SHAPE)
                             String otp) {
        public OtpRequest {
            email = AuthProperties.normaliseEmail(email);
        }
    }

    /**
     * Proves the reset with {@code resetToken} (from verify-reset-otp, which names its account, so {@code email} may
     * be left out) or with the code itself and {@code email}, not both.
     */
    public record ResetPasswordRequest(@Email @Size(max = 254) String email,
                                       @JsonAlias("token") @Size(min = 1, max = 200) String resetToken,
                                       @JsonAlias("code") @Pattern(regexp = CODE_PATTERN, message = CODE_SHAPE)
                                       String otp,
                                       @JsonAlias("password") @NotNull String newPassword) {
        public ResetPasswordRequest {
            email = AuthProperties.normaliseEmail(email);
        }
    }

    public record ResetGrant(String resetToken, Instant expiresAt) {
    }

    private final OtpMail mail;
    private final OtpIssuance issuance;
    private final OneTimePasswords codes;
    private final EmailRegistry emails;
    private final CommandGateway commands;
    private final ReadModels readModels;
    private final AccessState access;
    private final PasswordHasher passwords;
    private final PasswordPolicy passwordPolicy;
    private final AbuseLimits limits;
    private final EmailProperties properties;
    private final Clock clock;

    public OtpController(OtpMail mail, OtpIssuance issuance, OneTimePasswords codes, EmailRegistry emails,
                         CommandGateway commands, ReadModels readModels, AccessState access,
                         PasswordHasher passwords, PasswordPolicy passwordPolicy, AbuseLimits limits,
                         EmailProperties properties, Clock clock) {
        this.mail = mail;
        this.issuance = issuance;
        this.codes = codes;
        this.emails = emails;
        this.commands = commands;
        this.readModels = readModels;
        this.access = access;
        this.passwords = passwords;
        this.passwordPolicy = passwordPolicy;
        this.limits = limits;
        this.properties = properties;
        this.clock = clock;
    }

    @PostMapping("/verify-email")
    public Map<String, Boolean> verifyEmail(@Valid @RequestBody OtpRequest request, HttpServletRequest http) {
        mail.requireEnabled();
        limits.otpVerify(http.getRemoteAddr());
        UserId userId = emails.ownerOf(request.email()).orElseThrow(OtpController::noCodePending);
        requirePassed(check(() -> new VerifyEmailCommand(userId,
                codes.hashCode(userId, OtpPurpose.EMAIL_VERIFICATION, request.otp()), clock.instant(),
                properties.otpRules())));
        return Map.of("emailVerified", true);
    }

    @PostMapping("/resend-otp")
    public Map<String, String> resendOtp(@Valid @RequestBody EmailRequest request, HttpServletRequest http) {
        mail.requireEnabled();
        limits.otpSend(http.getRemoteAddr(), request.email());
        emails.ownerOf(request.email())
                .ifPresent(userId -> issuance.issue(userId, request.email(), OtpPurpose.EMAIL_VERIFICATION));
        return Map.of("message", "If this address belongs to an account awaiting verification, a new code was "
                + "sent to it");
    }

    @PostMapping("/forgot-password")
    public Map<String, String> forgotPassword(@Valid @RequestBody EmailRequest request, HttpServletRequest http) {
        mail.requireEnabled();
        limits.otpSend(http.getRemoteAddr(), request.email());
        emails.ownerOf(request.email())
                .ifPresent(userId -> issuance.issue(userId, request.email(), OtpPurpose.PASSWORD_RESET));
        return Map.of("message", "If this address belongs to an account, a code to reset its password was sent to it");
    }

    @PostMapping("/verify-reset-otp")
    public ResetGrant verifyResetOtp(@Valid @RequestBody OtpRequest request, HttpServletRequest http) {
        mail.requireEnabled();
        limits.otpVerify(http.getRemoteAddr());
        UserId userId = emails.ownerOf(request.email()).orElseThrow(OtpController::noCodePending);
        String resetToken = codes.newResetToken(userId);
        Instant now = clock.instant();
        requirePassed(check(() -> new VerifyPasswordResetOtpCommand(userId,
                codes.hashCode(userId, OtpPurpose.PASSWORD_RESET, request.otp()),
                codes.hashResetToken(userId, resetToken), now, properties.otpRules())));
        return new ResetGrant(resetToken, now.plus(properties.otpLifetime()));
    }

    /** Every token issued to the account before stops working; the new password signs in at once. */
    @PostMapping("/reset-password")
    public Map<String, Boolean> resetPassword(@Valid @RequestBody ResetPasswordRequest request,
                                              HttpServletRequest http) {
        mail.requireEnabled();
        if ((request.resetToken() == null) == (request.otp() == null)) {
            throw new DomainException(ErrorCode.VALIDATION_FAILED, "Give either resetToken or otp",
                    Map.of("resetToken", "give either resetToken or otp"));
        }
        limits.otpVerify(http.getRemoteAddr());
        UserId userId = accountToReset(request);
        Optional<Access.Profile> profile = access.of(userId).map(Access::profile);
        String email = request.email() != null ? request.email() : profile.map(Access.Profile::email).orElse(null);
        passwordPolicy.check("newPassword", request.newPassword(), email,
                profile.map(Access.Profile::name).orElse(null));
        String passwordHash = passwords.hash(request.newPassword());
        OtpCheck check = check(() -> new ResetPasswordCommand(userId,
                request.resetToken() == null ? null : codes.hashResetToken(userId, request.resetToken()),
                request.otp() == null ? null : codes.hashCode(userId, OtpPurpose.PASSWORD_RESET, request.otp()),
                passwordHash, clock.instant(), properties.otpRules()));
        requirePassed(check);
        readModels.awaitCredentials(userId, check.credentialsVersion());
        if (email != null) {
            limits.loginSucceeded(email);
        }
        return Map.of("passwordReset", true);
    }

    private UserId accountToReset(ResetPasswordRequest request) {
        if (request.email() != null) {
            return emails.ownerOf(request.email()).orElseThrow(OtpController::noCodePending);
        }
        if (request.resetToken() == null) {
            throw new DomainException(ErrorCode.VALIDATION_FAILED, "Give the e-mail address with the code",
                    Map.of("email", "is required with otp"));
        }
        return codes.accountOfResetToken(request.resetToken()).orElseThrow(() -> new DomainException(
                ErrorCode.INVALID_OTP, "The reset token is wrong", Map.of("resetToken", "is wrong")));
    }

    private OtpCheck check(Supplier<Object> command) {
        try {
            return commands.sendAndWait(command.get());
        } catch (AggregateNotFoundException neverRecorded) {
            throw noCodePending();
        }
    }

    private void requirePassed(OtpCheck check) {
        if (check.passed()) {
            return;
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("otp", "is wrong");
        details.put("attemptsLeft", check.attemptsLeft());
        if (check.lockedUntil() != null) {
            details.put("lockedUntil", check.lockedUntil().toString());
            throw new DomainException(ErrorCode.INVALID_OTP, "The code is wrong, and that was the last attempt: no "
                    + "code is accepted or sent until " + check.lockedUntil(), details);
        }
        throw new DomainException(ErrorCode.INVALID_OTP, "The code is wrong", details);
    }

    private static DomainException noCodePending() {
        return new DomainException(ErrorCode.OTP_EXPIRED, "The code has expired or was never sent: ask for a new one");
    }
}
