package com.aipasta.command.wallet;

import com.aipasta.account.api.query.UserSummary;
import com.aipasta.account.api.value.UserId;
import com.aipasta.command.access.AccessState;
import com.aipasta.command.auth.AccessToken;
import com.aipasta.command.http.ReadModels;
import com.aipasta.wallet.api.command.GrantTokensCommand;
import com.aipasta.wallet.api.value.WalletId;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.util.Map;

@RestController
@RequestMapping("/api/admin/users/{userId}/tokens")
public class AdminWalletController {

    public record GrantRequest(@NotNull @Min(1) @Max(1_000_000_000) Long amount,
                               @NotBlank @Size(max = 500) String reason) {
    }

    private final CommandGateway commands;
    private final ReadModels readModels;
    private final AccessState access;
    private final Clock clock;

    public AdminWalletController(CommandGateway commands, ReadModels readModels, AccessState access, Clock clock) {
        this.commands = commands;
        this.readModels = readModels;
        this.access = access;
        this.clock = clock;
    }

    @PostMapping
    public Map<String, UserSummary> grant(@PathVariable String userId, @AuthenticationPrincipal AccessToken admin,
                                          @Valid @RequestBody GrantRequest request) {
        UserId owner = new UserId(userId);
        access.requireExisting(owner);
        long version = commands.sendAndWait(new GrantTokensCommand(WalletId.of(owner), request.amount(),
                request.reason().strip(), admin.userId(), clock.instant()));
        readModels.awaitWallet(owner, version);
        return Map.of("user", readModels.requireUser(owner));
    }
}
