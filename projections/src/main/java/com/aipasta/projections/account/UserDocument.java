package com.aipasta.projections.account;

import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.CompoundIndexes;
import com.aipasta.account.api.value.Role;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;

@Document(UserDocument.COLLECTION)
@CompoundIndexes({
        @CompoundIndex(name = "live_newest", def = "{'deleted': 1, 'createdAt': -1, '_id': 1}"),
        @CompoundIndex(name = "plan_valid_until", def = "{'planValidUntil': 1}")
})
public record UserDocument(@Id String id, String email, String name, Role role, String plan,
                           Instant planValidUntil, Integer dailyRequestLimit, boolean active, boolean deleted,
                           Instant createdAt, Instant lastActionAt, long lastSequence) {

    public static final String COLLECTION = "users";
}
