package com.aipasta.payment.api.query;

import com.aipasta.common.PageRequest;

import java.time.Instant;

/** Orders newest first; every filter that is null matches everything. */
public record FindOrdersQuery(String userId, String status, Instant from, Instant to, PageRequest pageRequest) {
}
