package com.aipasta.command.profile;

import com.aipasta.account.api.command.ToggleFavoriteModelCommand;
import com.aipasta.account.api.command.UpdateProfileCommand;
import com.aipasta.account.api.query.FindProfileQuery;
import com.aipasta.account.api.query.ProfileView;
import com.aipasta.command.auth.AccessToken;
import com.aipasta.command.chat.catalog.ModelCatalog;
import com.aipasta.command.http.ReadModels;
import com.aipasta.common.DomainException;
import com.aipasta.common.ErrorCode;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Changing one's own profile, preferences and favorite models; reading them is the query side's. */
@RestController
public class ProfileController {

    private static final String NOT_CHANGEABLE = "cannot be changed here";

    /**
     * Fields left out stay as they are. Any field not listed here (role, plan, tokens, email, …) is refused by name
     * rather than ignored, so a client learns at once that it cannot set it.
     */
    public static final class ProfileChanges {
        @Size(min = 1, max = 100)
        @Pattern(regexp = ".*\\S.*", message = "must not be blank")
        public String name;
        @Size(max = 500)
        public String bio;
        @Size(max = 2048)
        @Pattern(regexp = "|https?://\\S+", message = "must be an http(s) URL, or empty to remove it")
        public String avatarUrl;
        @Valid
        public PreferenceChanges preferences;
        private final Map<String, String> refused = new LinkedHashMap<>();

        @JsonAnySetter
        void refuse(String field, Object ignored) {
            refused.put(field, NOT_CHANGEABLE);
        }
    }

    public static final class PreferenceChanges {
        @Pattern(regexp = "light|dark|auto", message = "must be light, dark or auto")
        public String theme;
        @Pattern(regexp = "[a-z]{2,3}(-[A-Za-z0-9]{2,8}){0,2}", message = "must be a language tag such as en or pt-BR")
        public String language;
        @Size(max = 10)
        public List<@NotBlank @Size(max = 300) String> defaultModels;
        @Valid
        public NotificationChanges notifications;
        private final Map<String, String> refused = new LinkedHashMap<>();

        @JsonAnySetter
        void refuse(String field, Object ignored) {
            refused.put("preferences." + field, NOT_CHANGEABLE);
        }
    }

    public static final class NotificationChanges {
        public Boolean email;
        public Boolean productUpdates;
        public Boolean usageAlerts;
        private final Map<String, String> refused = new LinkedHashMap<>();

        @JsonAnySetter
        void refuse(String field, Object ignored) {
            refused.put("preferences.notifications." + field, NOT_CHANGEABLE);
        }
    }

    private final CommandGateway commands;
    private final QueryGateway queries;
    private final ReadModels readModels;
    private final ModelCatalog catalog;
    private final Clock clock;

    public ProfileController(CommandGateway commands, QueryGateway queries, ReadModels readModels,
                             ModelCatalog catalog, Clock clock) {
        this.commands = commands;
        this.queries = queries;
        this.readModels = readModels;
        this.catalog = catalog;
        this.clock = clock;
    }

    @PatchMapping("/api/user/profile")
    public Map<String, ProfileView> update(@AuthenticationPrincipal AccessToken caller,
                                           @Valid @RequestBody ProfileChanges changes) {
        requireOnlyChangeableFields(changes);
        PreferenceChanges preferences = changes.preferences != null ? changes.preferences : new PreferenceChanges();
        NotificationChanges notifications = preferences.notifications != null ? preferences.notifications
                : new NotificationChanges();
        long version = commands.sendAndWait(new UpdateProfileCommand(caller.userId(),
                changes.name == null ? null : changes.name.strip(), changes.bio, changes.avatarUrl,
                preferences.theme, preferences.language, preferences.defaultModels, notifications.email,
                notifications.productUpdates, notifications.usageAlerts, clock.instant()));
        return Map.of("profile", readModels.await(caller.userId().value(), () -> profile(caller),
                profile -> profile.version() >= version));
    }

    /** Makes the model a favorite, or no longer one; {@code {favorite, favoriteModels}}. */
    @PostMapping("/api/user/favorites/{*modelId}")
    public Map<String, Object> toggleFavorite(@AuthenticationPrincipal AccessToken caller,
                                              @PathVariable String modelId) {
        String id = modelId.startsWith("/") ? modelId.substring(1) : modelId;
        if (id.isBlank() || id.length() > 300 || catalog.find(id).isEmpty()) {
            throw new DomainException(ErrorCode.NOT_FOUND, "No such model: " + id, Map.of("modelId", "is not known"));
        }
        boolean favorite = commands.sendAndWait(new ToggleFavoriteModelCommand(caller.userId(), id, clock.instant()));
        ProfileView profile = readModels.await(caller.userId().value(), () -> profile(caller),
                shown -> shown.favoriteModels().contains(id) == favorite);
        return Map.of("modelId", id, "favorite", favorite, "favoriteModels", profile.favoriteModels());
    }

    private Optional<ProfileView> profile(AccessToken caller) {
        return queries.query(new FindProfileQuery(caller.userId()), ResponseTypes.optionalInstanceOf(ProfileView.class))
                .join();
    }

    private static void requireOnlyChangeableFields(ProfileChanges changes) {
        Map<String, Object> refused = new LinkedHashMap<>(changes.refused);
        if (changes.preferences != null) {
            refused.putAll(changes.preferences.refused);
            if (changes.preferences.notifications != null) {
                refused.putAll(changes.preferences.notifications.refused);
            }
        }
        if (!refused.isEmpty()) {
            throw new DomainException(ErrorCode.VALIDATION_FAILED, "Only name, bio, avatarUrl and preferences can be "
                    + "changed here", refused);
        }
    }
}
