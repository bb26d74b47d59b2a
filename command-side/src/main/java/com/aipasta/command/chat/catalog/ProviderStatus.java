package com.aipasta.command.chat.catalog;

import java.time.Instant;

/** A provider in the catalogue: whether it is configured, how many models it offers, and how its last sync went. */
public record ProviderStatus(String id, boolean configured, int models, Instant lastSyncedAt, String lastError) {
}
