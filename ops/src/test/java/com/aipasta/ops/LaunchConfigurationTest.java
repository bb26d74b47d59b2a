package com.aipasta.ops;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathFactory;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.Attributes;
import java.util.jar.Manifest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's start command, {@code mvn -pl ops -am spring-boot:run}, runs the platform with the JIT's optimizing
 * compiler: the plugin's optimized launch, on unless turned off, adds {@code -XX:TieredStopAtLevel=1}, which keeps the
 * platform on C1's code for as long as it runs; it and the image run C2 alone, without tiered compilation, compiling
 * a method after 1,500 calls instead of 10,000, with tiered compilation's 240 MB for compiled code, with the
 * parallel collector, and with thread priorities passed to the operating system; the benchmarks run it in a JVM of
 * their own started with the same options. And the platform's classpath starts it without warnings of its own and
 * holds Axon's modules at one version.
 */
class LaunchConfigurationTest {

    @Test
    void theStartCommandLeavesTheJitsOptimizingCompilerOn() throws Exception {
        assertThat(startCommandSetting("optimizedLaunch"))
                .as("ops/pom.xml must set the spring-boot-maven-plugin's optimizedLaunch to false")
                .isEqualTo("false");
    }

    @Test
    void theStartCommandAndTheImageRunC2Alone() throws Exception {
        assertStartCommandAndImagePass("-XX:-TieredCompilation");
    }

    @Test
    void theStartCommandAndTheImageCompileAMethodAfter1500Calls() throws Exception {
        assertStartCommandAndImagePass("-XX:CompileThreshold=1500");
    }

    /**
     * Without tiered compilation the JVM reserves 48 MB for compiled code, of which one platform under load used 28 to
     * 30, the speed benchmark's JVM (its three platforms and their client) 40; once it is full, the JIT flushes code
     * or stops compiling.
     */
    @Test
    void theStartCommandAndTheImageReserveTheCodeCacheTieredCompilationWouldHave() throws Exception {
        assertStartCommandAndImagePass("-XX:ReservedCodeCacheSize=240m");
    }

    @Test
    void theStartCommandAndTheImageUseTheParallelCollector() throws Exception {
        assertStartCommandAndImagePass("-XX:+UseParallelGC");
    }

    /** Without it the JVM leaves every thread at the one priority, the read models' included. */
    @Test
    void theStartCommandAndTheImageLetTheOperatingSystemHonourThreadPriorities() throws Exception {
        assertStartCommandAndImagePass("-XX:ThreadPriorityPolicy=1");
    }

    @Test
    void theBenchmarksRunWithTheStartCommandsJvmOptions() throws Exception {
        String benchmarkCommandLine = pomValue(
                "/project/build/plugins/plugin[artifactId='exec-maven-plugin']/configuration/commandlineArgs");

        assertThat(benchmarkCommandLine).startsWith(startCommandSetting("jvmArguments") + " -classpath %classpath ");
    }

    /** The JVM option in the start command's arguments and, as one quoted argument, in the image's entry point. */
    private static void assertStartCommandAndImagePass(String option) throws Exception {
        assertThat(startCommandJvmOptions()).contains(option);
        assertThat(imageEntryPoint()).contains("\"" + option + "\"");
    }

    /** The start command's JVM arguments, which name the POM property that holds them. */
    private static String startCommandJvmOptions() throws Exception {
        String arguments = startCommandSetting("jvmArguments");
        assertThat(arguments).isEqualTo("${platform.jvmArguments}");
        return pomValue("/project/properties/platform.jvmArguments");
    }

    /** The image's one {@code ENTRYPOINT} line. */
    private static String imageEntryPoint() throws Exception {
        List<String> entryPoints = Files.readAllLines(Path.of("deploy/Dockerfile")).stream()
                .filter(line -> line.startsWith("ENTRYPOINT"))
                .toList();
        assertThat(entryPoints).hasSize(1);
        return entryPoints.get(0);
    }

    /** A setting of the spring-boot-maven-plugin in {@code ops/pom.xml}, empty when it has none. */
    private static String startCommandSetting(String name) throws Exception {
        return pomValue("/project/build/plugins/plugin[artifactId='spring-boot-maven-plugin']/configuration/" + name);
    }

    /** The text at an XPath of {@code ops/pom.xml}, as written, empty when there is none. */
    private static String pomValue(String xPath) throws Exception {
        Document pom = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(Path.of("pom.xml").toFile());
        return XPathFactory.newInstance().newXPath().evaluate(xPath, pom);
    }

    /**
     * Axon's modules are released together and call one another's internals; a module a dependency brings at its own
     * version (the Mongo extension brought axon-eventsourcing 4.12.0 beside 4.12.2's messaging) runs untested code.
     */
    @Test
    void everyAxonFrameworkModuleIsOfOneVersion() throws Exception {
        Map<String, String> versions = new TreeMap<>();
        for (URL manifestUrl : Collections.list(getClass().getClassLoader().getResources("META-INF/MANIFEST.MF"))) {
            try (InputStream in = manifestUrl.openStream()) {
                Attributes attributes = new Manifest(in).getMainAttributes();
                String module = attributes.getValue("Bundle-SymbolicName");
                if (module != null && module.startsWith("org.axonframework.axon-")) {
                    versions.put(module, attributes.getValue("Bundle-Version"));
                }
            }
        }

        assertThat(versions).containsKeys("org.axonframework.axon-messaging", "org.axonframework.axon-eventsourcing");
        assertThat(new HashSet<>(versions.values())).as("Axon modules' versions: %s", versions).hasSize(1);
    }

    /** With commons-logging beside Spring's bridge of its API, Spring asks at every start to remove it. */
    @Test
    void commonsLoggingIsSpringsBridgeAlone() throws Exception {
        List<URL> logFactories = Collections.list(getClass().getClassLoader()
                .getResources("org/apache/commons/logging/LogFactory.class"));

        assertThat(logFactories).singleElement().asString().contains("spring-jcl");
    }
}
