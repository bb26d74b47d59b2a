package com.aipasta.command.auth;

import com.aipasta.account.api.value.Role;
import com.aipasta.account.api.value.UserId;

import java.security.Principal;
import java.time.Instant;

/** The verified content of a bearer token; it is also the authenticated principal of a request. */
public record AccessToken(UserId userId, Role role, int credentialsVersion, String tokenId, Instant expiresAt)
        implements Principal {

    @Override
    public String getName() {
        return userId.value();
    }

    public AccessToken withRole(Role currentRole) {
        return new AccessToken(userId, currentRole, credentialsVersion, tokenId, expiresAt);
    }
}
