package com.aipasta.command.config;

/**
 * The event processor that keeps the state in the database that the write side decides from (open turns,
 * subscription ends, wallets to top up); one node at a time handles each event. What nodes hold in memory is kept
 * by {@link NodeState}.
 */
public final class WriteSideState {

    public static final String PROCESSING_GROUP = "write-side-state";

    private WriteSideState() {
    }
}
