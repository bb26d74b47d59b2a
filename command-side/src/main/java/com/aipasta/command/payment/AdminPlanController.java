package com.aipasta.command.payment;

import com.aipasta.command.auth.AccessToken;
import com.aipasta.command.http.ReadModels;
import com.aipasta.payment.api.command.ChangePlanCommand;
import com.aipasta.payment.api.command.CreatePlanCommand;
import com.aipasta.payment.api.command.DeactivatePlanCommand;
import com.aipasta.payment.api.query.FindPlansQuery;
import com.aipasta.payment.api.query.PlanList;
import com.aipasta.payment.api.query.PlanView;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;

/** The plan catalogue, managed by administrators; every change is an event naming the administrator. */
@RestController
@RequestMapping("/api/admin/plans")
public class AdminPlanController {

    private static final String CURRENCY = "[A-Z]{3}";
    private static final String UPGRADE = "premium";

    public record NewPlan(@NotBlank @Size(max = 100) String name, @Size(max = 500) String description,
                          @NotNull @Min(1) @Max(1_000_000_000) Long tokens,
                          @NotNull @Min(1) @Max(100_000_000) Long amount,
                          @NotNull @Pattern(regexp = CURRENCY) String currency,
                          @Pattern(regexp = UPGRADE) String planUpgrade,
                          @Min(1) @Max(3650) Integer validityDays) {
    }

    /** Fields left out stay as they are. */
    public record PlanChanges(@Size(min = 1, max = 100) @Pattern(regexp = "(?s).*\\S.*", message = "must not be blank")
                              String name, @Size(max = 500) String description,
                              @Min(1) @Max(1_000_000_000) Long tokens, @Min(1) @Max(100_000_000) Long amount,
                              @Pattern(regexp = CURRENCY) String currency,
                              @Pattern(regexp = UPGRADE) String planUpgrade,
                              @Min(1) @Max(3650) Integer validityDays) {
    }

    private final CommandGateway commands;
    private final QueryGateway queries;
    private final ReadModels readModels;
    private final Clock clock;

    public AdminPlanController(CommandGateway commands, QueryGateway queries, ReadModels readModels, Clock clock) {
        this.commands = commands;
        this.queries = queries;
        this.readModels = readModels;
        this.clock = clock;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    public Map<String, PlanView> create(@AuthenticationPrincipal AccessToken admin, @Valid @RequestBody NewPlan plan) {
        String planId = PlanSeeder.PLAN_ID_PREFIX + UUID.randomUUID();
        commands.sendAndWait(new CreatePlanCommand(planId, plan.name().strip(), plan.description(), plan.tokens(),
                plan.amount(), plan.currency(), plan.planUpgrade(), plan.validityDays(), admin.userId().value(),
                clock.instant()));
        return Map.of("plan", await(planId, view -> true));
    }

    @PatchMapping("/{planId}")
    public Map<String, PlanView> change(@AuthenticationPrincipal AccessToken admin, @PathVariable String planId,
                                        @Valid @RequestBody PlanChanges changes) {
        commands.sendAndWait(new ChangePlanCommand(planId, changes.name(), changes.description(), changes.tokens(),
                changes.amount(), changes.currency(), changes.planUpgrade(), changes.validityDays(),
                admin.userId().value(), clock.instant()));
        return Map.of("plan", await(planId, view -> (changes.name() == null || changes.name().equals(view.name()))
                && (changes.tokens() == null || changes.tokens() == view.tokens())
                && (changes.amount() == null || changes.amount() == view.amount())));
    }

    @DeleteMapping("/{planId}")
    public Map<String, PlanView> deactivate(@AuthenticationPrincipal AccessToken admin, @PathVariable String planId) {
        commands.sendAndWait(new DeactivatePlanCommand(planId, admin.userId().value(), clock.instant()));
        return Map.of("plan", await(planId, view -> !view.active()));
    }

    private PlanView await(String planId, Predicate<PlanView> caughtUp) {
        return readModels.await(planId, () -> plan(planId), caughtUp);
    }

    private Optional<PlanView> plan(String planId) {
        return queries.query(new FindPlansQuery(false), PlanList.class).join().plans().stream()
                .filter(plan -> plan.id().equals(planId)).findFirst();
    }
}
