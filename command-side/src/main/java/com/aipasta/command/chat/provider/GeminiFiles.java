package com.aipasta.command.chat.provider;

import com.aipasta.command.chat.provider.ProviderException.Kind;
import com.fasterxml.jackson.databind.JsonNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Gemini's File API, for images too large to go inline: a resumable upload (a start request naming the size and
 * type, then the bytes with {@code upload, finalize} to the URL the start answered with), then, while Gemini still
 * processes the file, its state read again until it is active. An uploaded file's URI is remembered by the digest of
 * its bytes for less than the 48 hours Gemini keeps it, so a history sent again does not upload its images again.
 * One provider holds one API key, so what it remembers is that key's.
 */
final class GeminiFiles {

    /** What a {@code file_data} part names. */
    record UploadedFile(String uri, String mimeType) {
    }

    static final Duration REMEMBERED_FOR = Duration.ofHours(46);
    private static final long MAX_REMEMBERED = 10_000;
    private static final Duration PROCESSING_POLL_PAUSE = Duration.ofMillis(500);
    private static final Pattern FILE_NAME = Pattern.compile("files/[a-z0-9-]+");
    private static final String UPLOAD_URL_HEADER = "X-Goog-Upload-URL";

    private final ProviderHttp http;
    private final String provider;
    private final HttpUrl baseUrl;
    private final HttpUrl uploadUrl;
    private final String apiKey;
    private final Duration processingTimeout;
    private final Cache<String, UploadedFile> uploaded = Caffeine.newBuilder()
            .expireAfterWrite(REMEMBERED_FOR).maximumSize(MAX_REMEMBERED).build();

    /**
     * {@code baseUrl} is the API's up to its version ({@code …/v1beta}); uploads go to the same host under
     * {@code upload/}: {@code …/upload/v1beta/files}.
     */
    GeminiFiles(ProviderHttp http, String provider, HttpUrl baseUrl, String apiKey, Duration processingTimeout) {
        this.http = http;
        this.provider = provider;
        this.baseUrl = baseUrl;
        this.uploadUrl = uploadUrlOf(baseUrl);
        this.apiKey = apiKey;
        this.processingTimeout = processingTimeout;
    }

    private static HttpUrl uploadUrlOf(HttpUrl baseUrl) {
        List<String> segments = baseUrl.pathSegments().stream().filter(segment -> !segment.isEmpty()).toList();
        HttpUrl.Builder upload = baseUrl.newBuilder().encodedPath("/");
        segments.subList(0, Math.max(0, segments.size() - 1)).forEach(upload::addPathSegment);
        upload.addPathSegment("upload");
        if (!segments.isEmpty()) {
            upload.addPathSegment(segments.get(segments.size() - 1));
        }
        return upload.addPathSegment("files").build();
    }

    /** The image as a file at Gemini: one uploaded before, or uploaded now. Throws {@link ProviderException}. */
    UploadedFile upload(ChatRequest.ImagePart image) {
        String digest = digest(image.base64());
        UploadedFile known = uploaded.getIfPresent(digest);
        if (known != null) {
            return known;
        }
        UploadedFile file = uploadNow(image);
        uploaded.put(digest, file);
        return file;
    }

    /** Uploads the image again the next time it is sent. */
    void forget(ChatRequest.ImagePart image) {
        uploaded.invalidate(digest(image.base64()));
    }

    private UploadedFile uploadNow(ChatRequest.ImagePart image) {
        byte[] bytes = Base64.getDecoder().decode(image.base64());
        JsonNode metadata = http.json().createObjectNode().set("file",
                http.json().createObjectNode().put("display_name", image.name()));
        String sessionUrl = http.callForHeader(provider, new Request.Builder().url(uploadUrl)
                .header("x-goog-api-key", apiKey)
                .header("X-Goog-Upload-Protocol", "resumable")
                .header("X-Goog-Upload-Command", "start")
                .header("X-Goog-Upload-Header-Content-Length", String.valueOf(bytes.length))
                .header("X-Goog-Upload-Header-Content-Type", image.mediaType())
                .post(http.jsonBody(metadata)).build(), UPLOAD_URL_HEADER);
        HttpUrl session = HttpUrl.parse(sessionUrl);
        if (session == null) {
            throw ProviderFailures.malformed(provider, "an upload URL that is not a URL", null);
        }
        // the session URL authorizes the upload by itself, so the key is not sent to wherever it points
        JsonNode file = http.callJson(provider, new Request.Builder().url(session)
                .header("X-Goog-Upload-Command", "upload, finalize")
                .header("X-Goog-Upload-Offset", "0")
                .post(RequestBody.create(bytes, MediaType.get(image.mediaType()))).build()).path("file");
        return active(file, image);
    }

    /** The file once Gemini has processed it, reading its state again while it is processing, for a bounded time. */
    private UploadedFile active(JsonNode file, ChatRequest.ImagePart image) {
        String name = file.path("name").asText("");
        if (!FILE_NAME.matcher(name).matches() || !file.path("uri").isTextual()) {
            throw ProviderFailures.malformed(provider, "an uploaded file without a name and URI", null);
        }
        long deadline = System.nanoTime() + processingTimeout.toNanos();
        while ("PROCESSING".equals(file.path("state").asText())) {
            if (System.nanoTime() - deadline > 0) {
                throw new ProviderException(Kind.TIMEOUT, provider + " was still processing " + name
                        + " after " + processingTimeout);
            }
            pause();
            file = http.callJson(provider, new Request.Builder().url(baseUrl.newBuilder().addPathSegments(name)
                    .build()).header("x-goog-api-key", apiKey).get().build());
        }
        if ("FAILED".equals(file.path("state").asText())) {
            throw new ProviderException(Kind.BAD_REQUEST, provider + " could not process the file " + image.name()
                    + ": " + file.path("error").path("message").asText("no details"));
        }
        return new UploadedFile(file.path("uri").asText(), file.path("mimeType").asText(image.mediaType()));
    }

    private void pause() {
        try {
            Thread.sleep(PROCESSING_POLL_PAUSE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderException(Kind.CONNECTION, provider + " file upload was interrupted", e);
        }
    }

    private static String digest(String base64) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(base64.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
