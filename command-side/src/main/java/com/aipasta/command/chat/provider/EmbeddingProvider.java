package com.aipasta.command.chat.provider;

import java.util.List;

/** A provider that turns texts into embedding vectors. */
public interface EmbeddingProvider {

    /**
     * One vector per input, in the order of the inputs, and the provider's usage when it reports one. Throws
     * {@link ProviderException} when the call fails or its answer cannot be read.
     */
    Embeddings embed(String model, List<String> inputs);
}
