package com.aipasta.ops.bench;

import com.aipasta.ops.StandalonePlatform;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Time to first token and total time of streamed answers, through the platform and straight from a local
 * OpenAI-compatible server that streams a fixed answer, at 1, 50 and 200 concurrent streams, side by side in one
 * run. Prints p50/p99 of both and of the time the platform adds. Run it with the command in the README.
 */
public final class StreamingBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int[] CONCURRENCY = {1, 50, 200};
    private static final int ROUNDS = 3;
    private static final String MODEL = "bench/fixed";
    private static final List<String> WORDS = Arrays.asList(
            "The", " quick", " brown", " fox", " jumps", " over", " the", " lazy", " dog", ".");

    private record Sample(long firstTokenNanos, long totalNanos) {
    }

    public static void main(String[] args) throws Exception {
        HttpServer upstream = fixedAnswerServer();
        Path data = Files.createTempDirectory("aipasta-bench-");
        ExecutorService clientThreads = Executors.newFixedThreadPool(64);
        HttpClient client = HttpClient.newBuilder().executor(clientThreads).build();
        try (ConfigurableApplicationContext platform = StandalonePlatform.start(data, "--server.tomcat.threads.max=400",
                "--aipasta.providers.openai-compatible.base-url=http://127.0.0.1:" + upstream.getAddress().getPort()
                        + "/v1",
                "--aipasta.providers.openai-compatible.name=bench",
                "--aipasta.chat.daily-quotas.free.standard=1000000",
                "--logging.level.root=WARN")) {
            String base = "http://127.0.0.1:" + StandalonePlatform.port(platform);
            List<String> tokens = new ArrayList<>();
            for (int i = 0; i < CONCURRENCY[CONCURRENCY.length - 1]; i++) {
                tokens.add(register(client, base, i));
            }
            String direct = "http://127.0.0.1:" + upstream.getAddress().getPort() + "/v1/chat/completions";
            measure(client, base, tokens, direct, 1);
            System.out.printf("%-12s %-9s %12s %12s %12s %12s %14s %14s %8s%n", "concurrency", "path",
                    "ttft p50 ms", "ttft p99 ms", "total p50", "total p99", "added p50 ms", "added p99 ms", "ratio");
            for (int concurrency : CONCURRENCY) {
                List<Sample> straight = measure(client, base, tokens, direct, concurrency);
                List<Sample> through = measure(client, base, tokens, null, concurrency);
                report(concurrency, straight, through);
            }
        } finally {
            upstream.stop(0);
            clientThreads.shutdownNow();
        }
    }

    private static List<Sample> measure(HttpClient client, String base, List<String> tokens, String direct,
                                        int concurrency) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        List<Sample> samples = new ArrayList<>();
        try {
            for (int round = 0; round < ROUNDS; round++) {
                List<Callable<Sample>> streams = new ArrayList<>();
                for (int i = 0; i < concurrency; i++) {
                    String token = tokens.get(i);
                    streams.add(() -> direct != null ? stream(client, direct, null, "{\"model\":\"fixed\","
                            + "\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}")
                            : stream(client, base + "/api/chat", token,
                            "{\"message\":\"Hi\",\"modelId\":\"" + MODEL + "\"}"));
                }
                for (Future<Sample> sample : pool.invokeAll(streams)) {
                    samples.add(sample.get());
                }
            }
        } finally {
            pool.shutdownNow();
        }
        return samples;
    }

    private static Sample stream(HttpClient client, String url, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(2))
                .header("Content-Type", "application/json").header("Accept", "text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        long start = System.nanoTime();
        long first = 0;
        HttpResponse<InputStream> response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            if (response.statusCode() != 200) {
                throw new IllegalStateException(url + " answered " + response.statusCode());
            }
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                boolean text = line.startsWith("event:delta") || line.contains("\"content\":\"The");
                if (first == 0 && text) {
                    first = System.nanoTime();
                }
            }
        }
        return new Sample(first - start, System.nanoTime() - start);
    }

    private static void report(int concurrency, List<Sample> straight, List<Sample> through) {
        long[] directFirst = sorted(straight, true);
        long[] platformFirst = sorted(through, true);
        long[] directTotal = sorted(straight, false);
        long[] platformTotal = sorted(through, false);
        print(concurrency, "direct", directFirst, directTotal, 0, 0, 1);
        double addedP50 = millis(percentile(platformFirst, 50) - percentile(directFirst, 50));
        double addedP99 = millis(percentile(platformFirst, 99) - percentile(directFirst, 99));
        double ratio = (double) percentile(platformFirst, 50) / Math.max(1, percentile(directFirst, 50));
        print(concurrency, "platform", platformFirst, platformTotal, addedP50, addedP99, ratio);
    }

    private static void print(int concurrency, String path, long[] first, long[] total, double addedP50,
                              double addedP99, double ratio) {
        System.out.printf("%-12d %-9s %12.2f %12.2f %12.2f %12.2f %14.2f %14.2f %8.2f%n", concurrency, path,
                millis(percentile(first, 50)), millis(percentile(first, 99)), millis(percentile(total, 50)),
                millis(percentile(total, 99)), addedP50, addedP99, ratio);
    }

    private static long[] sorted(List<Sample> samples, boolean firstToken) {
        return samples.stream().mapToLong(sample -> firstToken ? sample.firstTokenNanos() : sample.totalNanos())
                .sorted().toArray();
    }

    private static long percentile(long[] sorted, int percentile) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(percentile / 100.0 * sorted.length) - 1)];
    }

    private static double millis(long nanos) {
        return nanos / 1_000_000.0;
    }

    private static String register(HttpClient client, String base, int index) throws Exception {
        String body = "{\"email\":\"bench" + index + "@example.com\",\"password\":\"bench password\",\"name\":\"B\"}";
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(base + "/api/auth/register"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode reply = JSON.readTree(response.body());
        return reply.path("data").path("token").asText();
    }

    /** An OpenAI-compatible server streaming the same ten-word answer, with usage, to every request. */
    private static HttpServer fixedAnswerServer() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/v1/models", exchange -> {
            byte[] models = "{\"object\":\"list\",\"data\":[{\"id\":\"fixed\",\"object\":\"model\"}]}"
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, models.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(models);
            }
        });
        server.createContext("/v1/chat/completions", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                for (String word : WORDS) {
                    out.write(("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + word
                            + "\"},\"finish_reason\":null}]}\n\n").getBytes(StandardCharsets.UTF_8));
                    out.flush();
                }
                out.write(("data: {\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}],"
                        + "\"usage\":{\"prompt_tokens\":8,\"completion_tokens\":10,\"total_tokens\":18}}\n\n"
                        + "data: [DONE]\n\n").getBytes(StandardCharsets.UTF_8));
            }
        });
        server.start();
        return server;
    }
}
