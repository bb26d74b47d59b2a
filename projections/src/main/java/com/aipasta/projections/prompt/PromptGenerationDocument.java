package com.aipasta.projections.prompt;

import com.aipasta.chat.api.value.TokenCount;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.CompoundIndexes;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;
import java.util.List;

/** One run of the prompt generator; {@code status} is {@code generated} or {@code failed}. */
@Document(PromptGenerationDocument.COLLECTION)
@CompoundIndexes({
        @CompoundIndex(name = "owner_newest", def = "{'ownerId': 1, 'createdAt': -1, '_id': -1}")
})
public record PromptGenerationDocument(@Id String id, String ownerId, String input, String prompt, String category,
                                       List<String> improvements, String modelId, String provider, String status,
                                       String errorCode, TokenCount usage, Integer rating, List<String> templateIds,
                                       Instant createdAt, long lastSequence) {

    public static final String COLLECTION = "prompt_generations";
}
