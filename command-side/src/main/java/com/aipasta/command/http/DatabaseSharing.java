package com.aipasta.command.http;

/**
 * Whether other processes may write the database this node reads ({@code shared}): then a change answered before the
 * read models show it may be read next through another node, which knows nothing of this node's {@link PendingReads}.
 */
public record DatabaseSharing(boolean shared) {
}
