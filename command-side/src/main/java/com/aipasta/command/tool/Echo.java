package com.aipasta.command.tool;

import org.springframework.stereotype.Component;

import java.util.Map;

/** Answers with the message it was given, to try the plugin path end to end. */
@Component
public class Echo implements Tool {

    static final int MAX_LENGTH = 10_000;

    private static final ToolSchema PARAMETERS = ToolSchema.builder()
            .text("message", "the text to send back", MAX_LENGTH, true)
            .build();

    @Override
    public String name() {
        return "echo";
    }

    @Override
    public String description() {
        return "Sends back the message it is given, unchanged.";
    }

    @Override
    public ToolSchema parameters() {
        return PARAMETERS;
    }

    @Override
    public Map<String, Object> run(ToolInput input) {
        return Map.of("message", input.text("message", MAX_LENGTH));
    }
}
