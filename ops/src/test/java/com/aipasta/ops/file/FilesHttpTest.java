package com.aipasta.ops.file;

import com.aipasta.file.api.event.FileUploadedEvent;
import com.aipasta.ops.HttpApi;
import com.aipasta.ops.HttpApi.FilePart;
import com.aipasta.ops.PlatformTest;
import com.fasterxml.jackson.databind.JsonNode;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class FilesHttpTest extends PlatformTest {

    private static final String GRIDFS_FILES = "file_bytes.files";
    private static final String GRIDFS_CHUNKS = "file_bytes.chunks";

    @Autowired
    MongoTemplate mongo;

    private HttpApi.Reply upload(Account account, FilePart... files) {
        return api.upload("/api/files", List.of(files), Map.of(), account.token());
    }

    private JsonNode uploadOne(Account account, FilePart file) {
        HttpApi.Reply reply = upload(account, file);
        assertThat(reply.status()).as(reply.body().toString()).isEqualTo(201);
        assertThat(reply.data().path("files")).hasSize(1);
        return reply.data().path("files").get(0);
    }

    private boolean bytesStored(String fileId) {
        return mongo.getCollection(GRIDFS_FILES).countDocuments(new Document("_id", fileId)) == 1;
    }

    private long storedFiles() {
        return mongo.getCollection(GRIDFS_FILES).countDocuments();
    }

    private long uploadEventsOf(Account account) {
        return mongo.getCollection("domainevents").countDocuments(new Document("aggregateIdentifier",
                "files-" + account.id()).append("payloadType", FileUploadedEvent.class.getName()));
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    @Test
    void realPngJpegPdfAndTextFilesComeBackByteForByteWithTheirDetectedTypes() throws Exception {
        Account account = register();
        Map<String, byte[]> sent = Map.of(
                "photo.png", SampleFiles.png(),
                "holiday.jpg", SampleFiles.jpeg(),
                "report.pdf", SampleFiles.pdf(),
                "notes.txt", SampleFiles.text("Shopping: eggs, flour, basil\nमसाला चाय\n"));
        Map<String, String> types = Map.of("photo.png", "image/png", "holiday.jpg", "image/jpeg",
                "report.pdf", "application/pdf", "notes.txt", "text/plain");

        for (Map.Entry<String, byte[]> file : sent.entrySet()) {
            JsonNode uploaded = uploadOne(account, new FilePart(file.getKey(), "application/octet-stream",
                    file.getValue()));

            String fileId = uploaded.path("fileId").asText();
            assertThat(uploaded.path("name").asText()).isEqualTo(file.getKey());
            assertThat(uploaded.path("type").asText()).isEqualTo(types.get(file.getKey()));
            assertThat(uploaded.path("size").asLong()).isEqualTo(file.getValue().length);
            assertThat(uploaded.path("sha256").asText()).isEqualTo(sha256(file.getValue()));
            assertThat(uploaded.path("storage").asText()).isEqualTo("gridfs");
            assertThat(uploaded.path("createdAt").asText()).isNotBlank();
            HttpResponse<byte[]> content = api.download("/api/files/" + fileId + "/content", account.token());
            assertThat(content.statusCode()).isEqualTo(200);
            assertThat(content.body()).isEqualTo(file.getValue());
            assertThat(content.headers().firstValue("Content-Type")).hasValue(types.get(file.getKey()));
            assertThat(content.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
            assertThat(content.headers().firstValue("Content-Disposition").orElseThrow())
                    .startsWith("attachment;").contains(file.getKey());
            HttpApi.Reply metadata = api.get("/api/files/" + fileId, account.token());
            assertThat(metadata.status()).isEqualTo(200);
            assertThat(metadata.data()).isEqualTo(uploaded);
        }

        JsonNode listed = api.get("/api/files", account.token()).data();
        assertThat(listed.path("files")).hasSize(4);
        assertThat(listed.path("pagination").path("total").asLong()).isEqualTo(4);
        assertThat(api.get("/api/files?type=image", account.token()).data().path("files"))
                .extracting(file -> file.path("name").asText()).containsExactlyInAnyOrder("photo.png", "holiday.jpg");
        assertThat(api.get("/api/files?type=application/pdf", account.token()).data().path("files"))
                .extracting(file -> file.path("name").asText()).containsExactly("report.pdf");
        assertThat(api.get("/api/files?page=2&limit=3", account.token()).data().path("files")).hasSize(1);
        JsonNode supported = api.get("/api/files/supported-types", account.token()).data();
        assertThat(supported.path("usedBytes").asLong())
                .isEqualTo(sent.values().stream().mapToLong(bytes -> bytes.length).sum());
        assertThat(supported.path("files").asLong()).isEqualTo(4);
    }

    @Test
    void theTypeComesFromTheBytesNotFromTheNameOrTheDeclaredType() {
        Account account = register();

        JsonNode disguisedImage = uploadOne(account, new FilePart("readme.txt", "text/plain", SampleFiles.png()));
        assertThat(disguisedImage.path("type").asText()).isEqualTo("image/png");
        HttpResponse<byte[]> content = api.download("/api/files/" + disguisedImage.path("fileId").asText()
                + "/content", account.token());
        assertThat(content.headers().firstValue("Content-Type")).hasValue("image/png");

        long storedBefore = storedFiles();
        for (FilePart executable : List.of(new FilePart("cat.png", "image/png", SampleFiles.windowsExecutable()),
                new FilePart("cat.jpg", "image/jpeg", SampleFiles.linuxExecutable()))) {
            HttpApi.Reply refused = upload(account, executable);
            assertThat(refused.status()).as(refused.body().toString()).isEqualTo(415);
            assertThat(refused.code()).isEqualTo("UNSUPPORTED_FILE_TYPE");
            assertThat(refused.body().path("details").path("detectedType").asText()).isNotIn("image/png",
                    "image/jpeg");
        }
        HttpApi.Reply mixed = upload(account, new FilePart("fine.txt", "text/plain", SampleFiles.text("fine")),
                new FilePart("photo.png", "image/png", SampleFiles.windowsExecutable()));
        assertThat(mixed.status()).isEqualTo(415);

        assertThat(storedFiles()).isEqualTo(storedBefore);
        assertThat(api.get("/api/files", account.token()).data().path("files")).hasSize(1);
        assertThat(uploadEventsOf(account)).isEqualTo(1);
    }

    @Test
    void aFileAboveTheLargestSizeIs413AndNothingIsStored() {
        Account account = register();
        long storedBefore = storedFiles();

        HttpApi.Reply tooLarge = upload(account, new FilePart("big.txt", "text/plain",
                SampleFiles.textOfSize(FILES_MAX_SIZE + 1)));
        HttpApi.Reply requestTooLarge = upload(account,
                new FilePart("a.txt", "text/plain", SampleFiles.textOfSize(FILES_MAX_SIZE)),
                new FilePart("b.txt", "text/plain", SampleFiles.textOfSize(FILES_MAX_SIZE)),
                new FilePart("c.txt", "text/plain", SampleFiles.textOfSize(FILES_MAX_SIZE)),
                new FilePart("d.txt", "text/plain", SampleFiles.textOfSize(FILES_MAX_SIZE)),
                new FilePart("e.txt", "text/plain", SampleFiles.textOfSize(FILES_MAX_SIZE)));

        for (HttpApi.Reply refused : List.of(tooLarge, requestTooLarge)) {
            assertThat(refused.status()).as(refused.body().toString()).isEqualTo(413);
            assertThat(refused.body().path("status").asText()).isEqualTo("error");
            assertThat(refused.code()).isEqualTo("PAYLOAD_TOO_LARGE");
        }
        JsonNode atTheLimit = uploadOne(account, new FilePart("limit.txt", "text/plain",
                SampleFiles.textOfSize(FILES_MAX_SIZE)));
        assertThat(atTheLimit.path("size").asLong()).isEqualTo(FILES_MAX_SIZE);
        assertThat(storedFiles()).isEqualTo(storedBefore + 1);
    }

    @Test
    void concurrentUploadsNeverTogetherPassThePlansQuota() throws Exception {
        Account account = register();
        long size = 200 * 1024;
        int attempts = 8;
        long fitting = FILES_QUOTA_FREE / size;
        long storedBefore = storedFiles();

        ExecutorService pool = Executors.newFixedThreadPool(attempts);
        List<HttpApi.Reply> replies = new ArrayList<>();
        try {
            List<Future<HttpApi.Reply>> sent = new ArrayList<>();
            for (int i = 0; i < attempts; i++) {
                String name = "part-" + i + ".txt";
                Callable<HttpApi.Reply> send = () -> upload(account,
                        new FilePart(name, "text/plain", SampleFiles.textOfSize(size)));
                sent.add(pool.submit(send));
            }
            for (Future<HttpApi.Reply> reply : sent) {
                replies.add(reply.get());
            }
        } finally {
            pool.shutdown();
        }

        assertThat(replies.stream().filter(reply -> reply.status() == 201)).hasSize((int) fitting);
        assertThat(replies.stream().filter(reply -> reply.status() != 201)).hasSize((int) (attempts - fitting))
                .allSatisfy(reply -> {
                    assertThat(reply.status()).isEqualTo(413);
                    assertThat(reply.code()).isEqualTo("STORAGE_QUOTA_EXCEEDED");
                });
        JsonNode supported = api.get("/api/files/supported-types", account.token()).data();
        assertThat(supported.path("usedBytes").asLong()).isEqualTo(fitting * size);
        assertThat(supported.path("quotaBytes").asLong()).isEqualTo(FILES_QUOTA_FREE);
        assertThat(api.get("/api/files", account.token()).data().path("files")).hasSize((int) fitting);
        assertThat(storedFiles()).isEqualTo(storedBefore + fitting);
        assertThat(uploadEventsOf(account)).isEqualTo(fitting);
    }

    @Test
    void anotherUsersFileIsNotFoundOnEveryEndpoint() {
        Account owner = register();
        Account stranger = register();
        String fileId = uploadOne(owner, new FilePart("secret.pdf", "application/pdf", SampleFiles.pdf()))
                .path("fileId").asText();

        assertThat(api.get("/api/files/" + fileId, stranger.token()).status()).isEqualTo(404);
        HttpResponse<byte[]> content = api.download("/api/files/" + fileId + "/content", stranger.token());
        assertThat(content.statusCode()).isEqualTo(404);
        assertThat(new String(content.body())).contains("NOT_FOUND").doesNotContain("%PDF");
        HttpApi.Reply deleted = api.delete("/api/files/" + fileId, stranger.token());
        assertThat(deleted.status()).isEqualTo(404);
        assertThat(deleted.code()).isEqualTo("NOT_FOUND");
        assertThat(api.get("/api/files", stranger.token()).data().path("files")).isEmpty();
        assertThat(api.get("/api/files/file-0123456789abcdef0123456789abcdef", owner.token()).status())
                .isEqualTo(404);
        assertThat(api.get("/api/files/not-a-file-id", owner.token()).status()).isEqualTo(404);

        assertThat(bytesStored(fileId)).isTrue();
        assertThat(api.get("/api/files/" + fileId, owner.token()).status()).isEqualTo(200);
    }

    @Test
    void deletingAFileDeletesItsBytesAndFreesItsQuota() {
        Account account = register();
        JsonNode file = uploadOne(account, new FilePart("draft.txt", "text/plain", SampleFiles.text("draft")));
        String fileId = file.path("fileId").asText();
        assertThat(bytesStored(fileId)).isTrue();

        HttpApi.Reply deleted = api.delete("/api/files/" + fileId, account.token());

        assertThat(deleted.status()).as(deleted.body().toString()).isEqualTo(200);
        assertThat(bytesStored(fileId)).isFalse();
        assertThat(mongo.getCollection(GRIDFS_CHUNKS).countDocuments(new Document("files_id", fileId))).isZero();
        assertThat(api.get("/api/files/" + fileId, account.token()).status()).isEqualTo(404);
        assertThat(api.download("/api/files/" + fileId + "/content", account.token()).statusCode()).isEqualTo(404);
        assertThat(api.get("/api/files", account.token()).data().path("files")).isEmpty();
        assertThat(api.get("/api/files/supported-types", account.token()).data().path("usedBytes").asLong()).isZero();
        assertThat(api.delete("/api/files/" + fileId, account.token()).status()).isEqualTo(404);
    }

    @Test
    void namesWithControlOrTextDirectionCharactersAreRefusedAndPathsAreCutToTheName() {
        Account account = register();

        for (String name : List.of("bell\u0007.txt", "invoice\u202Etxt.exe", " ", "x".repeat(256))) {
            HttpApi.Reply refused = api.upload("/api/files",
                    List.of(new FilePart("ok.txt", "text/plain", SampleFiles.text("hello"))),
                    Map.of("displayName", name), account.token());
            assertThat(refused.status()).as(name).isEqualTo(400);
            assertThat(refused.code()).isEqualTo("VALIDATION_FAILED");
            assertThat(refused.body().path("details").has("displayName")).isTrue();
        }
        JsonNode renamed = api.upload("/api/files", List.of(new FilePart("ok.txt", "text/plain",
                SampleFiles.text("hello"))), Map.of("displayName", "Résumé 2026.txt"), account.token())
                .data().path("files").get(0);
        assertThat(renamed.path("name").asText()).isEqualTo("Résumé 2026.txt");
        HttpResponse<byte[]> content = api.download("/api/files/" + renamed.path("fileId").asText() + "/content",
                account.token());
        assertThat(content.headers().firstValue("Content-Disposition").orElseThrow())
                .contains("filename*=UTF-8''R%C3%A9sum%C3%A9%202026.txt");
        JsonNode fromPath = uploadOne(account, new FilePart("../../home/me/notes.txt", "text/plain",
                SampleFiles.text("hi")));
        assertThat(fromPath.path("name").asText()).isEqualTo("notes.txt");
        assertThat(api.get("/api/files", account.token()).data().path("files")).hasSize(2);
    }

    @Test
    void anUploadWithoutFilesOrByAGuestChangesNothing() {
        Account account = register();
        HttpApi.Reply empty = api.upload("/api/files", List.of(), Map.of("displayName", "x.txt"), account.token());
        assertThat(empty.status()).isEqualTo(400);
        HttpApi.Reply emptyFile = upload(account, new FilePart("empty.txt", "text/plain", new byte[0]));
        assertThat(emptyFile.status()).isEqualTo(400);
        String guest = api.post("/api/auth/guest", Map.of(), null).data().path("token").asText();
        HttpApi.Reply byGuest = api.upload("/api/files", List.of(new FilePart("a.txt", "text/plain",
                SampleFiles.text("a"))), Map.of(), guest);
        assertThat(byGuest.status()).isEqualTo(403);
        assertThat(api.upload("/api/files", List.of(new FilePart("a.txt", "text/plain", SampleFiles.text("a"))),
                Map.of(), null).status()).isEqualTo(401);
        assertThat(api.get("/api/files", account.token()).data().path("files")).isEmpty();
    }

    @Test
    void deletingAnAccountDeletesItsFilesAndTheirBytes() {
        Account account = register();
        String fileId = uploadOne(account, new FilePart("mine.png", "image/png", SampleFiles.png()))
                .path("fileId").asText();

        HttpApi.Reply deleted = api.delete("/api/admin/users/" + account.id(), admin().token());

        assertThat(deleted.status()).as(deleted.body().toString()).isEqualTo(200);
        await().until(() -> !bytesStored(fileId));
        assertThat(mongo.getCollection("files").countDocuments(new Document("ownerId", account.id()))).isZero();
    }
}
