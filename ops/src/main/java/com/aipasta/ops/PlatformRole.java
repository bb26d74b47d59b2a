package com.aipasta.ops;

import java.util.Locale;

/**
 * What a node serves ({@code PLATFORM_ROLE}). An all-in-one node ({@code all}, the default) serves every endpoint and
 * runs everything: aggregates, sagas, policies, timers and the projections. A command node ({@code command}) does the
 * same but leaves the projections to the query nodes, running them only while none is up ({@code
 * ProjectionPlacement}). A query node serves reads ({@code GET}) only and runs the projections, sharing their segments
 * with the other nodes, and what each node holds in memory; it runs no saga, policy or timer, so it sends no command of
 * its own.
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
