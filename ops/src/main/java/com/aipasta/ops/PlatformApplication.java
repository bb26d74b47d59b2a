package com.aipasta.ops;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

import java.time.Clock;

/** The all-in-one platform: command side, projections and query side in one process. */
@SpringBootApplication(scanBasePackages = "com.aipasta")
@ConfigurationPropertiesScan("com.aipasta.ops")
public class PlatformApplication {

    static {
        // Axon's update checker phones home at start-up; the platform reports nothing unless told to.
        if (System.getenv("AXONIQ_UPDATE_CHECKER_DISABLED") == null) {
            System.setProperty("axoniq.update-checker.disabled", System.getProperty("axoniq.update-checker.disabled", "true"));
        }
    }

    public static void main(String[] args) {
        SpringApplication.run(PlatformApplication.class, args);
    }

    @Bean
    public Clock clock() {
        return Clock.systemUTC();
    }
}
