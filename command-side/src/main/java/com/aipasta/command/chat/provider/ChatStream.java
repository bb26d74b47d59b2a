package com.aipasta.command.chat.provider;

/** A running completion. */
public interface ChatStream {

    /**
     * Stops the completion; once this returns, the listener receives no further call. It waits for a call in progress,
     * so a caller holding a lock that the listener's calls take would wait for itself.
     */
    void cancel();
}
