package com.aipasta.chat.api.query;

import com.aipasta.chat.api.value.Attachment;
import com.aipasta.chat.api.value.Cost;
import com.aipasta.chat.api.value.TokenCount;

import java.time.Instant;
import java.util.List;

/**
 * A message as the user sees it. {@code role} is {@code user}, {@code assistant} or {@code tool} (a plugin's call and
 * result as JSON text, {@code provider} naming the plugin's provider); an answer's {@code status}
 * is {@code generating}, {@code complete}, {@code partial} (failed after some text) or {@code failed}.
 */
public record MessageView(String id, String sessionId, String parentId, String role, String content,
                          String thoughts, String status, String modelId, String provider, TokenCount usage,
                          Cost cost, Long latencyMs, Long timeToFirstTokenMs, String finishReason, String errorCode,
                          String errorMessage, Instant createdAt, List<AttachmentView> attachments) {

    /** A file attached to a user message, or sent with the message a regenerated answer replies to. */
    public record AttachmentView(String fileId, String name, String type, long size) {

        public static List<AttachmentView> of(List<Attachment> attachments) {
            return attachments.stream().map(attachment -> new AttachmentView(attachment.fileId().value(),
                    attachment.name(), attachment.type(), attachment.size())).toList();
        }
    }

    /** A message without attachments has none listed ({@code null}), so it reads as it did before files existed. */
    public MessageView {
        attachments = attachments == null || attachments.isEmpty() ? null : List.copyOf(attachments);
    }

    public boolean finished() {
        return !"generating".equals(status);
    }
}
