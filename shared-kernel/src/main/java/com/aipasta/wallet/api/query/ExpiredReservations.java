package com.aipasta.wallet.api.query;

import com.aipasta.wallet.api.value.WalletId;

import java.util.List;

public record ExpiredReservations(List<Reservation> reservations) {

    public record Reservation(WalletId walletId, String requestId) {
    }
}
