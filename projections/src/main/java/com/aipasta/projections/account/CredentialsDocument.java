package com.aipasta.projections.account;

import com.aipasta.account.api.value.Role;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/** Kept apart from {@link UserDocument} so that no listing of users can carry a password hash. */
@Document(CredentialsDocument.COLLECTION)
public record CredentialsDocument(@Id String id, String passwordHash, Role role, boolean active,
                                  int credentialsVersion, long lastSequence) {

    public static final String COLLECTION = "user_credentials";
}
