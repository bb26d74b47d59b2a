package com.aipasta.ops.replay;

import com.aipasta.wallet.api.event.TokensGrantedEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ReplayStatus;
import org.axonframework.eventhandling.ResetHandler;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records how the replay test's processing group saw each grant: live or replayed. */
@ProcessingGroup(ReplayProbe.GROUP)
public class ReplayProbe {

    public static final String GROUP = "replay-probe";

    public record Seen(String reason, boolean replay) {
    }

    public final List<Seen> seen = new CopyOnWriteArrayList<>();
    public volatile int resets;

    @EventHandler
    void on(TokensGrantedEvent event, ReplayStatus status) {
        seen.add(new Seen(event.reason(), status.isReplay()));
    }

    @ResetHandler
    void reset() {
        resets++;
    }
}
