package com.aipasta.command.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Throttles logins, registrations, password changes and one-time passwords per client address and per account (Bucket4j token buckets,
 * refilled gradually), and locks an account for a while after consecutive wrong passwords. The state lives in this
 * process: with several nodes behind a balancer each node counts on its own.
 */
@Component
public class AbuseLimits {

    private static final long MAX_TRACKED_KEYS = 100_000;

    private final AbuseLimitsProperties properties;
    private final Clock clock;
    private final Cache<String, Bucket> buckets;
    private final Cache<String, Failures> failures;

    private record Failures(AtomicInteger count, Instant lockedUntil) {
    }

    public AbuseLimits(AbuseLimitsProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
        this.buckets = Caffeine.newBuilder().maximumSize(MAX_TRACKED_KEYS)
                .expireAfterAccess(longestPeriod(properties)).build();
        this.failures = Caffeine.newBuilder().maximumSize(MAX_TRACKED_KEYS)
                .expireAfterWrite(properties.lockoutDuration()).build();
    }

    public void login(String clientAddress, String email) {
        take("login-address:" + clientAddress, properties.loginPerAddress());
        take("login-account:" + email, properties.loginPerAccount());
        Failures recorded = failures.getIfPresent(email);
        Instant now = clock.instant();
        if (recorded != null && recorded.lockedUntil() != null && now.isBefore(recorded.lockedUntil())) {
            throw new RateLimitedException("Too many wrong passwords: this account is locked for a while",
                    Duration.between(now, recorded.lockedUntil()), now);
        }
    }

    public void loginFailed(String email) {
        Failures recorded = failures.get(email, unused -> new Failures(new AtomicInteger(), null));
        if (recorded.count().incrementAndGet() >= properties.lockoutFailures()) {
            failures.put(email, new Failures(new AtomicInteger(), clock.instant().plus(properties.lockoutDuration())));
        }
    }

    public void loginSucceeded(String email) {
        failures.invalidate(email);
    }

    public void registration(String clientAddress, String email) {
        take("register-address:" + clientAddress, properties.registrationPerAddress());
        take("register-account:" + email, properties.registrationPerAccount());
    }

    /** Google sign-ins count against the address's logins. */
    public void googleLogin(String clientAddress) {
        take("login-address:" + clientAddress, properties.loginPerAddress());
    }

    /** Guest accounts count against the address's registrations. */
    public void guest(String clientAddress) {
        take("register-address:" + clientAddress, properties.registrationPerAddress());
    }

    public void passwordChange(String clientAddress, String userId) {
        take("password-address:" + clientAddress, properties.passwordChangePerAddress());
        take("password-account:" + userId, properties.passwordChangePerAccount());
    }

    /** Codes sent by e-mail (a resent verification code, a password reset), whether or not the address is known. */
    public void otpSend(String clientAddress, String email) {
        take("otp-send-address:" + clientAddress, properties.otpSendPerAddress());
        take("otp-send-account:" + email, properties.otpSendPerAccount());
    }

    /** Codes and reset tokens submitted; each account also locks itself after a few wrong codes. */
    public void otpVerify(String clientAddress) {
        take("otp-verify-address:" + clientAddress, properties.otpVerifyPerAddress());
    }

    private void take(String key, Rate rate) {
        Bucket bucket = buckets.get(key + "|" + rate, unused -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(rate.attempts()).refillGreedy(rate.attempts(), rate.period())
                        .build())
                .build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            throw new RateLimitedException("Too many attempts; try again later",
                    Duration.ofNanos(probe.getNanosToWaitForRefill()), clock.instant());
        }
    }

    private static Duration longestPeriod(AbuseLimitsProperties properties) {
        Duration longest = properties.lockoutDuration();
        for (Rate rate : new Rate[]{properties.loginPerAddress(), properties.loginPerAccount(),
                properties.registrationPerAddress(), properties.registrationPerAccount(),
                properties.passwordChangePerAddress(), properties.passwordChangePerAccount(),
                properties.otpSendPerAddress(), properties.otpSendPerAccount(), properties.otpVerifyPerAddress()}) {
            if (rate.period().compareTo(longest) > 0) {
                longest = rate.period();
            }
        }
        return longest;
    }
}
