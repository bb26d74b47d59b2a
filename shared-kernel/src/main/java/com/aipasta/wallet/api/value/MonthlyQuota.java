package com.aipasta.wallet.api.value;

import com.aipasta.common.Require;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;

/**
 * At most {@code requestLimit} requests and {@code tokenLimit} tokens in one (UTC) calendar month; a null limit is no
 * limit. The tokens of a request count in the month it was reserved in.
 */
public record MonthlyQuota(YearMonth month, Integer requestLimit, Long tokenLimit) {

    public MonthlyQuota {
        Require.present(month, "month");
        if (requestLimit != null) {
            Require.notNegative(requestLimit, "requestLimit");
        }
        if (tokenLimit != null) {
            Require.notNegative(tokenLimit, "tokenLimit");
        }
    }

    /** When the month's counts start again: the first instant of the next month. */
    public Instant resetTime() {
        return month.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
