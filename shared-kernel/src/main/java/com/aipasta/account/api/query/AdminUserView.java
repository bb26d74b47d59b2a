package com.aipasta.account.api.query;

import com.aipasta.account.api.value.Role;
import com.aipasta.wallet.api.query.WalletSummary;

import java.time.Instant;

/**
 * An account as administrators see it. {@code dailyRequestLimit} overrides the plan's daily limits when set;
 * {@code version} is the sequence number of the last account event shown.
 */
public record AdminUserView(String id, String email, String name, Role role, String plan, Instant planValidUntil,
                            Integer dailyRequestLimit, boolean active, boolean deleted, Instant createdAt,
                            Instant lastActionAt, long version, WalletSummary tokens) {
}
