package com.aipasta.command.auth;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;
import java.util.Map;

/**
 * Limits on attempts that can be abused, each as so many attempts per period per client address or per account.
 *
 * @param passwordMinLength         shortest password accepted ({@code PASSWORD_MIN_LENGTH})
 * @param loginPerAddress           logins from one client address ({@code LOGIN_LIMIT_PER_ADDRESS})
 * @param loginPerAccount           logins naming one e-mail address ({@code LOGIN_LIMIT_PER_ACCOUNT})
 * @param registrationPerAddress    registrations from one client address ({@code REGISTRATION_LIMIT_PER_ADDRESS})
 * @param registrationPerAccount    registrations naming one e-mail address ({@code REGISTRATION_LIMIT_PER_ACCOUNT})
 * @param passwordChangePerAddress  password changes from one client address
 *                                  ({@code PASSWORD_CHANGE_LIMIT_PER_ADDRESS})
 * @param passwordChangePerAccount  password changes of one account ({@code PASSWORD_CHANGE_LIMIT_PER_ACCOUNT})
 * @param otpSendPerAddress         one-time passwords asked for from one client address
 *                                  ({@code OTP_SEND_LIMIT_PER_ADDRESS})
 * @param otpSendPerAccount         one-time passwords asked for one e-mail address ({@code OTP_SEND_LIMIT_PER_ACCOUNT})
 * @param otpVerifyPerAddress       codes and reset tokens submitted from one client address
 *                                  ({@code OTP_VERIFY_LIMIT_PER_ADDRESS})
 * @param lockoutFailures           consecutive wrong passwords that lock an account ({@code LOGIN_LOCKOUT_FAILURES})
 * @param lockoutDuration           how long a locked account refuses logins ({@code LOGIN_LOCKOUT_DURATION})
 * @param concurrentStreams         answers one user may have generating at once, per plan
 *                                  ({@code CONCURRENT_STREAMS_<PLAN>})
 */
@Validated
@ConfigurationProperties("aipasta.limits")
public record AbuseLimitsProperties(@DefaultValue("10") @Min(1) @Max(PasswordPolicy.MAX_LENGTH) int passwordMinLength,
                                    @DefaultValue("30/1m") @NotNull Rate loginPerAddress,
                                    @DefaultValue("10/1m") @NotNull Rate loginPerAccount,
                                    @DefaultValue("10/1h") @NotNull Rate registrationPerAddress,
                                    @DefaultValue("5/1h") @NotNull Rate registrationPerAccount,
                                    @DefaultValue("10/15m") @NotNull Rate passwordChangePerAddress,
                                    @DefaultValue("5/15m") @NotNull Rate passwordChangePerAccount,
                                    @DefaultValue("20/1h") @NotNull Rate otpSendPerAddress,
                                    @DefaultValue("5/1h") @NotNull Rate otpSendPerAccount,
                                    @DefaultValue("30/1m") @NotNull Rate otpVerifyPerAddress,
                                    @DefaultValue("5") @Min(1) int lockoutFailures,
                                    @DefaultValue("15m") @NotNull Duration lockoutDuration,
                                    Map<String, Integer> concurrentStreams) {

    private static final int FALLBACK_STREAMS = 1;

    public AbuseLimitsProperties {
        concurrentStreams = concurrentStreams == null || concurrentStreams.isEmpty()
                ? Map.of("free", 2, "premium", 5) : Map.copyOf(concurrentStreams);
    }

    public int concurrentStreams(String plan) {
        return concurrentStreams.getOrDefault(plan, concurrentStreams.getOrDefault("free", FALLBACK_STREAMS));
    }
}
