package com.aipasta.wallet.api.query;

import com.aipasta.account.api.value.UserId;
import com.aipasta.common.PageRequest;
import com.aipasta.common.Require;

/** The owner's ledger, newest entry first. */
public record FindLedgerQuery(UserId ownerId, PageRequest pageRequest) {

    public FindLedgerQuery {
        Require.present(ownerId, "ownerId");
        Require.present(pageRequest, "pageRequest");
    }
}
