package com.aipasta.ops.bench;

import com.aipasta.account.api.value.UserId;
import com.aipasta.ops.HttpApi;
import com.aipasta.ops.StandalonePlatform;
import com.aipasta.ops.storage.SharedWindowTrackingToken;
import com.aipasta.ops.TemporaryDirectories;
import com.aipasta.ops.cluster.SharedDatabase;
import com.aipasta.ops.projection.Projections;
import com.aipasta.wallet.api.command.GrantTokensCommand;
import com.aipasta.wallet.api.value.WalletId;
import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoCollection;
import com.sun.net.httpserver.HttpServer;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.extensions.mongo.MongoTemplate;
import org.bson.Document;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One node against two on one database, side by side in one run on this machine: streamed turns through the platform
 * at {@link #STREAMS} concurrent streams, spread over {@link #USERS} wallets and all on one wallet (every node
 * spending from it at once), their whole-answer time, and how far the read models fell behind meanwhile (sampled
 * every half second on every node; a processor's lag is read on the node holding its segments), and wallet commands
 * (grants) per second through the nodes' command buses, over the same wallets and on one.
 * The database is the embedded server, started on its own as a MongoDB would be; the nodes are applications in this
 * JVM, so they share its two cores. Run it with the command in the README.
 */
public final class ClusterBenchmark {

    private static final int USERS = 50;
    static final int STREAMS = 50;
    private static final int TURNS = 1_000;
    private static final int WARM_UP_TURNS = 300;
    private static final int WALLET_COMMANDS = 2_000;
    private static final String ADMIN_EMAIL = "bench-admin@example.com";

    record Commands(double perSecond, int failed) {
    }

    private record Load(double turnsPerSecond, long[] totalNanos, Map<String, Integer> failures, double meanLagMillis,
                        long maxLagMillis, double drainSeconds) {
    }

    private ClusterBenchmark() {
    }

    public static void main(String[] args) {
        SpeedBenchmark.runThenExit(() -> run(args));
    }

    private static void run(String[] args) throws Exception {
        ExecutorService upstreamThreads = Executors.newCachedThreadPool();
        HttpServer upstream = SpeedBenchmark.fixedAnswerServer(upstreamThreads);
        Path data = TemporaryDirectories.create("aipasta-cluster-bench-");
        HttpClient client = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(64)).build();
        try (SharedDatabase database = new SharedDatabase(data)) {
            String[] settings = {"--aipasta.mongo.uri=" + database.uri(),
                    "--server.tomcat.threads.max=400",
                    "--aipasta.auth.admin-emails=" + ADMIN_EMAIL,
                    "--aipasta.providers.openai-compatible.base-url=http://127.0.0.1:"
                            + upstream.getAddress().getPort() + "/v1",
                    "--aipasta.providers.openai-compatible.name=bench",
                    "--aipasta.chat.daily-quotas.free.standard=1000000",
                    "--logging.level.root=WARN", "--logging.level.com.aipasta=ERROR"};
            ConfigurableApplicationContext first = StandalonePlatform.start(data.resolve("node-a"), settings);
            String baseA = "http://127.0.0.1:" + StandalonePlatform.port(first);
            List<String> wallets = new ArrayList<>();
            for (int i = 0; i < USERS; i++) {
                wallets.add(SpeedBenchmark.register(client, baseA, i));
            }
            HttpApi nodeA = StandalonePlatform.api(first);
            String admin = registerAdmin(nodeA);
            String hotOnOne = SpeedBenchmark.register(client, baseA, USERS);
            String hotOnTwo = SpeedBenchmark.register(client, baseA, USERS + 1);
            grant(nodeA, admin, hotOnOne);
            grant(nodeA, admin, hotOnTwo);

            UserId adminId = userOf(nodeA, admin);
            List<WalletId> walletIds = new ArrayList<>();
            for (String token : wallets) {
                walletIds.add(walletOf(nodeA, token));
            }
            List<WalletId> hotWallet = List.of(walletOf(nodeA, hotOnOne));

            List<ConfigurableApplicationContext> one = List.of(first);
            run(client, one, wallets, WARM_UP_TURNS);
            grants(one, walletIds, adminId, WALLET_COMMANDS);
            System.out.printf("%n%-6s %-11s %8s %24s %24s %8s %12s %10s %8s%n", "nodes", "wallets", "turns/s",
                    "whole answer p50/p99 ms", "read models behind ms", "drain s", "failed", "grants/s", "failed");
            print(1, USERS + " wallets", run(client, one, wallets, TURNS), grants(one, walletIds, adminId,
                    WALLET_COMMANDS));
            print(1, "one wallet", run(client, one, Collections.nCopies(USERS, hotOnOne), TURNS),
                    grants(one, hotWallet, adminId, WALLET_COMMANDS));

            ConfigurableApplicationContext second = StandalonePlatform.start(data.resolve("node-b"), settings);
            List<ConfigurableApplicationContext> two = List.of(first, second);
            run(client, two, wallets, WARM_UP_TURNS);
            grants(two, walletIds, adminId, WALLET_COMMANDS);
            print(2, USERS + " wallets", run(client, two, wallets, TURNS), grants(two, walletIds, adminId,
                    WALLET_COMMANDS));
            print(2, "one wallet", run(client, two, Collections.nCopies(USERS, hotOnTwo), TURNS),
                    grants(two, hotWallet, adminId, WALLET_COMMANDS));
            second.close();
            first.close();
        } finally {
            upstream.stop(0);
            upstreamThreads.shutdownNow();
        }
    }

    /**
     * {@code turns} streamed turns, {@link #STREAMS} at a time, the i-th by the i-th token in turn on the i-th node,
     * once the read models have caught up with what came before; then how long they take to catch up with these.
     */
    private static Load run(HttpClient client, List<ConfigurableApplicationContext> nodes, List<String> tokens,
                            int turns) throws Exception {
        drainSeconds(nodes);
        List<Long> lags = Collections.synchronizedList(new ArrayList<>());
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        sampler.scheduleWithFixedDelay(() -> lags.add(furthestBehind(nodes).millis()), 500, 500, TimeUnit.MILLISECONDS);
        ExecutorService streams = Executors.newFixedThreadPool(STREAMS);
        Map<String, Integer> failures = new ConcurrentHashMap<>();
        List<Callable<Long>> work = new ArrayList<>();
        for (int i = 0; i < turns; i++) {
            String url = "http://127.0.0.1:" + StandalonePlatform.port(nodes.get(i % nodes.size())) + "/api/chat";
            String token = tokens.get(i % tokens.size());
            work.add(() -> {
                try {
                    return SpeedBenchmark.stream(client, url, token, "{\"message\":\"Hi\",\"modelId\":\""
                            + SpeedBenchmark.MODEL + "\",\"options\":{\"maxTokens\":64}}").totalNanos();
                } catch (IllegalStateException | IOException failed) {
                    failures.merge(String.valueOf(failed.getMessage()).replaceAll(".*answered ", ""), 1,
                            Integer::sum);
                    return null;
                }
            });
        }
        long started = System.nanoTime();
        List<Long> totals = new ArrayList<>();
        try {
            for (Future<Long> total : streams.invokeAll(work)) {
                if (total.get() != null) {
                    totals.add(total.get());
                }
            }
        } finally {
            streams.shutdownNow();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        sampler.shutdownNow();
        sampler.awaitTermination(10, TimeUnit.SECONDS);
        List<Long> samples = new ArrayList<>(lags);
        return new Load(totals.size() / seconds, totals.stream().mapToLong(Long::longValue).sorted().toArray(),
                failures, samples.stream().mapToLong(Long::longValue).average().orElse(0),
                samples.stream().mapToLong(Long::longValue).max().orElse(0), drainSeconds(nodes));
    }

    /**
     * {@code count} wallet commands (a grant of one token each), {@link #STREAMS} at a time, the i-th through the
     * command bus of the i-th node to the i-th wallet in turn: the write side alone, with the nodes' appends to one
     * wallet conflicting and retried.
     */
    static Commands grants(List<ConfigurableApplicationContext> nodes, List<WalletId> wallets, UserId admin,
                                   int count) throws Exception {
        ExecutorService senders = Executors.newFixedThreadPool(STREAMS);
        List<Callable<Boolean>> work = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            CommandGateway commands = nodes.get(i % nodes.size()).getBean(CommandGateway.class);
            WalletId wallet = wallets.get(i % wallets.size());
            work.add(() -> {
                try {
                    commands.sendAndWait(new GrantTokensCommand(wallet, 1, "benchmark", admin, Instant.now()));
                    return true;
                } catch (RuntimeException failed) {
                    return false;
                }
            });
        }
        long started = System.nanoTime();
        int failed = 0;
        try {
            for (Future<Boolean> sent : senders.invokeAll(work)) {
                failed += sent.get() ? 0 : 1;
            }
        } finally {
            senders.shutdownNow();
        }
        return new Commands((count - failed) / ((System.nanoTime() - started) / 1e9), failed);
    }

    static WalletId walletOf(HttpApi node, String token) {
        return WalletId.of(userOf(node, token));
    }

    static UserId userOf(HttpApi node, String token) {
        return new UserId(succeeded(node.get("/api/auth/me", token)).path("user").path("id").asText());
    }

    /** A read model by its processor's name, and how far behind it is in milliseconds. */
    record Lag(String readModel, long millis) {
    }

    /**
     * The read model furthest behind ("-" and 0 when none runs), and how far: now less the time of the last event it
     * handled, on the node that holds its segments (under load there is always a newer event, so this is the lag).
     */
    static Lag furthestBehind(List<ConfigurableApplicationContext> nodes) {
        Instant now = Instant.now();
        return positions(nodes).entrySet().stream().min(Map.Entry.comparingByValue())
                .map(position -> new Lag(position.getKey(), Duration.between(position.getValue(), now).toMillis()))
                .orElse(new Lag("-", 0));
    }

    /**
     * Seconds until every read model has handled the newest event, once nothing more is appended (a turn's settlement
     * policy and the read models come after its client has the answer).
     */
    private static double drainSeconds(List<ConfigurableApplicationContext> nodes) throws InterruptedException {
        long started = System.nanoTime();
        MongoCollection<Document> events = nodes.get(0).getBean(MongoTemplate.class).eventCollection();
        long count = -1;
        while (count != events.estimatedDocumentCount()) {
            count = events.estimatedDocumentCount();
            Thread.sleep(2_000);
        }
        awaitReadModelsAt(nodes, newestEventTime(nodes));
        return (System.nanoTime() - started) / 1e9;
    }

    /** The time of the newest event stored, or the epoch when there is none. */
    static Instant newestEventTime(List<ConfigurableApplicationContext> nodes) {
        Document newest = nodes.get(0).getBean(MongoTemplate.class).eventCollection().find()
                .sort(new Document("timestamp", -1)).limit(1).first();
        if (newest == null) {
            return Instant.EPOCH;
        }
        Object stamp = newest.get("timestamp");
        return stamp instanceof Date date ? date.toInstant() : Instant.parse(stamp.toString());
    }

    /** Waits until every read model has handled the events up to {@code head}. */
    static void awaitReadModelsAt(List<ConfigurableApplicationContext> nodes, Instant head)
            throws InterruptedException {
        while (positions(nodes).values().stream().anyMatch(position -> position.isBefore(head))) {
            Thread.sleep(50);
        }
    }

    /** Each read model's position: the time of the last event it handled, on the node holding its segments. */
    private static Map<String, Instant> positions(List<ConfigurableApplicationContext> nodes) {
        Map<String, Instant> positions = new HashMap<>();
        for (ConfigurableApplicationContext node : nodes) {
            EventProcessingConfiguration processing = node.getBean(EventProcessingConfiguration.class);
            for (String name : Projections.names()) {
                processing.eventProcessor(name, StreamingEventProcessor.class).ifPresent(processor ->
                        processor.processingStatus().values().stream()
                                .map(segment -> SharedWindowTrackingToken.positionOf(segment.getTrackingToken()))
                                .flatMap(Optional::stream)
                                .min(Instant::compareTo)
                                .ifPresent(position -> positions.merge(name, position,
                                        (one, other) -> one.isAfter(other) ? one : other)));
            }
        }
        return positions;
    }

    private static void print(int nodes, String wallets, Load load, Commands grants) {
        long[] totals = load.totalNanos();
        String answer = totals.length == 0 ? "-" : String.format("%.1f / %.1f",
                SpeedBenchmark.millis(SpeedBenchmark.percentile(totals, 50)),
                SpeedBenchmark.millis(SpeedBenchmark.percentile(totals, 99)));
        System.out.printf("%-6d %-11s %8.1f %24s %24s %8.1f %12s %10.1f %8d%n", nodes, wallets, load.turnsPerSecond(),
                answer, String.format("%.0f / %d", load.meanLagMillis(), load.maxLagMillis()), load.drainSeconds(),
                load.failures().isEmpty() ? "0" : load.failures().toString(), grants.perSecond(), grants.failed());
    }

    private static String registerAdmin(HttpApi node) {
        return succeeded(node.post("/api/auth/register", Map.of("email", ADMIN_EMAIL,
                "password", "a bench admin password", "name", "A"), null)).path("token").asText();
    }

    /** Enough tokens for every turn of the one-wallet runs. */
    private static void grant(HttpApi node, String admin, String token) {
        String userId = succeeded(node.get("/api/auth/me", token)).path("user").path("id").asText();
        succeeded(node.post("/api/admin/users/" + userId + "/tokens",
                Map.of("amount", 10_000_000, "reason", "benchmark"), admin));
    }

    private static JsonNode succeeded(HttpApi.Reply reply) {
        if (reply.status() / 100 != 2) {
            throw new IllegalStateException("answered " + reply.status() + ": " + reply.body());
        }
        return reply.data();
    }
}
