package com.aipasta.tool.api.value;

/** How a tool came to run: from the tools hub, sent to a session as a plugin, or called by a model in a turn. */
public enum ToolChannel { HUB, PLUGIN, MODEL }
