package com.aipasta.ops.bench;

import com.aipasta.command.http.ProcessorLag;
import com.aipasta.ops.HttpApi;
import com.aipasta.ops.StandalonePlatform;
import com.aipasta.ops.TemporaryDirectories;
import com.aipasta.ops.replay.CollectionHashes;
import com.aipasta.wallet.api.value.WalletId;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The platform's speed in one run on the embedded store: time to first token and whole-answer time of streamed turns
 * at 1, 50 and 200 concurrent streams (and 200 over a quarter of the users), straight from a local OpenAI-compatible
 * server and through the platform, with a small history and again with a large one; completed turns per second, over
 * each round and counting the time the read models take to catch up with it (each round starts with them caught up);
 * events appended per second with every processor live (by the commands of registrations, grants and turns, and by
 * one-event grants); a replay of every projection at several history sizes (each checked to rebuild identical
 * collections); and the heap in use at the end. Run it with the command in the README; the sizes can be given as
 * arguments (history before the first streaming round, then the replay checkpoints, the last of which is the large
 * history).
 */
public final class SpeedBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final int USERS = 200;
    /**
     * Concurrent streams over users: each of the users with one stream at most, then 200 streams over a quarter of
     * them, four turns of each user at once, where turns wait for one another at the user's wallet.
     */
    private static final List<Load> LOADS = List.of(new Load(1, USERS), new Load(50, USERS), new Load(200, USERS),
            new Load(200, USERS / 4));
    /**
     * Each round keeps its streams busy, every stream starting its next turn as soon as its last one ended, until the
     * round has this many turns per stream, and at least {@link #MIN_TURNS_PER_ROUND}, so one stream has p99s.
     */
    private static final int TURNS_PER_STREAM = 10;
    private static final int MIN_TURNS_PER_ROUND = 600;
    /**
     * Turns at 50 streams through a platform of its own before anything is measured, so that the JIT has compiled the
     * paths and the measured platform holds only the history asked for; then a long session there, so that the paths
     * of turns in a session, which the rounds never take, are compiled too.
     */
    private static final int WARM_UP_TURNS = 8_000;
    private static final int WARM_UP_STREAMS = 50;
    /**
     * Then rounds of turns at one stream on that platform until the JIT compiler spends less than
     * {@link #COMPILING_AT_MOST} of a round's time compiling, at most {@link #COMPILER_ROUNDS} rounds. Under load its
     * one thread shares the two cores with hundreds of busy ones and does not catch up: after thousands of turns at 50
     * streams it still compiles for most of each second once it has a core to itself.
     */
    private static final int COMPILER_ROUND_TURNS = 1_000;
    private static final int COMPILER_ROUNDS = 30;
    private static final double COMPILING_AT_MOST = 0.05;
    private static final int SMALL_HISTORY = 1_000;
    private static final int GRANTS = 10_000;
    private static final int[] REPLAY_CHECKPOINTS = {5_000, 20_000, 100_000};
    static final String MODEL = "bench/fixed";
    /**
     * Turns of one user in one session, one after another: each sends the session so far, until the prompt fills
     * {@code CHAT_CONTEXT_TOKENS} (about 1,600 turns of this stand-in's answers), and then the newest part that fits.
     */
    private static final int LONG_SESSION_TURNS = 3_000;
    /** The turns at either end of the long session whose times are compared. */
    private static final int LONG_SESSION_ENDS = 200;
    /** Reads whose work grew with the answers ever given until they were added up from tallies. */
    private static final List<String> TALLIED_READS = List.of("/api/leaderboard?period=all",
            "/api/leaderboard/coding?period=day", "/api/leaderboard/stats?period=month", "/api/models?sort=popularity");
    private static final int READS_EACH = 50;
    private static final Duration HOLD_SAMPLE = Duration.ofMillis(100);
    private static final List<String> WORDS = Arrays.asList(
            "The", " quick", " brown", " fox", " jumps", " over", " the", " lazy", " dog", ".");

    record Sample(long firstTokenNanos, long totalNanos) {
    }

    private record Load(int streams, int users) {
    }

    /**
     * {@code behind}: the read model furthest behind as the round's last turn ended, and how far;
     * {@code catchUpSeconds}: how long the read models took after that to handle the round's last event.
     */
    private record Round(Load load, List<Sample> direct, List<Sample> platform, int failed, double seconds,
                         ClusterBenchmark.Lag behind, double catchUpSeconds, Hold hold) {

        double turnsPerSecond() {
            return platform.size() / seconds;
        }

        /** Turns per second counting the time the read models took to catch up with them. */
        double sustainedTurnsPerSecond() {
            return platform.size() / (seconds + catchUpSeconds);
        }
    }

    /**
     * The processors' lag as the hold on new turns sees it ({@code READ_MODEL_MAX_LAG}, and the events a processor may
     * have left and still read from memory), sampled every {@link #HOLD_SAMPLE} while a round's turns run: the most
     * it reached of each, and the share of samples beyond either limit.
     */
    private record Hold(Duration limit, Duration most, long eventLimit, long mostEvents, double heldShare) {
    }

    /** The answers of a run of turns, and why each turn that had none failed. */
    record Turns(List<Sample> samples, List<String> failures) {
    }

    private record Replay(long events, double appendedPerSecond, double seconds, boolean identical) {
    }

    /** The p50 in milliseconds of each of {@link #TALLIED_READS}, with the answers the leaderboard had. */
    private record Reads(long answers, Map<String, Double> p50) {
    }

    private record LongSession(List<Sample> first, List<Sample> last) {
    }

    public static void main(String[] args) {
        runThenExit(() -> run(args));
    }

    private static void run(String[] args) throws Exception {
        int small = args.length > 0 ? Integer.parseInt(args[0]) : SMALL_HISTORY;
        int[] checkpoints = args.length > 1
                ? Arrays.stream(args).skip(1).mapToInt(Integer::parseInt).toArray() : REPLAY_CHECKPOINTS;
        ExecutorService upstreamThreads = Executors.newCachedThreadPool();
        HttpServer upstream = fixedAnswerServer(upstreamThreads);
        ExecutorService clientThreads = Executors.newFixedThreadPool(64);
        HttpClient client = HttpClient.newBuilder().executor(clientThreads).build();
        String[] settings = platformSettings(upstream);
        try (ConfigurableApplicationContext warmUp = StandalonePlatform.start(
                TemporaryDirectories.create("aipasta-bench-warm-up-"), settings)) {
            String base = "http://127.0.0.1:" + StandalonePlatform.port(warmUp);
            List<String> tokens = registerUsers(client, base, USERS);
            reportFailures("warm-up", measure(client, base, tokens, null, WARM_UP_STREAMS, WARM_UP_TURNS));
            longSession(warmUp, client, register(client, base, USERS));
            warmUpCompiler(client, base, tokens);
        }
        String direct = "http://127.0.0.1:" + upstream.getAddress().getPort() + "/v1/chat/completions";
        Map<Long, List<Round>> streaming = new LinkedHashMap<>();
        LongSession longSession;
        List<Replay> replays = new ArrayList<>();
        List<Reads> reads = new ArrayList<>();
        long heapInUse;
        long heapInUseSoftCleared;
        ClusterBenchmark.Commands grants;
        try {
            try (ConfigurableApplicationContext platform = StandalonePlatform.start(
                    TemporaryDirectories.create("aipasta-bench-small-"), settings)) {
                clearSoftReferences();
                String base = "http://127.0.0.1:" + StandalonePlatform.port(platform);
                List<String> tokens = registerUsers(client, base, USERS);
                growTo(platform, small);
                awaitQuiet(platform);
                streaming.put(ReplayBenchmark.count(platform), streamingRounds(platform, client, tokens, direct));
                reads.add(talliedReads(client, base, tokens.get(0)));
                longSession = longSession(platform, client, register(client, base, USERS));
            }
            try (ConfigurableApplicationContext platform = StandalonePlatform.start(
                    TemporaryDirectories.create("aipasta-bench-large-"), settings)) {
                clearSoftReferences();
                String base = "http://127.0.0.1:" + StandalonePlatform.port(platform);
                List<String> tokens = registerUsers(client, base, USERS);
                for (int checkpoint : checkpoints) {
                    replays.add(replayAt(platform, checkpoint));
                }
                awaitQuiet(platform);
                streaming.put(ReplayBenchmark.count(platform), streamingRounds(platform, client, tokens, direct));
                reads.add(talliedReads(client, base, tokens.get(0)));
                heapInUse = heapInUseAfterCollection();
                heapInUseSoftCleared = heapInUseAfterClearingSoftReferences();
                grants = grants(platform, tokens);
            }
            printStreaming(streaming);
            printReads(reads);
            printLongSession(longSession);
            printReplays(replays);
            System.out.printf("%nheap in use after the large history's run, its platform still up: %d MiB after a "
                    + "collection, %d MiB once soft references are cleared too, as they are before memory runs out "
                    + "(max %d MiB)%n", heapInUse >> 20, heapInUseSoftCleared >> 20,
                    Runtime.getRuntime().maxMemory() >> 20);
            System.out.printf("%nappended/s as one-event commands (%d grants, %d at a time, over %d wallets, every "
                    + "processor live): %.0f, failed %d%n", GRANTS, ClusterBenchmark.STREAMS,
                    USERS, grants.perSecond(), grants.failed());
        } finally {
            upstream.stop(0);
            upstreamThreads.shutdownNow();
            clientThreads.shutdownNow();
        }
    }

    /** The turns of a round at {@code streams} concurrent streams. */
    static int turnsOfRound(int streams) {
        return Math.max(MIN_TURNS_PER_ROUND, TURNS_PER_STREAM * streams);
    }

    /** A platform answering turns with the stand-in's model, its limits on one user's turns lifted. */
    static String[] platformSettings(HttpServer upstream) {
        return new String[] {"--server.tomcat.threads.max=400",
                "--aipasta.providers.openai-compatible.base-url=http://127.0.0.1:" + upstream.getAddress().getPort()
                        + "/v1",
                "--aipasta.providers.openai-compatible.name=bench",
                "--aipasta.chat.daily-quotas.free.standard=1000000",
                "--aipasta.chat.monthly-limits.free.requests=1000000000",
                "--aipasta.wallet.free-tokens=1000000000",
                "--logging.level.root=WARN", "--logging.level.com.aipasta=ERROR"};
    }

    interface Benchmark {
        void run() throws Exception;
    }

    /**
     * Ends the JVM once the benchmark is over: Axon's unit-of-work janitor thread is not a daemon and outlives the
     * platforms, so it would keep the JVM up, and hide a benchmark's failure as long as it did.
     */
    static void runThenExit(Benchmark benchmark) {
        int status = 0;
        try {
            benchmark.run();
        } catch (Throwable failure) {
            failure.printStackTrace();
            status = 1;
        }
        System.exit(status);
    }

    /** Turns at one stream until the JIT compiler is nearly idle; prints how long that took. */
    private static void warmUpCompiler(HttpClient client, String base, List<String> tokens) throws Exception {
        CompilationMXBean compiler = ManagementFactory.getCompilationMXBean();
        double compiling = 1;
        int round = 0;
        while (round < COMPILER_ROUNDS && compiling >= COMPILING_AT_MOST) {
            long compiledBefore = compiler.getTotalCompilationTime();
            long started = System.nanoTime();
            reportFailures("compiler warm-up", measure(client, base, tokens, null, 1, COMPILER_ROUND_TURNS));
            compiling = (compiler.getTotalCompilationTime() - compiledBefore) / ((System.nanoTime() - started) / 1e6);
            round++;
        }
        System.out.printf("warm-up at one stream: %d rounds of %d turns, the JIT compiling %.0f %% of the last%n",
                round, COMPILER_ROUND_TURNS, compiling * 100);
    }

    static List<String> registerUsers(HttpClient client, String base, int users) throws Exception {
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < users; i++) {
            tokens.add(register(client, base, i));
        }
        return tokens;
    }

    /** One-event commands, a grant of one token each, to the users' wallets in turn, through the command bus. */
    private static ClusterBenchmark.Commands grants(ConfigurableApplicationContext platform, List<String> tokens)
            throws Exception {
        HttpApi api = StandalonePlatform.api(platform);
        List<WalletId> wallets = new ArrayList<>();
        for (String token : tokens) {
            wallets.add(ClusterBenchmark.walletOf(api, token));
        }
        return ClusterBenchmark.grants(List.of(platform), wallets, ClusterBenchmark.userOf(api, tokens.get(0)), GRANTS);
    }

    private static void growTo(ConfigurableApplicationContext platform, long events) throws Exception {
        long missing = events - ReplayBenchmark.count(platform);
        if (missing > 0) {
            ReplayBenchmark.generate(platform, (int) missing);
        }
    }

    /** Grows the history to the checkpoint with every processor live, then replays every projection from the start. */
    private static Replay replayAt(ConfigurableApplicationContext platform, int checkpoint) throws Exception {
        long missing = checkpoint - ReplayBenchmark.count(platform);
        double appended = missing > 0 ? ReplayBenchmark.generate(platform, (int) missing).perSecond() : 0;
        awaitQuiet(platform);
        MongoTemplate readModels = platform.getBean(MongoTemplate.class);
        Map<String, String> live = CollectionHashes.of(readModels);
        double seconds = ReplayBenchmark.replayAll(platform);
        return new Replay(ReplayBenchmark.count(platform), appended, seconds,
                CollectionHashes.of(readModels).equals(live));
    }

    /**
     * Waits until nothing is appended any more (a turn's client has its answer before the settlement policy and the
     * timers are done) and every processor has handled the last event, so a measurement starts idle and a hash of
     * the read models is final.
     */
    private static void awaitQuiet(ConfigurableApplicationContext platform) throws InterruptedException {
        long events = -1;
        while (events != ReplayBenchmark.count(platform)) {
            events = ReplayBenchmark.count(platform);
            Thread.sleep(3_000);
        }
        ReplayBenchmark.awaitCaughtUp(platform);
    }

    /**
     * Each round starts once the read models have handled every turn of the round before, so that no round pays for
     * the one before it; that time is reported with the round it follows.
     */
    private static List<Round> streamingRounds(ConfigurableApplicationContext platform, HttpClient client,
                                               List<String> tokens, String direct) throws Exception {
        String base = "http://127.0.0.1:" + StandalonePlatform.port(platform);
        List<Round> rounds = new ArrayList<>();
        for (Load load : LOADS) {
            int turns = turnsOfRound(load.streams());
            List<String> users = tokens.subList(0, load.users());
            Turns straight = measure(client, base, users, direct, load.streams(), turns);
            reportFailures("direct at " + load, straight);
            HoldSampler hold = new HoldSampler(platform);
            long started = System.nanoTime();
            Turns through;
            try {
                through = measure(client, base, users, null, load.streams(), turns);
            } finally {
                hold.stop();
            }
            long ended = System.nanoTime();
            List<ConfigurableApplicationContext> nodes = List.of(platform);
            ClusterBenchmark.Lag behind = ClusterBenchmark.furthestBehind(nodes);
            ClusterBenchmark.awaitReadModelsAt(nodes, ClusterBenchmark.newestEventTime(nodes));
            reportFailures("platform at " + load, through);
            rounds.add(new Round(load, straight.samples(), through.samples(), through.failures().size(),
                    (ended - started) / 1e9, behind, (System.nanoTime() - ended) / 1e9, hold.result()));
        }
        return rounds;
    }

    private static final class HoldSampler {

        private final Duration limit;
        private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        private final AtomicLong mostMillis = new AtomicLong();
        private final AtomicLong mostEvents = new AtomicLong();
        private final long eventLimit;
        private final AtomicInteger samples = new AtomicInteger();
        private final AtomicInteger above = new AtomicInteger();

        HoldSampler(ConfigurableApplicationContext platform) {
            ProcessorLag lag = platform.getBean(ProcessorLag.class);
            limit = platform.getEnvironment().getRequiredProperty("aipasta.read-model-max-lag", Duration.class);
            eventLimit = lag.lag().eventLimit();
            sampler.scheduleAtFixedRate(() -> {
                ProcessorLag.Lag now = lag.lag();
                mostMillis.accumulateAndGet(now.waited().toMillis(), Math::max);
                mostEvents.accumulateAndGet(now.events(), Math::max);
                samples.incrementAndGet();
                if (!now.within(limit)) {
                    above.incrementAndGet();
                }
            }, 0, HOLD_SAMPLE.toMillis(), TimeUnit.MILLISECONDS);
        }

        void stop() throws InterruptedException {
            sampler.shutdownNow();
            sampler.awaitTermination(10, TimeUnit.SECONDS);
        }

        Hold result() {
            return new Hold(limit, Duration.ofMillis(mostMillis.get()), eventLimit, mostEvents.get(),
                    samples.get() == 0 ? 0 : (double) above.get() / samples.get());
        }
    }

    /**
     * {@code turns} turns over {@code concurrency} streams, the users taking turns in order, so that no user's free
     * tokens run out and concurrent turns are, but for stragglers, of different users when there are as many users as
     * streams, and of each user in turn when there are fewer.
     */
    static Turns measure(HttpClient client, String base, List<String> tokens, String direct,
                                        int concurrency, int turns) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        AtomicInteger next = new AtomicInteger();
        String body = direct != null
                ? "{\"model\":\"fixed\",\"stream\":true,\"max_tokens\":256,\"messages\":[{\"role\":\"user\","
                + "\"content\":\"Hi\"}]}"
                : "{\"message\":\"Hi\",\"modelId\":\"" + MODEL + "\",\"options\":{\"maxTokens\":256}}";
        List<String> failures = new CopyOnWriteArrayList<>();
        List<Callable<List<Sample>>> streams = new ArrayList<>();
        String url = direct != null ? direct : base + "/api/chat";
        for (int i = 0; i < concurrency; i++) {
            streams.add(() -> {
                List<Sample> taken = new ArrayList<>();
                for (int turn = next.getAndIncrement(); turn < turns; turn = next.getAndIncrement()) {
                    try {
                        taken.add(stream(client, url, direct != null ? null : tokens.get(turn % tokens.size()), body));
                    } catch (IOException | IllegalStateException failed) {
                        failures.add(Instant.now() + " " + failed);
                    }
                }
                return taken;
            });
        }
        List<Sample> samples = new ArrayList<>();
        try {
            for (Future<List<Sample>> taken : pool.invokeAll(streams)) {
                samples.addAll(taken.get());
            }
        } finally {
            pool.shutdownNow();
        }
        return new Turns(samples, failures);
    }

    /** Prints how many turns failed, and the first few failures; a failed turn counts in no figure. */
    static void reportFailures(String run, Turns turns) {
        if (!turns.failures().isEmpty()) {
            System.out.printf("%s: %d of %d turns failed, first: %s%n", run, turns.failures().size(),
                    turns.failures().size() + turns.samples().size(),
                    turns.failures().subList(0, Math.min(3, turns.failures().size())));
        }
    }

    static Sample stream(HttpClient client, String url, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(2))
                .header("Content-Type", "application/json").header("Accept", "text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        long start = System.nanoTime();
        long first = 0;
        boolean done = false;
        Deque<String> last = new ArrayDeque<>();
        HttpResponse<InputStream> response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            if (response.statusCode() != 200) {
                throw new IllegalStateException(url + " answered " + response.statusCode());
            }
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (first == 0 && (line.startsWith("event:delta") || line.contains("\"content\":\"The"))) {
                    first = System.nanoTime();
                }
                done |= line.startsWith("event:done") || line.equals("data: [DONE]");
                if (!line.isBlank()) {
                    last.addLast(line.length() > 300 ? line.substring(0, 300) : line);
                    if (last.size() > 4) {
                        last.removeFirst();
                    }
                }
            }
        }
        if (first == 0 || !done) {
            throw new IllegalStateException(url + " streamed no complete answer; its last lines: " + last);
        }
        return new Sample(first - start, System.nanoTime() - start);
    }

    private static void printStreaming(Map<Long, List<Round>> byHistory) {
        System.out.printf("%n%-8s %-7s %-5s %-22s %-22s %-22s %-22s %-22s %10s %7s %10s %-18s %10s %10s%n",
                "events", "streams", "users", "direct ttft p50/p99", "added ttft p50/p99", "direct total p50/p99",
                "platform total p50/p99", "added total p50/p99", "turns/s", "failed", "behind ms", "furthest behind",
                "catch-up s", "sustained");
        byHistory.forEach((events, rounds) -> rounds.forEach(round -> {
            long[] directFirst = sorted(round.direct(), true);
            long[] platformFirst = sorted(round.platform(), true);
            long[] directTotal = sorted(round.direct(), false);
            long[] platformTotal = sorted(round.platform(), false);
            System.out.printf("%-8d %-7d %-5d %-22s %-22s %-22s %-22s %-22s %10.1f %7d %10d %-18s %10.1f %10.1f%n",
                    events, round.load().streams(), round.load().users(), pair(directFirst, directFirst, false),
                    pair(platformFirst, directFirst, true),
                    pair(directTotal, directTotal, false), pair(platformTotal, platformTotal, false),
                    pair(platformTotal, directTotal, true), round.turnsPerSecond(), round.failed(),
                    round.behind().millis(), round.behind().readModel(), round.catchUpSeconds(),
                    round.sustainedTurnsPerSecond());
        }));
        System.out.printf("%nthe hold on new turns while the processors' lag is above READ_MODEL_MAX_LAG or their "
                + "events behind above the event limit, sampled every %d ms during each round's turns through the "
                + "platform:%n%-8s %-7s %-5s %14s %14s %12s %12s %10s%n", HOLD_SAMPLE.toMillis(), "events", "streams",
                "users", "limit ms", "most lag ms", "event limit", "most events", "held %");
        byHistory.forEach((events, rounds) -> rounds.forEach(round -> System.out.printf(
                "%-8d %-7d %-5d %14d %14d %12d %12d %10.1f%n", events, round.load().streams(), round.load().users(),
                round.hold().limit().toMillis(), round.hold().most().toMillis(), round.hold().eventLimit(),
                round.hold().mostEvents(), 100 * round.hold().heldShare())));
    }

    /** p50 / p99 in milliseconds, of the samples or (added) of the samples minus the reference at each percentile. */
    static String pair(long[] samples, long[] reference, boolean added) {
        return String.format("%.2f / %.2f", millis(percentile(samples, 50) - (added ? percentile(reference, 50) : 0)),
                millis(percentile(samples, 99) - (added ? percentile(reference, 99) : 0)));
    }

    /** Each of {@link #TALLIED_READS} {@link #READS_EACH} times, one request at a time. */
    private static Reads talliedReads(HttpClient client, String base, String token) throws Exception {
        Map<String, Double> p50 = new LinkedHashMap<>();
        long answers = 0;
        for (String path : TALLIED_READS) {
            long[] nanos = new long[READS_EACH];
            for (int read = 0; read < READS_EACH; read++) {
                long start = System.nanoTime();
                HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(base + path))
                        .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
                nanos[read] = System.nanoTime() - start;
                if (response.statusCode() != 200) {
                    throw new IllegalStateException(path + " answered " + response.statusCode());
                }
                if (path.startsWith("/api/leaderboard/stats")) {
                    answers = JSON.readTree(response.body()).path("data").path("answers").asLong();
                }
            }
            Arrays.sort(nanos);
            p50.put(path, millis(percentile(nanos, 50)));
        }
        return new Reads(answers, p50);
    }

    private static void printReads(List<Reads> reads) {
        System.out.printf("%nreads one at a time, p50 ms (%d each):%n%-40s", READS_EACH, "");
        reads.forEach(read -> System.out.printf(" %24s", read.answers() + " answers in the month"));
        System.out.println();
        TALLIED_READS.forEach(path -> {
            System.out.printf("%-40s", path);
            reads.forEach(read -> System.out.printf(" %24.2f", read.p50().get(path)));
            System.out.println();
        });
    }

    /** One user's turns in one session, one at a time, each streamed, after the small history's rounds. */
    private static LongSession longSession(ConfigurableApplicationContext platform, HttpClient client, String token)
            throws Exception {
        HttpApi.Reply first = StandalonePlatform.api(platform).post("/api/chat",
                Map.of("message", "Hi", "modelId", MODEL), token);
        if (first.status() != 200) {
            throw new IllegalStateException("the long session's first turn answered " + first.status());
        }
        String body = "{\"message\":\"Hi\",\"modelId\":\"" + MODEL + "\",\"sessionId\":\""
                + first.data().path("session").path("id").asText() + "\",\"options\":{\"maxTokens\":256}}";
        String url = "http://127.0.0.1:" + StandalonePlatform.port(platform) + "/api/chat";
        List<Sample> samples = new ArrayList<>();
        for (int turn = 1; turn < LONG_SESSION_TURNS; turn++) {
            samples.add(stream(client, url, token, body));
        }
        return new LongSession(samples.subList(0, LONG_SESSION_ENDS),
                samples.subList(samples.size() - LONG_SESSION_ENDS, samples.size()));
    }

    private static void printLongSession(LongSession session) {
        long[] firstTokenEarly = sorted(session.first(), true);
        long[] firstTokenLate = sorted(session.last(), true);
        long[] totalEarly = sorted(session.first(), false);
        long[] totalLate = sorted(session.last(), false);
        System.out.printf("%none session at one stream, %d turns: through the platform, first token p50/p99 %s ms in "
                        + "turns 2-%d, %s ms in the last %d; whole answer %s and %s ms (p50 %.2fx)%n",
                LONG_SESSION_TURNS, pair(firstTokenEarly, firstTokenEarly, false), LONG_SESSION_ENDS + 1,
                pair(firstTokenLate, firstTokenLate, false), LONG_SESSION_ENDS, pair(totalEarly, totalEarly, false),
                pair(totalLate, totalLate, false), (double) percentile(totalLate, 50) / percentile(totalEarly, 50));
    }

    private static long heapInUseAfterCollection() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static long heapInUseAfterClearingSoftReferences() {
        clearSoftReferences();
        return heapInUseAfterCollection();
    }

    /**
     * The platforms closed before stay reachable through soft references (see the README), which a collection keeps
     * while memory is plentiful, and every collection then copies or marks them again: cleared once a platform has
     * started (which lets Logback drop the one closed last), they leave it the heap it would have alone in its JVM.
     * The JVM clears every soft reference before it fails an allocation, so this asks for an array as large as the
     * whole heap, which no other thread competes for.
     */
    static void clearSoftReferences() {
        try {
            long[] wholeHeap = new long[(int) Math.min(Integer.MAX_VALUE - 8,
                    Runtime.getRuntime().maxMemory() / Long.BYTES)];
            throw new IllegalStateException("An array of " + wholeHeap.length + " longs fit in the heap");
        } catch (OutOfMemoryError expected) {
            // every soft reference is cleared by now
        }
    }

    private static void printReplays(List<Replay> replays) {
        System.out.printf("%n%-10s %14s %14s %10s %10s%n", "events", "appended/s", "replayed/s", "replay s",
                "identical");
        replays.forEach(replay -> System.out.printf("%-10d %14.0f %14.0f %10.1f %10s%n", replay.events(),
                replay.appendedPerSecond(), replay.events() / replay.seconds(), replay.seconds(),
                replay.identical() ? "yes" : "NO"));
    }

    static long[] sorted(List<Sample> samples, boolean firstToken) {
        return samples.stream().mapToLong(sample -> firstToken ? sample.firstTokenNanos() : sample.totalNanos())
                .sorted().toArray();
    }

    static long percentile(long[] sorted, int percentile) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(percentile / 100.0 * sorted.length) - 1)];
    }

    static double millis(long nanos) {
        return nanos / 1_000_000.0;
    }

    static String register(HttpClient client, String base, int index) throws Exception {
        String body = "{\"email\":\"bench" + index + "@example.com\",\"password\":\"a bench password " + index
                + "\",\"name\":\"B\"}";
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(base + "/api/auth/register"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode reply = JSON.readTree(response.body());
        if (response.statusCode() != 201) {
            throw new IllegalStateException("registration answered " + response.statusCode() + ": " + reply);
        }
        return reply.path("data").path("token").asText();
    }

    /**
     * An OpenAI-compatible server answering every request with the same ten-chunk stream and its usage, written in
     * one piece and with Nagle's algorithm off, so that the direct time is the server's and not the delay small
     * writes meet on loopback.
     */
    static HttpServer fixedAnswerServer(ExecutorService threads) throws IOException {
        StringBuilder stream = new StringBuilder();
        for (String word : WORDS) {
            stream.append("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"").append(word)
                    .append("\"},\"finish_reason\":null}]}\n\n");
        }
        stream.append("data: {\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}],")
                .append("\"usage\":{\"prompt_tokens\":8,\"completion_tokens\":10,\"total_tokens\":18}}\n\n")
                .append("data: [DONE]\n\n");
        byte[] answer = stream.toString().getBytes(StandardCharsets.UTF_8);
        byte[] models = "{\"object\":\"list\",\"data\":[{\"id\":\"fixed\",\"object\":\"model\"}]}"
                .getBytes(StandardCharsets.UTF_8);
        System.setProperty("sun.net.httpserver.nodelay", "true");
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
        server.setExecutor(threads);
        server.createContext("/v1/models", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, models.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(models);
            }
        });
        server.createContext("/v1/chat/completions", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        });
        server.start();
        return server;
    }
}
