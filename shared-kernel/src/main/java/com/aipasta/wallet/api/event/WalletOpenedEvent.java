package com.aipasta.wallet.api.event;

import com.aipasta.account.api.value.UserId;
import com.aipasta.wallet.api.value.WalletId;
import org.axonframework.serialization.Revision;

import java.time.Instant;

@Revision("1")
public record WalletOpenedEvent(WalletId walletId, UserId ownerId, long freeTokens, Instant openedAt)
        implements WalletEvent {
}
