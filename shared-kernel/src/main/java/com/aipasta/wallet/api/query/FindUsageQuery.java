package com.aipasta.wallet.api.query;

import com.aipasta.account.api.value.UserId;
import com.aipasta.common.Require;

import java.time.LocalDate;
import java.time.YearMonth;

/** What a user's requests of {@code month}, and of {@code day} in it, count against the plan's limits. */
public record FindUsageQuery(UserId ownerId, YearMonth month, LocalDate day) {

    public FindUsageQuery {
        Require.present(ownerId, "ownerId");
        Require.present(month, "month");
        Require.present(day, "day");
    }
}
