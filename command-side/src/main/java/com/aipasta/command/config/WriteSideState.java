package com.aipasta.command.config;

/**
 * The one event processor that keeps the state the write side decides from (accounts, model policies, open turns,
 * subscription ends). One processor rather than one each, because every processor reads the event stream on its own,
 * and on the embedded database every read scans the whole stream.
 */
public final class WriteSideState {

    public static final String PROCESSING_GROUP = "write-side-state";

    private WriteSideState() {
    }
}
