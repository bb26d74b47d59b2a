package com.aipasta.ops.processing;

import com.aipasta.wallet.api.event.TokensGrantedEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** Fails the first time it meets a grant whose reason is marked, as a handler does when its store blips. */
@ProcessingGroup(FailingOnceProbe.GROUP)
public class FailingOnceProbe {

    static final String GROUP = "failing-once-probe";
    static final String MARK = "[fail once]";

    final Set<String> failed = ConcurrentHashMap.newKeySet();
    final List<String> handled = new CopyOnWriteArrayList<>();

    @EventHandler
    void on(TokensGrantedEvent event) {
        if (event.reason().contains(MARK) && failed.add(event.reason())) {
            throw new IllegalStateException("the store did not answer");
        }
        handled.add(event.reason());
    }
}
