package com.aipasta.command.file;

import com.aipasta.file.api.value.FileId;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.bson.Document;
import org.bson.types.Binary;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GridFsFileStoreTest {

    private static final FileId FILE = new FileId(FileId.PREFIX + "0123456789abcdef0123456789abcdef");

    private MongoServer server;
    private MongoClient client;
    private MongoDatabase database;
    private GridFsFileStore store;

    @BeforeEach
    void start() {
        server = new MongoServer(new MemoryBackend());
        client = MongoClients.create(server.bindAndGetConnectionString());
        database = client.getDatabase("files-test");
        store = new GridFsFileStore(database);
    }

    @AfterEach
    void stop() {
        client.close();
        server.shutdownNow();
    }

    private static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        new Random(7).nextBytes(bytes);
        return bytes;
    }

    private long chunks() {
        return database.getCollection(GridFsFileStore.BUCKET + ".chunks").countDocuments();
    }

    @Test
    void bytesOverManyChunksComeBackWholeAndGoWhenDeleted() throws IOException {
        byte[] bytes = randomBytes(700 * 1024);

        store.write(FILE, () -> new ByteArrayInputStream(bytes), bytes.length, "application/pdf");

        assertThat(chunks()).isEqualTo(3);
        try (InputStream read = store.read(FILE)) {
            assertThat(read.readAllBytes()).isEqualTo(bytes);
        }
        store.delete(FILE);
        assertThat(chunks()).isZero();
        assertThatThrownBy(() -> store.read(FILE)).isInstanceOf(FileNotFoundException.class);
        store.delete(FILE);
    }

    @Test
    void deletingRemovesChunksNoFileDocumentNamesAndDeletingNothingDoesNothing() {
        database.getCollection(GridFsFileStore.BUCKET + ".chunks").insertOne(new Document("files_id", FILE.value())
                .append("n", 0).append("data", new Binary(randomBytes(16))));

        store.delete(FILE);
        store.delete(FILE);

        assertThat(chunks()).isZero();
    }

    @Test
    void aWriteThatFailsPartWayLeavesNothingBehind() {
        InputStream failing = new SequenceInputStream(new ByteArrayInputStream(randomBytes(600 * 1024)),
                new InputStream() {
                    @Override
                    public int read() throws IOException {
                        throw new IOException("the client went away");
                    }
                });

        assertThatThrownBy(() -> store.write(FILE, () -> failing, 900 * 1024, "text/plain"))
                .hasStackTraceContaining("the client went away");

        assertThat(chunks()).isZero();
        assertThat(database.getCollection(GridFsFileStore.BUCKET + ".files").countDocuments()).isZero();
        assertThatThrownBy(() -> store.read(FILE)).isInstanceOf(FileNotFoundException.class);
    }

    @Test
    void theBucketsIndexesAreThereBeforeTheFirstWrite() {
        assertThat(database.getCollection(GridFsFileStore.BUCKET + ".chunks").listIndexes()
                .map(index -> index.get("key", Document.class)))
                .contains(new Document("files_id", 1).append("n", 1));
        assertThat(database.getCollection(GridFsFileStore.BUCKET + ".files").listIndexes()
                .map(index -> index.get("key", Document.class)))
                .contains(new Document("filename", 1).append("uploadDate", 1));
    }
}
