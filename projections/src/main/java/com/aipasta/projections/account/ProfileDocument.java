package com.aipasta.projections.account;

import com.aipasta.account.api.value.Preferences;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import java.util.List;

/** What a user says about themselves and how they like the playground. */
@Document(ProfileDocument.COLLECTION)
public record ProfileDocument(@Id String id, String email, String name, String bio, String avatarUrl,
                              Preferences preferences, List<String> favoriteModels, long lastSequence) {

    public static final String COLLECTION = "user_profiles";
}
