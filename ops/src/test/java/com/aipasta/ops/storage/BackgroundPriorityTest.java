package com.aipasta.ops.storage;

import com.aipasta.ops.StandalonePlatform;
import com.aipasta.ops.projection.Projections;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every event processor and the event store's readers run below the requests, which keep the normal priority. The
 * operating system honours it where the JVM runs with {@code -XX:ThreadPriorityPolicy=1}, as the start command and the
 * image do ({@code LaunchConfigurationTest}).
 */
class BackgroundPriorityTest {

    private static final Pattern PROCESSOR_THREAD = Pattern.compile("EventProcessor\\[(.+)]-\\d+");

    @TempDir
    Path dataDir;

    @Test
    void processorsAndTheStoresReadersRunBelowTheRequests() {
        try (ConfigurableApplicationContext platform = StandalonePlatform.start(dataDir)) {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                Map<String, Set<Integer>> processors = processorPriorities();
                assertThat(processors).containsKeys(Projections.names().toArray(String[]::new));
                processors.forEach((name, priorities) ->
                        assertThat(priorities).as(name).containsExactly(Thread.MIN_PRIORITY));
                assertThat(prioritiesOf("EmbeddedEventStore-")).isNotEmpty().containsOnly(Thread.MIN_PRIORITY);
                assertThat(prioritiesOf("http-nio-")).isNotEmpty().containsOnly(Thread.NORM_PRIORITY);
            });
        }
    }

    /** The priorities of each processor's live threads. */
    private static Map<String, Set<Integer>> processorPriorities() {
        return liveThreads()
                .map(thread -> Map.entry(PROCESSOR_THREAD.matcher(thread.getName()), thread.getPriority()))
                .filter(entry -> entry.getKey().matches())
                .collect(Collectors.groupingBy(entry -> entry.getKey().group(1),
                        Collectors.mapping(Map.Entry::getValue, Collectors.toSet())));
    }

    private static List<Integer> prioritiesOf(String namePrefix) {
        return liveThreads().filter(thread -> thread.getName().startsWith(namePrefix)).map(Thread::getPriority)
                .toList();
    }

    private static Stream<Thread> liveThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive);
    }
}
