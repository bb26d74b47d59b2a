package com.aipasta.command.access;

import com.aipasta.account.api.event.DailyLimitChangedEvent;
import com.aipasta.account.api.event.EmailVerifiedEvent;
import com.aipasta.account.api.event.OtpAttemptFailedEvent;
import com.aipasta.account.api.event.OtpIssuedEvent;
import com.aipasta.account.api.event.PasswordResetOtpVerifiedEvent;
import com.aipasta.account.api.event.FavoriteModelToggledEvent;
import com.aipasta.account.api.event.GoogleAccountLinkedEvent;
import com.aipasta.account.api.event.ProfileUpdatedEvent;
import com.aipasta.account.api.event.GuestStartedEvent;
import com.aipasta.account.api.event.PasswordChangedEvent;
import com.aipasta.account.api.event.PlanAssignedEvent;
import com.aipasta.account.api.event.RoleChangedEvent;
import com.aipasta.account.api.event.SubscriptionExpiredEvent;
import com.aipasta.account.api.event.SubscriptionUpgradedEvent;
import com.aipasta.account.api.event.TokenRevokedEvent;
import com.aipasta.account.api.event.UserAccountEvent;
import com.aipasta.account.api.event.UserDeactivatedEvent;
import com.aipasta.account.api.event.UserDeletedEvent;
import com.aipasta.account.api.event.UserReactivatedEvent;
import com.aipasta.account.api.event.UserRegisteredEvent;
import com.aipasta.account.api.query.UserSummary;
import com.aipasta.account.api.value.Role;
import com.aipasta.account.api.value.UserId;
import com.aipasta.wallet.api.query.WalletSummary;
import com.aipasta.wallet.api.value.WalletBalance;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;

/**
 * What a request needs to know of its caller's account, folded from the account's events: who may act, as what,
 * on which plan and under which daily limit, the hash a password given for it is checked against (none for a guest or
 * a deleted account), whether its e-mail address is verified, and the profile an answer shows of it. {@code sequence}
 * is that of the last event folded in, so an event is folded once and in order. Revoked tokens are kept only until
 * they would have expired anyway.
 */
public record Access(UserId userId, Role role, String plan, Instant planValidUntil, Integer dailyRequestLimit,
                     boolean active, boolean deleted, int credentialsVersion, String passwordHash,
                     Map<String, Instant> revokedTokens, Trial trial, boolean emailVerified, Profile profile,
                     long sequence) {

    /**
     * What the account shows of itself: its e-mail address (none for a guest), name, and when it began, to the
     * millisecond as the read models keep it.
     */
    public record Profile(String email, String name, Instant createdAt) {
        public Profile {
            createdAt = createdAt.truncatedTo(ChronoUnit.MILLIS);
        }
    }

    /** What a guest may do, and until when. */
    public record Trial(int messageLimit, Instant startedAt, Instant endsAt) {
    }

    public static final String FREE_PLAN = "free";
    public static final String PREMIUM_PLAN = "premium";

    public Access {
        revokedTokens = Map.copyOf(revokedTokens);
    }

    public static Access registered(UserRegisteredEvent event, long sequence) {
        return new Access(event.userId(), event.role(), FREE_PLAN, null, null, true, false, 0, event.passwordHash(),
                Map.of(), null, false, new Profile(event.email(), event.name(), event.registeredAt()), sequence);
    }

    public static Access guest(GuestStartedEvent event, long sequence) {
        return new Access(event.userId(), Role.GUEST, FREE_PLAN, null, null, true, false, 0, null, Map.of(),
                new Trial(event.messageLimit(), event.startedAt(), event.expiresAt()), false,
                new Profile(null, UserSummary.GUEST_NAME, event.startedAt()), sequence);
    }

    public boolean guest() {
        return role == Role.GUEST;
    }

    /** Active, and for a guest not yet past the guest's end. */
    public boolean usableAt(Instant now) {
        return active && (trial == null || now.isBefore(trial.endsAt()));
    }

    /** Premium and administrator roles carry the premium plan, whatever plan the account holds. */
    public String effectivePlan() {
        return role == Role.USER || role == Role.GUEST ? plan : PREMIUM_PLAN;
    }

    /** Never the hash: an account may be written to a log. */
    @Override
    public String toString() {
        return "Access[" + userId.value() + ", " + role + ", " + effectivePlan() + ", active " + active + ", sequence "
                + sequence + "]";
    }

    public boolean revoked(String tokenId) {
        return revokedTokens.containsKey(tokenId);
    }

    /** The account after {@code event}, the event numbered {@code next} in the account's stream. */
    public Access with(UserAccountEvent event, long next) {
        if (event instanceof UserRegisteredEvent registered) {
            return registered(registered, next);
        }
        if (event instanceof GuestStartedEvent started) {
            return guest(started, next);
        }
        if (event instanceof PasswordChangedEvent changed) {
            return new Access(userId, role, plan, planValidUntil, dailyRequestLimit, active, deleted,
                    changed.credentialsVersion(), changed.passwordHash(), revokedTokens, trial, emailVerified, profile,
                    next);
        }
        if (event instanceof SubscriptionUpgradedEvent upgraded) {
            return withPlan(upgraded.plan(), upgraded.validUntil(), next);
        }
        if (event instanceof SubscriptionExpiredEvent) {
            return withPlan(FREE_PLAN, null, next);
        }
        if (event instanceof PlanAssignedEvent assigned) {
            return withPlan(assigned.plan(), assigned.validUntil(), next);
        }
        if (event instanceof RoleChangedEvent changed) {
            return new Access(userId, changed.role(), plan, planValidUntil, dailyRequestLimit, active, deleted,
                    credentialsVersion, passwordHash, revokedTokens, trial, emailVerified, profile, next);
        }
        if (event instanceof DailyLimitChangedEvent changed) {
            return new Access(userId, role, plan, planValidUntil, changed.dailyRequestLimit(), active, deleted,
                    credentialsVersion, passwordHash, revokedTokens, trial, emailVerified, profile, next);
        }
        if (event instanceof UserDeactivatedEvent) {
            return withActive(false, deleted, next);
        }
        if (event instanceof UserReactivatedEvent) {
            return withActive(true, deleted, next);
        }
        if (event instanceof UserDeletedEvent) {
            return withActive(false, true, next).withProfile(new Profile(null, UserSummary.DELETED_NAME,
                    profile.createdAt()), next);
        }
        if (event instanceof TokenRevokedEvent revoked) {
            return withRevoked(revoked, next);
        }
        if (event instanceof EmailVerifiedEvent) {
            return new Access(userId, role, plan, planValidUntil, dailyRequestLimit, active, deleted,
                    credentialsVersion, passwordHash, revokedTokens, trial, true, profile, next);
        }
        if (event instanceof ProfileUpdatedEvent updated) {
            return withProfile(new Profile(profile.email(), updated.name(), profile.createdAt()), next);
        }
        if (event instanceof FavoriteModelToggledEvent
                || event instanceof GoogleAccountLinkedEvent || event instanceof OtpIssuedEvent
                || event instanceof OtpAttemptFailedEvent || event instanceof PasswordResetOtpVerifiedEvent) {
            return withSequence(next);
        }
        throw new IllegalArgumentException("Unknown account event " + event.getClass().getName());
    }

    /**
     * The account as a user summary shows it, with the wallet as a command just left it: what an answer shows without
     * asking the read models.
     */
    public UserSummary summaryWith(WalletBalance wallet) {
        return new UserSummary(userId.value(), profile.email(), profile.name(), role, effectivePlan(),
                dailyRequestLimit, profile.createdAt(), new WalletSummary(wallet.balance(), wallet.freeTokens(),
                wallet.purchasedTokens(), wallet.usedTokens(), wallet.reserved()));
    }

    private Access withProfile(Profile changed, long next) {
        return new Access(userId, role, plan, planValidUntil, dailyRequestLimit, active, deleted, credentialsVersion,
                passwordHash, revokedTokens, trial, emailVerified, changed, next);
    }

    private Access withSequence(long next) {
        return new Access(userId, role, plan, planValidUntil, dailyRequestLimit, active, deleted, credentialsVersion,
                passwordHash, revokedTokens, trial, emailVerified, profile, next);
    }

    private Access withPlan(String newPlan, Instant validUntil, long next) {
        return new Access(userId, role, newPlan, validUntil, dailyRequestLimit, active, deleted, credentialsVersion,
                passwordHash, revokedTokens, trial, emailVerified, profile, next);
    }

    private Access withActive(boolean nowActive, boolean nowDeleted, long next) {
        return new Access(userId, role, plan, planValidUntil, dailyRequestLimit, nowActive, nowDeleted,
                credentialsVersion, nowDeleted ? null : passwordHash, revokedTokens, trial, emailVerified, profile, next);
    }

    private Access withRevoked(TokenRevokedEvent event, long next) {
        Map<String, Instant> stillValid = new HashMap<>();
        revokedTokens.forEach((tokenId, expiresAt) -> {
            if (expiresAt.isAfter(event.revokedAt())) {
                stillValid.put(tokenId, expiresAt);
            }
        });
        stillValid.put(event.tokenId(), event.expiresAt());
        return new Access(userId, role, plan, planValidUntil, dailyRequestLimit, active, deleted, credentialsVersion,
                passwordHash, stillValid, trial, emailVerified, profile, next);
    }
}
