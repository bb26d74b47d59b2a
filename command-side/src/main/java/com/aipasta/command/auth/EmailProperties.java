package com.aipasta.command.auth;

import com.aipasta.account.api.value.OtpRules;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * E-mail: the SMTP server that one-time passwords are sent through, and their rules. Without a host, nothing sends
 * mail: e-mail verification and password reset answer 503 {@code EMAIL_DISABLED}.
 *
 * @param smtpHost             SMTP server ({@code SMTP_HOST}); blank turns e-mail off
 * @param smtpPort             its port ({@code SMTP_PORT})
 * @param smtpUsername         user name, when the server wants authentication ({@code SMTP_USERNAME})
 * @param smtpPassword         its password ({@code SMTP_PASSWORD})
 * @param smtpSsl              TLS from the first byte, as on port 465 ({@code SMTP_SSL})
 * @param smtpStarttls         otherwise, whether to switch to TLS when the server offers STARTTLS
 *                             ({@code SMTP_STARTTLS})
 * @param from                 the sender of the platform's mail ({@code MAIL_FROM})
 * @param verificationRequired whether every use of a model paid from the wallet needs a verified address
 *                             ({@code EMAIL_VERIFICATION_REQUIRED})
 * @param otpLifetime          how long a code lasts ({@code OTP_LIFETIME})
 * @param otpMaxAttempts       wrong codes in a row that lock a purpose of an account ({@code OTP_MAX_ATTEMPTS})
 * @param otpLockout           how long such a lock lasts ({@code OTP_LOCKOUT})
 */
@Validated
@ConfigurationProperties("aipasta.email")
public record EmailProperties(String smtpHost,
                              @DefaultValue("587") @Min(1) @Max(65535) int smtpPort,
                              String smtpUsername,
                              String smtpPassword,
                              @DefaultValue("false") boolean smtpSsl,
                              @DefaultValue("true") boolean smtpStarttls,
                              @DefaultValue("no-reply@localhost") @NotNull String from,
                              @DefaultValue("false") boolean verificationRequired,
                              @DefaultValue("10m") @NotNull Duration otpLifetime,
                              @DefaultValue("5") @Min(1) int otpMaxAttempts,
                              @DefaultValue("15m") @NotNull Duration otpLockout) {

    public EmailProperties {
        if (verificationRequired && (smtpHost == null || smtpHost.isBlank())) {
            throw new IllegalArgumentException(
                    "EMAIL_VERIFICATION_REQUIRED needs SMTP_HOST: without mail no address could be verified");
        }
    }

    public boolean enabled() {
        return smtpHost != null && !smtpHost.isBlank();
    }

    public OtpRules otpRules() {
        return new OtpRules(otpLifetime, otpMaxAttempts, otpLockout);
    }
}
