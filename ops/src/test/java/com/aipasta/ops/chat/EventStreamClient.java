package com.aipasta.ops.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** Reads a server-sent event stream the way a browser's EventSource would: event name and JSON data. */
public final class EventStreamClient {

    public record Event(String name, JsonNode data) {
    }

    public record Stream(int status, List<Event> events, JsonNode errorBody) {

        public String text() {
            StringBuilder text = new StringBuilder();
            events.stream().filter(event -> event.name().equals("delta"))
                    .forEach(event -> text.append(event.data().path("text").asText()));
            return text.toString();
        }

        public Event last() {
            return events.get(events.size() - 1);
        }

        public Event first(String name) {
            return events.stream().filter(event -> event.name().equals(name)).findFirst().orElseThrow();
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient client = HttpClient.newHttpClient();
    private final String base;

    public EventStreamClient(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    public Stream post(String path, String token, Object body) {
        return read(builder(path, token).POST(HttpRequest.BodyPublishers.ofString(json(body))), event -> false);
    }

    public Stream get(String path, String token) {
        return read(builder(path, token).GET(), event -> false);
    }

    /** Reads until {@code hangUp} accepts an event, then drops the connection as a closing browser tab would. */
    public Stream getUntil(String path, String token, Predicate<Event> hangUp) {
        return read(builder(path, token).GET(), hangUp);
    }

    /** Reads until {@code hangUp} accepts an event, then drops the connection as a closing browser tab would. */
    public Stream postUntil(String path, String token, Object body, Predicate<Event> hangUp) {
        return read(builder(path, token).POST(HttpRequest.BodyPublishers.ofString(json(body))), hangUp);
    }

    private HttpRequest.Builder builder(String path, String token) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .header("Accept", "text/event-stream")
                .header("Authorization", "Bearer " + token);
    }

    private Stream read(HttpRequest.Builder request, Predicate<Event> hangUp) {
        try {
            HttpResponse<InputStream> response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body();
                 BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
                if (response.statusCode() != 200) {
                    return new Stream(response.statusCode(), List.of(), JSON.readTree(lines));
                }
                List<Event> events = new ArrayList<>();
                String name = "message";
                StringBuilder data = new StringBuilder();
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (line.startsWith("event:")) {
                        name = line.substring(6).trim();
                    } else if (line.startsWith("data:")) {
                        data.append(line.substring(5));
                    } else if (line.isEmpty() && !data.isEmpty()) {
                        Event event = new Event(name, JSON.readTree(data.toString()));
                        events.add(event);
                        name = "message";
                        data.setLength(0);
                        if (hangUp.test(event)) {
                            break;
                        }
                    }
                }
                return new Stream(200, events, null);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String json(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
