package com.aipasta.account.api.value;

import java.util.List;

/** How a user likes the playground: {@code theme} light, dark or auto; notifications by kind. */
public record Preferences(String theme, String language, List<String> defaultModels, Notifications notifications) {

    public static final Preferences DEFAULTS = new Preferences("auto", "en", List.of(),
            new Notifications(true, false, true));

    public record Notifications(boolean email, boolean productUpdates, boolean usageAlerts) {
    }

    public Preferences {
        defaultModels = defaultModels == null ? List.of() : List.copyOf(defaultModels);
    }
}
