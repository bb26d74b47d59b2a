package com.aipasta.chat.api.value;

import com.aipasta.common.Require;

/** A catalogue model: its platform-wide id and the provider that serves it. */
public record ModelRef(String modelId, String provider) {

    public ModelRef {
        Require.text(modelId, "modelId");
        Require.text(provider, "provider");
    }
}
