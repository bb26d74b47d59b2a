package com.aipasta.ops.processing;

import com.aipasta.wallet.api.event.TokensGrantedEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Fails on every grant whose reason is marked until it is released, as a saga or policy does whose command keeps
 * failing: its processor must stop there, never skip the event, and say so.
 */
@ProcessingGroup(StoppingProbe.GROUP)
public class StoppingProbe {

    static final String GROUP = "stopping-probe";
    static final String MARK = "[stop here]";

    final List<String> handled = new CopyOnWriteArrayList<>();
    volatile boolean released;

    @EventHandler
    void on(TokensGrantedEvent event) {
        if (event.reason().contains(MARK) && !released) {
            throw new IllegalStateException("the command this policy sends keeps failing");
        }
        handled.add(event.reason());
    }
}
