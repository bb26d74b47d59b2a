package com.aipasta.ops;

import java.util.Locale;

/**
 * What a node serves ({@code PLATFORM_ROLE}). A command node ({@code command}, or {@code all}, the default: the same
 * thing) serves every endpoint and runs everything: aggregates, sagas, policies, timers and the projections, so that
 * its answers never wait on another process. A query node serves reads ({@code GET}) only and runs the projections,
 * sharing their segments with the other nodes, and what each node holds in memory; it runs no saga, policy or timer,
 * so it sends no command of its own.
 */
public enum PlatformRole {
    ALL, COMMAND, QUERY;

    public static PlatformRole of(String configured) {
        try {
            return valueOf(configured.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            throw new IllegalArgumentException("PLATFORM_ROLE must be all, command or query, not " + configured);
        }
    }

    public boolean sendsCommands() {
        return this != QUERY;
    }
}
