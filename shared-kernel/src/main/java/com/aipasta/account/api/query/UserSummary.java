package com.aipasta.account.api.query;

import com.aipasta.account.api.value.Role;
import com.aipasta.wallet.api.query.WalletSummary;

import java.time.Instant;

/** {@code dailyRequestLimit}, when set, replaces the plan's daily request limits for this user. */
public record UserSummary(String id, String email, String name, Role role, String plan, Integer dailyRequestLimit,
                          Instant createdAt, WalletSummary tokens) {

    public static final String GUEST_NAME = "Guest";
    public static final String DELETED_NAME = "Deleted user";
}
