package com.aipasta.chat.api.event;

import com.aipasta.account.api.value.UserId;
import com.aipasta.chat.api.value.ModelRef;
import com.aipasta.chat.api.value.PromptCategory;
import com.aipasta.chat.api.value.SessionId;
import com.aipasta.wallet.api.value.WalletId;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * An answer began; {@code reservedTokens} are held in the wallet under the message id until it ends. {@code category}
 * is what the answered user message asks for (null in answers recorded before categories were detected).
 */
@Revision("1")
public record AssistantMessageStartedEvent(SessionId sessionId, UserId ownerId, String messageId,
                                           String parentId, ModelRef model, WalletId walletId,
                                           long reservedTokens, Instant startedAt, PromptCategory category)
        implements ChatSessionEvent {
}
