package com.aipasta.wallet.api.query;

import com.aipasta.account.api.value.UserId;
import com.aipasta.common.Require;

public record FindWalletQuery(UserId ownerId) {

    public FindWalletQuery {
        Require.present(ownerId, "ownerId");
    }
}
