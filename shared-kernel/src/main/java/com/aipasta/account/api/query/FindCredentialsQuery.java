package com.aipasta.account.api.query;

import com.aipasta.account.api.value.UserId;
import com.aipasta.common.Require;

public record FindCredentialsQuery(UserId userId) {

    public FindCredentialsQuery {
        Require.present(userId, "userId");
    }
}
