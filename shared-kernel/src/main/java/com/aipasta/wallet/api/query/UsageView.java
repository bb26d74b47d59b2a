package com.aipasta.wallet.api.query;

import java.util.Map;

/**
 * A user's requests of a day by model tier and of a month, released requests not counted, and the tokens charged
 * for the month's requests.
 */
public record UsageView(Map<String, Integer> dailyRequests, int monthlyRequests, long monthlyTokens) {
}
