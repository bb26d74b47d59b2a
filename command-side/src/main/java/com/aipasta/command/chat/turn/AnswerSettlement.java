package com.aipasta.command.chat.turn;

import com.aipasta.chat.api.event.AssistantMessageCompletedEvent;
import com.aipasta.chat.api.event.AssistantMessageFailedEvent;
import com.aipasta.common.DomainException;
import com.aipasta.wallet.api.command.ReleaseReservationCommand;
import com.aipasta.wallet.api.command.SettleReservationCommand;
import com.aipasta.wallet.api.value.WalletId;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Pays for each answer from how it ended, for a process that stopped after recording the end and before paying
 * (the turn pays at once itself; settling twice records once): the tokens reserved in the owner's wallet under the
 * answer's message id are settled with what the model used when it completes, settled for what was generated when it
 * fails part-way, and released when it fails with nothing generated (a provider error, a timeout). Each end event
 * says all that, so nothing is kept between events: no saga to find, store and end at every turn. A node starting
 * this processor for the first time begins a reservation timeout back, which holds every answer still to be paid for.
 */
@Component
@ProcessingGroup(AnswerSettlement.PROCESSING_GROUP)
public class AnswerSettlement {

    public static final String PROCESSING_GROUP = "answer-settlement";

    private static final Logger log = LoggerFactory.getLogger(AnswerSettlement.class);

    private final CommandGateway commands;

    public AnswerSettlement(CommandGateway commands) {
        this.commands = commands;
    }

    @EventHandler
    @DisallowReplay
    void on(AssistantMessageCompletedEvent event) {
        settle(event.messageId(), new SettleReservationCommand(WalletId.of(event.ownerId()), event.messageId(),
                event.usage().totalTokens(), event.completedAt()));
    }

    @EventHandler
    @DisallowReplay
    void on(AssistantMessageFailedEvent event) {
        WalletId wallet = WalletId.of(event.ownerId());
        settle(event.messageId(), event.usage().totalTokens() > 0
                ? new SettleReservationCommand(wallet, event.messageId(), event.usage().totalTokens(), event.failedAt())
                : new ReleaseReservationCommand(wallet, event.messageId(), event.errorCode(), event.failedAt()));
    }

    private void settle(String messageId, Object command) {
        try {
            commands.sendAndWait(command);
        } catch (DomainException alreadyClosed) {
            log.debug("The reservation of answer {} was closed already: {}", messageId, alreadyClosed.getMessage());
        }
    }
}
