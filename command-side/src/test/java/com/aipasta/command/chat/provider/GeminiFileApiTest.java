package com.aipasta.command.chat.provider;

import com.fasterxml.jackson.databind.JsonNode;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Images over Gemini's inline limit, through the exact requests of its File API's resumable upload. */
class GeminiFileApiTest extends ProviderServer {

    private static final long INLINE_LIMIT = 4096;
    private static final byte[] SMALL = bytes(100, 1);
    private static final byte[] LARGE = bytes(6000, 2);
    private static final ChatRequest.ImagePart SMALL_IMAGE = image("dot.png", SMALL);
    private static final ChatRequest.ImagePart LARGE_IMAGE = image("photo.png", LARGE);

    private static byte[] bytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static ChatRequest.ImagePart image(String name, byte[] bytes) {
        return new ChatRequest.ImagePart(name, "image/png", Base64.getEncoder().encodeToString(bytes));
    }

    private GeminiProvider provider() {
        ProviderProperties all = properties(KEY);
        ProviderProperties small = new ProviderProperties(all.openrouter(), all.huggingface(),
                new ProviderProperties.Gemini(KEY, all.gemini().baseUrl(), List.of(), DataSize.ofBytes(INLINE_LIMIT)),
                all.openaiCompatible(), all.timeouts());
        return new GeminiProvider(http(small), small);
    }

    private static ChatRequest askingAbout(ChatRequest.ImagePart... images) {
        return new ChatRequest("gemini-2.5-flash", null, List.of(
                new ChatRequest.ChatMessage(ChatRequest.Role.USER, "What is in these?", List.of(images))),
                null, null, null);
    }

    private RecordingListener stream(GeminiProvider provider, ChatRequest request) throws InterruptedException {
        RecordingListener listener = new RecordingListener();
        provider.stream(request, listener);
        listener.awaitTerminal();
        awaitIdle();
        return listener;
    }

    private void enqueueUpload(String state) {
        server.enqueue(new MockResponse.Builder().code(200)
                .addHeader("X-Goog-Upload-URL", server.url("/upload-session/7").toString()).build());
        server.enqueue(json(200, "{\"file\": {\"name\": \"files/photo-7\", \"displayName\": \"photo.png\", "
                + "\"mimeType\": \"image/png\", \"sizeBytes\": \"6000\", \"uri\": \"" + fileUri() + "\", "
                + "\"state\": \"" + state + "\"}}"));
    }

    private String fileUri() {
        return server.url("/v1beta/files/photo-7").toString();
    }

    @Test
    void theLargestImageGoesThroughAResumableUploadAndIsSentAsFileDataWhileTheSmallOneStaysInline()
            throws Exception {
        enqueueUpload("PROCESSING");
        server.enqueue(json(200, "{\"name\": \"files/photo-7\", \"mimeType\": \"image/png\", \"uri\": \""
                + fileUri() + "\", \"state\": \"ACTIVE\"}"));
        server.enqueue(events(transcript("gemini-stream-thinking.txt")).build());

        RecordingListener listener = stream(provider(), askingAbout(SMALL_IMAGE, LARGE_IMAGE));

        assertThat(listener.calls()).last().isEqualTo("complete:STOP");
        RecordedRequest start = server.takeRequest();
        assertThat(start.getMethod()).isEqualTo("POST");
        assertThat(start.getUrl().encodedPath()).isEqualTo("/upload/v1beta/files");
        assertThat(start.getHeaders().get("x-goog-api-key")).isEqualTo(KEY);
        assertThat(start.getHeaders().get("X-Goog-Upload-Protocol")).isEqualTo("resumable");
        assertThat(start.getHeaders().get("X-Goog-Upload-Command")).isEqualTo("start");
        assertThat(start.getHeaders().get("X-Goog-Upload-Header-Content-Length")).isEqualTo("6000");
        assertThat(start.getHeaders().get("X-Goog-Upload-Header-Content-Type")).isEqualTo("image/png");
        assertThat(start.getHeaders().get("Content-Type")).startsWith("application/json");
        assertThat(bodyOf(start).toString()).isEqualTo("{\"file\":{\"display_name\":\"photo.png\"}}");

        RecordedRequest upload = server.takeRequest();
        assertThat(upload.getMethod()).isEqualTo("POST");
        assertThat(upload.getUrl().encodedPath()).isEqualTo("/upload-session/7");
        assertThat(upload.getHeaders().get("X-Goog-Upload-Command")).isEqualTo("upload, finalize");
        assertThat(upload.getHeaders().get("X-Goog-Upload-Offset")).isEqualTo("0");
        assertThat(upload.getHeaders().get("Content-Length")).isEqualTo("6000");
        assertThat(upload.getHeaders().get("x-goog-api-key")).as("the session URL needs no key").isNull();
        assertThat(upload.getBody().toByteArray()).isEqualTo(LARGE);

        RecordedRequest poll = server.takeRequest();
        assertThat(poll.getMethod()).isEqualTo("GET");
        assertThat(poll.getUrl().encodedPath()).isEqualTo("/v1beta/files/photo-7");
        assertThat(poll.getHeaders().get("x-goog-api-key")).isEqualTo(KEY);

        RecordedRequest generate = server.takeRequest();
        assertThat(generate.getUrl().encodedPath()).isEqualTo("/v1beta/models/gemini-2.5-flash:streamGenerateContent");
        assertThat(bodyOf(generate).path("contents").get(0).path("parts").toString()).isEqualTo("["
                + "{\"text\":\"What is in these?\"},"
                + "{\"inline_data\":{\"mime_type\":\"image/png\",\"data\":\"" + SMALL_IMAGE.base64() + "\"}},"
                + "{\"file_data\":{\"mime_type\":\"image/png\",\"file_uri\":\"" + fileUri() + "\"}}]");
    }

    @Test
    void anImageUploadedOnceIsNotUploadedAgainWhenTheHistoryIsSentAgain() throws Exception {
        GeminiProvider provider = provider();
        enqueueUpload("ACTIVE");
        server.enqueue(events(transcript("gemini-stream-thinking.txt")).build());
        server.enqueue(events(transcript("gemini-stream-thinking.txt")).build());
        stream(provider, askingAbout(LARGE_IMAGE));
        server.takeRequest();
        server.takeRequest();
        server.takeRequest();

        stream(provider, new ChatRequest("gemini-2.5-flash", null, List.of(
                new ChatRequest.ChatMessage(ChatRequest.Role.USER, "What is in this?", List.of(LARGE_IMAGE)),
                new ChatRequest.ChatMessage(ChatRequest.Role.ASSISTANT, "A photo."),
                new ChatRequest.ChatMessage(ChatRequest.Role.USER, "And its colours?")), null, null, null));

        RecordedRequest generate = server.takeRequest();
        assertThat(generate.getUrl().encodedPath()).endsWith(":streamGenerateContent");
        JsonNode firstParts = bodyOf(generate).path("contents").get(0).path("parts");
        assertThat(firstParts.get(1).path("file_data").path("file_uri").asText()).isEqualTo(fileUri());
        assertThat(server.getRequestCount()).isEqualTo(4);
    }

    @Test
    void aRememberedFileGeminiNoLongerHoldsIsUploadedAgainAfterTheRefusal() throws Exception {
        GeminiProvider provider = provider();
        enqueueUpload("ACTIVE");
        server.enqueue(events(transcript("gemini-stream-thinking.txt")).build());
        stream(provider, askingAbout(LARGE_IMAGE));
        server.enqueue(json(403, "{\"error\": {\"code\": 403, \"message\": \"You do not have permission to access "
                + "the File photo-7 or it may not exist.\", \"status\": \"PERMISSION_DENIED\"}}"));

        assertThat(stream(provider, askingAbout(LARGE_IMAGE)).calls()).containsExactly("error:AUTHENTICATION");
        enqueueUpload("ACTIVE");
        server.enqueue(events(transcript("gemini-stream-thinking.txt")).build());
        stream(provider, askingAbout(LARGE_IMAGE));

        List<String> paths = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            paths.add(server.takeRequest().getUrl().encodedPath());
        }
        assertThat(paths).containsExactly("/upload/v1beta/files", "/upload-session/7",
                "/v1beta/models/gemini-2.5-flash:streamGenerateContent",
                "/v1beta/models/gemini-2.5-flash:streamGenerateContent",
                "/upload/v1beta/files", "/upload-session/7",
                "/v1beta/models/gemini-2.5-flash:streamGenerateContent");
    }

    @Test
    void aRefusedUploadFailsTheStreamAsAProviderErrorAndNothingIsGenerated() throws Exception {
        server.enqueue(json(429, transcript("gemini-error-429.json")));

        RecordingListener listener = stream(provider(), askingAbout(LARGE_IMAGE));

        assertThat(listener.calls()).containsExactly("error:RATE_LIMITED");
        assertThat(server.takeRequest().getUrl().encodedPath()).isEqualTo("/upload/v1beta/files");
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void aFileGeminiCouldNotProcessFailsTheStream() throws Exception {
        enqueueUpload("PROCESSING");
        server.enqueue(json(200, "{\"name\": \"files/photo-7\", \"uri\": \"" + fileUri() + "\", \"state\": "
                + "\"FAILED\", \"error\": {\"code\": 3, \"message\": \"Unsupported image\"}}"));

        RecordingListener listener = stream(provider(), askingAbout(LARGE_IMAGE));

        assertThat(listener.calls()).containsExactly("error:BAD_REQUEST");
        assertThat(server.getRequestCount()).isEqualTo(3);
    }

    @Test
    void anUploadAnswerWithoutItsSessionUrlIsMalformed() throws Exception {
        server.enqueue(json(200, "{}"));

        RecordingListener listener = stream(provider(), askingAbout(LARGE_IMAGE));

        assertThat(listener.calls()).containsExactly("error:MALFORMED_RESPONSE");
    }
}
