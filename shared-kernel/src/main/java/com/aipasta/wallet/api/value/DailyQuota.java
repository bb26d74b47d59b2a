package com.aipasta.wallet.api.value;

import com.aipasta.common.Require;

import java.time.LocalDate;

/** At most {@code limit} requests of a model tier on one (UTC) day. */
public record DailyQuota(String tier, LocalDate day, int limit) {

    public DailyQuota {
        Require.text(tier, "tier");
        Require.present(day, "day");
        Require.notNegative(limit, "limit");
    }
}
