package com.aipasta.ops.file;

import com.aipasta.ops.HttpApi;
import com.aipasta.ops.HttpApi.FilePart;
import com.aipasta.ops.StandalonePlatform;
import com.aipasta.ops.TemporaryDirectories;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Images attached to turns of a Gemini model, as a Gemini stand-in receives them: inline within the inline limit,
 * through the File API's resumable upload past it, and the wallet afterwards. The platform's inline limit is small,
 * so an image of some kilobytes is past it.
 */
class GeminiAttachmentsHttpTest {

    private static final String PASSWORD = "gemini attachments passphrase";
    private static final String MODEL = "gemini/gemini-2.5-flash";
    private static final String API_KEY = "gemini-test-key";
    private static final long INLINE_LIMIT = 16 * 1024;
    /** What the stand-in's answer reports: 12 prompt tokens, 19 answer and 161 thought tokens. */
    private static final long USED = 192;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Queue<RecordedRequest> UPLOAD_STARTS = new ConcurrentLinkedQueue<>();
    private static final Queue<RecordedRequest> UPLOADS = new ConcurrentLinkedQueue<>();
    private static final Queue<RecordedRequest> FILE_READS = new ConcurrentLinkedQueue<>();
    private static final Queue<String> GENERATIONS = new ConcurrentLinkedQueue<>();
    private static final AtomicInteger SESSIONS = new AtomicInteger();

    private static MockWebServer gemini;
    private static ConfigurableApplicationContext platform;
    private static HttpApi api;

    @BeforeAll
    static void start() throws IOException {
        gemini = new MockWebServer();
        gemini.setDispatcher(new GeminiStandIn());
        gemini.start();
        platform = StandalonePlatform.start(TemporaryDirectories.create("aipasta-gemini-"),
                "--aipasta.providers.gemini.api-key=" + API_KEY,
                "--aipasta.providers.gemini.base-url=" + gemini.url("/v1beta"),
                "--aipasta.providers.gemini.free-models=gemini-2.5-flash",
                "--aipasta.providers.gemini.inline-limit=" + INLINE_LIMIT + "B");
        api = StandalonePlatform.api(platform);
    }

    @AfterAll
    static void stop() {
        platform.close();
        gemini.close();
    }

    private static String register() {
        HttpApi.Reply reply = api.post("/api/auth/register", Map.of("email", "gemini-" + UUID.randomUUID()
                + "@example.com", "password", PASSWORD, "name", "Gemini"), null);
        assertThat(reply.status()).as(reply.body().toString()).isEqualTo(201);
        return reply.data().path("token").asText();
    }

    private static String upload(String token, String name, byte[] bytes) {
        HttpApi.Reply reply = api.upload("/api/files", List.of(new FilePart(name, "application/octet-stream", bytes)),
                Map.of(), token);
        assertThat(reply.status()).as(reply.body().toString()).isEqualTo(201);
        return reply.data().path("files").get(0).path("fileId").asText();
    }

    private static JsonNode wallet(String token) {
        return api.get("/api/user/wallet", token).data();
    }

    /** The one generateContent request that holds {@code marker}. */
    private static JsonNode generationWith(String marker) throws IOException {
        List<String> sent = GENERATIONS.stream().filter(body -> body.contains(marker)).toList();
        assertThat(sent).hasSize(1);
        return JSON.readTree(sent.get(0));
    }

    private static String marker() {
        return "[gemini-" + UUID.randomUUID() + "]";
    }

    @Test
    void anImageWithinTheInlineLimitReachesGeminiAsInlineDataAndTheTurnIsPaidByTheReportedUsage() throws Exception {
        String token = register();
        byte[] png = SampleFiles.png();
        String image = upload(token, "chart.png", png);
        long balance = wallet(token).path("balance").asLong();
        int uploadsBefore = UPLOAD_STARTS.size();
        String marker = marker();

        HttpApi.Reply turn = api.post("/api/chat", Map.of("message", "What does this show? " + marker,
                "modelId", MODEL, "files", List.of(image)), token);

        assertThat(turn.status()).as(turn.body().toString()).isEqualTo(200);
        assertThat(generationWith(marker).path("contents").get(0).toString()).isEqualTo("{\"role\":\"user\","
                + "\"parts\":[{\"text\":\"What does this show? " + marker + "\"},"
                + "{\"inline_data\":{\"mime_type\":\"image/png\",\"data\":\""
                + Base64.getEncoder().encodeToString(png) + "\"}}]}");
        assertThat(UPLOAD_STARTS).hasSize(uploadsBefore);
        assertThat(turn.data().path("usage").path("totalTokens").asLong()).isEqualTo(USED);
        JsonNode after = wallet(token);
        assertThat(after.path("balance").asLong()).isEqualTo(balance - USED);
        assertThat(after.path("reserved").asLong()).isZero();
    }

    @Test
    void anImagePastTheInlineLimitIsUploadedThroughTheFileApiOnceAndSentAsFileData() throws Exception {
        String token = register();
        byte[] png = SampleFiles.noisyPng(80, 1);
        assertThat(png.length).isGreaterThan((int) INLINE_LIMIT);
        String image = upload(token, "photo.png", png);
        long balance = wallet(token).path("balance").asLong();
        String marker = marker();

        HttpApi.Reply turn = api.post("/api/chat", Map.of("message", "Describe it " + marker,
                "modelId", MODEL, "files", List.of(image)), token);

        assertThat(turn.status()).as(turn.body().toString()).isEqualTo(200);
        RecordedRequest start = UPLOAD_STARTS.stream()
                .filter(request -> request.getBody().utf8().contains("photo.png")).findFirst().orElseThrow();
        assertThat(start.getUrl().encodedPath()).isEqualTo("/upload/v1beta/files");
        assertThat(start.getHeaders().get("x-goog-api-key")).isEqualTo(API_KEY);
        assertThat(start.getHeaders().get("X-Goog-Upload-Protocol")).isEqualTo("resumable");
        assertThat(start.getHeaders().get("X-Goog-Upload-Command")).isEqualTo("start");
        assertThat(start.getHeaders().get("X-Goog-Upload-Header-Content-Length")).isEqualTo(String.valueOf(png.length));
        assertThat(start.getHeaders().get("X-Goog-Upload-Header-Content-Type")).isEqualTo("image/png");
        assertThat(start.getBody().utf8()).isEqualTo("{\"file\":{\"display_name\":\"photo.png\"}}");
        RecordedRequest upload = UPLOADS.stream()
                .filter(request -> request.getBody().size() == png.length).findFirst().orElseThrow();
        assertThat(upload.getHeaders().get("X-Goog-Upload-Command")).isEqualTo("upload, finalize");
        assertThat(upload.getHeaders().get("X-Goog-Upload-Offset")).isEqualTo("0");
        assertThat(upload.getBody().toByteArray()).isEqualTo(png);
        String fileName = upload.getUrl().encodedPath().substring("/upload-session/".length());
        assertThat(FILE_READS).anyMatch(read -> read.getUrl().encodedPath().equals("/v1beta/files/" + fileName));
        JsonNode parts = generationWith(marker).path("contents").get(0).path("parts");
        assertThat(parts.toString()).isEqualTo("[{\"text\":\"Describe it " + marker + "\"},"
                + "{\"file_data\":{\"mime_type\":\"image/png\",\"file_uri\":\"" + fileUri(fileName) + "\"}}]");
        assertThat(wallet(token).path("balance").asLong()).isEqualTo(balance - USED);

        int uploads = UPLOADS.size();
        String next = marker();
        HttpApi.Reply again = api.post("/api/chat", Map.of("message", "And its colours? " + next,
                "sessionId", turn.data().path("session").path("id").asText(), "modelId", MODEL), token);

        assertThat(again.status()).as(again.body().toString()).isEqualTo(200);
        assertThat(generationWith(next).path("contents").get(0).path("parts")).isEqualTo(parts);
        assertThat(UPLOADS).hasSize(uploads);
    }

    @Test
    void anUploadGeminiRefusesIsAProviderErrorAndCostsNothing() throws Exception {
        String token = register();
        String image = upload(token, "refused.png", SampleFiles.noisyPng(80, 2));
        long balance = wallet(token).path("balance").asLong();
        String marker = marker();

        HttpApi.Reply turn = api.post("/api/chat", Map.of("message", "Describe it " + marker,
                "modelId", MODEL, "files", List.of(image)), token);

        assertThat(turn.status()).as(turn.body().toString()).isEqualTo(502);
        assertThat(turn.code()).isEqualTo("PROVIDER_ERROR");
        assertThat(turn.body().path("details").path("providerError").asText()).isEqualTo("PROVIDER_RATE_LIMITED");
        assertThat(GENERATIONS).noneMatch(body -> body.contains(marker));
        JsonNode after = wallet(token);
        assertThat(after.path("balance").asLong()).isEqualTo(balance);
        assertThat(after.path("reserved").asLong()).isZero();
    }

    private static String fileUri(String fileName) {
        return gemini.url("/v1beta/files/" + fileName).toString();
    }

    /**
     * Gemini's model list, resumable uploads (a display name holding {@code refused} is answered 429; an upload is
     * still processing until its state is read), file states, and streamed answers with usage.
     */
    private static final class GeminiStandIn extends Dispatcher {

        private static final String ANSWER = """
                data: {"candidates": [{"content": {"parts": [{"text": "Thinking it over.","thought": true}],\
                "role": "model"},"index": 0}],"usageMetadata": {"promptTokenCount": 12,"totalTokenCount": 12}}

                data: {"candidates": [{"content": {"parts": [{"text": "An orange picture."}],"role": "model"},\
                "finishReason": "STOP","index": 0}],"usageMetadata": {"promptTokenCount": 12,\
                "candidatesTokenCount": 19,"totalTokenCount": 192,"thoughtsTokenCount": 161}}

                """;

        @Override
        public MockResponse dispatch(RecordedRequest request) {
            String path = request.getUrl().encodedPath();
            if (path.equals("/v1beta/models")) {
                return json(200, "{\"models\": [{\"name\": \"models/gemini-2.5-flash\", \"displayName\": "
                        + "\"Gemini 2.5 Flash\", \"inputTokenLimit\": 1048576, \"thinking\": true, "
                        + "\"supportedGenerationMethods\": [\"generateContent\", \"countTokens\"]}]}");
            }
            if (path.equals("/upload/v1beta/files")) {
                UPLOAD_STARTS.add(request);
                if (request.getBody().utf8().contains("refused")) {
                    return json(429, "{\"error\": {\"code\": 429, \"message\": \"Resource has been exhausted\", "
                            + "\"status\": \"RESOURCE_EXHAUSTED\"}}");
                }
                return new MockResponse.Builder().code(200).addHeader("X-Goog-Upload-URL",
                        gemini.url("/upload-session/upload-" + SESSIONS.incrementAndGet()).toString()).build();
            }
            if (path.startsWith("/upload-session/")) {
                UPLOADS.add(request);
                return json(200, "{\"file\": " + file(path.substring("/upload-session/".length()), "PROCESSING")
                        + "}");
            }
            if (path.startsWith("/v1beta/files/")) {
                FILE_READS.add(request);
                return json(200, file(path.substring("/v1beta/files/".length()), "ACTIVE"));
            }
            if (path.equals("/v1beta/models/gemini-2.5-flash:streamGenerateContent")) {
                GENERATIONS.add(request.getBody().utf8());
                return new MockResponse.Builder().addHeader("Content-Type", "text/event-stream").body(ANSWER)
                        .build();
            }
            return json(404, "{\"error\": {\"code\": 404, \"message\": \"not found\", \"status\": \"NOT_FOUND\"}}");
        }

        private static String file(String name, String state) {
            return "{\"name\": \"files/" + name + "\", \"mimeType\": \"image/png\", \"uri\": \"" + fileUri(name)
                    + "\", \"state\": \"" + state + "\"}";
        }

        private static MockResponse json(int status, String body) {
            return new MockResponse.Builder().code(status).addHeader("Content-Type", "application/json").body(body)
                    .build();
        }
    }
}
