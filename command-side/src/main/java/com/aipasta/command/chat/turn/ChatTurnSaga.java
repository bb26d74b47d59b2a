package com.aipasta.command.chat.turn;

import com.aipasta.chat.api.event.AssistantMessageCompletedEvent;
import com.aipasta.chat.api.event.AssistantMessageFailedEvent;
import com.aipasta.chat.api.event.AssistantMessageStartedEvent;
import com.aipasta.common.DomainException;
import com.aipasta.wallet.api.command.ReleaseReservationCommand;
import com.aipasta.wallet.api.command.SettleReservationCommand;
import com.aipasta.wallet.api.value.WalletId;
import com.fasterxml.jackson.annotation.JsonAutoDetect;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.saga.EndSaga;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.StartSaga;
import org.axonframework.spring.stereotype.Saga;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pays for one answer: the tokens reserved when it started are settled with what the model used when it
 * completes, settled for what was generated when it fails part-way, and released when it fails with nothing
 * generated (a provider error, a timeout). The reservation is held under the answer's message id.
 */
@Saga
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
public class ChatTurnSaga {

    private static final Logger log = LoggerFactory.getLogger(ChatTurnSaga.class);
    private static final String MESSAGE_ID = "messageId";

    private WalletId walletId;
    private String messageId;

    @StartSaga
    @SagaEventHandler(associationProperty = MESSAGE_ID)
    public void on(AssistantMessageStartedEvent event) {
        walletId = event.walletId();
        messageId = event.messageId();
    }

    @EndSaga
    @SagaEventHandler(associationProperty = MESSAGE_ID)
    public void on(AssistantMessageCompletedEvent event, CommandGateway commands) {
        settle(commands, new SettleReservationCommand(walletId, messageId, event.usage().totalTokens(),
                event.completedAt()));
    }

    @EndSaga
    @SagaEventHandler(associationProperty = MESSAGE_ID)
    public void on(AssistantMessageFailedEvent event, CommandGateway commands) {
        if (event.usage().totalTokens() > 0) {
            settle(commands, new SettleReservationCommand(walletId, messageId, event.usage().totalTokens(),
                    event.failedAt()));
        } else {
            settle(commands, new ReleaseReservationCommand(walletId, messageId, event.errorCode(), event.failedAt()));
        }
    }

    private void settle(CommandGateway commands, Object command) {
        try {
            commands.sendAndWait(command);
        } catch (DomainException alreadyClosed) {
            log.warn("The reservation of answer {} could not be closed: {}", messageId, alreadyClosed.getMessage());
        }
    }
}
