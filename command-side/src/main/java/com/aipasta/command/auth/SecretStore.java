package com.aipasta.command.auth;

import org.springframework.beans.factory.annotation.Value;
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

/** Secrets that are generated once and kept under the data directory when none is configured. */
@Component
public class SecretStore {

    private final Path directory;

    public SecretStore(@Value("${aipasta.data-dir:./data}") Path dataDirectory) {
        this.directory = dataDirectory.resolve("secrets");
    }

    public String configuredOrGenerated(String configured, String name) {
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        Path file = directory.resolve(name);
        try {
            if (!Files.exists(file)) {
                writeNew(file);
            }
            return Files.readString(file, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot keep the secret " + name + " in " + directory, e);
        }
    }

    private void writeNew(Path file) throws IOException {
        if (directory.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwx------")));
        } else {
            Files.createDirectories(directory);
        }
        byte[] random = new byte[48];
        new SecureRandom().nextBytes(random);
        try {
            Files.createFile(file);
            trySetOwnerOnly(file);
            Files.writeString(file, Base64.getUrlEncoder().withoutPadding().encodeToString(random));
        } catch (FileAlreadyExistsException concurrentWriter) {
            // another process created it first; read what it wrote
        }
    }

    private static void trySetOwnerOnly(Path file) throws IOException {
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
    }
}
