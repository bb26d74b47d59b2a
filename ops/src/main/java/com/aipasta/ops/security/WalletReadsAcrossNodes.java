package com.aipasta.ops.security;

import com.aipasta.account.api.value.UserId;
import com.aipasta.command.http.DatabaseSharing;
import com.aipasta.command.http.PendingReads;
import com.aipasta.command.http.ReadModels;
import com.aipasta.common.DomainException;
import com.aipasta.wallet.api.value.WalletId;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

/**
 * Read your writes across nodes sharing a database. A turn streamed through another node leaves the wait for its
 * payment to that node's {@link PendingReads}, which a request sent here does not see; so a node whose database other
 * processes may write to first waits until the wallet read model shows every event of the caller's wallet that the
 * event store holds (one indexed read of the store), at most the catch-up timeout, and then serves what the read
 * models hold. The balance and ledger the caller reads next are then those their last turn left, wherever it ran.
 */
@Component
public class WalletReadsAcrossNodes {

    private final EventStore events;
    private final ReadModels readModels;
    private final boolean shared;

    public WalletReadsAcrossNodes(EventStore events, ReadModels readModels, DatabaseSharing database) {
        this.events = events;
        this.readModels = readModels;
        this.shared = database.shared();
    }

    public void awaitFor(UserId caller) {
        if (!shared) {
            return;
        }
        events.lastSequenceNumberFor(WalletId.of(caller).value()).ifPresent(head -> {
            try {
                readModels.awaitWallet(caller, head);
            } catch (DomainException stillBehind) {
                // served from what the read models hold; the write itself is recorded
            }
        });
    }
}
