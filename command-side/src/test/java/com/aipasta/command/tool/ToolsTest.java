package com.aipasta.command.tool;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static com.aipasta.command.tool.ToolAssertions.refused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ToolsTest {

    private final Tools tools = new Tools(List.of(new Calculator(), new Echo(), new Hash(),
            new Regex(new ToolProperties(Duration.ofSeconds(1), 4)), new Format(), new Lorem(), new ColorPalette()));

    @Test
    void groupsEveryToolUnderItsProvider() {
        assertThat(tools.byProvider()).containsOnlyKeys(Tool.BUILTIN);
        assertThat(tools.byProvider().get(Tool.BUILTIN)).extracting(Tool::name)
                .containsExactly("calculator", "color-palette", "echo", "format", "hash", "lorem", "regex");
    }

    @Test
    void describesEachToolWithAJsonSchemaOfItsParameters() {
        Map<String, Object> calculator = Tools.describe(tools.require("calculator"));

        assertThat(calculator).containsEntry("name", "calculator").containsEntry("provider", "builtin");
        @SuppressWarnings("unchecked")
        Map<String, Object> schema = (Map<String, Object>) calculator.get("parameters");
        assertThat(schema).containsEntry("type", "object")
                .containsEntry("required", List.of("operation", "number1"));
        assertThat(((Map<String, ?>) schema.get("properties")).keySet()).containsExactlyInAnyOrder("operation", "number1", "number2",
                "precision");
    }

    @Test
    void echoSendsBackItsMessage() {
        assertThat(tools.run(tools.require("echo"), Map.of("message", "hello ✓"))).containsEntry("message", "hello ✓");
        refused(() -> tools.run(tools.require("echo"), Map.of("message", "x".repeat(Echo.MAX_LENGTH + 1))),
                "message", "at most 10000 characters");
        refused(() -> tools.run(tools.require("echo"), Map.of()), "message", "is required");
    }

    @Test
    void aParameterTheToolDoesNotDeclareIsRefused() {
        refused(() -> tools.run(tools.require("echo"), Map.of("message", "hi", "loud", true)), "loud",
                "is not a parameter of echo");
    }

    @Test
    void anUnknownToolIsNotFoundAndTwoToolsOfOneNameDoNotStart() {
        assertThat(tools.find("teleport")).isEmpty();
        assertThatThrownBy(() -> new Tools(List.of(new Echo(), new Echo()))).hasMessageContaining("echo");
    }
}
