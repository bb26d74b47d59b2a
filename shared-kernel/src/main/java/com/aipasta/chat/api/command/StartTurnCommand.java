package com.aipasta.chat.api.command;

import com.aipasta.account.api.value.UserId;
import com.aipasta.chat.api.value.Attachment;
import com.aipasta.chat.api.value.ModelRef;
import com.aipasta.chat.api.value.PromptCategory;
import com.aipasta.chat.api.value.SessionId;
import com.aipasta.chat.api.value.UserMessage;
import com.aipasta.common.Require;
import com.aipasta.wallet.api.value.WalletId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.List;

/**
 * Begins an answer. With a {@code userMessage} the user has written something new (a turn, or an edit whose
 * parent is the edited message's parent); without one the answer regenerates a reply to
 * {@code assistantParentId}, an existing user message. {@code category} is what the answered message asks for;
 * {@code promptTokens} what the prompt sent to the model counts, billed even if the answer never finishes.
 * {@code comparisonId} (may be null) names the comparison the answer is one of: the user message every answer of it
 * replies to. {@code answerAttachments} are files sent, for this answer only, with the message a regeneration answers;
 * a new user message carries its files itself.
 */
public record StartTurnCommand(@TargetAggregateIdentifier SessionId sessionId, UserId ownerId,
                               UserMessage userMessage, String assistantMessageId, String assistantParentId,
                               ModelRef model, WalletId walletId, long reservedTokens, Instant startedAt,
                               PromptCategory category, long promptTokens, String comparisonId,
                               List<Attachment> answerAttachments) {

    public StartTurnCommand(SessionId sessionId, UserId ownerId, UserMessage userMessage, String assistantMessageId,
                            String assistantParentId, ModelRef model, WalletId walletId, long reservedTokens,
                            Instant startedAt, PromptCategory category, long promptTokens) {
        this(sessionId, ownerId, userMessage, assistantMessageId, assistantParentId, model, walletId, reservedTokens,
                startedAt, category, promptTokens, null, List.of());
    }

    public StartTurnCommand {
        Require.present(sessionId, "sessionId");
        Require.present(ownerId, "ownerId");
        Require.text(assistantMessageId, "assistantMessageId");
        Require.present(model, "model");
        Require.present(walletId, "walletId");
        Require.present(startedAt, "startedAt");
        Require.present(category, "category");
        answerAttachments = answerAttachments == null ? List.of() : List.copyOf(answerAttachments);
    }
}
