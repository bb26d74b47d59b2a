package com.aipasta.ops.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The data directory holds e-mail addresses, password hashes and secrets: only its owner may read it. Directories are
 * made {@code 0700} and files {@code 0600}, on file systems with POSIX permissions.
 */
final class OwnerOnly {

    private static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private OwnerOnly() {
    }

    static void createDirectory(Path directory) {
        try {
            if (!supportsPosix(directory)) {
                Files.createDirectories(directory);
                return;
            }
            if (!Files.isDirectory(directory)) {
                Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(DIRECTORY));
            }
            Files.setPosixFilePermissions(directory, DIRECTORY);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the data directory " + directory, e);
        }
    }

    /** Creates the file empty and owner-only if it does not exist yet, so whatever writes it later keeps that. */
    static void createFile(Path file) {
        try {
            if (supportsPosix(file) && !Files.exists(file)) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(FILE));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + file, e);
        }
    }

    /** Restricts everything under the directory that is there now. */
    static void restrictTree(Path directory) {
        if (!supportsPosix(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                if (!Files.isSymbolicLink(path)) {
                    Files.setPosixFilePermissions(path, Files.isDirectory(path) ? DIRECTORY : FILE);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot restrict the permissions of " + directory, e);
        }
    }

    private static boolean supportsPosix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
