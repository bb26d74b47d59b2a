package com.aipasta.command.chat.provider;

import java.util.List;

/** One model provider (OpenRouter, Hugging Face, Gemini, any OpenAI-compatible server) behind one interface. */
public interface ChatProvider {

    /** The provider's id in model ids and the catalogue: {@code openrouter}, {@code huggingface}, … */
    String id();

    /** Whether the provider has what it needs (a key, a base URL) to be called. */
    boolean configured();

    /** The provider's model catalogue, fetched now. Throws {@link ProviderException} when it cannot be fetched. */
    List<ProviderModel> listModels();

    /**
     * Starts a streamed completion and returns at once (after uploading files first, for a Gemini request over its
     * inline limit); the listener receives thoughts and text as they arrive, then exactly one of
     * {@link ChatListener#onComplete} or {@link ChatListener#onError}.
     */
    ChatStream stream(ChatRequest request, ChatListener listener);
}
