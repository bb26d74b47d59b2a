package com.aipasta.command.wallet;

import com.aipasta.account.api.event.GuestStartedEvent;
import com.aipasta.account.api.event.UserRegisteredEvent;
import com.aipasta.wallet.api.command.OpenWalletCommand;
import com.aipasta.wallet.api.value.WalletId;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/** Every registered account, and every guest, gets a wallet with the configured free tokens. */
@Component
@ProcessingGroup("wallet-opening")
public class WalletOpeningPolicy {

    private final CommandGateway commands;
    private final WalletProperties wallet;

    public WalletOpeningPolicy(CommandGateway commands, WalletProperties wallet) {
        this.commands = commands;
        this.wallet = wallet;
    }

    /**
     * A registration seen again (a crash between opening the wallet and recording that) opens the wallet again, which
     * the wallet answers by recording nothing.
     */
    @EventHandler
    @DisallowReplay
    void on(UserRegisteredEvent event) {
        commands.sendAndWait(new OpenWalletCommand(WalletId.of(event.userId()), event.userId(),
                wallet.freeTokens(), event.registeredAt()));
    }

    /** A guest's wallet is the one the guest keeps on registering, which then opens nothing new. */
    @EventHandler
    @DisallowReplay
    void on(GuestStartedEvent event) {
        commands.sendAndWait(new OpenWalletCommand(WalletId.of(event.userId()), event.userId(),
                wallet.freeTokens(), event.startedAt()));
    }
}
