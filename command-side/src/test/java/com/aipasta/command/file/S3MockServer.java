package com.aipasta.command.file;

import org.springframework.util.FileSystemUtils;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * Adobe's S3Mock, an S3-compatible server, run from its released jar as a process of its own (its Spring Boot
 * application would otherwise share this test's classpath), with one bucket, its files, its temporary files and its
 * log in a directory that closing it deletes.
 */
public final class S3MockServer implements AutoCloseable {

    public static final String BUCKET = "files";
    private static final Duration START_TIMEOUT = Duration.ofMinutes(2);

    private final Process process;
    private final Path directory;
    private final Path log;
    private final int port;

    private S3MockServer(Process process, Path directory, Path log, int port) {
        this.process = process;
        this.directory = directory;
        this.log = log;
        this.port = port;
    }

    public static S3MockServer start() throws IOException, InterruptedException {
        String jar = System.getProperty("s3mock.jar");
        if (jar == null || !Files.isRegularFile(Path.of(jar))) {
            throw new IllegalStateException("System property s3mock.jar must name S3Mock's exec jar; Maven sets it");
        }
        int httpPort = freePort();
        Path directory = Files.createTempDirectory("s3mock-");
        Path root = Files.createDirectory(directory.resolve("store"));
        Path temporary = Files.createDirectory(directory.resolve("tmp"));
        Path log = directory.resolve("s3mock.log");
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-Djava.io.tmpdir=" + temporary, "-jar", jar,
                "--server.port=" + freePort(),
                "--com.adobe.testing.s3mock.httpPort=" + httpPort,
                "--com.adobe.testing.s3mock.store.root=" + root,
                "--com.adobe.testing.s3mock.store.initialBuckets=" + BUCKET)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        S3MockServer server = new S3MockServer(process, directory, log, httpPort);
        server.awaitStarted();
        return server;
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    public FilesProperties.S3 properties(String bucket) {
        return new FilesProperties.S3(bucket, endpoint(), "us-east-1", "test-key", "test-secret", true);
    }

    private void awaitStarted() throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                String output = Files.readString(log);
                close();
                throw new IllegalStateException("S3Mock stopped: " + output);
            }
            try {
                HttpResponse<Void> reply = client.send(HttpRequest.newBuilder(URI.create(endpoint() + "/"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding());
                if (reply.statusCode() == 200) {
                    return;
                }
            } catch (IOException notListeningYet) {
                Thread.sleep(250);
            }
        }
        String output = Files.readString(log);
        close();
        throw new IllegalStateException("S3Mock did not start: " + output);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            FileSystemUtils.deleteRecursively(directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
