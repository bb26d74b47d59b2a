package com.aipasta.wallet.api.event;

import com.aipasta.wallet.api.value.WalletId;

public sealed interface WalletEvent permits WalletOpenedEvent, TokensReservedEvent, ReservationSettledEvent,
        ReservationReleasedEvent, TokensCreditedEvent, TokensGrantedEvent, TokensRevokedEvent, FreeTokensToppedUpEvent {

    WalletId walletId();
}
