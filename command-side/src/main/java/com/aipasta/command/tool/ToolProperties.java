package com.aipasta.command.tool;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * Tool and plugin settings.
 *
 * @param regexTimeout    the longest a regular expression may run against its text before it is stopped with
 *                        {@code REGEX_TIMEOUT} ({@code TOOL_REGEX_TIMEOUT})
 * @param modelToolRounds how often one turn may go back to the model with the results of the tools it called; the
 *                        last round offers no tools, so the model answers ({@code MODEL_TOOL_ROUNDS})
 */
@Validated
@ConfigurationProperties("aipasta.tools")
public record ToolProperties(@DefaultValue("1s") @NotNull Duration regexTimeout,
                             @DefaultValue("4") int modelToolRounds) {

    public ToolProperties {
        if (regexTimeout != null && (regexTimeout.isNegative() || regexTimeout.isZero()
                || regexTimeout.compareTo(Duration.ofMinutes(1)) > 0)) {
            throw new IllegalArgumentException("TOOL_REGEX_TIMEOUT must lie between 1ms and 1m");
        }
        if (modelToolRounds < 1 || modelToolRounds > 10) {
            throw new IllegalArgumentException("MODEL_TOOL_ROUNDS must lie between 1 and 10");
        }
    }
}
