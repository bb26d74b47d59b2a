package com.aipasta.command.tool;

import com.aipasta.common.DomainException;
import com.aipasta.common.ErrorCode;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** Every tool the platform has, by name, and the one way they are run: parameters checked, then the tool. */
@Component
public class Tools {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,39}");

    private final Map<String, Tool> byName = new TreeMap<>();

    public Tools(List<Tool> tools) {
        for (Tool tool : tools) {
            if (!NAME.matcher(tool.name()).matches() || !NAME.matcher(tool.provider()).matches()) {
                throw new IllegalStateException("A tool's name and provider are lower case letters, digits and -: "
                        + tool.provider() + "/" + tool.name());
            }
            if (byName.put(tool.name(), tool) != null) {
                throw new IllegalStateException("Two tools are named " + tool.name());
            }
        }
    }

    /** By name: {@code byName} is sorted. */
    public List<Tool> all() {
        return List.copyOf(byName.values());
    }

    public Optional<Tool> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public Tool require(String name) {
        return find(name).orElseThrow(() -> new DomainException(ErrorCode.NOT_FOUND, "No such tool: " + name));
    }

    /** The providers the plugins endpoints group the tools under, each with its tools. */
    public Map<String, List<Tool>> byProvider() {
        Map<String, List<Tool>> providers = new TreeMap<>();
        all().forEach(tool -> providers.computeIfAbsent(tool.provider(), provider -> new ArrayList<>())
                .add(tool));
        return providers;
    }

    /** Runs a tool after refusing any parameter it does not declare. */
    public Map<String, Object> run(Tool tool, Map<String, Object> parameters) {
        Map<String, Object> given = parameters == null ? Map.of() : parameters;
        for (String name : given.keySet()) {
            if (!tool.parameters().declares(name)) {
                throw ToolInput.invalid(name, "is not a parameter of " + tool.name());
            }
        }
        return tool.run(new ToolInput(given));
    }

    /** How a tool is described to users and to models. */
    public static Map<String, Object> describe(Tool tool) {
        Map<String, Object> described = new LinkedHashMap<>();
        described.put("name", tool.name());
        described.put("provider", tool.provider());
        described.put("description", tool.description());
        described.put("parameters", tool.parameters().asJsonSchema());
        return described;
    }
}
