package com.aipasta.account.api.command;

import com.aipasta.account.api.value.UserId;
import com.aipasta.common.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.List;

/**
 * A change of the profile: a null field stays as it is, an empty {@code bio} or {@code avatarUrl} clears it.
 * Preferences change field by field too.
 */
public record UpdateProfileCommand(@TargetAggregateIdentifier UserId userId, String name, String bio,
                                   String avatarUrl, String theme, String language, List<String> defaultModels,
                                   Boolean emailNotifications, Boolean productUpdates, Boolean usageAlerts,
                                   Instant updatedAt) {

    public UpdateProfileCommand {
        Require.present(userId, "userId");
        Require.present(updatedAt, "updatedAt");
        defaultModels = defaultModels == null ? null : List.copyOf(defaultModels);
    }
}
