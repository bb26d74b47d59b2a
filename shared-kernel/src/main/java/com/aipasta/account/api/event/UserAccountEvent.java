package com.aipasta.account.api.event;

import com.aipasta.account.api.value.UserId;

public sealed interface UserAccountEvent permits UserRegisteredEvent, PasswordChangedEvent,
        SubscriptionUpgradedEvent, SubscriptionExpiredEvent, RoleChangedEvent, PlanAssignedEvent,
        DailyLimitChangedEvent, UserDeactivatedEvent, UserReactivatedEvent, UserDeletedEvent, TokenRevokedEvent,
        GuestStartedEvent, ProfileUpdatedEvent, FavoriteModelToggledEvent,
        GoogleAccountLinkedEvent, OtpIssuedEvent, OtpAttemptFailedEvent, EmailVerifiedEvent,
        PasswordResetOtpVerifiedEvent {

    UserId userId();
}
