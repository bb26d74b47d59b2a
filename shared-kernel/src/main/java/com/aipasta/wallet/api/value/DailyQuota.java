package com.aipasta.wallet.api.value;

import com.aipasta.common.Require;

import java.time.LocalDate;

/**
 * At most {@code limit} requests of a model tier on one (UTC) day. A guest's messages all count in the
 * {@link #GUEST_TIER} on the day the guest started, so for the guest's (day-long) life they never reset.
 */
public record DailyQuota(String tier, LocalDate day, int limit) {

    public static final String GUEST_TIER = "guest";

    public DailyQuota {
        Require.text(tier, "tier");
        Require.present(day, "day");
        Require.notNegative(limit, "limit");
    }

    public static DailyQuota guest(LocalDate startedOn, int messageLimit) {
        return new DailyQuota(GUEST_TIER, startedOn, messageLimit);
    }

    public boolean guest() {
        return GUEST_TIER.equals(tier);
    }
}
