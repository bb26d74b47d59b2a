package com.aipasta.command.chat.session;

import com.aipasta.chat.api.value.Attachment;
import com.aipasta.common.DomainException;
import com.aipasta.common.ErrorCode;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A chat session's conversation as its aggregate holds it, for the context of the next answer: the system
 * instruction, the session's model and the tree of messages with the leaf of the branch last written to.
 */
public final class SessionHistory {

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
    }

    private final String systemInstruction;
    private final String modelId;
    private final String activeLeafId;
    private final Map<String, Message> liveMessages;
    private final Map<String, String> parents;

    SessionHistory(String systemInstruction, String modelId, String activeLeafId, Map<String, Message> liveMessages,
                   Map<String, String> parents) {
        this.systemInstruction = systemInstruction;
        this.modelId = modelId;
        this.activeLeafId = activeLeafId;
        this.liveMessages = Map.copyOf(liveMessages);
        this.parents = Map.copyOf(parents);
    }

    public String systemInstruction() {
        return systemInstruction;
    }

    public String modelId() {
        return modelId;
    }

    /** A message of the session that was not deleted. */
    public Optional<Message> message(String messageId) {
        return Optional.ofNullable(liveMessages.get(messageId));
    }

    /** The branch last written to, oldest first, deleted messages left out. */
    public List<Message> activeBranch() {
        return branchEndingAt(activeLeafId);
    }

    /**
     * The messages from the first one down to {@code lastId}, oldest first, deleted ones left out; empty for none.
     * The last one must not be deleted.
     */
    public List<Message> branchEndingAt(String lastId) {
        if (lastId == null) {
            return List.of();
        }
        if (!liveMessages.containsKey(lastId)) {
            throw new DomainException(ErrorCode.NOT_FOUND, "No such message in this session");
        }
        List<Message> branch = new ArrayList<>();
        for (String id = lastId; id != null; id = parents.get(id)) {
            Message message = liveMessages.get(id);
            if (message != null) {
                branch.add(message);
            }
        }
        Collections.reverse(branch);
        return branch;
    }
}
