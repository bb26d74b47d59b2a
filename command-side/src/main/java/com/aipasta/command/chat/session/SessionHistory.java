package com.aipasta.command.chat.session;

import com.aipasta.chat.api.value.Attachment;
import com.aipasta.common.DomainException;
import com.aipasta.common.ErrorCode;

import java.util.List;

/**
 * A chat session's conversation as its aggregate holds it, for the context of the next answer: the system
 * instruction, the session's model and one branch of its tree of messages, oldest first, deleted messages left out.
 */
public record SessionHistory(String systemInstruction, String modelId, List<Message> branch) {

    /** Who a message is from: the user, a model's answer, or a plugin's call and result. */
    public enum Speaker { USER, ASSISTANT, TOOL }

    /** An answer's {@code attachments} are the files its regeneration sent with the message it answers. */
    public record Message(String id, String parentId, Speaker speaker, String content,
                          List<Attachment> attachments) {
        public boolean fromUser() {
            return speaker == Speaker.USER;
        }

        /** A message a model may answer: the user's, or a tool's result. */
        public boolean answerable() {
            return speaker != Speaker.ASSISTANT;
        }

        /** An answer with no text (still generating, or ended before its first token): a prompt leaves it out. */
        public boolean emptyAnswer() {
            return speaker == Speaker.ASSISTANT && content.isEmpty();
        }
    }

    public SessionHistory {
        branch = List.copyOf(branch);
    }

    /** The branch's last message: the one it was asked to end at, or the leaf last written to; null when empty. */
    public Message last() {
        return branch.isEmpty() ? null : branch.get(branch.size() - 1);
    }

    /** The branch down to the parent of its last message; {@code NOT_FOUND} when that parent was deleted. */
    public List<Message> beforeLast() {
        Message last = last();
        if (last == null || last.parentId() == null) {
            return List.of();
        }
        List<Message> before = branch.subList(0, branch.size() - 1);
        if (before.isEmpty() || !before.get(before.size() - 1).id().equals(last.parentId())) {
            throw new DomainException(ErrorCode.NOT_FOUND, "No such message in this session");
        }
        return before;
    }
}
