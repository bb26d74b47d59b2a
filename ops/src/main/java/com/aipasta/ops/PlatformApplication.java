package com.aipasta.ops;

import com.aipasta.ops.cli.OpsCli;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.domain.EntityScan;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import java.time.Clock;

/**
 * The platform: by default all in one process (command side, projections and query side), or one role of it
 * ({@link PlatformRole}).
 */
@SpringBootApplication(scanBasePackages = "com.aipasta")
@ConfigurationPropertiesScan("com.aipasta.ops")
@EntityScan("com.aipasta")
public class PlatformApplication {

    private static final String UPDATE_CHECKER_DISABLED = "axoniq.update-checker.disabled";

    static {
        // Axon's update checker reports usage to its vendor at start-up; the platform does not, unless told to.
        if (System.getenv("AXONIQ_UPDATE_CHECKER_DISABLED") == null && System.getProperty(UPDATE_CHECKER_DISABLED) == null) {
            System.setProperty(UPDATE_CHECKER_DISABLED, "true");
        }
    }

    public static void main(String[] args) {
        if (OpsCli.handles(args)) {
            System.exit(OpsCli.run(args));
        }
        SpringApplication.run(PlatformApplication.class, args);
    }

    @Bean
    public PlatformRole platformRole(@Value("${aipasta.role:all}") String role) {
        return PlatformRole.of(role);
    }

    /** The platform's time; a test may bring a clock of its own. */
    @Bean
    @ConditionalOnMissingBean
    public Clock clock() {
        return Clock.systemUTC();
    }
}
