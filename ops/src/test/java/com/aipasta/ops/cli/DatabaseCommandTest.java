package com.aipasta.ops.cli;

import com.aipasta.ops.storage.DatabaseConnection;
import com.aipasta.ops.storage.DatabaseProperties;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code aipasta database}: the embedded database served on its own, for several nodes to share. */
class DatabaseCommandTest {

    @Test
    void theDatabaseIsServedUntilStoppedAndTheProcessesGivenItsDirectoryConnectToIt(@TempDir Path dataDir)
            throws Exception {
        AtomicReference<CliRunner.Result> served = new AtomicReference<>();
        Thread server = new Thread(() -> served.set(CliRunner.run(Map.of("DATA_DIR", dataDir.toString()),
                "database", "--port", "0")));
        server.start();
        Path address = dataDir.resolve("embedded-mongo.address");
        for (int i = 0; i < 600 && !Files.exists(address) && server.isAlive(); i++) {
            Thread.sleep(50);
        }
        assertThat(address).as("the address the database is served on").exists();
        String host = Files.readString(address).strip();

        try (MongoClient client = MongoClients.create("mongodb://" + host)) {
            client.getDatabase("aipasta").getCollection("probe").insertOne(new Document("_id", "written by a node"));
        }
        DatabaseProperties sameDirectory = new DatabaseProperties("", "aipasta", dataDir, 0, Duration.ofMillis(100),
                16, Duration.ofSeconds(5), Duration.ofSeconds(10));
        try (DatabaseConnection connection = DatabaseConnection.open(sameDirectory)) {
            assertThat(connection.isEmbedded()).isFalse();
            assertThat(connection.client().getDatabase("aipasta").getCollection("probe").countDocuments())
                    .isEqualTo(1);
        }
        ByteArrayOutputStream secondErr = new ByteArrayOutputStream();
        int second = new OpsCli(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(secondErr, true, StandardCharsets.UTF_8)).execute(new String[]{"database"});
        assertThat(second).isEqualTo(OpsCli.FAILED);
        assertThat(secondErr.toString(StandardCharsets.UTF_8)).contains("in use by another process");

        server.interrupt();
        server.join(30_000);

        assertThat(served.get().exitCode()).isZero();
        assertThat(served.get().out()).contains("Serving the embedded database on " + host,
                "MONGODB_URI=mongodb://" + host + "/aipasta");
        assertThat(address).doesNotExist();
    }

    @Test
    void aPortThatIsNoPortIsBadUsage() {
        CliRunner.Result refused = CliRunner.run(Map.of(), "database", "--port", "http");
        assertThat(refused.exitCode()).isEqualTo(OpsCli.USAGE);
        assertThat(refused.err()).contains("--port must be a port number");
        assertThat(CliRunner.run(Map.of(), "database", "--port", "70000").exitCode()).isEqualTo(OpsCli.USAGE);
    }
}
