package com.aipasta.ops;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A platform of its own on a random port and a given data directory, for tests that stop and start it. */
public final class StandalonePlatform {

    private StandalonePlatform() {
    }

    public static ConfigurableApplicationContext start(Path dataDir, String... settings) {
        return start(dataDir, List.of(), settings);
    }

    /** Starts it with extra beans of the test's, such as a recorder of the commands sent to the database. */
    public static ConfigurableApplicationContext start(Path dataDir, List<Object> beans, String... settings) {
        List<String> arguments = new ArrayList<>(List.of(
                "--server.port=0",
                "--aipasta.data-dir=" + dataDir,
                "--aipasta.mongo.data-dir=" + dataDir,
                "--aipasta.auth.password-hash-strength=4"));
        arguments.addAll(List.of(settings));
        return new SpringApplicationBuilder(PlatformApplication.class)
                .initializers(context -> beans.forEach(bean -> context.getBeanFactory()
                        .registerSingleton(bean.getClass().getSimpleName(), bean)))
                .run(arguments.toArray(String[]::new));
    }

    public static int port(ConfigurableApplicationContext platform) {
        return platform.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
    }

    public static HttpApi api(ConfigurableApplicationContext platform) {
        return new HttpApi(port(platform));
    }
}
