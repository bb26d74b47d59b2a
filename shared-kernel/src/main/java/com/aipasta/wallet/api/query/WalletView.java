package com.aipasta.wallet.api.query;

import com.aipasta.account.api.value.UserId;

/** A projected wallet with the sequence number of the last wallet event folded into it. */
public record WalletView(UserId ownerId, WalletSummary tokens, long version) {
}
