package com.aipasta.command.file;

import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The stores this process can reach, by name, and the one new files go to. Each file records the store that holds
 * it, so files written before a switch to S3 are still read from, and deleted in, GridFS.
 */
public class FileStores implements AutoCloseable {

    private final Map<String, FileStore> byName;
    private final FileStore current;

    public FileStores(FileStore current, FileStore... others) {
        this.current = current;
        this.byName = Stream.concat(Stream.of(current), Stream.of(others))
                .collect(Collectors.toUnmodifiableMap(FileStore::name, Function.identity()));
    }

    public FileStore current() {
        return current;
    }

    public FileStore named(String name) {
        FileStore store = byName.get(name);
        if (store == null) {
            throw new IllegalStateException("Files stored in " + name + " cannot be reached: configure that store");
        }
        return store;
    }

    @Override
    public void close() throws Exception {
        for (FileStore store : byName.values()) {
            if (store instanceof AutoCloseable closeable) {
                closeable.close();
            }
        }
    }
}
