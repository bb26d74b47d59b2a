package com.aipasta.prompt.api.value;

import com.aipasta.common.Require;

/** A prompt generation; it is also the request id under which its tokens are reserved in the wallet. */
public record PromptGenerationId(String value) {

    public static final String PREFIX = "promptgen-";

    public PromptGenerationId {
        Require.text(value, "generationId");
    }

    @Override
    public String toString() {
        return value;
    }
}
