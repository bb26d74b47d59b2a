package com.aipasta.command.account;

import com.aipasta.account.api.command.AssignPlanCommand;
import com.aipasta.account.api.command.ChangeDailyLimitCommand;
import com.aipasta.account.api.command.ChangeRoleCommand;
import com.aipasta.account.api.command.DeactivateUserCommand;
import com.aipasta.account.api.command.DeleteUserCommand;
import com.aipasta.account.api.command.ReactivateUserCommand;
import com.aipasta.account.api.query.AdminUserView;
import com.aipasta.account.api.query.FindAdminUserQuery;
import com.aipasta.account.api.value.Role;
import com.aipasta.account.api.value.UserId;
import com.aipasta.command.access.Access;
import com.aipasta.command.access.AccessState;
import com.aipasta.command.auth.AccessToken;
import com.aipasta.command.auth.EmailRegistry;
import com.aipasta.command.http.ReadModels;
import com.aipasta.command.privacy.PersonalDataKeys;
import com.aipasta.common.DomainException;
import com.aipasta.common.ErrorCode;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Administrators change accounts; each change is an event naming the administrator. */
@RestController
@RequestMapping("/api/admin/users/{userId}")
public class AdminUserController {

    private static final int MAX_DAILY_LIMIT = 1_000_000;

    /**
     * Fields left out stay as they are. {@code dailyRequestLimit: null} returns the user to the plan's limits;
     * {@code planValidUntil} applies to a {@code plan} given in the same request, and without it the plan is for good.
     * A class rather than a record, so that a field left out can be told from a field set to null.
     */
    public static final class UserChanges {
        @Pattern(regexp = "user|premium|admin")
        public String role;
        @Pattern(regexp = "free|premium")
        public String plan;
        public Instant planValidUntil;
        public Optional<Integer> dailyRequestLimit;
        public Boolean active;
        @Size(max = 500)
        public String reason;
    }

    private final CommandGateway commands;
    private final QueryGateway queries;
    private final ReadModels readModels;
    private final AccessState access;
    private final EmailRegistry emails;
    private final PersonalDataKeys keys;
    private final Clock clock;

    public AdminUserController(CommandGateway commands, QueryGateway queries, ReadModels readModels,
                               AccessState access, EmailRegistry emails, PersonalDataKeys keys, Clock clock) {
        this.commands = commands;
        this.queries = queries;
        this.readModels = readModels;
        this.access = access;
        this.emails = emails;
        this.keys = keys;
        this.clock = clock;
    }

    @PatchMapping
    public Map<String, AdminUserView> change(@PathVariable String userId, @AuthenticationPrincipal AccessToken admin,
                                             @Valid @RequestBody UserChanges changes) {
        UserId user = new UserId(userId);
        access.requireExisting(user);
        List<Object> commandsToSend = commandsFor(user, admin.userId(), changes, clock.instant());
        if (commandsToSend.isEmpty()) {
            throw new DomainException(ErrorCode.VALIDATION_FAILED, "Name at least one change",
                    Map.of("body", "role, plan, dailyRequestLimit or active"));
        }
        long version = 0;
        for (Object command : commandsToSend) {
            version = commands.<Long>sendAndWait(command);
        }
        return Map.of("user", awaitVersion(user, version));
    }

    @DeleteMapping
    public Map<String, Object> delete(@PathVariable String userId, @AuthenticationPrincipal AccessToken admin) {
        UserId user = new UserId(userId);
        Access existing = access.requireExisting(user);
        long version = commands.<Long>sendAndWait(new DeleteUserCommand(user, admin.userId(), clock.instant()));
        keys.shred(user.value());
        AdminUserView deleted = awaitVersion(user, version);
        if (existing.profile().email() != null) {
            emails.release(existing.profile().email(), user);
        }
        return Map.of("deleted", true, "user", deleted);
    }

    private static List<Object> commandsFor(UserId user, UserId admin, UserChanges changes, Instant now) {
        List<Object> result = new ArrayList<>();
        if (changes.role != null) {
            result.add(new ChangeRoleCommand(user, Role.valueOf(changes.role.toUpperCase(Locale.ROOT)), admin, now));
        }
        if (changes.plan != null) {
            if (changes.planValidUntil != null && !changes.planValidUntil.isAfter(now)) {
                throw new DomainException(ErrorCode.VALIDATION_FAILED, "planValidUntil must be in the future",
                        Map.of("planValidUntil", "must be in the future"));
            }
            result.add(new AssignPlanCommand(user, changes.plan, changes.planValidUntil, admin, now));
        } else if (changes.planValidUntil != null) {
            throw new DomainException(ErrorCode.VALIDATION_FAILED, "planValidUntil needs a plan",
                    Map.of("plan", "is required with planValidUntil"));
        }
        if (changes.dailyRequestLimit != null) {
            Integer limit = changes.dailyRequestLimit.orElse(null);
            if (limit != null && (limit < 0 || limit > MAX_DAILY_LIMIT)) {
                throw new DomainException(ErrorCode.VALIDATION_FAILED,
                        "dailyRequestLimit must be between 0 and " + MAX_DAILY_LIMIT,
                        Map.of("dailyRequestLimit", "must be between 0 and " + MAX_DAILY_LIMIT + ", or null"));
            }
            result.add(new ChangeDailyLimitCommand(user, limit, admin, now));
        }
        if (Boolean.FALSE.equals(changes.active)) {
            result.add(new DeactivateUserCommand(user, changes.reason, admin, now));
        } else if (Boolean.TRUE.equals(changes.active)) {
            result.add(new ReactivateUserCommand(user, admin, now));
        }
        return result;
    }

    private AdminUserView awaitVersion(UserId user, long version) {
        return readModels.await(user.value(), () -> find(user), view -> view.version() >= version);
    }

    private Optional<AdminUserView> find(UserId user) {
        return queries.query(new FindAdminUserQuery(user), ResponseTypes.optionalInstanceOf(AdminUserView.class))
                .join();
    }
}
