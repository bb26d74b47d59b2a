package com.aipasta.account.api.query;

import com.aipasta.account.api.value.Role;
import com.aipasta.account.api.value.UserId;

/** What authentication needs to know of an account; never returned over HTTP. */
public record Credentials(UserId userId, String passwordHash, Role role, boolean active, int credentialsVersion) {
}
