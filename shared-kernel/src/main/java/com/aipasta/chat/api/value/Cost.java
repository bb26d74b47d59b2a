package com.aipasta.chat.api.value;

import java.math.BigDecimal;

/** What an answer cost at the model's prices, in US dollars and in rupees at the configured rate. */
public record Cost(BigDecimal usd, BigDecimal inr) {

    public static final Cost ZERO = new Cost(BigDecimal.ZERO, BigDecimal.ZERO);
}
