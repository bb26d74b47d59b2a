package com.aipasta.ops.processing;

import com.aipasta.wallet.api.event.TokensGrantedEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Holds its processor on every grant whose reason is marked until released, as a processor slower than the load. */
@ProcessingGroup(LaggingProbe.GROUP)
public class LaggingProbe {

    static final String GROUP = "lagging-probe";
    static final String MARK = "[hold here]";

    final Set<String> held = ConcurrentHashMap.newKeySet();
    volatile CountDownLatch release = new CountDownLatch(0);

    @EventHandler
    void on(TokensGrantedEvent event) throws InterruptedException {
        if (event.reason().contains(MARK)) {
            held.add(event.reason());
            release.await(2, TimeUnit.MINUTES);
        }
    }
}
