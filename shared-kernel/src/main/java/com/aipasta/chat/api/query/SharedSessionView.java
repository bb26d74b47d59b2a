package com.aipasta.chat.api.query;

import java.time.Instant;
import java.util.List;

/**
 * A shared session as anyone with its link sees it: the branch current when it was shared, with no more of its
 * owner than the display name they chose (may be null).
 */
public record SharedSessionView(String shareId, String title, String displayName, Instant sharedAt,
                                List<SharedMessage> messages) {

    public record SharedMessage(String role, String content, String modelId, Instant createdAt) {
    }
}
