package com.aipasta.command.chat.provider;

/** A running completion. */
public interface ChatStream {

    /** Stops the completion; once this returns, the listener receives no further call. */
    void cancel();
}
