package com.aipasta.chat.api.query;

import java.util.List;

/** A session with the messages of one branch, root first, and the leaf message of every branch. */
public record SessionDetail(SessionSummary session, String branch, List<MessageView> messages,
                            List<String> branches) {
}
