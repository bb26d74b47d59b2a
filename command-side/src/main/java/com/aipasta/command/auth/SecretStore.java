package com.aipasta.command.auth;

import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Secrets that are generated once when none is configured. With the embedded database they are kept under the data
 * directory. With a MongoDB of its own ({@code MONGODB_URI}) every node must sign and hash with the same ones, so they
 * are kept in the database ({@code platform_secrets}): the first node to need one stores it (the one its data
 * directory already holds, from before it shared the database, or a new one) and every node uses what is stored.
 */
@Component
public class SecretStore {

    static final String COLLECTION = "platform_secrets";
    private static final Logger log = LoggerFactory.getLogger(SecretStore.class);

    private final Path directory;
    private final MongoTemplate sharedDatabase;

    @Autowired
    public SecretStore(@Value("${aipasta.data-dir:./data}") Path dataDirectory,
                       @Value("${aipasta.mongo.uri:}") String mongoUri, ObjectProvider<MongoTemplate> mongo) {
        this.directory = dataDirectory.resolve("secrets");
        this.sharedDatabase = mongoUri.isBlank() ? null : mongo.getObject();
    }

    /** Keeps generated secrets under the data directory only. */
    public SecretStore(Path dataDirectory) {
        this.directory = dataDirectory.resolve("secrets");
        this.sharedDatabase = null;
    }

    public String configuredOrGenerated(String configured, String name) {
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        Path file = directory.resolve(name);
        try {
            if (sharedDatabase != null) {
                return shared(name, Files.exists(file) ? read(file) : null);
            }
            if (!Files.exists(file)) {
                writeNew(file);
            }
            return read(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot keep the secret " + name + " in " + directory, e);
        }
    }

    private String shared(String name, String kept) {
        Document stored = sharedDatabase.findById(name, Document.class, COLLECTION);
        if (stored == null) {
            try {
                sharedDatabase.insert(new Document("_id", name).append("value", kept != null ? kept : random()),
                        COLLECTION);
            } catch (DuplicateKeyException storedByAnotherNode) {
                // another node stored it first; use what it stored
            }
            stored = sharedDatabase.findById(name, Document.class, COLLECTION);
        }
        String value = stored.getString("value");
        if (kept != null && !kept.equals(value)) {
            log.warn("The secret {} in {} differs from the one every node shares in the database; the shared one is "
                    + "used", name, directory);
        }
        return value;
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8).trim();
    }

    private void writeNew(Path file) throws IOException {
        if (directory.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwx------")));
        } else {
            Files.createDirectories(directory);
        }
        try {
            Files.createFile(file);
            trySetOwnerOnly(file);
            Files.writeString(file, random());
        } catch (FileAlreadyExistsException concurrentWriter) {
            // another process created it first; read what it wrote
        }
    }

    private static String random() {
        byte[] random = new byte[48];
        new SecureRandom().nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    private static void trySetOwnerOnly(Path file) throws IOException {
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
    }
}
