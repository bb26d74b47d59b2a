package com.aipasta.command.chat.provider;

import java.util.List;

/**
 * Receives one streamed completion, one call at a time and in order: from the provider's I/O thread, from the
 * first-byte timer for a stream that never started, or from the caller of {@link ChatProvider#stream} for a provider
 * that is not configured. A call should return quickly; {@link ChatStream#cancel()} waits for a call in progress.
 */
public interface ChatListener {

    void onThought(String text);

    void onDelta(String text);

    /**
     * The stream ended normally; {@code usage} is null when the provider reported none. {@code finishReason} is the
     * provider's own ({@code stop} or {@code length} from OpenAI-style providers, {@code STOP}, {@code MAX_TOKENS} or
     * {@code SAFETY} from Gemini), null when it gave none.
     */
    void onComplete(TokenUsage usage, String finishReason);

    /** The stream failed; what was delivered by {@link #onDelta} before stays valid as a partial answer. */
    void onError(ProviderException failure);

    /**
     * The stream ended with the model asking for tools instead of answering; {@code usage} is this call's, null when
     * the provider reported none. A listener that offered no tools takes it as a malformed answer.
     */
    default void onToolCalls(List<ToolCall> calls, TokenUsage usage) {
        onError(new ProviderException(ProviderException.Kind.MALFORMED_RESPONSE,
                "The model asked for tools it was not offered"));
    }
}
