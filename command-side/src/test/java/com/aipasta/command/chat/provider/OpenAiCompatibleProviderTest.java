package com.aipasta.command.chat.provider;

import com.fasterxml.jackson.databind.JsonNode;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OpenAiCompatibleProviderTest extends ProviderServer {

    private OpenAiCompatibleProvider provider(String apiKey) {
        return new OpenAiCompatibleProvider(http(properties(apiKey)), properties(apiKey));
    }

    @Test
    void streamsFromOllamaWithoutAnAuthorizationHeaderWhenNoKeyIsSet() throws Exception {
        server.enqueue(events(transcript("ollama-stream.txt")).build());
        RecordingListener listener = new RecordingListener();
        OpenAiCompatibleProvider provider = provider("");

        provider.stream(new ChatRequest("llama3.2", null,
                List.of(new ChatRequest.ChatMessage(ChatRequest.Role.USER, "Hi")), null, 64, null), listener);

        listener.awaitTerminal();
        awaitIdle();
        assertThat(provider.id()).isEqualTo("local");
        assertThat(provider.configured()).isTrue();
        assertThat(listener.calls()).containsExactly("delta:Hello", "delta:! How can I help?", "complete:stop");
        assertThat(listener.usage()).isEqualTo(new TokenUsage(26, 8, 34));
        RecordedRequest request = server.takeRequest();
        assertThat(request.getUrl().encodedPath()).as("a trailing slash on the base URL is harmless")
                .isEqualTo("/v1/chat/completions");
        assertThat(request.getHeaders().get("Authorization")).isNull();
        assertThat(bodyOf(request).path("max_tokens").asInt()).isEqualTo(64);
    }

    @Test
    void assemblesToolCallsFromTheirFragmentsAndSendsToolsAndResultsInOpenAisShape() throws Exception {
        server.enqueue(events(transcript("ollama-stream-tool-calls.txt")).build());
        RecordingListener listener = new RecordingListener();
        ToolCall earlier = new ToolCall("call_0", "echo", "{\"message\":\"hi\"}");
        ChatRequest request = new ChatRequest("llama3.2", null, List.of(
                new ChatRequest.ChatMessage(ChatRequest.Role.USER, "Add 2 and 3"),
                ChatRequest.ChatMessage.calls(null, List.of(earlier)),
                ChatRequest.ChatMessage.result("call_0", "{\"message\":\"hi\"}")), null, null, null, null,
                List.of(new ToolDefinition("calculator", "Adds", Map.of("type", "object"))));

        provider("").stream(request, listener);

        listener.awaitTerminal();
        awaitIdle();
        assertThat(listener.calls()).containsExactly(
                "tool:call_k1:calculator:{\"operation\":\"add\",\"number1\":2,\"number2\":3}",
                "tool:call_1:hash:{\"text\":\"abc\"}");
        assertThat(listener.usage()).isEqualTo(new TokenUsage(140, 31, 171));
        JsonNode body = bodyOf(server.takeRequest());
        assertThat(body.path("tools").get(0).path("type").asText()).isEqualTo("function");
        assertThat(body.path("tools").get(0).path("function").path("name").asText()).isEqualTo("calculator");
        assertThat(body.path("tools").get(0).path("function").path("parameters").path("type").asText())
                .isEqualTo("object");
        JsonNode calls = body.path("messages").get(1);
        assertThat(calls.path("role").asText()).isEqualTo("assistant");
        assertThat(calls.path("content").isNull()).isTrue();
        assertThat(calls.path("tool_calls").get(0).path("id").asText()).isEqualTo("call_0");
        assertThat(calls.path("tool_calls").get(0).path("function").path("arguments").asText())
                .isEqualTo("{\"message\":\"hi\"}");
        JsonNode result = body.path("messages").get(2);
        assertThat(result.path("role").asText()).isEqualTo("tool");
        assertThat(result.path("tool_call_id").asText()).isEqualTo("call_0");
    }

    @Test
    void aListenerThatOfferedNoToolsTakesToolCallsAsAMalformedAnswer() throws Exception {
        server.enqueue(events(transcript("ollama-stream-tool-calls.txt")).build());
        RecordingListener recorded = new RecordingListener();
        ChatListener offeredNone = new ChatListener() {
            @Override
            public void onThought(String text) {
                recorded.onThought(text);
            }

            @Override
            public void onDelta(String text) {
                recorded.onDelta(text);
            }

            @Override
            public void onComplete(TokenUsage usage, String finishReason) {
                recorded.onComplete(usage, finishReason);
            }

            @Override
            public void onError(ProviderException failure) {
                recorded.onError(failure);
            }
        };

        provider("").stream(question(null, null, null, null), offeredNone);

        recorded.awaitTerminal();
        awaitIdle();
        assertThat(recorded.calls()).containsExactly("error:MALFORMED_RESPONSE");
    }

    @Test
    void sendsTheKeyWhenOneIsSet() throws Exception {
        server.enqueue(json(200, transcript("ollama-models.json")));

        provider("vllm-secret").listModels();

        assertThat(server.takeRequest().getHeaders().get("Authorization")).isEqualTo("Bearer vllm-secret");
    }

    @Test
    void reportsAnAnswerThatIsNotAnEventStreamAsMalformed() throws Exception {
        server.enqueue(json(200, "{\"id\":\"chatcmpl-1\",\"choices\":[{\"message\":{\"content\":\"Hi\"}}]}"));
        RecordingListener listener = new RecordingListener();

        provider("").stream(question(null, null, null, null), listener);

        listener.awaitTerminal();
        awaitIdle();
        assertThat(listener.calls()).containsExactly("error:MALFORMED_RESPONSE");
    }

    @Test
    void reportsAServerThatIsNotListeningAsAConnectionFailure() throws Exception {
        ProviderProperties properties = properties("");
        OpenAiCompatibleProvider provider = new OpenAiCompatibleProvider(http(properties), properties);
        server.close();
        RecordingListener listener = new RecordingListener();

        provider.stream(question(null, null, null, null), listener);

        listener.awaitTerminal();
        assertThat(listener.calls()).containsExactly("error:CONNECTION");
    }

    @Test
    void listsLocalModelsAsFree() {
        server.enqueue(json(200, transcript("ollama-models.json")));

        List<ProviderModel> models = provider("").listModels();

        assertThat(models).extracting(ProviderModel::id).containsExactly("llama3.2:latest", "qwen2.5-coder:7b");
        assertThat(models).allSatisfy(model -> {
            assertThat(model.free()).isTrue();
            assertThat(model.promptPricePer1k()).isZero();
            assertThat(model.completionPricePer1k()).isZero();
            assertThat(model.name()).isEqualTo(model.id());
        });
    }

    @Test
    void readsTheContextLengthVllmReports() {
        server.enqueue(json(200, transcript("vllm-models.json")));

        assertThat(provider("").listModels()).singleElement()
                .satisfies(model -> assertThat(model.contextLength()).isEqualTo(32768));
    }

    @Test
    void isNotConfiguredWithoutABaseUrlAndTakesItsIdFromConfiguration() {
        ProviderProperties properties = new ProviderProperties(null, null, null,
                new ProviderProperties.OpenAiCompatible("", "", "lmstudio"),
                new ProviderProperties.Timeouts(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1)));
        OpenAiCompatibleProvider provider = new OpenAiCompatibleProvider(http(properties), properties);
        RecordingListener listener = new RecordingListener();

        provider.stream(question(null, null, null, null), listener);

        assertThat(provider.id()).isEqualTo("lmstudio");
        assertThat(provider.configured()).isFalse();
        assertThat(listener.calls()).containsExactly("error:UNAVAILABLE");
        assertThatThrownBy(provider::listModels).isInstanceOf(ProviderException.class)
                .hasMessageContaining("not configured");
    }

    @Test
    void embedsWithTheModelAndAnInputArrayAndReadsTheReportedUsageAndTheIndexes() throws Exception {
        server.enqueue(json(200, """
                {"object":"list","model":"nomic-embed-text","data":[
                  {"object":"embedding","index":1,"embedding":[0.5,-0.25]},
                  {"object":"embedding","index":0,"embedding":[0.125,0.75]}],
                 "usage":{"prompt_tokens":7,"total_tokens":7}}"""));

        Embeddings embeddings = provider(KEY).embed("nomic-embed-text", List.of("first text", "second text"));

        RecordedRequest request = server.takeRequest();
        assertThat(request.getMethod()).isEqualTo("POST");
        assertThat(request.getUrl().encodedPath()).isEqualTo("/v1/embeddings");
        assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + KEY);
        assertThat(bodyOf(request).toString())
                .isEqualTo("{\"model\":\"nomic-embed-text\",\"input\":[\"first text\",\"second text\"]}");
        assertThat(embeddings.vectors()).satisfiesExactly(
                first -> assertThat(first).containsExactly(0.125, 0.75),
                second -> assertThat(second).containsExactly(0.5, -0.25));
        assertThat(embeddings.promptTokens()).isEqualTo(7);
    }

    @Test
    void refusesEmbeddingsThatAreNotNumbers() {
        server.enqueue(json(200, "{\"data\":[{\"index\":0,\"embedding\":\"AAAA\"}]}"));

        assertThatThrownBy(() -> provider(KEY).embed("nomic-embed-text", List.of("text")))
                .isInstanceOfSatisfying(ProviderException.class,
                        failure -> assertThat(failure.kind()).isEqualTo(ProviderException.Kind.MALFORMED_RESPONSE));
    }
}
