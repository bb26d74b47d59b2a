package com.aipasta.account.api.query;

import com.aipasta.account.api.value.Role;
import com.aipasta.wallet.api.query.WalletSummary;

import java.time.Instant;

public record UserSummary(String id, String email, String name, Role role, String plan, Instant createdAt,
                          WalletSummary tokens) {
}
