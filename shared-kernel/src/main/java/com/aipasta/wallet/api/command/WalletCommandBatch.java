package com.aipasta.wallet.api.command;

import com.aipasta.common.Require;
import com.aipasta.wallet.api.value.WalletId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/**
 * Reservations, settlements and releases of one wallet that queued while its last command was being appended, handled
 * in order in one unit of work, so their events take one append. Each is decided as if sent alone: the answer holds,
 * in the same order, what each returns, or the {@code DomainException} refusing it, which undoes none of the others.
 */
public record WalletCommandBatch(@TargetAggregateIdentifier WalletId walletId, List<Object> commands) {

    public WalletCommandBatch {
        Require.present(walletId, "walletId");
        Require.present(commands, "commands");
        commands = List.copyOf(commands);
        for (Object command : commands) {
            if (!(command instanceof ReserveTokensCommand reserve && reserve.walletId().equals(walletId)
                    || command instanceof SettleReservationCommand settle && settle.walletId().equals(walletId)
                    || command instanceof ReleaseReservationCommand release && release.walletId().equals(walletId))) {
                throw new IllegalArgumentException("Not a reservation, settlement or release of " + walletId + ": "
                        + command);
            }
        }
    }
}
