package com.aipasta.chat.api.event;

import com.aipasta.account.api.value.UserId;
import com.aipasta.chat.api.value.Attachment;
import com.aipasta.chat.api.value.ModelRef;
import com.aipasta.chat.api.value.PromptCategory;
import com.aipasta.chat.api.value.SessionId;
import com.aipasta.common.DataSubject;
import com.aipasta.wallet.api.value.WalletId;
import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.List;

/**
 * An answer began; {@code reservedTokens} are held in the wallet under the message id until it ends. {@code category}
 * is what the answered user message asks for (null in answers recorded before categories were detected);
 * {@code promptTokens} what its prompt counts (null in answers recorded before revision 2); {@code comparisonId} the
 * comparison it is one answer of, the user message they all reply to (null outside comparisons and before
 * revision 3). {@code attachments} are files a regeneration sent with the message it answers, for this answer and
 * the branch that goes on from it (none before revision 4).
 */
@Revision("4")
public record AssistantMessageStartedEvent(SessionId sessionId, @DataSubject UserId ownerId, String messageId,
                                           String parentId, ModelRef model, WalletId walletId,
                                           long reservedTokens, Instant startedAt, PromptCategory category,
                                           Long promptTokens, String comparisonId, List<Attachment> attachments)
        implements ChatSessionEvent {

    public AssistantMessageStartedEvent {
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
    }

    public AssistantMessageStartedEvent(SessionId sessionId, UserId ownerId, String messageId, String parentId,
                                        ModelRef model, WalletId walletId, long reservedTokens, Instant startedAt,
                                        PromptCategory category, Long promptTokens) {
        this(sessionId, ownerId, messageId, parentId, model, walletId, reservedTokens, startedAt, category,
                promptTokens, null, List.of());
    }
}
