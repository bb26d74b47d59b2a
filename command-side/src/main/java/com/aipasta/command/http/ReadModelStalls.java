package com.aipasta.command.http;

import java.util.Optional;

/** Tells a waiting request that the read models will not show an aggregate's next change without an operator. */
public interface ReadModelStalls {

    /** Why the read models cannot currently project events of {@code aggregateId}, or empty while they can. */
    Optional<String> stalledOn(String aggregateId);
}
