package com.aipasta.ops.bench;

import com.aipasta.account.api.command.RegisterUserCommand;
import com.aipasta.account.api.value.Role;
import com.aipasta.account.api.value.UserId;
import com.aipasta.chat.api.command.CompleteAssistantMessageCommand;
import com.aipasta.chat.api.command.StartSessionCommand;
import com.aipasta.chat.api.command.StartTurnCommand;
import com.aipasta.chat.api.value.Cost;
import com.aipasta.chat.api.value.ModelRef;
import com.aipasta.chat.api.value.PromptCategory;
import com.aipasta.chat.api.value.SessionId;
import com.aipasta.chat.api.value.TokenCount;
import com.aipasta.chat.api.value.UserMessage;
import com.aipasta.command.http.ReadModels;
import com.aipasta.ops.StandalonePlatform;
import com.aipasta.ops.TemporaryDirectories;
import com.aipasta.ops.projection.Projections;
import com.aipasta.ops.replay.CollectionHashes;
import com.aipasta.wallet.api.command.GrantTokensCommand;
import com.aipasta.wallet.api.command.ReserveTokensCommand;
import com.aipasta.wallet.api.value.WalletId;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.MongoTrackingToken;
import org.bson.Document;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Events appended per second, and events replayed per second into every projection at once, for generated
 * histories of several sizes: on the embedded store, on Axon's in-memory event store (meant as the upper bound: the same projections, the stream read from memory), and on the
 * MongoDB {@code MONGODB_URI} names, if set. Each replay is checked: every read-model collection must hash as it did before. Sizes can be given as
 * arguments. Run it with the command in the README.
 */
public final class ReplayBenchmark {

    private static final int[] DEFAULT_SIZES = {5_000, 20_000, 100_000};
    private static final int DEFAULT_READ_BATCH = 500;
    private static final int CLIENTS = 32;
    private static final int TURNS_PER_USER = 4;
    private static final int GRANTS_PER_USER = 4;
    /** A registration, a wallet, its grants, a session and, per turn, a reservation, two messages and a settlement. */
    private static final int EVENTS_PER_USER = 2 + GRANTS_PER_USER + 1 + TURNS_PER_USER * 5;
    private static final ModelRef MODEL = new ModelRef("bench/model", "bench");

    record Appended(long events, double perSecond) {
    }

    /**
     * Replaces the MongoDB event store by Axon's in-memory one, appending in order; read models stay in MongoDB. Not a
     * {@code @Configuration}, which component scanning would put into every test's platform: it is given to the
     * benchmark's platform alone.
     */
    static class InMemoryEvents {
        @Bean
        @Primary
        EventStorageEngine inMemoryEventStorageEngine() {
            return new InOrderInMemoryEventStorageEngine();
        }
    }

    /**
     * Axon's in-memory engine stores the events of one append in the order of a hash map, so a processor reading
     * while they go in can see the second before the first is stored, and never read the first. Stored one at a
     * time, in the order they were appended, every reader gets them all.
     */
    static final class InOrderInMemoryEventStorageEngine extends InMemoryEventStorageEngine {
        @Override
        public void appendEvents(List<? extends EventMessage<?>> events) {
            events.forEach(event -> super.appendEvents(List.of(event)));
        }
    }

    public static void main(String[] args) {
        SpeedBenchmark.runThenExit(() -> run(args));
    }

    private static void run(String[] args) throws Exception {
        int[] sizes = args.length == 0 ? DEFAULT_SIZES : Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
        String mongoUri = System.getenv("MONGODB_URI");
        System.out.printf("%-8s %-22s %10s %14s %16s %12s %10s%n", "events", "store", "read batch", "appended/s",
                "replayed/s", "replay s", "identical");
        for (int size : sizes) {
            try (ConfigurableApplicationContext platform = start(TemporaryDirectories.create("aipasta-replay-bench-"),
                    DEFAULT_READ_BATCH, null)) {
                report("embedded", DEFAULT_READ_BATCH, generate(platform, size), platform);
            }
            try (ConfigurableApplicationContext platform = start(TemporaryDirectories.create("aipasta-replay-bench-"),
                    DEFAULT_READ_BATCH, InMemoryEvents.class)) {
                report("in-memory event store", 0, generate(platform, size), platform);
            }
            if (mongoUri != null) {
                try (ConfigurableApplicationContext platform = start(TemporaryDirectories.create("aipasta-replay-"),
                        DEFAULT_READ_BATCH, null, "--aipasta.mongo.uri=" + mongoUri,
                        "--aipasta.mongo.database=aipasta_bench_" + UUID.randomUUID().toString().substring(0, 8))) {
                    report("mongodb", DEFAULT_READ_BATCH, generate(platform, size), platform);
                }
            }
        }
    }

    private static ConfigurableApplicationContext start(Path data, int readBatch, Class<?> extra,
                                                        String... settings) {
        List<String> arguments = new ArrayList<>(List.of("--aipasta.events.read-batch-size=" + readBatch,
                "--logging.level.root=WARN", "--logging.level.com.aipasta=ERROR"));
        arguments.addAll(List.of(settings));
        ConfigurableApplicationContext platform;
        if (extra == null) {
            platform = StandalonePlatform.start(data, arguments.toArray(String[]::new));
        } else {
            arguments.addAll(List.of("--server.port=0", "--aipasta.data-dir=" + data,
                    "--aipasta.mongo.data-dir=" + data, "--spring.main.allow-bean-definition-overriding=true"));
            platform = new SpringApplicationBuilder(com.aipasta.ops.PlatformApplication.class, extra)
                    .run(arguments.toArray(String[]::new));
        }
        SpeedBenchmark.clearSoftReferences();
        return platform;
    }

    private static void report(String store, int readBatch, Appended appended,
                               ConfigurableApplicationContext platform) throws InterruptedException {
        awaitCaughtUp(platform);
        MongoTemplate readModels = platform.getBean(MongoTemplate.class);
        Map<String, String> live = CollectionHashes.of(readModels);
        System.err.printf("%s reading %d at a time is live; replaying%n", store, readBatch);
        double seconds = replayAll(platform);
        Map<String, String> replayed = CollectionHashes.of(readModels);
        System.out.printf("%-8d %-22s %10s %14.0f %16.0f %12.1f %10s%n", appended.events(), store,
                readBatch == 0 ? "-" : String.valueOf(readBatch),
                appended.perSecond(), appended.events() / seconds, seconds,
                replayed.equals(live) ? "yes" : "NO: " + differing(live, replayed));
    }

    /** The collections whose documents differ, each with its document counts before and after. */
    private static String differing(Map<String, String> before, Map<String, String> after) {
        Set<String> collections = new TreeSet<>(before.keySet());
        collections.addAll(after.keySet());
        return collections.stream().filter(name -> !Objects.equals(before.get(name), after.get(name)))
                .map(name -> name + " " + documents(before.get(name)) + " -> " + documents(after.get(name)))
                .collect(Collectors.joining(", "));
    }

    private static String documents(String hash) {
        return hash == null ? "0" : hash.substring(0, hash.indexOf(':'));
    }

    /** Sends the commands of {@code size / EVENTS_PER_USER} users from parallel clients, until their events are stored. */
    static Appended generate(ConfigurableApplicationContext platform, int size) throws Exception {
        CommandGateway commands = platform.getBean(CommandGateway.class);
        ReadModels readModels = platform.getBean(ReadModels.class);
        long before = count(platform);
        int users = Math.max(1, size / EVENTS_PER_USER);
        long expected = before + (long) users * EVENTS_PER_USER;
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        long started = System.nanoTime();
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int i = 0; i < users; i++) {
                work.add(pool.submit(() -> user(commands, readModels)));
            }
            for (Future<?> done : work) {
                done.get();
            }
        } finally {
            pool.shutdown();
        }
        long events;
        while ((events = count(platform)) < expected) {
            Thread.sleep(200);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.err.printf("appended %d events in %.1f s%n", events - before, seconds);
        return new Appended(events - before, (events - before) / seconds);
    }

    /** Registers as the HTTP endpoint does, waiting for the wallet the policy opens. */
    private static void user(CommandGateway commands, ReadModels readModels) {
        UserId user = new UserId(UUID.randomUUID().toString());
        WalletId wallet = WalletId.of(user);
        Instant now = Instant.now();
        commands.sendAndWait(new RegisterUserCommand(user, user + "@bench.test", "Bench", "hash", Role.USER, now,
                now.plusSeconds(60)));
        readModels.awaitUser(user);
        for (int i = 0; i < GRANTS_PER_USER; i++) {
            commands.sendAndWait(new GrantTokensCommand(wallet, 100, "bench", user, Instant.now()));
        }
        SessionId session = new SessionId("session-" + UUID.randomUUID());
        commands.sendAndWait(new StartSessionCommand(session, user, "Bench", null, MODEL.modelId(), Instant.now()));
        String parent = null;
        for (int turn = 0; turn < TURNS_PER_USER; turn++) {
            String question = "msg-" + UUID.randomUUID();
            String answer = "msg-" + UUID.randomUUID();
            commands.sendAndWait(new ReserveTokensCommand(wallet, answer, 200, null, Instant.now()));
            commands.sendAndWait(new StartTurnCommand(session, user, new UserMessage(question, parent,
                    "Write a function"), answer, question, MODEL, wallet, 200, Instant.now(), PromptCategory.CODING, 40));
            commands.sendAndWait(new CompleteAssistantMessageCommand(session, user, answer, "def f(): pass", null,
                    TokenCount.of(40, 60), "stop", 400, 80, Cost.ZERO, Instant.now()));
            parent = answer;
        }
    }

    /**
     * Replays every projection as the admin console and the ops CLI do, and answers how long they take to reach the
     * head of the stream again.
     */
    static double replayAll(ConfigurableApplicationContext platform) throws InterruptedException {
        EventProcessingConfiguration processing = platform.getBean(EventProcessingConfiguration.class);
        List<StreamingEventProcessor> processors = Projections.names().stream()
                .map(name -> processing.eventProcessor(name, StreamingEventProcessor.class).orElseThrow())
                .toList();
        Predicate<StreamingEventProcessor> atHead = atHead(platform);
        long started = System.nanoTime();
        platform.getBean(Projections.class).replay(Projections.ALL);
        while (!processors.stream().allMatch(atHead)) {
            Thread.sleep(100);
        }
        return (System.nanoTime() - started) / 1e9;
    }

    static void awaitCaughtUp(ConfigurableApplicationContext platform) throws InterruptedException {
        EventProcessingConfiguration processing = platform.getBean(EventProcessingConfiguration.class);
        Predicate<StreamingEventProcessor> atHead = atHead(platform);
        while (!processing.eventProcessors().values().stream().filter(StreamingEventProcessor.class::isInstance)
                .map(StreamingEventProcessor.class::cast).allMatch(atHead)) {
            Thread.sleep(500);
        }
    }

    /**
     * Whether a processor has handled every event stored now; nothing is appended while the benchmark waits. Its
     * tracking token shows that as soon as the processor's last batch is committed: it holds every event of the
     * newest millisecond (or, in memory, the last position). Axon's "caught up" flag is not asked: a processor raises
     * it only after waiting a whole event-availability timeout (1 s) without an event, and one whose last events it
     * ignores waits twice, so it came one to two seconds after the last event was handled, and a replay's time
     * counted that wait. The head is read once, so that polling does not slow down the embedded store it measures.
     */
    private static Predicate<StreamingEventProcessor> atHead(ConfigurableApplicationContext platform) {
        if (platform.getBean(EventStorageEngine.class) instanceof InMemoryEventStorageEngine memory) {
            long head = memory.createHeadToken().position().orElse(-1);
            return processor -> everySegment(processor, segment -> segment.getTrackingToken() != null
                    && segment.getTrackingToken().position().orElse(-1) >= head);
        }
        MongoCollection<Document> events = platform.getBean(org.axonframework.extensions.mongo.MongoTemplate.class)
                .eventCollection();
        Document newest = events.find().sort(Sorts.descending("timestamp")).limit(1).first();
        Set<String> newestIds = newest == null ? Set.of() : events.find(Filters.eq("timestamp",
                newest.getString("timestamp"))).map(event -> event.getString("eventIdentifier"))
                .into(new HashSet<>());
        return processor -> everySegment(processor, segment -> newestIds.isEmpty()
                || WrappedToken.unwrap(segment.getTrackingToken(), MongoTrackingToken.class)
                .map(token -> token.getTrackedEvents().keySet().containsAll(newestIds)).orElse(false));
    }

    /** Whether the processor reports its segments (a restarted one does once its workers claim them), each passing. */
    private static boolean everySegment(StreamingEventProcessor processor, Predicate<EventTrackerStatus> passes) {
        Map<Integer, EventTrackerStatus> segments = processor.processingStatus();
        return !segments.isEmpty() && segments.values().stream().allMatch(passes);
    }

    /** Counting a stream read would scan the embedded collection once per batch, so the Mongo store is counted. */
    static long count(ConfigurableApplicationContext platform) {
        EventStorageEngine storage = platform.getBean(EventStorageEngine.class);
        if (storage instanceof InMemoryEventStorageEngine) {
            try (var events = storage.readEvents(null, false)) {
                return events.count();
            }
        }
        return platform.getBean(org.axonframework.extensions.mongo.MongoTemplate.class).eventCollection()
                .countDocuments();
    }
}
