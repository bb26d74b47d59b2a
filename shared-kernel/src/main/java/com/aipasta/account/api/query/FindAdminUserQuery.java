package com.aipasta.account.api.query;

import com.aipasta.account.api.value.UserId;
import com.aipasta.common.Require;

/** Answers with an {@link AdminUserView}, deleted accounts included. */
public record FindAdminUserQuery(UserId userId) {

    public FindAdminUserQuery {
        Require.present(userId, "userId");
    }
}
