package com.aipasta.command.wallet;

import com.aipasta.account.api.event.UserRegisteredEvent;
import com.aipasta.wallet.api.command.OpenWalletCommand;
import com.aipasta.wallet.api.query.FindWalletQuery;
import com.aipasta.wallet.api.query.WalletView;
import com.aipasta.wallet.api.value.WalletId;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Component;

/** Every registered account gets a wallet with the configured free tokens. */
@Component
@ProcessingGroup("wallet-opening")
public class WalletOpeningPolicy {

    private final CommandGateway commands;
    private final QueryGateway queries;
    private final WalletProperties wallet;

    public WalletOpeningPolicy(CommandGateway commands, QueryGateway queries, WalletProperties wallet) {
        this.commands = commands;
        this.queries = queries;
        this.wallet = wallet;
    }

    /**
     * A registration seen again (a crash between opening the wallet and recording that) finds the wallet projected
     * and opens nothing. The events of the command are appended when this processor's batch commits, so a second
     * opening would fail that commit; until the wallet is projected the batch is retried, and then passes.
     */
    @EventHandler
    @DisallowReplay
    void on(UserRegisteredEvent event) {
        boolean opened = queries.query(new FindWalletQuery(event.userId()),
                ResponseTypes.optionalInstanceOf(WalletView.class)).join().isPresent();
        if (!opened) {
            commands.sendAndWait(new OpenWalletCommand(WalletId.of(event.userId()), event.userId(),
                    wallet.freeTokens(), event.registeredAt()));
        }
    }
}
