package com.aipasta.ops;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A platform of its own on a random port and a given data directory, for tests that stop and start it. */
public final class StandalonePlatform {

    /** Limits no test reaches unless it is about them: the tests register many users from one address. */
    public static final Map<String, String> GENEROUS_LIMITS = Map.of(
            "aipasta.limits.login-per-address", "1000000/1m",
            "aipasta.limits.login-per-account", "1000000/1m",
            "aipasta.limits.registration-per-address", "1000000/1m",
            "aipasta.limits.registration-per-account", "1000000/1m",
            "aipasta.limits.password-change-per-address", "1000000/1m",
            "aipasta.limits.password-change-per-account", "1000000/1m",
            "aipasta.limits.concurrent-streams.free", "1000",
            "aipasta.limits.concurrent-streams.premium", "1000");

    private StandalonePlatform() {
    }

    public static ConfigurableApplicationContext start(Path dataDir, String... settings) {
        List<String> arguments = new ArrayList<>(List.of(
                "--server.port=0",
                "--aipasta.data-dir=" + dataDir,
                "--aipasta.mongo.data-dir=" + dataDir,
                "--aipasta.auth.password-hash-strength=4"));
        GENEROUS_LIMITS.forEach((name, value) -> arguments.add("--" + name + "=" + value));
        arguments.addAll(List.of(settings));
        return new SpringApplicationBuilder(PlatformApplication.class).run(arguments.toArray(String[]::new));
    }

    public static int port(ConfigurableApplicationContext platform) {
        return platform.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
    }

    public static HttpApi api(ConfigurableApplicationContext platform) {
        return new HttpApi(port(platform));
    }
}
