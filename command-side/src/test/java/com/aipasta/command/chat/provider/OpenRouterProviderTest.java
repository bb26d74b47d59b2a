package com.aipasta.command.chat.provider;

import com.aipasta.command.chat.provider.ProviderException.Kind;
import com.fasterxml.jackson.databind.JsonNode;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OpenRouterProviderTest extends ProviderServer {

    private OpenRouterProvider provider() {
        return new OpenRouterProvider(http(properties(KEY)), properties(KEY));
    }

    private OpenRouterProvider provider(Duration firstByte, Duration idle) {
        ProviderProperties properties = properties(KEY, firstByte, idle);
        return new OpenRouterProvider(http(properties), properties);
    }

    @Test
    void streamsReasoningThenTextAndCompletesWithTheUsageOfTheLastChunk() throws Exception {
        server.enqueue(events(transcript("openrouter-stream.txt")).build());
        RecordingListener listener = new RecordingListener();

        provider().stream(new ChatRequest("deepseek/deepseek-r1-0528:free", "Answer in one sentence.",
                question(null, null, null, null).messages(), 0.7, 512, 0.9), listener);

        listener.awaitTerminal();
        awaitIdle();
        assertThat(listener.calls()).containsExactly(
                "thought:The user asks for the capital of France.",
                "thought: It is Paris.",
                "delta:The capital of France",
                "delta: is Paris.",
                "complete:stop");
        assertThat(listener.usage()).isEqualTo(new TokenUsage(14, 52, 66));

        RecordedRequest request = server.takeRequest();
        assertThat(request.getMethod()).isEqualTo("POST");
        assertThat(request.getUrl().encodedPath()).isEqualTo("/api/v1/chat/completions");
        assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + KEY);
        assertThat(request.getHeaders().get("Accept")).isEqualTo("text/event-stream");
        JsonNode body = bodyOf(request);
        assertThat(body.path("model").asText()).isEqualTo("deepseek/deepseek-r1-0528:free");
        assertThat(body.path("messages")).hasSize(4);
        assertThat(body.path("messages").path(0).path("role").asText()).isEqualTo("system");
        assertThat(body.path("messages").path(0).path("content").asText()).isEqualTo("Answer in one sentence.");
        assertThat(body.path("messages").findValuesAsText("role"))
                .containsExactly("system", "user", "assistant", "user");
        assertThat(body.path("messages").path(3).path("content").asText()).isEqualTo("And why?");
        assertThat(body.path("stream").asBoolean()).isTrue();
        assertThat(body.path("stream_options").path("include_usage").asBoolean()).isTrue();
        assertThat(body.path("temperature").asDouble()).isEqualTo(0.7);
        assertThat(body.path("max_tokens").asInt()).isEqualTo(512);
        assertThat(body.path("top_p").asDouble()).isEqualTo(0.9);
    }

    @Test
    void sendsNoSystemMessageAndNoSamplingSettingsItWasNotGiven() throws Exception {
        server.enqueue(events(transcript("openrouter-stream.txt")).build());
        RecordingListener listener = new RecordingListener();

        provider().stream(question(null, null, null, null), listener);

        listener.awaitTerminal();
        JsonNode body = bodyOf(server.takeRequest());
        assertThat(body.path("messages").findValuesAsText("role")).containsExactly("user", "assistant", "user");
        assertThat(body.has("temperature")).isFalse();
        assertThat(body.has("max_tokens")).isFalse();
        assertThat(body.has("top_p")).isFalse();
    }

    @Test
    void reportsAnErrorSentMidStreamOnceAndKeepsWhatCameBefore() throws Exception {
        server.enqueue(events(transcript("openrouter-stream-error.txt")).build());
        RecordingListener listener = new RecordingListener();

        provider().stream(question(null, null, null, null), listener);

        listener.awaitTerminal();
        awaitIdle();
        assertThat(listener.calls()).containsExactly("delta:Once upon a time", "error:UNAVAILABLE");
        assertThat(listener.failure()).hasMessageContaining("upstream connection reset");
    }

    @ParameterizedTest
    @CsvSource({
            "401, openrouter-error-401.json, AUTHENTICATION, No auth credentials found",
            "402, openrouter-error-402.json, PAYMENT_REQUIRED, requires more credits",
            "429, openrouter-error-429.json, RATE_LIMITED, Rate limit exceeded: free-models-per-min. (retry after 30)",
            "400, openrouter-error-400.json, BAD_REQUEST, is not a valid model ID",
            "404, openrouter-error-400.json, BAD_REQUEST, is not a valid model ID",
            "500, openrouter-error-500.json, UNAVAILABLE, Internal Server Error",
            "502, openrouter-error-500.json, UNAVAILABLE, Internal Server Error"
    })
    void turnsAnErrorStatusIntoOneFailureOfItsKind(int status, String body, Kind kind, String message)
            throws Exception {
        server.enqueue(json(status, transcript(body)).newBuilder().addHeader("Retry-After", "30").build());
        RecordingListener listener = new RecordingListener();

        provider().stream(question(null, null, null, null), listener);

        listener.awaitTerminal();
        awaitIdle();
        assertThat(listener.calls()).containsExactly("error:" + kind);
        assertThat(listener.failure()).hasMessageContaining("openrouter answered HTTP " + status)
                .hasMessageContaining(message);
    }

    @Test
    void reportsAConnectionCutMidStream() throws Exception {
        server.enqueue(events(transcript("openrouter-stream.txt")).onResponseBody(new SocketEffect.CloseSocket())
                .build());
        RecordingListener listener = new RecordingListener();

        provider().stream(question(null, null, null, null), listener);

        listener.awaitTerminal();
        awaitIdle();
        List<String> calls = listener.calls();
        assertThat(calls).first().isEqualTo("thought:The user asks for the capital of France.");
        assertThat(calls).last().isEqualTo("error:CONNECTION");
        assertThat(calls).filteredOn(call -> call.startsWith("error:") || call.startsWith("complete:")).hasSize(1);
    }

    @Test
    void reportsAChunkThatIsNotJsonAndReadsNoFurther() throws Exception {
        server.enqueue(events(transcript("openrouter-stream-malformed.txt")).build());
        RecordingListener listener = new RecordingListener();

        provider().stream(question(null, null, null, null), listener);

        listener.awaitTerminal();
        awaitIdle();
        assertThat(listener.calls()).containsExactly("delta:Hel", "error:MALFORMED_RESPONSE");
        assertThat(listener.failure()).hasMessageContaining("not valid JSON");
    }

    @Test
    void timesOutWhenOnlyProcessingCommentsArriveWithinTheFirstByteTimeout() throws Exception {
        String keepAlive = ": OPENROUTER PROCESSING\n\n";
        server.enqueue(events(keepAlive.repeat(100)).throttleBody(keepAlive.length(), 50, TimeUnit.MILLISECONDS)
                .build());
        RecordingListener listener = new RecordingListener();

        provider(Duration.ofMillis(300), Duration.ofSeconds(5)).stream(question(null, null, null, null), listener);

        listener.awaitTerminal();
        awaitIdle();
        assertThat(listener.calls()).containsExactly("error:TIMEOUT");
        assertThat(listener.failure()).hasMessageContaining("first-byte timeout");
    }

    @Test
    void timesOutWhenTheStreamFallsSilentForLongerThanTheIdleTimeout() throws Exception {
        String transcript = transcript("openrouter-stream.txt");
        int firstEvent = transcript.indexOf("\n\n", transcript.indexOf("data:")) + 2;
        server.enqueue(events(transcript).throttleBody(firstEvent, 1, TimeUnit.MINUTES).build());
        RecordingListener listener = new RecordingListener();

        provider(Duration.ofSeconds(5), Duration.ofMillis(300)).stream(question(null, null, null, null), listener);

        listener.awaitTerminal();
        awaitIdle();
        assertThat(listener.calls())
                .containsExactly("thought:The user asks for the capital of France.", "error:TIMEOUT");
    }

    @Test
    void makesNoCallAfterCancelEvenWithTheRestOfTheStreamAlreadyReceived() throws Exception {
        server.enqueue(events(transcript("openrouter-stream.txt")).build());
        CompletableFuture<ChatStream> stream = new CompletableFuture<>();
        RecordingListener listener = new RecordingListener(text -> stream.join().cancel());

        stream.complete(provider().stream(question(null, null, null, null), listener));

        awaitIdle();
        assertThat(listener.calls()).containsExactly(
                "thought:The user asks for the capital of France.",
                "thought: It is Paris.",
                "delta:The capital of France");
    }

    @Test
    void makesNoCallWhenCancelledBeforeTheAnswer() throws Exception {
        server.enqueue(events(transcript("openrouter-stream.txt")).headersDelay(200, TimeUnit.MILLISECONDS).build());
        RecordingListener listener = new RecordingListener();

        provider().stream(question(null, null, null, null), listener).cancel();

        awaitIdle();
        assertThat(listener.calls()).isEmpty();
    }

    @Test
    void listsModelsWithPricesPerThousandTokens() throws Exception {
        server.enqueue(json(200, transcript("openrouter-models.json")));

        List<ProviderModel> models = provider().listModels();

        RecordedRequest request = server.takeRequest();
        assertThat(request.getUrl().encodedPath()).isEqualTo("/api/v1/models");
        assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + KEY);
        assertThat(models).extracting(ProviderModel::id).containsExactly("meta-llama/llama-3.3-70b-instruct:free",
                "anthropic/claude-sonnet-4", "qwen/qwen-2.5-coder-32b-instruct", "openrouter/auto");

        ProviderModel llama = models.get(0);
        assertThat(llama.free()).isTrue();
        assertThat(llama.promptPricePer1k()).isZero();
        assertThat(llama.contextLength()).isEqualTo(131072);
        assertThat(llama.capabilities()).containsExactly("text", "tools");

        ProviderModel claude = models.get(1);
        assertThat(claude.name()).isEqualTo("Anthropic: Claude Sonnet 4");
        assertThat(claude.description()).startsWith("Claude Sonnet 4 significantly enhances");
        assertThat(claude.promptPricePer1k()).isEqualByComparingTo("0.003");
        assertThat(claude.completionPricePer1k()).isEqualByComparingTo("0.015");
        assertThat(claude.capabilities()).containsExactly("image", "text", "file", "reasoning", "tools");
        assertThat(claude.free()).isFalse();

        ProviderModel coder = models.get(2);
        assertThat(coder.promptPricePer1k()).isEqualByComparingTo("0.00006");
        assertThat(coder.completionPricePer1k()).isEqualByComparingTo("0.00015");

        ProviderModel auto = models.get(3);
        assertThat(auto.promptPricePer1k()).isZero();
        assertThat(auto.free()).as("variable price is not free").isFalse();
    }

    @Test
    void throwsWhenTheCatalogueCannotBeFetched() {
        server.enqueue(json(401, transcript("openrouter-error-401.json")));

        assertThatThrownBy(() -> provider().listModels())
                .isInstanceOfSatisfying(ProviderException.class,
                        e -> assertThat(e.kind()).isEqualTo(Kind.AUTHENTICATION))
                .hasMessageContaining("No auth credentials found");
    }

    @Test
    void isNotConfiguredWithoutAKeyAndFailsAtOnceWithoutCalling() {
        OpenRouterProvider provider = new OpenRouterProvider(http(properties(" ")), properties(" "));
        RecordingListener listener = new RecordingListener();

        provider.stream(question(null, null, null, null), listener);

        assertThat(provider.configured()).isFalse();
        assertThat(listener.calls()).containsExactly("error:UNAVAILABLE");
        assertThatThrownBy(provider::listModels).isInstanceOf(ProviderException.class);
        assertThat(server.getRequestCount()).isZero();
    }
}
