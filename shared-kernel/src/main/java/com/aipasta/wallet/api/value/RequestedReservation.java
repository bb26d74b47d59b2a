package com.aipasta.wallet.api.value;

import com.aipasta.common.Require;

/** One request of several reserved together: its id, the tokens to hold, and its daily quota (may be null). */
public record RequestedReservation(String requestId, long amount, DailyQuota quota) {

    public RequestedReservation {
        Require.text(requestId, "requestId");
        Require.positive(amount, "amount");
    }
}
