package com.aipasta.account.api.query;

import java.time.Instant;

/** Users whose paid plan ended before {@code now}. */
public record FindExpiredSubscriptionsQuery(Instant now) {
}
