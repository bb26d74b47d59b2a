package com.aipasta.chat.api.query;

/** The shared snapshot under {@code shareId}; empty once revoked, or when there is none. */
public record FindSharedSessionQuery(String shareId) {
}
