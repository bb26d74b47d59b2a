package com.aipasta.ops;

import com.sun.management.HotSpotDiagnosticMXBean;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

class CompilerCheckTest {

    @Test
    void aJitKeptToC1IsNamedWithTheOptionThatKeepsItThere() {
        assertThat(CompilerCheck.warning("1")).hasValueSatisfying(warning ->
                assertThat(warning).contains("-XX:TieredStopAtLevel=1", "optimizedLaunch"));
        assertThat(CompilerCheck.warning("3")).isPresent();
    }

    @Test
    void aJitWithItsOptimizingCompilerPassesSilently() {
        assertThat(CompilerCheck.warning("4")).isEmpty();
    }

    @Test
    void theLevelIsReadFromTheRunningJvm() {
        assertThat(CompilerCheck.tieredStopAtLevel(ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)))
                .hasValueSatisfying(level -> assertThat(Integer.parseInt(level)).isBetween(0, 4));
    }

    @Test
    void aJvmWithoutTheOptionStartsUnchecked() {
        HotSpotDiagnosticMXBean withoutTiers = mock(HotSpotDiagnosticMXBean.class);
        when(withoutTiers.getVMOption("TieredStopAtLevel")).thenThrow(new IllegalArgumentException("no such option"));

        assertThat(CompilerCheck.tieredStopAtLevel(withoutTiers)).isEmpty();
        assertThat(CompilerCheck.tieredStopAtLevel(null)).isEmpty();
    }
}
