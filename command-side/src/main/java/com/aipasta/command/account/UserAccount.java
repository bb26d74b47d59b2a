package com.aipasta.command.account;

import com.aipasta.account.api.command.AssignPlanCommand;
import com.aipasta.account.api.command.ChangeDailyLimitCommand;
import com.aipasta.account.api.command.ChangePasswordCommand;
import com.aipasta.account.api.command.ChangeRoleCommand;
import com.aipasta.account.api.command.CloseAccountCommand;
import com.aipasta.account.api.command.DeactivateUserCommand;
import com.aipasta.account.api.command.DeleteUserCommand;
import com.aipasta.account.api.command.ReactivateUserCommand;
import com.aipasta.account.api.command.ExpireSubscriptionCommand;
import com.aipasta.account.api.command.UpgradeSubscriptionCommand;
import com.aipasta.account.api.command.RegisterGuestCommand;
import com.aipasta.account.api.command.RegisterUserCommand;
import com.aipasta.account.api.command.LinkGoogleAccountCommand;
import com.aipasta.account.api.command.StartGuestCommand;
import com.aipasta.account.api.command.ToggleFavoriteModelCommand;
import com.aipasta.account.api.command.UpdateProfileCommand;
import com.aipasta.account.api.command.IssueOtpCommand;
import com.aipasta.account.api.command.ResetPasswordCommand;
import com.aipasta.account.api.command.VerifyEmailCommand;
import com.aipasta.account.api.command.VerifyPasswordResetOtpCommand;
import com.aipasta.account.api.event.EmailVerifiedEvent;
import com.aipasta.account.api.event.OtpAttemptFailedEvent;
import com.aipasta.account.api.event.OtpIssuedEvent;
import com.aipasta.account.api.event.PasswordResetOtpVerifiedEvent;
import com.aipasta.account.api.value.OtpCheck;
import com.aipasta.account.api.value.OtpPurpose;
import com.aipasta.account.api.value.OtpRules;
import com.aipasta.account.api.event.FavoriteModelToggledEvent;
import com.aipasta.account.api.event.GoogleAccountLinkedEvent;
import com.aipasta.account.api.event.ProfileUpdatedEvent;
import com.aipasta.account.api.value.Preferences;
import com.aipasta.account.api.event.GuestStartedEvent;
import com.aipasta.account.api.command.RevokeTokenCommand;
import com.aipasta.account.api.event.TokenRevokedEvent;
import com.aipasta.account.api.event.DailyLimitChangedEvent;
import com.aipasta.account.api.event.PasswordChangedEvent;
import com.aipasta.account.api.event.PlanAssignedEvent;
import com.aipasta.account.api.event.RoleChangedEvent;
import com.aipasta.account.api.event.SubscriptionExpiredEvent;
import com.aipasta.account.api.event.SubscriptionUpgradedEvent;
import com.aipasta.account.api.event.UserDeactivatedEvent;
import com.aipasta.account.api.event.UserDeletedEvent;
import com.aipasta.account.api.event.UserReactivatedEvent;
import com.aipasta.account.api.event.UserRegisteredEvent;
import com.aipasta.account.api.value.Role;
import com.aipasta.account.api.value.UserId;
import com.aipasta.common.DomainException;
import com.aipasta.common.ErrorCode;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

@Aggregate(cache = "aggregateCache", lockFactory = "aggregateLocks")
public class UserAccount {

    private static final String FREE_PLAN = "free";
    private static final int MAX_FAVORITES = 100;

    @AggregateIdentifier
    private UserId userId;
    private int credentialsVersion;
    private String plan;
    private Instant planValidUntil;
    private Role role;
    private Integer dailyRequestLimit;
    private boolean active;
    private boolean deleted;
    private Instant guestExpiresAt;
    private String name;
    private String bio;
    private String avatarUrl;
    private Preferences preferences = Preferences.DEFAULTS;
    private final Set<String> favoriteModels = new LinkedHashSet<>();
    private String googleSubject;
    private boolean emailVerified;
    private final Map<OtpPurpose, OtpChallenge> challenges = new EnumMap<>(OtpPurpose.class);
    private String resetTokenHash;
    private Instant resetTokenExpiresAt;

    protected UserAccount() {
    }

    @CommandHandler
    public UserAccount(RegisterUserCommand command, Clock clock) {
        if (clock.instant().isAfter(command.registerBy())) {
            throw new DomainException(ErrorCode.CONFLICT, "The registration took too long; try again");
        }
        apply(new UserRegisteredEvent(command.userId(), command.email(), command.name(), command.passwordHash(),
                command.role(), command.registeredAt()));
    }

    @CommandHandler
    public UserAccount(StartGuestCommand command) {
        apply(new GuestStartedEvent(command.userId(), command.messageLimit(), command.startedAt(),
                command.expiresAt()));
    }

    /** The guest's account becomes a registered one; its sessions, wallet and id stay as they are. */
    @CommandHandler
    public void handle(RegisterGuestCommand command, Clock clock) {
        Instant now = clock.instant();
        if (role != Role.GUEST || deleted) {
            throw new DomainException(ErrorCode.CONFLICT, "Only a guest can register this way");
        }
        if (!now.isBefore(guestExpiresAt)) {
            throw new DomainException(ErrorCode.UNAUTHORIZED, "The guest session has expired");
        }
        if (now.isAfter(command.registerBy())) {
            throw new DomainException(ErrorCode.CONFLICT, "The registration took too long; try again");
        }
        apply(new UserRegisteredEvent(userId, command.email(), command.name(), command.passwordHash(),
                command.role(), command.registeredAt()));
    }

    /** Answers with the new credentials version; tokens of older versions are refused from then on. */
    @CommandHandler
    public int handle(ChangePasswordCommand command) {
        apply(new PasswordChangedEvent(userId, command.passwordHash(), credentialsVersion + 1, command.changedAt()));
        return credentialsVersion;
    }

    /** Logging out twice records twice; the token is refused either way. */
    @CommandHandler
    public void handle(RevokeTokenCommand command) {
        apply(new TokenRevokedEvent(userId, command.tokenId(), command.expiresAt(), command.revokedAt()));
    }

    /**
     * A later end extends the subscription; an earlier one (an older order arriving late), or any end of a plan an
     * administrator assigned for good, changes nothing.
     */
    @CommandHandler
    public void handle(UpgradeSubscriptionCommand command) {
        if (command.plan().equals(plan) && (planValidUntil == null || !command.validUntil().isAfter(planValidUntil))) {
            return;
        }
        apply(new SubscriptionUpgradedEvent(userId, command.plan(), command.validUntil(), command.orderId(),
                command.upgradedAt()));
    }

    @CommandHandler
    public void handle(ExpireSubscriptionCommand command) {
        if (planValidUntil != null && !command.now().isBefore(planValidUntil)) {
            apply(new SubscriptionExpiredEvent(userId, plan, command.now()));
        }
    }

    /** Administrators' changes answer with the account's version, which the projection reaches once it shows them. */
    @CommandHandler
    public long handle(ChangeRoleCommand command) {
        requireNotDeleted();
        requireNotSelf(command.changedBy(), "change your own role");
        if (role == Role.GUEST) {
            throw new DomainException(ErrorCode.CONFLICT, "A guest has no role to change until they register");
        }
        if (command.role() != role) {
            apply(new RoleChangedEvent(userId, command.role(), role, command.changedBy(), command.changedAt()));
        }
        return AggregateLifecycle.getVersion();
    }

    @CommandHandler
    public long handle(AssignPlanCommand command) {
        requireNotDeleted();
        if (!command.plan().equals(plan) || !Objects.equals(command.validUntil(), planValidUntil)) {
            apply(new PlanAssignedEvent(userId, command.plan(), command.validUntil(), command.assignedBy(),
                    command.assignedAt()));
        }
        return AggregateLifecycle.getVersion();
    }

    @CommandHandler
    public long handle(ChangeDailyLimitCommand command) {
        requireNotDeleted();
        if (!Objects.equals(command.dailyRequestLimit(), dailyRequestLimit)) {
            apply(new DailyLimitChangedEvent(userId, command.dailyRequestLimit(), command.changedBy(),
                    command.changedAt()));
        }
        return AggregateLifecycle.getVersion();
    }

    @CommandHandler
    public long handle(DeactivateUserCommand command) {
        requireNotDeleted();
        requireNotSelf(command.deactivatedBy(), "deactivate yourself");
        if (active) {
            apply(new UserDeactivatedEvent(userId, command.reason(), command.deactivatedBy(),
                    command.deactivatedAt()));
        }
        return AggregateLifecycle.getVersion();
    }

    @CommandHandler
    public long handle(ReactivateUserCommand command) {
        requireNotDeleted();
        if (!active) {
            apply(new UserReactivatedEvent(userId, command.reactivatedBy(), command.reactivatedAt()));
        }
        return AggregateLifecycle.getVersion();
    }

    @CommandHandler
    public long handle(DeleteUserCommand command) {
        requireNotDeleted();
        requireNotSelf(command.deletedBy(), "delete yourself");
        apply(new UserDeletedEvent(userId, command.deletedBy(), command.deletedAt()));
        return AggregateLifecycle.getVersion();
    }

    /** The account's own user closes it; a guest has nothing to prove who they are with, and ends by itself. */
    @CommandHandler
    public long handle(CloseAccountCommand command) {
        requireNotDeleted();
        if (role == Role.GUEST) {
            throw new DomainException(ErrorCode.FORBIDDEN, "A guest account cannot be deleted; it ends by itself");
        }
        apply(new UserDeletedEvent(userId, userId, command.closedAt()));
        return AggregateLifecycle.getVersion();
    }

    /** Answers with the account's version; a change to what the profile already holds records nothing. */
    @CommandHandler
    public long handle(UpdateProfileCommand command) {
        requireNotDeleted();
        Preferences.Notifications notifications = preferences.notifications();
        Preferences changed = new Preferences(
                orElse(command.theme(), preferences.theme()),
                orElse(command.language(), preferences.language()),
                orElse(command.defaultModels(), preferences.defaultModels()),
                new Preferences.Notifications(orElse(command.emailNotifications(), notifications.email()),
                        orElse(command.productUpdates(), notifications.productUpdates()),
                        orElse(command.usageAlerts(), notifications.usageAlerts())));
        String newName = orElse(command.name(), name);
        String newBio = command.bio() == null ? bio : emptyToNull(command.bio());
        String newAvatar = command.avatarUrl() == null ? avatarUrl : emptyToNull(command.avatarUrl());
        if (!Objects.equals(newName, name) || !Objects.equals(newBio, bio) || !Objects.equals(newAvatar, avatarUrl)
                || !changed.equals(preferences)) {
            apply(new ProfileUpdatedEvent(userId, newName, newBio, newAvatar, changed, command.updatedAt()));
        }
        return AggregateLifecycle.getVersion();
    }

    /** Answers whether the model is a favorite afterwards. */
    @CommandHandler
    public boolean handle(ToggleFavoriteModelCommand command) {
        requireNotDeleted();
        boolean favorite = !favoriteModels.contains(command.modelId());
        if (favorite && favoriteModels.size() >= MAX_FAVORITES) {
            throw new DomainException(ErrorCode.CONFLICT, "At most " + MAX_FAVORITES + " favorite models");
        }
        apply(new FavoriteModelToggledEvent(userId, command.modelId(), favorite, command.toggledAt()));
        return favorite;
    }

    /** Linking the same Google account again records nothing; another Google account cannot take this one. */
    @CommandHandler
    public void handle(LinkGoogleAccountCommand command) {
        requireNotDeleted();
        if (googleSubject != null && !googleSubject.equals(command.googleSubject())) {
            throw new DomainException(ErrorCode.CONFLICT, "The account is linked to another Google account");
        }
        if (googleSubject == null) {
            apply(new GoogleAccountLinkedEvent(userId, command.googleSubject(), command.linkedAt()));
        }
        if (!emailVerified) {
            apply(new EmailVerifiedEvent(userId, command.linkedAt()));
        }
    }

    /** A new code replaces the pending one; none is issued while the purpose is locked. */
    @CommandHandler
    public void handle(IssueOtpCommand command) {
        requireUsableEmailAccount();
        if (command.purpose() == OtpPurpose.EMAIL_VERIFICATION && emailVerified) {
            throw alreadyVerified();
        }
        challenge(command.purpose()).requireNotLockedAt(command.issuedAt());
        apply(new OtpIssuedEvent(userId, command.purpose(), command.otpHash(), command.issuedAt(),
                command.issuedAt().plus(command.rules().lifetime())));
    }

    @CommandHandler
    public OtpCheck handle(VerifyEmailCommand command) {
        requireUsableEmailAccount();
        if (emailVerified) {
            throw alreadyVerified();
        }
        OtpCheck wrong = attempt(OtpPurpose.EMAIL_VERIFICATION, command.otpHash(), command.attemptedAt(),
                command.rules());
        if (wrong != null) {
            return wrong;
        }
        apply(new EmailVerifiedEvent(userId, command.attemptedAt()));
        return OtpCheck.passed(credentialsVersion);
    }

    @CommandHandler
    public OtpCheck handle(VerifyPasswordResetOtpCommand command) {
        requireUsableEmailAccount();
        OtpCheck wrong = attempt(OtpPurpose.PASSWORD_RESET, command.otpHash(), command.attemptedAt(),
                command.rules());
        if (wrong != null) {
            return wrong;
        }
        apply(new PasswordResetOtpVerifiedEvent(userId, command.resetTokenHash(),
                command.attemptedAt().plus(command.rules().lifetime()), command.attemptedAt()));
        return OtpCheck.passed(credentialsVersion);
    }

    /**
     * The new password raises the credentials version, so every token issued before stops working. A reset proves
     * the address as a verification code does.
     */
    @CommandHandler
    public OtpCheck handle(ResetPasswordCommand command) {
        requireUsableEmailAccount();
        Instant now = command.resetAt();
        if (command.resetTokenHash() != null) {
            if (resetTokenHash == null || !now.isBefore(resetTokenExpiresAt)) {
                throw new DomainException(ErrorCode.OTP_EXPIRED,
                        "The reset token has expired or was used: ask for a new code");
            }
            if (!OtpChallenge.sameHash(resetTokenHash, command.resetTokenHash())) {
                throw new DomainException(ErrorCode.INVALID_OTP, "The reset token is wrong",
                        Map.of("resetToken", "is wrong"));
            }
        } else {
            OtpCheck wrong = attempt(OtpPurpose.PASSWORD_RESET, command.otpHash(), now, command.rules());
            if (wrong != null) {
                return wrong;
            }
        }
        apply(new PasswordChangedEvent(userId, command.passwordHash(), credentialsVersion + 1, now));
        if (!emailVerified) {
            apply(new EmailVerifiedEvent(userId, now));
        }
        return OtpCheck.passed(credentialsVersion);
    }

    /** Null when the code is right; a wrong one is recorded, and the last one allowed locks the purpose. */
    private OtpCheck attempt(OtpPurpose purpose, String otpHash, Instant now, OtpRules rules) {
        OtpChallenge challenge = challenge(purpose);
        challenge.requireAcceptingAt(now);
        if (challenge.matches(otpHash)) {
            return null;
        }
        int failures = challenge.failures() + 1;
        Instant lockedUntil = failures >= rules.maxAttempts() ? now.plus(rules.lockout()) : null;
        apply(new OtpAttemptFailedEvent(userId, purpose, failures, lockedUntil, now));
        return OtpCheck.wrong(Math.max(0, rules.maxAttempts() - failures), lockedUntil);
    }

    private OtpChallenge challenge(OtpPurpose purpose) {
        return challenges.getOrDefault(purpose, OtpChallenge.NONE);
    }

    private void requireUsableEmailAccount() {
        requireNotDeleted();
        if (role == Role.GUEST) {
            throw new DomainException(ErrorCode.CONFLICT, "A guest has no e-mail address");
        }
        if (!active) {
            throw new DomainException(ErrorCode.FORBIDDEN, "This account is deactivated");
        }
    }

    private static DomainException alreadyVerified() {
        return new DomainException(ErrorCode.CONFLICT, "The e-mail address is already verified");
    }

    private static <T> T orElse(T value, T current) {
        return value != null ? value : current;
    }

    private static String emptyToNull(String value) {
        return value.isEmpty() ? null : value;
    }

    private void requireNotDeleted() {
        if (deleted) {
            throw new DomainException(ErrorCode.NOT_FOUND, "No such user");
        }
    }

    private void requireNotSelf(UserId admin, String action) {
        if (userId.equals(admin)) {
            throw new DomainException(ErrorCode.CONFLICT, "An administrator cannot " + action);
        }
    }

    @EventSourcingHandler
    void on(SubscriptionUpgradedEvent event) {
        plan = event.plan();
        planValidUntil = event.validUntil();
    }

    @EventSourcingHandler
    void on(SubscriptionExpiredEvent event) {
        plan = FREE_PLAN;
        planValidUntil = null;
    }

    @EventSourcingHandler
    void on(GuestStartedEvent event) {
        userId = event.userId();
        role = Role.GUEST;
        plan = FREE_PLAN;
        active = true;
        guestExpiresAt = event.expiresAt();
    }

    @EventSourcingHandler
    void on(ProfileUpdatedEvent event) {
        name = event.name();
        bio = event.bio();
        avatarUrl = event.avatarUrl();
        preferences = event.preferences();
    }

    @EventSourcingHandler
    void on(GoogleAccountLinkedEvent event) {
        googleSubject = event.googleSubject();
    }

    @EventSourcingHandler
    void on(FavoriteModelToggledEvent event) {
        if (event.favorite()) {
            favoriteModels.add(event.modelId());
        } else {
            favoriteModels.remove(event.modelId());
        }
    }

    @EventSourcingHandler
    void on(UserRegisteredEvent event) {
        userId = event.userId();
        name = event.name();
        guestExpiresAt = null;
        credentialsVersion = 0;
        role = event.role();
        plan = FREE_PLAN;
        active = true;
    }

    @EventSourcingHandler
    void on(RoleChangedEvent event) {
        role = event.role();
    }

    @EventSourcingHandler
    void on(PlanAssignedEvent event) {
        plan = event.plan();
        planValidUntil = event.validUntil();
    }

    @EventSourcingHandler
    void on(DailyLimitChangedEvent event) {
        dailyRequestLimit = event.dailyRequestLimit();
    }

    @EventSourcingHandler
    void on(UserDeactivatedEvent event) {
        active = false;
    }

    @EventSourcingHandler
    void on(UserReactivatedEvent event) {
        active = true;
    }

    @EventSourcingHandler
    void on(UserDeletedEvent event) {
        active = false;
        deleted = true;
    }

    @EventSourcingHandler
    void on(PasswordChangedEvent event) {
        credentialsVersion = event.credentialsVersion();
        challenges.remove(OtpPurpose.PASSWORD_RESET);
        resetTokenHash = null;
        resetTokenExpiresAt = null;
    }

    @EventSourcingHandler
    void on(OtpIssuedEvent event) {
        challenges.put(event.purpose(), challenge(event.purpose()).issued(event.otpHash(), event.expiresAt()));
    }

    @EventSourcingHandler
    void on(OtpAttemptFailedEvent event) {
        challenges.put(event.purpose(), challenge(event.purpose()).failed(event));
        if (event.purpose() == OtpPurpose.PASSWORD_RESET && event.lockedUntil() != null) {
            resetTokenHash = null;
            resetTokenExpiresAt = null;
        }
    }

    @EventSourcingHandler
    void on(EmailVerifiedEvent event) {
        emailVerified = true;
        challenges.remove(OtpPurpose.EMAIL_VERIFICATION);
    }

    @EventSourcingHandler
    void on(PasswordResetOtpVerifiedEvent event) {
        challenges.put(OtpPurpose.PASSWORD_RESET, challenge(OtpPurpose.PASSWORD_RESET).passed());
        resetTokenHash = event.resetTokenHash();
        resetTokenExpiresAt = event.resetTokenExpiresAt();
    }
}
