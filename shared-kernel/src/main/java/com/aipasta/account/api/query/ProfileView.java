package com.aipasta.account.api.query;

import com.aipasta.account.api.value.Preferences;
import com.aipasta.account.api.value.Role;

import java.time.Instant;
import java.util.List;

/** {@code version} is the sequence number of the last account event shown. */
public record ProfileView(String id, String email, String name, String bio, String avatarUrl, Role role, String plan,
                          Preferences preferences, List<String> favoriteModels, Instant createdAt, long version) {
}
