package com.aipasta.command.chat.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.util.unit.DataSize;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/** A MockWebServer standing in for every provider, and the HTTP plumbing the providers under test use. */
abstract class ProviderServer {

    static final String KEY = "sk-test-key";
    static final ObjectMapper JSON = new ObjectMapper();

    MockWebServer server;
    private OkHttpClient client;
    private ProviderHttp http;

    @BeforeEach
    void startServer() throws IOException {
        server = new MockWebServer();
        server.start();
    }

    @AfterEach
    void stopServer() {
        if (http != null) {
            http.close();
            client.dispatcher().executorService().shutdownNow();
            client.connectionPool().evictAll();
        }
        server.close();
    }

    /** Every provider at this server, with the given key and timeouts. */
    ProviderProperties properties(String apiKey, Duration firstByte, Duration idle) {
        String base = server.url("/").toString();
        return new ProviderProperties(
                new ProviderProperties.OpenRouter(apiKey, base + "api/v1"),
                new ProviderProperties.HuggingFace(apiKey, base + "v1"),
                new ProviderProperties.Gemini(apiKey, base + "v1beta", List.of("gemini-2.0-flash"),
                        DataSize.ofMegabytes(20)),
                new ProviderProperties.OpenAiCompatible(base + "v1/", apiKey, "local"),
                new ProviderProperties.Timeouts(Duration.ofSeconds(2), firstByte, idle));
    }

    ProviderProperties properties(String apiKey) {
        return properties(apiKey, Duration.ofSeconds(5), Duration.ofSeconds(5));
    }

    ProviderHttp http(ProviderProperties properties) {
        client = ProviderHttp.newClient(properties.timeouts());
        http = new ProviderHttp(client, JSON, properties);
        return http;
    }

    /** Waits until no call is running, so every listener call the stream could make has been made. */
    void awaitIdle() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (client.dispatcher().runningCallsCount() > 0) {
            if (System.nanoTime() > deadline) {
                fail("the provider call was still running after 5 s");
            }
            Thread.sleep(5);
        }
    }

    static String transcript(String name) {
        try (InputStream in = ProviderServer.class.getResourceAsStream("/transcripts/" + name)) {
            assertThat(in).as("transcript %s", name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static MockResponse.Builder events(String body) {
        return new MockResponse.Builder().addHeader("Content-Type", "text/event-stream").body(body);
    }

    static MockResponse json(int status, String body) {
        return new MockResponse.Builder().code(status).addHeader("Content-Type", "application/json").body(body).build();
    }

    static JsonNode bodyOf(RecordedRequest request) throws IOException {
        return JSON.readTree(request.getBody().utf8());
    }

    static ChatRequest question(String systemInstruction, Double temperature, Integer maxTokens, Double topP) {
        return new ChatRequest("some-model", systemInstruction, List.of(
                new ChatRequest.ChatMessage(ChatRequest.Role.USER, "What is the capital of France?"),
                new ChatRequest.ChatMessage(ChatRequest.Role.ASSISTANT, "Paris."),
                new ChatRequest.ChatMessage(ChatRequest.Role.USER, "And why?")),
                temperature, maxTokens, topP);
    }
}
