package com.aipasta.ops.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Runs the ops CLI in this JVM, capturing what it prints. The environment variables it would read are given as
 * system properties for the run, which Spring resolves the same way.
 */
public final class CliRunner {

    public record Result(int exitCode, String out, String err) {
    }

    private CliRunner() {
    }

    public static synchronized Result run(Map<String, String> environment, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Map<String, String> previous = new HashMap<>();
        environment.forEach((name, value) -> previous.put(name, System.setProperty(name, value)));
        try {
            int code = new OpsCli(new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8)).execute(args);
            return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            previous.forEach((name, value) -> {
                if (value == null) {
                    System.clearProperty(name);
                } else {
                    System.setProperty(name, value);
                }
            });
        }
    }
}
