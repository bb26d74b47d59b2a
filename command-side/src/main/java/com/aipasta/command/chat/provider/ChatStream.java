package com.aipasta.command.chat.provider;

/** A running completion. */
public interface ChatStream {

    /** Stops the completion; the listener then receives no further call. */
    void cancel();
}
