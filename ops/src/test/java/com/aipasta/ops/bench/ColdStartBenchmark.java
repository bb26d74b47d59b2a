package com.aipasta.ops.bench;

import com.aipasta.ops.StandalonePlatform;
import com.aipasta.ops.TemporaryDirectories;
import com.sun.net.httpserver.HttpServer;
import org.springframework.context.ConfigurableApplicationContext;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.net.http.HttpClient;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A platform just started, measured as an outside harness that does not warm it up measures it: nothing of a turn's
 * path is compiled yet. Three passes, each of streamed turns at 1, 50 and 200 concurrent streams, straight from a
 * local OpenAI-compatible server and through the platform, print as they end the added time to first token and to
 * the whole answer, the turns per second, and the milliseconds the JIT compiler spent in the round. A JVM measures
 * one cold platform: run it several times to see the scatter. Run it with the command in the README.
 */
public final class ColdStartBenchmark {

    private static final int PASSES = 3;
    private static final int[] STREAMS = {1, 50, 200};

    private ColdStartBenchmark() {
    }

    public static void main(String[] args) {
        SpeedBenchmark.runThenExit(ColdStartBenchmark::run);
    }

    private static void run() throws Exception {
        ExecutorService upstreamThreads = Executors.newCachedThreadPool();
        HttpServer upstream = SpeedBenchmark.fixedAnswerServer(upstreamThreads);
        ExecutorService clientThreads = Executors.newFixedThreadPool(64);
        HttpClient client = HttpClient.newBuilder().executor(clientThreads).build();
        String direct = "http://127.0.0.1:" + upstream.getAddress().getPort() + "/v1/chat/completions";
        CompilationMXBean compiler = ManagementFactory.getCompilationMXBean();
        long starting = System.nanoTime();
        try (ConfigurableApplicationContext platform = StandalonePlatform.start(
                TemporaryDirectories.create("aipasta-bench-cold-"), SpeedBenchmark.platformSettings(upstream))) {
            System.out.printf("the platform answered %.1f s after its start began, the JIT having compiled for "
                            + "%.1f s%n", (System.nanoTime() - starting) / 1e9,
                    compiler.getTotalCompilationTime() / 1e3);
            String base = "http://127.0.0.1:" + StandalonePlatform.port(platform);
            List<String> tokens = SpeedBenchmark.registerUsers(client, base, SpeedBenchmark.USERS);
            System.out.printf("%n%-5s %-7s %-22s %-22s %10s %7s %12s%n", "pass", "streams", "added ttft p50/p99",
                    "added total p50/p99", "turns/s", "failed", "compiler ms");
            for (int pass = 1; pass <= PASSES; pass++) {
                for (int streams : STREAMS) {
                    int turns = SpeedBenchmark.turnsOfRound(streams);
                    SpeedBenchmark.Turns straight = SpeedBenchmark.measure(client, base, tokens, direct, streams,
                            turns);
                    SpeedBenchmark.reportFailures("direct at " + streams + " streams", straight);
                    long compiledBefore = compiler.getTotalCompilationTime();
                    long started = System.nanoTime();
                    SpeedBenchmark.Turns through = SpeedBenchmark.measure(client, base, tokens, null, streams, turns);
                    double seconds = (System.nanoTime() - started) / 1e9;
                    SpeedBenchmark.reportFailures("platform at " + streams + " streams", through);
                    System.out.printf("%-5d %-7d %-22s %-22s %10.1f %7d %12d%n", pass, streams,
                            SpeedBenchmark.pair(SpeedBenchmark.sorted(through.samples(), true),
                                    SpeedBenchmark.sorted(straight.samples(), true), true),
                            SpeedBenchmark.pair(SpeedBenchmark.sorted(through.samples(), false),
                                    SpeedBenchmark.sorted(straight.samples(), false), true),
                            through.samples().size() / seconds, through.failures().size(),
                            compiler.getTotalCompilationTime() - compiledBefore);
                }
            }
        } finally {
            upstream.stop(0);
            upstreamThreads.shutdownNow();
            clientThreads.shutdownNow();
        }
    }
}
