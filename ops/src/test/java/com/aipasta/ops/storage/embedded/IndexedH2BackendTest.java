package com.aipasta.ops.storage.embedded;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.bson.BsonBinary;
import org.bson.BsonRegularExpression;
import org.bson.BsonTimestamp;
import org.bson.Document;
import org.bson.types.Binary;
import org.bson.types.Code;
import org.bson.types.Decimal128;
import org.bson.types.MaxKey;
import org.bson.types.MinKey;
import org.bson.types.ObjectId;
import org.bson.conversions.Bson;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStoreException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The embedded server's ordered indexes answer exactly what a scan answers, examining far fewer documents. */
class IndexedH2BackendTest {

    /** How long the long reads go on while other collections are written. */
    private static final Duration SCANNING = Duration.ofSeconds(8);
    /** Matches every document of a long read, after trying each of its padding's splits. */
    private static final Bson SLOW_TO_MATCH = Filters.not(Filters.regex("padding", "x*y"));

    @TempDir
    Path dataDir;
    private final List<AutoCloseable> opened = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (int i = opened.size() - 1; i >= 0; i--) {
            opened.get(i).close();
        }
    }

    @Test
    void indexedQueriesAnswerWhatAScanAnswers() {
        MongoCollection<Document> indexed = serve(IndexedH2Backend.inMemory()).getDatabase("test").getCollection("indexed");
        MongoCollection<Document> plain = serve(H2Backend.inMemory()).getDatabase("test").getCollection("plain");
        indexed.createIndex(Indexes.compoundIndex(Indexes.ascending("owner"), Indexes.descending("at")));
        indexed.createIndex(Indexes.ascending("score", "name"));
        indexed.createIndex(Indexes.ascending("tags"));
        Random random = new Random(7);
        for (int i = 0; i < 600; i++) {
            Document document = randomDocument(random, i);
            indexed.insertOne(document);
            plain.insertOne(Document.parse(document.toJson()));
        }
        indexed.deleteMany(Filters.eq("owner", "o3"));
        plain.deleteMany(Filters.eq("owner", "o3"));
        indexed.updateMany(Filters.lt("score", 10), Updates.inc("score", 100));
        plain.updateMany(Filters.lt("score", 10), Updates.inc("score", 100));

        for (int i = 0; i < 300; i++) {
            Bson filter = randomFilter(random);
            Document sort = randomSort(random);
            int limit = random.nextInt(4) == 0 ? 0 : 1 + random.nextInt(30);
            int skip = random.nextInt(3) == 0 ? random.nextInt(10) : 0;
            List<Document> found = find(indexed, filter, sort, skip, limit);
            List<Document> expected = find(plain, filter, sort, skip, limit);
            String query = filter.toBsonDocument().toJson() + " sorted by " + sort.toJson() + ", skip " + skip
                    + ", limit " + limit;
            assertThat(sortKeys(found, sort)).as(query).containsExactlyElementsOf(sortKeys(expected, sort));
            if (limit == 0 && skip == 0) {
                assertThat(found).as(query).extracting(document -> document.get("_id"))
                        .containsExactlyInAnyOrderElementsOf(expected.stream().map(document -> document.get("_id")).toList());
            }
            assertThat(indexed.countDocuments(filter)).as(query).isEqualTo(plain.countDocuments(filter));
        }
    }

    /** A sparse index holds no entry for a document without its field: it cannot give the order of every document. */
    @Test
    void aSparseIndexNarrowsByAValueButNeverGivesAnOrderAlone() {
        MongoCollection<Document> notes = serve(IndexedH2Backend.inMemory()).getDatabase("test").getCollection("notes");
        notes.createIndex(Indexes.descending("at"), new IndexOptions().sparse(true));
        for (int i = 0; i < 10; i++) {
            notes.insertOne(i % 2 == 0 ? new Document("_id", i).append("at", i) : new Document("_id", i));
        }

        assertThat(notes.find().sort(Sorts.descending("at")).map(note -> note.getInteger("_id"))
                .into(new ArrayList<>())).hasSize(10).startsWith(8, 6, 4, 2, 0);
        assertThat(notes.find().sort(Sorts.descending("at")).explain().toJson()).contains("COLLSCAN");
        assertThat(notes.find(Filters.eq("at", null)).map(note -> note.getInteger("_id")).into(new ArrayList<>()))
                .containsExactlyInAnyOrder(1, 3, 5, 7, 9);
        assertThat(notes.countDocuments(Filters.exists("at", false))).isEqualTo(5);
        assertThat(notes.find(Filters.gt("at", 3)).sort(Sorts.descending("at")).map(note -> note.getInteger("_id"))
                .into(new ArrayList<>())).containsExactly(8, 6, 4);
        assertThat(notes.find(Filters.gt("at", 3)).sort(Sorts.descending("at")).explain().toJson())
                .contains("\"indexName\": \"at_-1\"");
        assertThat(notes.countDocuments(Filters.in("at", 2, 4, 5))).isEqualTo(2);
    }

    @Test
    void aUniqueIndexRefusesADuplicateKeyAndKeepsUpWithUpdatesAndDeletes() {
        MongoClient client = serve(IndexedH2Backend.inMemory());
        MongoCollection<Document> claims = client.getDatabase("test").getCollection("claims");
        claims.createIndex(Indexes.ascending("email"), new IndexOptions().unique(true));
        claims.insertOne(new Document("_id", 1).append("email", "a@x"));

        assertThatThrownBy(() -> claims.insertOne(new Document("_id", 2).append("email", "a@x")))
                .isInstanceOfSatisfying(MongoWriteException.class, e -> assertThat(e.getCode()).isEqualTo(11000));
        claims.updateOne(Filters.eq("_id", 1), Updates.set("email", "b@x"));
        claims.insertOne(new Document("_id", 2).append("email", "a@x"));
        assertThatThrownBy(() -> claims.updateOne(Filters.eq("_id", 2), Updates.set("email", "b@x")))
                .isInstanceOfSatisfying(MongoWriteException.class, e -> assertThat(e.getCode()).isEqualTo(11000));
        claims.deleteOne(Filters.eq("_id", 1));
        claims.updateOne(Filters.eq("_id", 2), Updates.set("email", "b@x"));

        assertThat(claims.find(Filters.eq("email", "b@x")).first()).containsEntry("_id", 2);
        assertThat(claims.find(Filters.eq("email", "a@x")).first()).isNull();
    }

    @Test
    void writesAndReadsByIdAnswerWhatAScanAnswersAndReadOneDocumentEach() {
        IndexedH2Backend backend = IndexedH2Backend.inMemory();
        MongoCollection<Document> indexed = serve(backend).getDatabase("test").getCollection("byId");
        MongoCollection<Document> plain = serve(H2Backend.inMemory()).getDatabase("test").getCollection("byId");
        List<Object> ids = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            ids.add(switch (i % 3) {
                case 0 -> "k" + i;
                case 1 -> new ObjectId();
                default -> i;
            });
        }
        for (MongoCollection<Document> collection : List.of(indexed, plain)) {
            collection.createIndex(Indexes.ascending("n"));
            for (int i = 0; i < ids.size(); i += 2) {
                collection.insertOne(new Document("_id", ids.get(i)).append("n", i));
            }
            for (int i = 0; i < ids.size(); i += 5) {
                collection.updateOne(Filters.eq("_id", ids.get(i)), Updates.inc("n", 1000), new UpdateOptions().upsert(true));
            }
            for (int i = 0; i < ids.size(); i += 7) {
                collection.deleteOne(Filters.eq("_id", ids.get(i)));
            }
        }
        IndexedH2Collection collection = (IndexedH2Collection) backend.resolveDatabase("test")
                .resolveCollection("byId", true);

        for (int i = 0; i < ids.size(); i++) {
            Bson byId = Filters.eq("_id", ids.get(i));
            long before = collection.documentsExamined();
            assertThat(indexed.find(byId).first()).as("id %s", ids.get(i)).isEqualTo(plain.find(byId).first());
            assertThat(collection.documentsExamined() - before).as("documents read for id %s", ids.get(i))
                    .isLessThanOrEqualTo(1);
            Bson some = Filters.in("_id", ids.get(i), ids.get((i * 7 + 3) % ids.size()), "absent");
            assertThat(indexed.find(some).into(new ArrayList<>()))
                    .containsExactlyInAnyOrderElementsOf(plain.find(some).into(new ArrayList<>()));
            assertThat(indexed.countDocuments(byId)).isEqualTo(plain.countDocuments(byId));
        }
        for (Object taken : List.of(ids.get(6), ids.get(4))) {
            assertThatThrownBy(() -> indexed.insertOne(new Document("_id", taken).append("n", -1)))
                    .isInstanceOfSatisfying(MongoWriteException.class, e -> assertThat(e.getCode()).isEqualTo(11000));
        }
        assertThat(indexed.countDocuments(Filters.eq("n", -1))).isZero();
        assertThat(indexed.find(Filters.eq("_id", 5L)).first()).as("a number equals its other types")
                .isEqualTo(plain.find(Filters.eq("_id", 5L)).first()).isNotNull();
        assertThat(indexed.find().sort(Sorts.ascending("_id")).into(new ArrayList<>()))
                .containsExactlyElementsOf(plain.find().sort(Sorts.ascending("_id")).into(new ArrayList<>()));
    }

    @Test
    void aBatchedReadInIndexOrderExaminesOnlyWhatTheClientTakes() {
        IndexedH2Backend backend = IndexedH2Backend.inMemory();
        MongoClient client = serve(backend);
        MongoCollection<Document> events = client.getDatabase("test").getCollection("events");
        events.createIndex(Indexes.ascending("timestamp", "sequenceNumber"));
        List<Document> history = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            history.add(new Document("timestamp", Instant.ofEpochSecond(i).toString()).append("sequenceNumber", 0L));
        }
        events.insertMany(history);
        IndexedH2Collection collection = (IndexedH2Collection) backend.resolveDatabase("test")
                .resolveCollection("events", true);

        long before = collection.documentsExamined();
        List<String> firstTwoBatches = new ArrayList<>();
        try (MongoCursor<Document> cursor = events.find().sort(Sorts.ascending("timestamp", "sequenceNumber"))
                .batchSize(100).iterator()) {
            while (firstTwoBatches.size() < 200) {
                firstTwoBatches.add(cursor.next().getString("timestamp"));
            }
        }

        assertThat(firstTwoBatches).isSortedAccordingTo(String::compareTo)
                .startsWith(Instant.ofEpochSecond(0).toString()).hasSize(200);
        assertThat(collection.documentsExamined() - before).isLessThanOrEqualTo(300);
    }

    @Test
    void aCountOfWhatAnIndexHoldsReadsNoDocument() {
        IndexedH2Backend backend = IndexedH2Backend.inMemory();
        MongoCollection<Document> events = serve(backend).getDatabase("test").getCollection("events");
        events.createIndex(Indexes.ascending("timestamp", "sequenceNumber"));
        List<Document> history = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            history.add(new Document("timestamp", Instant.ofEpochSecond(i / 10).toString())
                    .append("sequenceNumber", (long) i % 10).append("kind", i % 2 == 0 ? "even" : "odd"));
        }
        events.insertMany(history);
        IndexedH2Collection collection = (IndexedH2Collection) backend.resolveDatabase("test")
                .resolveCollection("events", true);
        Bson window = Filters.and(Filters.gte("timestamp", Instant.ofEpochSecond(10).toString()),
                Filters.lte("timestamp", Instant.ofEpochSecond(29).toString()));

        long before = collection.documentsExamined();
        long inWindow = events.countDocuments(window);
        long lateInWindow = events.countDocuments(Filters.and(window, Filters.gt("sequenceNumber", 7L)));
        long examined = collection.documentsExamined() - before;
        long evenInWindow = events.countDocuments(Filters.and(window, Filters.eq("kind", "even")));

        assertThat(inWindow).isEqualTo(200);
        assertThat(lateInWindow).isEqualTo(40);
        assertThat(examined).isZero();
        assertThat(evenInWindow).isEqualTo(100);
        assertThat(collection.documentsExamined() - before).isEqualTo(200);
    }

    /** As a tracking read counts its look-back window at each read, while events come in, some of them late. */
    @Test
    void aWindowCountedAsItSlidesCountsWhatCameInLateAndPassesOnlyWhatItGainedAndLost() {
        IndexedH2Backend backend = IndexedH2Backend.inMemory();
        MongoCollection<Document> events = serve(backend).getDatabase("test").getCollection("events");
        events.createIndex(Indexes.ascending("timestamp", "sequenceNumber"));
        events.insertMany(eventsAt(0, 1000));
        IndexedH2Collection collection = (IndexedH2Collection) backend.resolveDatabase("test")
                .resolveCollection("events", true);
        OrderedIndex index = (OrderedIndex) collection.getIndexes().stream()
                .filter(created -> created.getName().equals("timestamp_1_sequenceNumber_1")).findFirst().orElseThrow();
        assertThat(events.countDocuments(windowOf(10, 29))).isEqualTo(200);

        events.insertMany(eventsAt(1000, 1020));
        events.insertOne(new Document("timestamp", Instant.ofEpochSecond(25).toString()).append("sequenceNumber", 99L));
        events.deleteOne(Filters.eq("timestamp", Instant.ofEpochSecond(12).toString()));
        long before = index.entriesCounted();

        assertThat(events.countDocuments(windowOf(11, 101))).isEqualTo(910 + 1 - 1);
        assertThat(index.entriesCounted() - before).isEqualTo(10 + 720);
    }

    private static List<Document> eventsAt(int from, int to) {
        List<Document> stored = new ArrayList<>();
        for (int i = from; i < to; i++) {
            stored.add(new Document("timestamp", Instant.ofEpochSecond(i / 10).toString())
                    .append("sequenceNumber", (long) i % 10));
        }
        return stored;
    }

    private static Bson windowOf(int fromSecond, int toSecond) {
        return Filters.and(Filters.gte("timestamp", Instant.ofEpochSecond(fromSecond).toString()),
                Filters.lte("timestamp", Instant.ofEpochSecond(toSecond).toString()));
    }

    @Test
    void aReadThatExcludesTheIdsItHasSeenRulesThemOutByTheIndexWithoutReadingThem() {
        IndexedH2Backend backend = IndexedH2Backend.inMemory();
        MongoCollection<Document> events = serve(backend).getDatabase("test").getCollection("events");
        events.createIndex(Indexes.ascending("timestamp", "sequenceNumber"));
        events.createIndex(Indexes.ascending("timestamp", "sequenceNumber", "eventIdentifier"),
                new IndexOptions().name("withIds"));
        List<Document> history = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            history.add(new Document("timestamp", Instant.ofEpochSecond(i / 10).toString()).append("sequenceNumber",
                    (long) i % 10).append("eventIdentifier", "event-" + i));
        }
        events.insertMany(history);
        List<String> seen = new ArrayList<>();
        for (int i = 500; i < 995; i++) {
            seen.add("event-" + i);
        }
        Bson unseen = Filters.and(Filters.gte("timestamp", Instant.ofEpochSecond(50).toString()),
                Filters.nin("eventIdentifier", seen));
        IndexedH2Collection collection = (IndexedH2Collection) backend.resolveDatabase("test")
                .resolveCollection("events", true);

        long before = collection.documentsExamined();
        List<String> found = events.find(unseen).sort(Sorts.ascending("timestamp", "sequenceNumber"))
                .map(event -> event.getString("eventIdentifier")).into(new ArrayList<>());

        assertThat(found).containsExactly("event-995", "event-996", "event-997", "event-998", "event-999");
        assertThat(collection.documentsExamined() - before).isEqualTo(5);
        assertThat(events.find(unseen).sort(Sorts.ascending("timestamp", "sequenceNumber")).explain().toJson())
                .contains("\"indexName\": \"withIds\"");
    }

    @Test
    void emptyingACollectionRemovesEveryDocumentAndIndexEntryWithoutReadingThem() {
        String file = dataDir.resolve("emptied.mv.db").toString();
        try (Served served = Served.by(IndexedH2Backend.open(file, 16, Duration.ofMillis(100)))) {
            MongoDatabase app = served.client().getDatabase("app");
            MongoCollection<Document> wallets = app.getCollection("wallets");
            wallets.createIndex(Indexes.ascending("owner"), new IndexOptions().unique(true));
            wallets.createIndex(Indexes.ascending("tags"));
            for (int i = 0; i < 500; i++) {
                wallets.insertOne(new Document("_id", "w" + i).append("owner", "u" + i)
                        .append("tags", List.of("a", "b" + i % 3)));
            }
            IndexedH2Collection collection = (IndexedH2Collection) served.backend().resolveDatabase("app")
                    .resolveCollection("wallets", true);
            long examined = collection.documentsExamined();

            assertThat(wallets.deleteMany(new Document()).getDeletedCount()).isEqualTo(500);

            assertThat(collection.documentsExamined()).as("documents read to empty it").isEqualTo(examined);
            assertThat(wallets.countDocuments()).isZero();
            assertThat(wallets.countDocuments(Filters.eq("tags", "a"))).isZero();
            assertThat(wallets.find(Filters.eq("owner", "u1")).first()).isNull();
            assertThat(app.runCommand(new Document("collStats", "wallets")).get("size", Number.class).longValue())
                    .isZero();
            wallets.insertOne(new Document("_id", "w1").append("owner", "u1").append("tags", List.of("a")));
            assertThat(wallets.find(Filters.eq("tags", "a")).map(wallet -> wallet.getString("_id"))
                    .into(new ArrayList<>())).containsExactly("w1");
            assertThat(wallets.deleteMany(Filters.eq("owner", "nobody")).getDeletedCount()).isZero();
        }

        MongoCollection<Document> reopened = serve(IndexedH2Backend.open(file, 16, Duration.ofMillis(100)))
                .getDatabase("app").getCollection("wallets");
        assertThat(reopened.find(Filters.eq("owner", "u1")).map(wallet -> wallet.getString("_id"))
                .into(new ArrayList<>())).containsExactly("w1");
        assertThat(reopened.countDocuments()).isEqualTo(1);
    }

    /**
     * The server alone deleted the stored description of every index of the name dropped, whatever its collection
     * ({@code "*"}: of every index), so another collection's index was gone once the file opened again.
     */
    @Test
    void droppingIndexesLeavesThoseOfOtherCollectionsOfTheSameName() {
        String file = dataDir.resolve("dropped.mv.db").toString();
        try (Served served = Served.by(IndexedH2Backend.open(file, 16, Duration.ofMillis(100)))) {
            MongoDatabase app = served.client().getDatabase("app");
            for (String name : List.of("messages", "shares", "notes")) {
                app.getCollection(name).createIndex(Indexes.ascending("owner"), new IndexOptions().name("owner"));
                app.getCollection(name).createIndex(Indexes.descending("at"), new IndexOptions().name("newest"));
                app.getCollection(name).insertOne(new Document("owner", "o1").append("at", 1));
            }

            app.getCollection("messages").dropIndex("owner");
            app.getCollection("notes").dropIndexes();

            assertThat(indexNames(app, "messages")).containsExactlyInAnyOrder("_id_", "newest");
            assertThat(indexNames(app, "notes")).containsExactly("_id_");
            assertThatThrownBy(() -> app.getCollection("messages").dropIndex("owner"))
                    .hasMessageContaining("index not found");
        }

        MongoDatabase reopened = serve(IndexedH2Backend.open(file, 16, Duration.ofMillis(100))).getDatabase("app");
        assertThat(indexNames(reopened, "messages")).containsExactlyInAnyOrder("_id_", "newest");
        assertThat(indexNames(reopened, "shares")).containsExactlyInAnyOrder("_id_", "owner", "newest");
        assertThat(indexNames(reopened, "notes")).containsExactly("_id_");
        assertThat(reopened.getCollection("shares").find(Filters.eq("owner", "o1")).explain().toJson())
                .contains("IXSCAN");
    }

    private static List<String> indexNames(MongoDatabase database, String collection) {
        return database.getCollection(collection).listIndexes().map(index -> index.getString("name"))
                .into(new ArrayList<>());
    }

    @Test
    void aFileHeldElsewhereIsRefusedWithoutAWriteFailureLogged() {
        String file = dataDir.resolve("held.mv.db").toString();
        IndexedH2Backend holder = IndexedH2Backend.open(file, 16, Duration.ofMillis(100));
        opened.add(holder::close);
        Logger backendLog = (Logger) LoggerFactory.getLogger(IndexedH2Backend.class);
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        backendLog.addAppender(logged);
        try {
            assertThatThrownBy(() -> IndexedH2Backend.open(file, 16, Duration.ofMillis(100)))
                    .isInstanceOf(MVStoreException.class);
        } finally {
            backendLog.detachAppender(logged);
        }

        assertThat(logged.list).extracting(ILoggingEvent::getFormattedMessage).isEmpty();
    }

    @Test
    void aFileWrittenWithoutOrderedIndexesOpensWithThemAndKeepsItsDocuments() {
        String file = usersWrittenByTheUnextendedBackend("old.mv.db", users -> {
            users.createIndex(Indexes.ascending("email"), new IndexOptions().unique(true));
            users.createIndex(Indexes.ascending("plan", "createdAt"));
            for (int i = 0; i < 50; i++) {
                users.insertOne(new Document("_id", "u" + i).append("email", "u" + i + "@x")
                        .append("plan", i % 2 == 0 ? "free" : "premium").append("createdAt", i));
            }
        });

        IndexedH2Backend reopened = IndexedH2Backend.open(file, 16, Duration.ofMillis(100));
        MongoCollection<Document> users = serve(reopened).getDatabase("app").getCollection("users");

        Document plan = users.find(Filters.eq("plan", "premium")).sort(Sorts.descending("createdAt")).limit(3).explain();
        assertThat(plan.toJson()).contains("IXSCAN").doesNotContain("COLLSCAN");
        assertThat(users.find(Filters.eq("plan", "premium")).sort(Sorts.descending("createdAt")).limit(3)
                .map(user -> user.getString("_id")).into(new ArrayList<>())).containsExactly("u49", "u47", "u45");
        assertThatThrownBy(() -> users.insertOne(new Document("_id", "dup").append("email", "u1@x")))
                .isInstanceOfSatisfying(MongoWriteException.class, e -> assertThat(e.getCode()).isEqualTo(11000));
        assertThat(reopened.getMvStore().getMapNames()).noneMatch(name -> name.endsWith("._index_email_1"));
        assertThat(users.countDocuments()).isEqualTo(50);
    }

    @Test
    void aFileWithDocumentsInTheOldEncodingKeepsThemAllOnceSomeAreWrittenInTheNewOne() {
        String file = usersWrittenByTheUnextendedBackend("mixed.mv.db", users -> {
            for (int i = 0; i < 500; i++) {
                users.insertOne(new Document("_id", "u" + i).append("n", i).append("tags", List.of("a", i)));
            }
        });

        try (Served served = Served.by(IndexedH2Backend.open(file, 16, Duration.ofMillis(100)))) {
            MongoCollection<Document> users = served.client().getDatabase("app").getCollection("users");
            users.updateMany(Filters.lt("n", 250), Updates.set("updated", true));
            users.insertOne(new Document("_id", "new").append("n", 500));
        }

        MongoCollection<Document> users = serve(IndexedH2Backend.open(file, 16, Duration.ofMillis(100)))
                .getDatabase("app").getCollection("users");
        List<Document> all = users.find().sort(Sorts.ascending("n")).into(new ArrayList<>());
        assertThat(all).hasSize(501);
        for (int i = 0; i < 500; i++) {
            Document expected = new Document("_id", "u" + i).append("n", i).append("tags", List.of("a", i));
            if (i < 250) {
                expected.append("updated", true);
            }
            assertThat(all.get(i)).isEqualTo(expected);
        }
        assertThat(all.get(500)).isEqualTo(new Document("_id", "new").append("n", 500));
    }

    @Test
    void aFileWithObjectIdKeysInTheOldEncodingFindsThemAllAmongNewOnesAndInOrder() {
        List<ObjectId> ids = new ArrayList<>();
        String file = usersWrittenByTheUnextendedBackend("keys.mv.db", users -> {
            for (int i = 0; i < 300; i++) {
                ids.add(new ObjectId());
                users.insertOne(new Document("_id", ids.get(i)).append("n", i));
            }
        });

        try (Served served = Served.by(IndexedH2Backend.open(file, 16, Duration.ofMillis(100)))) {
            MongoCollection<Document> users = served.client().getDatabase("app").getCollection("users");
            for (int i = 300; i < 600; i++) {
                ids.add(new ObjectId());
                users.insertOne(new Document("_id", ids.get(i)).append("n", i));
            }
            users.deleteOne(Filters.eq("_id", ids.get(0)));
            users.updateOne(Filters.eq("_id", ids.get(1)), Updates.set("updated", true));
        }

        MongoCollection<Document> users = serve(IndexedH2Backend.open(file, 16, Duration.ofMillis(100)))
                .getDatabase("app").getCollection("users");
        assertThat(users.find(Filters.eq("_id", ids.get(0))).first()).isNull();
        assertThat(users.find(Filters.eq("_id", ids.get(1))).first().getBoolean("updated")).isTrue();
        for (int i = 1; i < 600; i++) {
            assertThat(users.find(Filters.eq("_id", ids.get(i))).first().getInteger("n")).isEqualTo(i);
        }
        List<ObjectId> ordered = new ArrayList<>(ids.subList(1, 600));
        ordered.sort(ObjectId::compareTo);
        assertThat(users.find().sort(Sorts.ascending("_id")).map(user -> user.getObjectId("_id"))
                .into(new ArrayList<>())).isEqualTo(ordered);
    }

    /** The size in BSON is counted as mongo-java-server counts it, through inserts, updates, upserts and deletes. */
    @Test
    void aCollectionsSizeIsCountedAsTheServerCountsIt() {
        MongoClient indexed = serve(IndexedH2Backend.inMemory());
        MongoClient plain = serve(H2Backend.inMemory());
        for (MongoClient client : List.of(indexed, plain)) {
            MongoCollection<Document> sized = client.getDatabase("test").getCollection("sized");
            for (int i = 0; i < 20; i++) {
                sized.insertOne(new Document("_id", "d" + i).append("n", i).append("text", "x".repeat(i * 10)));
            }
            sized.updateMany(Filters.lt("n", 10), Updates.set("text", "longer ".repeat(30)));
            sized.updateOne(Filters.eq("_id", "d15"), Updates.unset("text"));
            sized.replaceOne(Filters.eq("_id", "d16"), new Document("_id", "d16").append("list", List.of(1, 2, 3)));
            sized.updateOne(Filters.eq("_id", "up"), Updates.inc("count", 1), new UpdateOptions().upsert(true));
            sized.findOneAndUpdate(Filters.eq("_id", "d17"), Updates.set("large", "y".repeat(2_000_000)));
            sized.updateOne(Filters.eq("_id", "d3"), Updates.set("after", "the large one"));
            sized.deleteMany(Filters.gte("n", 18));
        }

        assertThat(sizeOf(indexed)).isGreaterThan(2_000_000).isEqualTo(sizeOf(plain));
    }

    private static long sizeOf(MongoClient client) {
        return client.getDatabase("test").runCommand(new Document("collStats", "sized")).get("size", Number.class)
                .longValue();
    }

    @Test
    void aDocumentOfEveryStoredTypeReadsTheSameAfterTheFileIsReopened() {
        String file = dataDir.resolve("types.mv.db").toString();
        Document stored;
        try (Served served = Served.by(IndexedH2Backend.open(file, 16, Duration.ofMillis(100)))) {
            MongoCollection<Document> things = served.client().getDatabase("app").getCollection("things");
            things.insertOne(new Document("_id", new ObjectId())
                    .append("text", "naïve ✓").append("int", 7).append("long", 1L << 40).append("double", 0.1)
                    .append("decimal", Decimal128.parse("12.345")).append("yes", true).append("nothing", null)
                    .append("when", new Date(1_700_000_000_123L)).append("bytes", new Binary(new byte[]{1, 2, 3}))
                    .append("uuid", new BsonBinary(UUID.fromString("0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0")))
                    .append("nested", new Document("deeper", new Document("list", List.of(1, "two", 3.0))))
                    .append("pattern", new BsonRegularExpression("^a.*", "i"))
                    .append("timestamp", new BsonTimestamp(1_700_000_000, 5))
                    .append("min", new MinKey()).append("max", new MaxKey())
                    .append("code", new Code("return 1")));
            stored = things.find().first();
        }

        MongoCollection<Document> things = serve(IndexedH2Backend.open(file, 16, Duration.ofMillis(100)))
                .getDatabase("app").getCollection("things");
        assertThat(things.find().first()).isEqualTo(stored);
    }

    /** A file as mongo-java-server's own H2 backend writes it, with {@code write} done to the users of "app". */
    private String usersWrittenByTheUnextendedBackend(String fileName, Consumer<MongoCollection<Document>> write) {
        String file = dataDir.resolve(fileName).toString();
        try (Served served = Served.by(new H2Backend(file))) {
            write.accept(served.client().getDatabase("app").getCollection("users"));
        }
        return file;
    }

    /** A server over a backend, shut down and closed (which commits the file) at the end of a block. */
    private record Served(MongoServer server, MongoClient client, H2Backend backend) implements AutoCloseable {

        static Served by(H2Backend backend) {
            MongoServer server = new MongoServer(backend);
            return new Served(server, MongoClients.create(server.bindAndGetConnectionString()), backend);
        }

        @Override
        public void close() {
            client.close();
            server.shutdownNow();
            backend.close();
        }
    }

    /**
     * The cache of pages counts each collection's documents at their own size: counted at the size of the tracking
     * tokens written in between, every event took hundreds of kilobytes of it and a few thousand filled it.
     */
    @Test
    void eachCollectionsDocumentsAreCountedInTheCacheAtTheirOwnSize() {
        IndexedH2Backend backend = IndexedH2Backend.open(dataDir.resolve("sizes.mv.db").toString(), 16, null);
        MongoDatabase database = serve(backend).getDatabase("test");
        for (int i = 0; i < 200; i++) {
            database.getCollection("events").insertOne(new Document("n", i));
            if (i % 10 == 0) {
                database.getCollection("tokens").insertOne(new Document("window", "w".repeat(200_000)));
            }
            backend.commit();
        }

        assertThat(memoryOfADocumentIn(backend, "events")).isLessThan(1_000);
        assertThat(memoryOfADocumentIn(backend, "tokens")).isGreaterThan(200_000);
    }

    private static int memoryOfADocumentIn(IndexedH2Backend backend, String collection) {
        MVMap<Object, de.bwaldvogel.mongo.bson.Document> documents = backend.getMvStore()
                .openMap("databases.test." + collection);
        return documents.getValueType().getMemory(documents.get(documents.firstKey()));
    }

    @Test
    void explainNamesACollectionScanWhenNoIndexFits() {
        MongoCollection<Document> notes = serve(IndexedH2Backend.inMemory()).getDatabase("test").getCollection("notes");
        notes.createIndex(Indexes.ascending("owner"));
        for (int i = 0; i < 10; i++) {
            notes.insertOne(new Document("owner", "o" + (i % 2)).append("text", "t" + i));
        }

        Document scan = notes.find(Filters.eq("text", "t3")).explain();
        Document sorted = notes.find(Filters.eq("owner", "o1")).sort(Sorts.ascending("text")).explain();

        assertThat(scan.toJson()).contains("COLLSCAN");
        assertThat(sorted.toJson()).contains("IXSCAN").contains("\"SORT\"");
        assertThat(sorted.get("executionStats", Document.class).get("totalDocsExamined", Number.class).intValue())
                .isEqualTo(5);
    }

    /**
     * The server updates a document it found by changing that very object, while a reply holding it may still be
     * encoded on another connection's thread: the reply must hold a document no update changes, or its encoding
     * fails half-way and the reader's connection is dropped (a driver retrying reads hides it, so this one does not).
     */
    @Test
    void aDocumentUpdatedWhileAReplyHoldsItIsReadWhole() throws Exception {
        MongoClient writer = serve(IndexedH2Backend.inMemory());
        MongoCollection<Document> documents = writer.getDatabase("test").getCollection("busy");
        Document hot = new Document("_id", "hot");
        for (int field = 0; field < 500; field++) {
            hot.append("field" + field, "value " + field);
        }
        documents.insertOne(hot);
        MongoClient reader = MongoClients.create("mongodb://" + writer.getClusterDescription().getClusterSettings()
                .getHosts().get(0) + "/?retryReads=false");
        opened.add(reader);
        Thread updates = new Thread(() -> {
            for (int i = 1; i <= 2000; i++) {
                documents.updateOne(Filters.eq("_id", "hot"), Updates.combine(Updates.set("added" + i, i),
                        Updates.unset("added" + (i - 1))));
            }
        });
        updates.start();
        int reads = 0;
        while (updates.isAlive()) {
            assertThat(reader.getDatabase("test").getCollection("busy").find(Filters.eq("_id", "hot")).first())
                    .containsKey("field499");
            reads++;
        }
        updates.join();
        assertThat(reads).isPositive();
        assertThat(documents.find(Filters.eq("_id", "hot")).first()).containsEntry("added2000", 2000)
                .doesNotContainKey("added1999");
    }

    /**
     * A read runs on the version of the file's pages it started on, while writes to other collections go on, each
     * committed within milliseconds, and compactions move the live pages of sparse chunks elsewhere: no chunk the read
     * still has to visit may be dropped. A chunk is dropped only once it is older than the store's retention time
     * (45 s), which a file in use reaches; here every chunk is that old at once.
     */
    @Test
    void aLongReadFindsEveryPageWhileOtherWritesAreCommittedAndCompacted() throws Exception {
        IndexedH2Backend backend = IndexedH2Backend.open(dataDir.resolve("busy.mv.db").toString(), 1,
                Duration.ofMillis(2));
        backend.getMvStore().setRetentionTime(0);
        MongoDatabase database = serve(backend).getDatabase("test");
        MongoCollection<Document> read = database.getCollection("read");
        MongoCollection<Document> written = database.getCollection("written");
        int count = 8_000;
        String padding = "x".repeat(200);
        for (int batch = 0; batch < count / 500; batch++) {
            List<Document> documents = new ArrayList<>();
            for (int i = batch * 500; i < (batch + 1) * 500; i++) {
                documents.add(new Document("_id", i).append("round", 0).append("padding", padding));
            }
            read.insertMany(documents);
            written.insertMany(documents);
        }
        AtomicBoolean reading = new AtomicBoolean(true);
        List<Thread> writers = new ArrayList<>();
        for (int writer = 0; writer < 2; writer++) {
            Random random = new Random(writer);
            Thread updates = new Thread(() -> {
                for (int round = 1; reading.get(); round++) {
                    written.updateOne(Filters.eq("_id", random.nextInt(count)), Updates.set("round", round));
                }
            });
            updates.start();
            writers.add(updates);
        }
        try {
            Instant end = Instant.now().plus(SCANNING);
            while (Instant.now().isBefore(end)) {
                assertThat(read.countDocuments(SLOW_TO_MATCH)).isEqualTo(count);
            }
        } finally {
            reading.set(false);
            for (Thread writer : writers) {
                writer.join();
            }
        }
    }

    private MongoClient serve(H2Backend backend) {
        MongoServer server = new MongoServer(backend);
        MongoClient client = MongoClients.create(server.bindAndGetConnectionString());
        opened.add(backend::close);
        opened.add(server::shutdownNow);
        opened.add(client);
        return client;
    }

    private static List<Document> find(MongoCollection<Document> collection, Bson filter, Document sort, int skip,
                                       int limit) {
        return collection.find(filter).sort(sort).skip(skip).limit(limit).batchSize(7).into(new ArrayList<>());
    }

    /** Among equal sort keys neither server promises an order, so results are compared by their keys. */
    private static List<List<Object>> sortKeys(List<Document> documents, Document sort) {
        return documents.stream()
                .map(document -> sort.keySet().stream().map(key -> (Object) String.valueOf(document.get(key))).toList())
                .toList();
    }

    private static Document randomDocument(Random random, int i) {
        Document document = new Document("_id", i).append("owner", "o" + random.nextInt(8));
        if (random.nextInt(10) > 0) {
            document.append("at", random.nextInt(5) == 0 ? (Object) ("s" + random.nextInt(50)) : random.nextInt(50));
        }
        document.append("score", random.nextInt(3) == 0 ? random.nextDouble() * 40 : (long) random.nextInt(40));
        document.append("name", "n" + random.nextInt(20));
        if (random.nextBoolean()) {
            document.append("tags", List.of("t" + random.nextInt(5), "t" + random.nextInt(5)));
        }
        return document;
    }

    private static Bson randomFilter(Random random) {
        List<Bson> terms = new ArrayList<>();
        if (random.nextBoolean()) {
            terms.add(Filters.eq("owner", "o" + random.nextInt(9)));
        }
        switch (random.nextInt(10)) {
            case 0 -> terms.add(Filters.gte("at", random.nextInt(50)));
            case 6 -> terms.add(Filters.lte("at", random.nextInt(50)));
            case 7 -> terms.add(Filters.in("owner", "o" + random.nextInt(9), "o" + random.nextInt(9)));
            case 8 -> terms.add(Filters.in("at", random.nextInt(50), "s" + random.nextInt(50), random.nextInt(50)));
            case 9 -> terms.add(Filters.in("tags", "t" + random.nextInt(5), "t" + random.nextInt(5)));
            case 1 -> terms.add(Filters.and(Filters.gt("at", random.nextInt(25)), Filters.lte("at", 25 + random.nextInt(25))));
            case 2 -> terms.add(Filters.lt("score", random.nextInt(40)));
            case 3 -> terms.add(Filters.eq("score", (long) random.nextInt(40)));
            case 4 -> terms.add(Filters.eq("tags", "t" + random.nextInt(5)));
            case 5 -> terms.add(random.nextBoolean()
                    ? Filters.and(Filters.gte("at", random.nextInt(25)), Filters.lte("at", 25 + random.nextInt(25)))
                    : Filters.and(Filters.gte("at", "s" + random.nextInt(25)),
                    Filters.lte("at", "s" + random.nextInt(50))));
            default -> { }
        }
        if (random.nextInt(4) == 0) {
            terms.add(Filters.ne("name", "n" + random.nextInt(20)));
        }
        switch (random.nextInt(6)) {
            case 0 -> terms.add(Filters.nin("name", randomStrings(random, "n", 20)));
            case 1 -> terms.add(Filters.nin("tags", randomStrings(random, "t", 5)));
            case 2 -> terms.add(Filters.nin("at", randomStrings(random, "s", 50)));
            case 3 -> terms.add(Filters.in("at", randomStrings(random, "s", 50)));
            default -> { }
        }
        return terms.isEmpty() ? new Document() : Filters.and(terms);
    }

    private static List<String> randomStrings(Random random, String prefix, int bound) {
        return random.ints(random.nextInt(12), 0, bound).mapToObj(i -> prefix + i).toList();
    }

    private static Document randomSort(Random random) {
        return switch (random.nextInt(7)) {
            case 0 -> new Document("at", -1);
            case 1 -> new Document("owner", 1).append("at", -1);
            case 2 -> new Document("owner", -1).append("at", 1);
            case 3 -> new Document("score", 1).append("name", 1);
            case 4 -> new Document("score", -1).append("name", -1);
            case 5 -> new Document("_id", 1);
            default -> new Document("at", 1);
        };
    }
}
