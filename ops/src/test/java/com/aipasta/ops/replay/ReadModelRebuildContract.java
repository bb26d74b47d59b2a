package com.aipasta.ops.replay;

import com.aipasta.account.api.value.UserId;
import com.aipasta.ops.HttpApi;
import com.aipasta.ops.StandalonePlatform;
import com.aipasta.ops.TemporaryDirectories;
import com.aipasta.ops.audit.WalletAudit;
import com.aipasta.ops.audit.WalletEvents;
import com.aipasta.ops.audit.WalletHistory;
import com.aipasta.ops.chat.FakeProviders;
import com.aipasta.ops.file.SampleFiles;
import com.aipasta.ops.cli.CliRunner;
import com.aipasta.ops.storage.QueryRecorder;
import com.aipasta.payment.api.command.ConfirmPaymentCommand;
import com.aipasta.payment.api.command.CreateOrderCommand;
import com.aipasta.projections.wallet.LedgerEntryDocument;
import com.aipasta.projections.wallet.WalletDocument;
import com.aipasta.wallet.api.command.GrantTokensCommand;
import com.aipasta.wallet.api.value.WalletId;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoDatabase;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.EventProcessingConfiguration;
import org.bson.BsonDocument;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A platform of its own builds its read models live from a generated history of thousands of events; replaying
 * them rebuilds every collection identically, the wallet audit finds exactly a corrupted wallet and a replay repairs
 * it, balances as of an instant follow a purchase and spends, and the ops CLI does the same against that database.
 * Subclasses say which database.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class ReadModelRebuildContract {

    private static final String ADMIN_EMAIL = "root@rebuild.test";
    private static final String PASSWORD = "correct horse battery";
    private static final int USERS = 130;
    private static final int MIN_EVENTS = 2_000;
    private static final Duration PATIENCE = Duration.ofMinutes(3);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DEAD_LETTERS = "deadletters";

    private record User(String id, String email, String token) {
    }

    /** Arguments that point the platform at the database under test. */
    protected abstract List<String> databaseSettings();

    /** The environment that points the ops CLI at the same database. */
    protected abstract Map<String, String> cliEnvironment(Path dataDir);

    private Path dataDir;
    private ConfigurableApplicationContext platform;
    private HttpApi api;
    private String adminToken;
    private MongoTemplate mongo;
    private Map<String, String> liveHashes;
    private final QueryRecorder recorder = new QueryRecorder();
    private User reader;
    private String readerFileId;
    private long streamReadsWhileBuilding;
    private long eventsBuilt;

    @BeforeAll
    void generateHistory() throws Exception {
        dataDir = TemporaryDirectories.create("aipasta-rebuild-");
        platform = start();
        adminToken = register(ADMIN_EMAIL).token();
        CommandGateway commands = platform.getBean(CommandGateway.class);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int i = 0; i < USERS; i++) {
                int n = i;
                work.add(pool.submit(() -> userHistory(n, commands)));
            }
            for (Future<?> done : work) {
                done.get();
            }
        } finally {
            pool.shutdown();
        }
        reader = register("reader-" + UUID.randomUUID() + "@rebuild.test");
        chat(reader, "Hello");
        readerFileId = uploadFiles(reader, USERS).get(1);
        templatesPromptsAndShares(reader, 0);
        awaitQuiet();
        assertThat(eventCount()).isGreaterThanOrEqualTo(MIN_EVENTS);
        streamReadsWhileBuilding = recorder.streamReads();
        eventsBuilt = eventCount();
        liveHashes = CollectionHashes.of(mongo);
    }

    private void userHistory(int n, CommandGateway commands) {
        User user = register("user-" + n + "-" + UUID.randomUUID() + "@rebuild.test");
        UserId id = new UserId(user.id());
        UserId admin = new UserId(api.get("/api/auth/me", adminToken).data().path("user").path("id").asText());
        for (int grant = 0; grant < 3; grant++) {
            commands.sendAndWait(new GrantTokensCommand(WalletId.of(id), 100 + n, "welcome back", admin,
                    Instant.now()));
        }
        for (int turn = 0; turn < 2; turn++) {
            String message = turn == 1 && n % 5 == 0 ? "Explain this [500]" : "Hello number " + n;
            api.post("/api/chat", Map.of("message", message, "modelId", FakeProviders.FREE_MODEL), user.token());
        }
        if (n % 3 == 0) {
            buy(commands, id, "order_rebuild_" + n);
        }
        if (n % 10 == 0) {
            api.patch("/api/admin/users/" + user.id(), Map.of("dailyRequestLimit", 50 + n), adminToken);
            templatesPromptsAndShares(user, n);
        }
        if (n % 4 == 0) {
            List<String> fileIds = uploadFiles(user, n);
            if (n % 8 == 0) {
                assertThat(api.delete("/api/files/" + fileIds.get(0), user.token()).status()).isEqualTo(200);
            }
        }
    }

    private List<String> uploadFiles(User user, int n) {
        HttpApi.Reply uploaded = api.upload("/api/files", List.of(
                new HttpApi.FilePart("notes-" + n + ".txt", "text/plain", SampleFiles.text("Notes of user " + n)),
                new HttpApi.FilePart("pixel.png", "image/png", SampleFiles.png())), Map.of(), user.token());
        assertThat(uploaded.status()).as(uploaded.body().toString()).isEqualTo(201);
        List<String> fileIds = new ArrayList<>();
        uploaded.data().path("files").forEach(file -> fileIds.add(file.path("fileId").asText()));
        return fileIds;
    }

    /** A public template used for a session, a generated prompt saved as a template, a shared session. */
    private void templatesPromptsAndShares(User user, int n) {
        String templateId = succeeded(api.post("/api/templates", Map.of("name", "Template " + n,
                "instruction", "Do " + n, "isPublic", true, "tags", List.of("rebuild")), user.token()))
                .path("template").path("id").asText();
        succeeded(api.post("/api/templates/" + templateId + "/use", Map.of("input", "input " + n), user.token()));
        String sessionId = succeeded(api.post("/api/chat/sessions", Map.of("templateId", templateId), user.token()))
                .path("session").path("id").asText();
        succeeded(api.post("/api/chat", Map.of("message", "From template " + n, "sessionId", sessionId,
                "modelId", FakeProviders.FREE_MODEL), user.token()));
        succeeded(api.post("/api/chat/sessions/" + sessionId + "/share", Map.of("displayName", "User " + n),
                user.token()));
        String generationId = succeeded(api.post("/api/prompt-generator", Map.of("input", "idea " + n
                + " [prompt-json]", "modelId", FakeProviders.FREE_MODEL), user.token())).path("id").asText();
        succeeded(api.post("/api/prompt-generator/" + generationId + "/feedback", Map.of("rating", 4),
                user.token()));
        succeeded(api.post("/api/prompt-generator/" + generationId + "/save-as-template", Map.of(), user.token()));
        if (n == 20) {
            succeeded(api.patch("/api/admin/templates/" + templateId, Map.of("hidden", true), adminToken));
        }
    }

    private static JsonNode succeeded(HttpApi.Reply reply) {
        assertThat(reply.status()).as(reply.body().toString()).isBetween(200, 201);
        return reply.data();
    }

    private static void buy(CommandGateway commands, UserId user, String orderId) {
        commands.sendAndWait(new CreateOrderCommand(orderId, user, "plan-starter", 50_000, 9_900, "INR", null, null,
                Instant.now()));
        commands.sendAndWait(new ConfirmPaymentCommand(orderId, user, "pay_" + orderId, 9_900L, "INR", "verify",
                Instant.now()));
    }

    @AfterAll
    void stop() {
        if (platform != null) {
            platform.close();
        }
    }

    /**
     * Every query the platform sent while building the history and answering every read endpoint, explained by the
     * database itself: none scans its collection or sorts in memory. Reading a whole collection with no filter and
     * no order (a replay's reset, the administrators' totals) is a scan by nature and is left out.
     */
    @Test
    @Order(0)
    void everyQueryThePlatformRanHasAnIndexBehindIt() {
        User user = reader;
        String sessionId = api.get("/api/chat/sessions", user.token()).data().path("sessions").path(0).path("id")
                .asText();
        List<String> reads = List.of("/api/auth/me", "/api/user/wallet", "/api/user/wallet/ledger?page=1&limit=5",
                "/api/chat/sessions?page=1&limit=5", "/api/chat/sessions/" + sessionId, "/api/chat/stats",
                "/api/user/stats", "/api/user/payments", "/api/plans", "/api/leaderboard", "/api/leaderboard/coding",
                "/api/leaderboard/stats", "/api/models", "/api/files?page=1&limit=5", "/api/files?type=image",
                "/api/files?type=text/plain", "/api/files/" + readerFileId, "/api/files/supported-types",
                "/api/templates?search=temp&tag=rebuild", "/api/templates?page=1&limit=5", "/api/templates/public?tag=rebuild&sort=popular",
                "/api/templates/public?search=template", "/api/templates/public?tag=writing",
                "/api/prompt-generator/history?page=1&limit=5");
        reads.forEach(path -> assertThat(api.get(path, user.token()).status()).as(path).isEqualTo(200));
        String shareId = api.post("/api/chat/sessions/" + sessionId + "/share", Map.of(), user.token()).data()
                .path("shareId").asText();
        assertThat(api.get("/api/share/" + shareId, null).status()).isEqualTo(200);
        List<String> adminReads = List.of("/api/admin/users?page=2&limit=10", "/api/admin/users?role=user&plan=free",
                "/api/admin/users/" + user.id(), "/api/wallets/" + user.id() + "/ledger", "/api/admin/payments",
                "/api/admin/stats", "/api/admin/analytics?granularity=day", "/api/admin/system",
                "/api/admin/projections", "/api/admin/models", "/api/admin/templates?hidden=true",
                "/api/admin/templates?search=template&page=2&limit=5");
        adminReads.forEach(path -> assertThat(api.get(path, adminToken).status()).as(path).isEqualTo(200));

        List<QueryRecorder.Explained> plans = explainRecordedQueries();

        assertThat(plans).hasSizeGreaterThan(20);
        assertThat(plans.stream()
                .filter(plan -> !readsEverything(plan.command()))
                .filter(plan -> plan.scansTheCollection() || plan.sortsInMemory())
                .map(plan -> plan.command().toJson() + " is planned as " + plan.plan()))
                .isEmpty();
    }

    /**
     * No index's keys are the first keys of another index on the same collection, in the same directions or all
     * reversed: the longer index serves every query the shorter one would, and each index costs every write an entry.
     * A unique index is a rule as well as an index, and is left out as the shorter one, and so is Axon's dead-letter
     * queue, whose indexes Axon declares and which is written only when a handler fails.
     */
    @Test
    @Order(0)
    void noIndexIsServedByALongerOneOnItsCollection() {
        MongoDatabase database = platform.getBean(MongoTemplate.class).getDb();
        List<String> served = new ArrayList<>();
        for (String collection : database.listCollectionNames()) {
            if (collection.equals(DEAD_LETTERS)) {
                continue;
            }
            List<Document> indexes = database.getCollection(collection).listIndexes().into(new ArrayList<>());
            for (Document index : indexes) {
                for (Document longer : indexes) {
                    if (longer != index && !index.getBoolean("unique", false)
                            && startsWith(longer.get("key", Document.class), index.get("key", Document.class))) {
                        served.add(collection + "." + index.getString("name") + " by " + longer.getString("name"));
                    }
                }
            }
        }

        assertThat(database.listCollectionNames().into(new ArrayList<>())).hasSizeGreaterThan(20);
        assertThat(served).isEmpty();
    }

    private static boolean startsWith(Document keys, Document prefix) {
        List<String> fields = List.copyOf(keys.keySet());
        List<String> prefixFields = List.copyOf(prefix.keySet());
        if (prefixFields.size() > fields.size() || !fields.subList(0, prefixFields.size()).equals(prefixFields)) {
            return false;
        }
        long same = prefixFields.stream().filter(field -> direction(keys, field) == direction(prefix, field)).count();
        return same == 0 || same == prefixFields.size();
    }

    private static int direction(Document keys, String field) {
        return keys.get(field) instanceof Number number ? Integer.signum(number.intValue()) : 0;
    }

    /**
     * A dozen processors follow the stream live; the event store's producer reads it once for all of them, so the
     * process reads it fewer times than it appends events (each processor reading on its own would make a dozen reads
     * an event).
     */
    @Test
    @Order(0)
    void liveProcessorsShareTheReadsOfTheEventStream() {
        assertThat(platform.getBean(EventProcessingConfiguration.class).eventProcessors()).hasSizeGreaterThan(10);
        assertThat(streamReadsWhileBuilding).isPositive().isLessThan(eventsBuilt);
    }

    /** Every shape of query the platform has sent so far, as the database plans it now. */
    protected List<QueryRecorder.Explained> explainRecordedQueries() {
        return recorder.explainAll(platform.getBean(MongoTemplate.class).getDb());
    }

    private static boolean readsEverything(BsonDocument command) {
        BsonDocument filter = switch (command.getFirstKey()) {
            case "find" -> command.getDocument("filter", new BsonDocument());
            case "delete" -> command.getArray("deletes").get(0).asDocument().getDocument("q");
            case "aggregate" -> command.getArray("pipeline").isEmpty() ? new BsonDocument()
                    : command.getArray("pipeline").get(0).asDocument().getDocument("$match", null);
            default -> null;
        };
        return filter != null && filter.isEmpty() && !command.containsKey("sort");
    }

    @Test
    @Order(1)
    void replayingEveryProjectionRebuildsIdenticalCollections() {
        HttpApi.Reply started = api.post("/api/admin/projections/all/replay", Map.of(), adminToken);
        assertThat(started.status()).as(started.body().toString()).isEqualTo(202);
        assertThat(started.data().path("projections")).allSatisfy(projection ->
                assertThat(projection.path("status").asText()).isIn("rebuilding", "live"));
        assertThat(api.get("/health", null).data().path("rebuilding")).isNotEmpty();

        awaitReplayed();

        assertThat(CollectionHashes.of(mongo)).isEqualTo(liveHashes);
        assertThat(api.get("/api/admin/projections", adminToken).data().path("projections")).allSatisfy(status -> {
            assertThat(status.path("progress").path("eventsDone").asLong())
                    .isEqualTo(status.path("progress").path("eventsTotal").asLong());
            assertThat(status.path("progress").path("percent").asDouble()).isEqualTo(100.0);
        });
    }

    @Test
    @Order(2)
    void theAuditReportsExactlyTheCorruptedWalletAndAReplayRepairsIt() {
        WalletAudit audit = platform.getBean(WalletAudit.class);
        assertThat(audit.auditWallets().mismatches()).isEmpty();
        WalletDocument victim = mongo.findAll(WalletDocument.class).get(USERS / 2);
        mongo.updateFirst(Query.query(Criteria.where("_id").is(victim.id())), new Update().inc("freeTokens", 7),
                WalletDocument.class);
        mongo.remove(Query.query(Criteria.where("ownerId").is(victim.id()).and("sequence").is(0)),
                LedgerEntryDocument.class);

        WalletAudit.Report report = audit.auditWallets();

        assertThat(report.walletsMismatched()).isEqualTo(1);
        assertThat(report.mismatches()).extracting(WalletAudit.Mismatch::walletId).containsOnly(victim.walletId());
        assertThat(report.mismatches()).extracting(WalletAudit.Mismatch::field)
                .containsExactlyInAnyOrder("freeTokens", "ledger[0]");
        JsonNode overHttp = api.get("/api/admin/audit/wallets", adminToken).data();
        assertThat(overHttp.path("walletsMismatched").asInt()).isEqualTo(1);

        CliRunner.Result cli = CliRunner.run(cliEnvironment(dataDir), "audit", "wallets");
        assertThat(cli.exitCode()).isEqualTo(1);
        assertThat(cli.out()).contains("MISMATCH " + victim.walletId() + " (user " + victim.id() + ") freeTokens")
                .contains("1 with mismatches");
        assertThat(cli.out().lines().filter(line -> line.startsWith("MISMATCH"))).hasSize(2);

        assertThat(api.post("/api/admin/projections/wallet-balance/replay", Map.of(), adminToken).status())
                .isEqualTo(202);
        awaitReplayed();
        assertThat(audit.auditWallets().mismatches()).isEmpty();
        assertThat(CollectionHashes.of(mongo)).isEqualTo(liveHashes);
    }

    @Test
    @Order(3)
    void balancesAsOfAnInstantFollowAPurchaseAndSpends() throws IOException {
        User user = register("as-of-" + UUID.randomUUID() + "@rebuild.test");
        UserId id = new UserId(user.id());
        CommandGateway commands = platform.getBean(CommandGateway.class);
        Instant afterOpening = pause();
        long spent = chat(user, "Hello");
        Instant afterFirstSpend = pause();
        buy(commands, id, "order_as_of_" + UUID.randomUUID().toString().substring(0, 8));
        await().atMost(PATIENCE).until(() -> api.get("/api/user/wallet", user.token()).data()
                .path("purchasedTokens").asLong() == 50_000);
        Instant afterPurchase = pause();
        long spentAgain = chat(user, "Hello again");
        Instant afterSecondSpend = pause();

        WalletEvents events = platform.getBean(WalletEvents.class);
        assertThat(events.historyAsOf(id, afterOpening).balance().balance()).isEqualTo(10_000);
        assertThat(events.historyAsOf(id, afterFirstSpend).balance().balance()).isEqualTo(10_000 - spent);
        WalletHistory.Balance purchased = events.historyAsOf(id, afterPurchase).balance();
        assertThat(purchased.purchasedTokens()).isEqualTo(50_000);
        assertThat(purchased.balance()).isEqualTo(60_000 - spent);
        WalletHistory.Balance now = events.historyAsOf(id, afterSecondSpend).balance();
        assertThat(now.freeTokens()).isEqualTo(10_000 - spent - spentAgain);
        assertThat(now.purchasedTokens()).isEqualTo(50_000);
        assertThat(now.reserved()).isZero();
        assertThat(now.balance()).isEqualTo(api.get("/api/user/wallet", user.token()).data().path("balance").asLong());

        CliRunner.Result cli = CliRunner.run(cliEnvironment(dataDir), "balance", user.email(), "--as-of", afterPurchase.toString(),
                "--json");
        assertThat(cli.exitCode()).as(cli.err()).isZero();
        JsonNode document = JSON.readTree(cli.out());
        assertThat(document.path("balance").path("balance").asLong()).isEqualTo(60_000 - spent);
        assertThat(document.path("ledger")).extracting(line -> line.path("type").asText())
                .containsExactly("free_grant", "spent", "credited");
        CliRunner.Result table = CliRunner.run(cliEnvironment(dataDir), "balance", user.id(), "--as-of", afterOpening.toString());
        assertThat(table.out()).contains("balance 10000 (free 10000, purchased 0)");
        assertThat(CliRunner.run(cliEnvironment(dataDir), "balance", user.id(), "--as-of", "yesterday").exitCode()).isEqualTo(2);
    }

    @Test
    @Order(4)
    void theCliExportsEventsAsJsonLines() throws IOException {
        User user = register("export-" + UUID.randomUUID() + "@rebuild.test");
        chat(user, "Hello");

        CliRunner.Result wallet = CliRunner.run(cliEnvironment(dataDir), "events", "--aggregate", "wallet-" + user.id());
        assertThat(wallet.exitCode()).as(wallet.err()).isZero();
        List<JsonNode> walletEvents = lines(wallet.out());
        assertThat(walletEvents).extracting(event -> event.path("type").asText())
                .containsExactly("WalletOpenedEvent", "TokensReservedEvent", "ReservationSettledEvent");
        assertThat(walletEvents).extracting(event -> event.path("sequence").asLong()).containsExactly(0L, 1L, 2L);

        CliRunner.Result export = CliRunner.run(cliEnvironment(dataDir), "export-user", user.email());
        assertThat(export.exitCode()).as(export.err()).isZero();
        List<JsonNode> exported = lines(export.out());
        assertThat(exported).extracting(event -> event.path("aggregateType").asText())
                .contains("UserAccount", "Wallet", "ChatSession");
        assertThat(exported).extracting(event -> event.path("type").asText())
                .contains("UserRegisteredEvent", "SessionStartedEvent", "AssistantMessageCompletedEvent");
        assertThat(export.out()).doesNotContain("passwordHash").doesNotContain(ADMIN_EMAIL);
    }

    @Test
    @Order(5)
    void theCliReplaysOnceThePlatformHasStopped() {
        CliRunner.Result whileRunning = CliRunner.run(cliEnvironment(dataDir), "replay", "wallet-balance");
        assertThat(whileRunning.exitCode()).isEqualTo(3);
        assertThat(whileRunning.err()).contains("--url");
        awaitQuiet();
        Map<String, String> before = CollectionHashes.of(mongo);
        platform.close();
        platform = null;

        CliRunner.Result replay = CliRunner.run(cliEnvironment(dataDir), "replay", "all");

        assertThat(replay.exitCode()).as(replay.err()).isZero();
        assertThat(replay.out()).contains("wallet-balance").contains("files ").contains("Replayed 15 projections")
                .contains("100.0%");
        assertThat(CliRunner.run(cliEnvironment(dataDir), "audit", "wallets").exitCode()).isZero();
        platform = start();
        awaitQuiet();
        assertThat(CollectionHashes.of(mongo)).isEqualTo(before);
    }

    private ConfigurableApplicationContext start() {
        List<String> settings = new ArrayList<>(List.of("--aipasta.auth.admin-emails=" + ADMIN_EMAIL,
                "--aipasta.providers.openai-compatible.base-url=" + FakeProviders.localUrl(),
                "--aipasta.providers.openai-compatible.name=local",
                "--aipasta.read-model-catch-up-timeout=120s"));
        settings.addAll(databaseSettings());
        ConfigurableApplicationContext started = StandalonePlatform.start(dataDir, List.of(recorder),
                settings.toArray(String[]::new));
        api = StandalonePlatform.api(started);
        mongo = started.getBean(MongoTemplate.class);
        return started;
    }

    private User register(String email) {
        HttpApi.Reply reply = api.post("/api/auth/register", Map.of("email", email, "password", PASSWORD,
                "name", "Rebuild"), null);
        assertThat(reply.status()).as(reply.body().toString()).isEqualTo(201);
        return new User(reply.data().path("user").path("id").asText(), email, reply.data().path("token").asText());
    }

    private long chat(User user, String message) {
        HttpApi.Reply reply = api.post("/api/chat", Map.of("message", message, "modelId", FakeProviders.FREE_MODEL),
                user.token());
        assertThat(reply.status()).as(reply.body().toString()).isEqualTo(200);
        return reply.data().path("usage").path("totalTokens").asLong();
    }

    /** An instant strictly between what happened before and what happens after. */
    private static Instant pause() {
        try {
            Thread.sleep(20);
            Instant now = Instant.now();
            Thread.sleep(20);
            return now;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private long eventCount() {
        return mongo.getCollection("domainevents").countDocuments();
    }

    /** Every processor live, every reservation settled, and nothing changing for a moment. */
    private void awaitQuiet() {
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500)).until(() -> {
            JsonNode processors = api.get("/api/admin/system", adminToken).data().path("processors");
            boolean live = true;
            for (JsonNode processor : processors) {
                live &= processor.path("status").asText().equals("live") && processor.path("eventsBehind").asLong() == 0;
            }
            return live && mongo.count(new Query(), "open_reservations") == 0;
        });
    }

    private void awaitReplayed() {
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500)).until(() -> {
            JsonNode projections = api.get("/api/admin/projections", adminToken).data().path("projections");
            boolean done = true;
            for (JsonNode projection : projections) {
                done &= projection.path("status").asText().equals("live");
            }
            return done;
        });
    }

    private static List<JsonNode> lines(String text) throws IOException {
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : text.lines().filter(line -> !line.isBlank()).toList()) {
            nodes.add(JSON.readTree(line));
        }
        return nodes;
    }
}
