package com.aipasta.command.chat.provider;

import com.aipasta.command.chat.provider.ProviderException.Kind;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import okhttp3.MediaType;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.sse.EventSource;
import okhttp3.sse.EventSources;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ScheduledThreadPoolExecutor;

/** What every provider shares: the HTTP client, the first-byte timer, JSON, and how failures are reported. */
@Component
public class ProviderHttp implements AutoCloseable {

    private static final int MAX_CONCURRENT_CALLS = 4096;

    private static final MediaType JSON_TYPE = MediaType.get("application/json");

    private final OkHttpClient client;
    private final EventSource.Factory eventSources;
    private final ObjectMapper json;
    private final Duration firstByteTimeout;
    private final ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, runnable -> {
        Thread thread = new Thread(runnable, "provider-first-byte-timer");
        thread.setDaemon(true);
        return thread;
    });

    public ProviderHttp(OkHttpClient providerHttpClient, ObjectMapper json, ProviderProperties properties) {
        this.client = providerHttpClient;
        this.eventSources = EventSources.createFactory(providerHttpClient);
        this.json = json;
        this.firstByteTimeout = properties.timeouts().firstByte();
        // most streams answer in time: their cancelled timers must not wait out the timeout in the queue
        timer.setRemoveOnCancelPolicy(true);
    }

    /**
     * The client every provider call goes through: the idle timeout is its read timeout. OkHttp runs at most 5 calls
     * per host unless told otherwise; every answer is one long call, so that would queue the sixth concurrent user of
     * a provider behind the first five. Its sockets send each write at once ({@link NoDelaySocketFactory}).
     */
    public static OkHttpClient newClient(ProviderProperties.Timeouts timeouts) {
        Dispatcher dispatcher = new Dispatcher();
        dispatcher.setMaxRequests(MAX_CONCURRENT_CALLS);
        dispatcher.setMaxRequestsPerHost(MAX_CONCURRENT_CALLS);
        return new OkHttpClient.Builder()
                .dispatcher(dispatcher)
                .connectTimeout(timeouts.connect())
                .readTimeout(timeouts.idle())
                .socketFactory(new NoDelaySocketFactory())
                .build();
    }

    ObjectMapper json() {
        return json;
    }

    /** Written by the shared mapper: {@link JsonNode#toString()} takes a slower path of its own. */
    RequestBody jsonBody(JsonNode body) {
        try {
            return RequestBody.create(json.writeValueAsBytes(body), JSON_TYPE);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A request body could not be written", e);
        }
    }

    RequestBody jsonBody(byte[] body) {
        return RequestBody.create(body, JSON_TYPE);
    }

    ChatStream stream(String provider, Request request, StreamDecoder decoder, ChatListener listener) {
        ProviderStream stream = new ProviderStream(provider, json, decoder, listener);
        stream.start(eventSources, request, timer, firstByteTimeout);
        return stream;
    }

    /** Answers a stream request to a provider that is not configured: fails it at once. */
    static ChatStream notConfigured(String provider, ChatListener listener) {
        listener.onError(notConfiguredFailure(provider));
        return () -> {
        };
    }

    static ProviderException notConfiguredFailure(String provider) {
        return new ProviderException(Kind.UNAVAILABLE, provider + " is not configured");
    }

    /** Calls a JSON endpoint and returns its body; throws {@link ProviderException} when that fails. */
    JsonNode callJson(String provider, Request request) {
        try (Response response = client.newCall(request).execute()) {
            String body = response.body().string();
            if (!response.isSuccessful()) {
                throw ProviderFailures.ofStatus(json, provider, response.code(), body, response.header("Retry-After"));
            }
            try {
                return json.readTree(body);
            } catch (JsonProcessingException e) {
                throw ProviderFailures.malformed(provider, "a body that is not valid JSON", e);
            }
        } catch (IOException e) {
            throw ProviderFailures.ofIoError(provider, e);
        }
    }

    /** Calls an endpoint that answers with a header, and returns that header; throws {@link ProviderException}. */
    String callForHeader(String provider, Request request, String header) {
        try (Response response = client.newCall(request).execute()) {
            if (!response.isSuccessful()) {
                throw ProviderFailures.ofStatus(json, provider, response.code(), response.body().string(),
                        response.header("Retry-After"));
            }
            String value = response.header(header);
            if (value == null || value.isBlank()) {
                throw ProviderFailures.malformed(provider, "an answer without its " + header + " header", null);
            }
            return value;
        } catch (IOException e) {
            throw ProviderFailures.ofIoError(provider, e);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
