package com.aipasta.ops.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Asks a running platform to replay, through the administrators' HTTP API, and shows its progress. */
final class RemoteReplay {

    private static final long REFRESH_MILLIS = 1_000;

    private final String baseUrl;
    private final String token;
    private final PrintStream out;
    private final PrintStream err;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final ObjectMapper json = new ObjectMapper();

    RemoteReplay(String baseUrl, String token, PrintStream out, PrintStream err) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.token = token;
        this.out = out;
        this.err = err;
    }

    int replay(String name) {
        if (token == null) {
            err.println("--url needs --token with an administrator's token.");
            return OpsCli.USAGE;
        }
        try {
            JsonNode started = call(HttpRequest.newBuilder(URI.create(baseUrl + "/api/admin/projections/"
                    + URLEncoder.encode(name, StandardCharsets.UTF_8) + "/replay"))
                    .POST(HttpRequest.BodyPublishers.noBody()));
            if (started == null) {
                return OpsCli.FAILED;
            }
            Set<String> names = new TreeSet<>();
            started.path("projections").forEach(projection -> names.add(projection.path("name").asText()));
            ProgressBar bar = new ProgressBar(out);
            while (true) {
                JsonNode statuses = call(HttpRequest.newBuilder(URI.create(baseUrl + "/api/admin/projections")).GET());
                if (statuses == null) {
                    return OpsCli.FAILED;
                }
                List<ProgressBar.Line> lines = new ArrayList<>();
                boolean rebuilding = false;
                for (JsonNode status : statuses.path("projections")) {
                    if (names.contains(status.path("name").asText())) {
                        lines.add(line(status));
                        rebuilding |= "rebuilding".equals(status.path("status").asText());
                    }
                }
                bar.draw(lines);
                if (!rebuilding) {
                    out.printf("Replayed %d projection%s%n", names.size(), names.size() == 1 ? "" : "s");
                    return OpsCli.OK;
                }
                Thread.sleep(REFRESH_MILLIS);
            }
        } catch (IOException e) {
            err.println("Cannot reach " + baseUrl + ": " + e.getMessage());
            return OpsCli.FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OpsCli.FAILED;
        }
    }

    /** The envelope's data, or null after printing the platform's error. */
    private JsonNode call(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request.header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode body = json.readTree(response.body());
        if (response.statusCode() >= 400) {
            err.println("The platform answered " + response.statusCode() + ": " + body.path("message").asText());
            return null;
        }
        return body.path("data");
    }

    private static ProgressBar.Line line(JsonNode status) {
        JsonNode progress = status.path("progress");
        return new ProgressBar.Line(status.path("name").asText(), status.path("status").asText(),
                progress.path("eventsDone").asLong(), progress.path("eventsTotal").asLong(),
                progress.path("percent").asDouble(), progress.path("eventsPerSecond").asDouble(),
                progress.hasNonNull("etaSeconds") ? progress.path("etaSeconds").asLong() : null);
    }
}
