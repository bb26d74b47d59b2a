package com.aipasta.projections.account;

import com.aipasta.account.api.value.Role;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;

@Document(UserDocument.COLLECTION)
public record UserDocument(@Id String id, String email, String name, Role role, String plan,
                           Instant planValidUntil, Integer dailyRequestLimit, boolean active, boolean deleted,
                           Instant createdAt, Instant lastActionAt, long lastSequence) {

    public static final String COLLECTION = "users";
}
