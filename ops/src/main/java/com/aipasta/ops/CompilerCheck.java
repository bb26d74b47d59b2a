package com.aipasta.ops;

import com.sun.management.HotSpotDiagnosticMXBean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.lang.management.ManagementFactory;
import java.util.Optional;

/**
 * Warns at start-up when the JVM keeps its JIT from the optimizing compiler ({@code -XX:TieredStopAtLevel} below 4, as
 * the Spring Boot Maven plugin's optimized launch sets it): the platform then runs on C1's code for as long as it runs.
 */
@Component
class CompilerCheck {

    private static final Logger log = LoggerFactory.getLogger(CompilerCheck.class);
    private static final String OPTION = "TieredStopAtLevel";
    private static final int OPTIMIZING_TIER = 4;

    CompilerCheck() {
        tieredStopAtLevel(ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class))
                .flatMap(CompilerCheck::warning).ifPresent(log::warn);
    }

    /** Empty on a JVM that has no such option to read, which then starts unchecked rather than not at all. */
    static Optional<String> tieredStopAtLevel(HotSpotDiagnosticMXBean hotSpot) {
        if (hotSpot == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(hotSpot.getVMOption(OPTION).getValue());
        } catch (IllegalArgumentException noSuchOption) {
            return Optional.empty();
        }
    }

    static Optional<String> warning(String tieredStopAtLevel) {
        if (Integer.parseInt(tieredStopAtLevel) >= OPTIMIZING_TIER) {
            return Optional.empty();
        }
        return Optional.of("The JVM runs with -XX:" + OPTION + "=" + tieredStopAtLevel + ", which keeps the JIT from "
                + "its optimizing compiler: the platform will run at about 60 % of its speed for as long as it "
                + "runs. Start it without that option (with spring-boot:run, keep optimizedLaunch off).");
    }
}
