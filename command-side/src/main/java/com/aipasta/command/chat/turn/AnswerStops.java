package com.aipasta.command.chat.turn;

import com.aipasta.chat.api.event.AnswerStopRequestedEvent;
import com.aipasta.command.config.NodeState;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/**
 * Stops the answers this node generates when their owner asked another node to: every node sees every stop through
 * its state processor, and the one generating the answer ends it as a stop on this node would.
 */
@Component
@ProcessingGroup(NodeState.PROCESSING_GROUP)
public class AnswerStops {

    private final ChatTurns turns;

    public AnswerStops(ChatTurns turns) {
        this.turns = turns;
    }

    @EventHandler
    @DisallowReplay
    void on(AnswerStopRequestedEvent event) {
        turns.stopForOwner(event.messageId());
    }
}
