package com.aipasta.command.chat.provider;

/** Receives one streamed completion. Called from the provider's I/O thread, in order. */
public interface ChatListener {

    void onThought(String text);

    void onDelta(String text);

    /** The stream ended normally; {@code usage} is null when the provider reported none. */
    void onComplete(TokenUsage usage, String finishReason);

    /** The stream failed; what was delivered by {@link #onDelta} before stays valid as a partial answer. */
    void onError(ProviderException failure);
}
