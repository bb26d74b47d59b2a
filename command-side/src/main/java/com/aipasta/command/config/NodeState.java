package com.aipasta.command.config;

import java.time.Duration;

/**
 * The event processor that keeps what each node holds in memory to decide from (accounts, API keys, model policies,
 * personal-data keys) current with the events of every node. Unlike {@link WriteSideState}, whose segments one node
 * at a time claims, every node runs this processor over the whole stream: its position lives in the node's memory,
 * and it starts {@link #CATCH_UP} before the node did, so events appended while the node was starting are folded
 * too (its handlers fold an event they have seen once).
 */
public final class NodeState {

    public static final String PROCESSING_GROUP = "node-state";
    public static final Duration CATCH_UP = Duration.ofMinutes(1);

    private NodeState() {
    }
}
