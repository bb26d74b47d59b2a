package com.aipasta.ops;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathFactory;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's start command, {@code mvn -pl ops -am spring-boot:run}, runs the platform with the JIT's optimizing
 * compiler: the plugin's optimized launch, on unless turned off, adds {@code -XX:TieredStopAtLevel=1}, which keeps the
 * platform on C1's code for as long as it runs.
 */
class LaunchConfigurationTest {

    @Test
    void theStartCommandLeavesTheJitsOptimizingCompilerOn() throws Exception {
        Document pom = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(Path.of("pom.xml").toFile());

        String optimizedLaunch = XPathFactory.newInstance().newXPath().evaluate(
                "/project/build/plugins/plugin[artifactId='spring-boot-maven-plugin']/configuration/optimizedLaunch",
                pom);

        assertThat(optimizedLaunch)
                .as("ops/pom.xml must set the spring-boot-maven-plugin's optimizedLaunch to false")
                .isEqualTo("false");
    }
}
