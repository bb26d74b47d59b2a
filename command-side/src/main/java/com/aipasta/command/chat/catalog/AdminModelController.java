package com.aipasta.command.chat.catalog;

import com.aipasta.catalog.api.command.ChangeModelPolicyCommand;
import com.aipasta.command.auth.AccessToken;
import com.aipasta.command.http.ReadModels;
import com.aipasta.common.DomainException;
import com.aipasta.common.ErrorCode;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Administrators enable and disable catalogue models and set the plan each requires. */
@RestController
@RequestMapping("/api/admin/models")
public class AdminModelController {

    /** Fields left out stay as they are. */
    public record PolicyChanges(Boolean enabled, @Pattern(regexp = "free|premium") String requiredPlan) {
    }

    private final ModelCatalog catalog;
    private final CommandGateway commands;
    private final ReadModels readModels;
    private final Clock clock;

    public AdminModelController(ModelCatalog catalog, CommandGateway commands, ReadModels readModels, Clock clock) {
        this.catalog = catalog;
        this.commands = commands;
        this.readModels = readModels;
        this.clock = clock;
    }

    @GetMapping
    public Map<String, List<ManagedModel>> models() {
        return Map.of("models", catalog.managedModels());
    }

    /** Syncs the catalogue now; a second caller while it runs waits for the same sync. */
    @PostMapping("/sync")
    public Map<String, List<ProviderStatus>> sync() {
        return Map.of("providers", catalog.syncNow());
    }

    @PatchMapping("/{*modelId}")
    public ManagedModel change(@PathVariable String modelId, @AuthenticationPrincipal AccessToken admin,
                               @Valid @RequestBody PolicyChanges changes) {
        String id = modelId.startsWith("/") ? modelId.substring(1) : modelId;
        if (!catalog.hasSynced(id)) {
            throw new DomainException(ErrorCode.NOT_FOUND, "No such model: " + id);
        }
        if (changes.enabled() == null && changes.requiredPlan() == null) {
            throw new DomainException(ErrorCode.VALIDATION_FAILED, "Name at least one change",
                    Map.of("body", "enabled or requiredPlan"));
        }
        commands.sendAndWait(new ChangeModelPolicyCommand(id, changes.enabled(), changes.requiredPlan(),
                admin.userId(), clock.instant()));
        return readModels.await(id, () -> managed(id), model -> applied(model, changes));
    }

    private Optional<ManagedModel> managed(String id) {
        return catalog.managedModels().stream().filter(model -> model.model().id().equals(id)).findFirst();
    }

    private static boolean applied(ManagedModel model, PolicyChanges changes) {
        return (changes.enabled() == null || model.enabled() == changes.enabled())
                && (changes.requiredPlan() == null || changes.requiredPlan().equals(model.model().requiredPlan()));
    }
}
