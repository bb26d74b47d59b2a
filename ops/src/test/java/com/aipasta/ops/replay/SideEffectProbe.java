package com.aipasta.ops.replay;

import com.aipasta.wallet.api.event.TokensGrantedEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Stands for a handler with side effects (a mail, a webhook): it must never run during a replay. */
@ProcessingGroup(ReplayProbe.GROUP)
public class SideEffectProbe {

    public final List<String> performed = new CopyOnWriteArrayList<>();

    @EventHandler
    @DisallowReplay
    void on(TokensGrantedEvent event) {
        performed.add(event.reason());
    }
}
