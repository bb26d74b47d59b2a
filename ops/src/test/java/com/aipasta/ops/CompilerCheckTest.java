package com.aipasta.ops;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

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
}
