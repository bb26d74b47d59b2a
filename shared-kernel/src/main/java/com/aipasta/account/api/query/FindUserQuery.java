package com.aipasta.account.api.query;

import com.aipasta.account.api.value.UserId;
import com.aipasta.common.Require;

/** Answers with a {@link UserSummary} once both the profile and the wallet are projected. */
public record FindUserQuery(UserId userId) {

    public FindUserQuery {
        Require.present(userId, "userId");
    }
}
