package com.aipasta.ops;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.awaitility.Awaitility.await;

/**
 * A platform of its own on a random port and a given data directory, for tests that stop and start it: in this JVM,
 * or as a process of its own that a test can kill outright.
 */
public final class StandalonePlatform {

    /** Limits no test reaches unless it is about them: the tests register many users from one address. */
    public static final Map<String, String> GENEROUS_LIMITS = Map.of(
            "aipasta.limits.login-per-address", "1000000/1m",
            "aipasta.limits.login-per-account", "1000000/1m",
            "aipasta.limits.registration-per-address", "1000000/1m",
            "aipasta.limits.registration-per-account", "1000000/1m",
            "aipasta.limits.password-change-per-address", "1000000/1m",
            "aipasta.limits.password-change-per-account", "1000000/1m",
            "aipasta.limits.lockout-failures", "1000000",
            "aipasta.limits.concurrent-streams.free", "1000",
            "aipasta.limits.concurrent-streams.premium", "1000");

    private static final Map<Process, Integer> processPorts = new ConcurrentHashMap<>();

    private StandalonePlatform() {
    }

    public static ConfigurableApplicationContext start(Path dataDir, String... settings) {
        return start(dataDir, List.of(), settings);
    }

    /** Starts it with extra beans of the test's, such as a recorder of the commands sent to the database. */
    public static ConfigurableApplicationContext start(Path dataDir, List<Object> beans, String... settings) {
        return new SpringApplicationBuilder(PlatformApplication.class)
                .initializers(context -> beans.forEach(bean -> context.getBeanFactory()
                        .registerSingleton(bean.getClass().getSimpleName(), bean)))
                .run(arguments(dataDir, 0, settings));
    }

    public static int port(ConfigurableApplicationContext platform) {
        return platform.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
    }

    public static HttpApi api(ConfigurableApplicationContext platform) {
        return new HttpApi(port(platform));
    }

    /** A platform in a JVM of its own, on this test's classpath, answering {@code /health} when this returns. */
    public static Process startProcess(Path dataDir, Path log, String... settings) {
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                PlatformApplication.class.getName()));
        command.addAll(List.of(arguments(dataDir, port, settings)));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            HttpApi api = new HttpApi(port);
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(250)).until(() -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException("The platform process exited; see " + log);
                }
                try {
                    return api.get("/health", null).status() == 200;
                } catch (UncheckedIOException notYetListening) {
                    return false;
                }
            });
            processPorts.put(process, port);
            return process;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static HttpApi api(Process platform) {
        return new HttpApi(port(platform));
    }

    public static int port(Process platform) {
        return processPorts.get(platform);
    }

    /** Ends the process as a crash would: SIGKILL, no shutdown hook runs. */
    public static void kill(Process platform) throws InterruptedException {
        platform.destroyForcibly();
        platform.waitFor();
        processPorts.remove(platform);
    }

    private static String[] arguments(Path dataDir, int port, String... settings) {
        List<String> arguments = new ArrayList<>(List.of(
                "--server.port=" + port,
                "--aipasta.data-dir=" + dataDir,
                "--aipasta.mongo.data-dir=" + dataDir,
                "--aipasta.auth.password-hash-strength=4"));
        GENEROUS_LIMITS.forEach((name, value) -> {
            if (List.of(settings).stream().noneMatch(setting -> setting.startsWith("--" + name + "="))) {
                arguments.add("--" + name + "=" + value);
            }
        });
        arguments.addAll(List.of(settings));
        return arguments.toArray(String[]::new);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
