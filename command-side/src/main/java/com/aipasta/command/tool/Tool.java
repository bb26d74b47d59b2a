package com.aipasta.command.tool;

import java.util.Map;

/**
 * A deterministic tool a user runs from the tools hub, sends to a session as a plugin, or a model calls during a
 * turn. Adding one is one class implementing this interface, registered as a Spring component.
 */
public interface Tool {

    /** The provider the plugins endpoints group the tool under. */
    String BUILTIN = "builtin";

    /** The tool's name in paths and in a model's tool calls: lower case letters, digits and {@code -}. */
    String name();

    /** One sentence a user, or a model deciding whether to call it, reads. */
    String description();

    /** The parameters it takes; any other parameter is refused before {@link #run} is called. */
    ToolSchema parameters();

    /**
     * Runs the tool. Bad parameters throw a {@link com.aipasta.common.DomainException} naming the parameter; the
     * result holds only JSON values (strings, numbers, booleans, lists and maps of them).
     */
    Map<String, Object> run(ToolInput input);

    default String provider() {
        return BUILTIN;
    }
}
