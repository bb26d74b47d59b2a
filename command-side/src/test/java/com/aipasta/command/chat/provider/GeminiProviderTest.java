package com.aipasta.command.chat.provider;

import com.aipasta.command.chat.provider.ProviderException.Kind;
import com.fasterxml.jackson.databind.JsonNode;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GeminiProviderTest extends ProviderServer {

    private GeminiProvider provider() {
        return new GeminiProvider(http(properties(KEY)), properties(KEY));
    }

    @Test
    void streamsThoughtsThenTextAndCompletesWhenTheBodyEnds() throws Exception {
        server.enqueue(events(transcript("gemini-stream-thinking.txt")).build());
        RecordingListener listener = new RecordingListener();

        provider().stream(new ChatRequest("gemini-2.5-flash", "Answer in one sentence.",
                question(null, null, null, null).messages(), 0.4, 1024, 0.95), listener);

        listener.awaitTerminal();
        awaitIdle();
        assertThat(listener.calls()).containsExactly(
                "thought:**Recalling Rayleigh scattering**\n\nThe user asks why the sky is blue; the answer is "
                        + "scattering by air molecules.",
                "thought:**Choosing the wording**\n\nKeep it to one sentence.",
                "delta:The sky looks blue because",
                "delta: air molecules scatter blue sunlight more than red.",
                "complete:STOP");
        assertThat(listener.usage()).as("thoughts count as completion tokens")
                .isEqualTo(new TokenUsage(12, 19 + 161, 192));

        RecordedRequest request = server.takeRequest();
        assertThat(request.getMethod()).isEqualTo("POST");
        assertThat(request.getUrl().encodedPath()).isEqualTo("/v1beta/models/gemini-2.5-flash:streamGenerateContent");
        assertThat(request.getUrl().queryParameter("alt")).isEqualTo("sse");
        assertThat(request.getHeaders().get("x-goog-api-key")).isEqualTo(KEY);
        assertThat(request.getHeaders().get("Authorization")).isNull();
        JsonNode body = bodyOf(request);
        assertThat(body.path("contents").findValuesAsText("role")).containsExactly("user", "model", "user");
        assertThat(body.path("contents").path(1).path("parts").path(0).path("text").asText()).isEqualTo("Paris.");
        assertThat(body.path("systemInstruction").path("parts").path(0).path("text").asText())
                .isEqualTo("Answer in one sentence.");
        JsonNode generation = body.path("generationConfig");
        assertThat(generation.path("temperature").asDouble()).isEqualTo(0.4);
        assertThat(generation.path("maxOutputTokens").asInt()).isEqualTo(1024);
        assertThat(generation.path("topP").asDouble()).isEqualTo(0.95);
        assertThat(generation.path("thinkingConfig").path("includeThoughts").asBoolean()).isTrue();
    }

    @Test
    void sendsNoSystemInstructionAndNoSamplingSettingsItWasNotGiven() throws Exception {
        server.enqueue(events(transcript("gemini-stream-thinking.txt")).build());
        RecordingListener listener = new RecordingListener();

        provider().stream(question(null, null, null, null), listener);

        listener.awaitTerminal();
        JsonNode body = bodyOf(server.takeRequest());
        assertThat(body.has("systemInstruction")).isFalse();
        assertThat(body.path("generationConfig").fieldNames()).toIterable().containsExactly("thinkingConfig");
    }

    @Test
    void completesWithTheSafetyFinishReason() throws Exception {
        server.enqueue(events(transcript("gemini-stream-safety.txt")).build());
        RecordingListener listener = new RecordingListener();

        provider().stream(question(null, null, null, null), listener);

        listener.awaitTerminal();
        awaitIdle();
        assertThat(listener.calls()).containsExactly("delta:I can't help with", "complete:SAFETY");
        assertThat(listener.usage()).isEqualTo(new TokenUsage(15, 4, 19));
    }

    @Test
    void reportsABodyThatEndsWithoutAFinishReasonAsACutConnection() throws Exception {
        server.enqueue(events(transcript("gemini-stream-cut.txt")).build());
        RecordingListener listener = new RecordingListener();

        provider().stream(question(null, null, null, null), listener);

        listener.awaitTerminal();
        awaitIdle();
        assertThat(listener.calls()).containsExactly("delta:The sky looks blue because", "error:CONNECTION");
    }

    @ParameterizedTest
    @CsvSource({
            "400, gemini-error-400-key.json, AUTHENTICATION, API key not valid",
            "404, gemini-error-404.json, BAD_REQUEST, models/gemini-9.0-ultra is not found",
            "429, gemini-error-429.json, RATE_LIMITED, You exceeded your current quota",
            "503, gemini-error-503.json, UNAVAILABLE, The model is overloaded"
    })
    void turnsAnErrorStatusIntoOneFailureOfItsKind(int status, String body, Kind kind, String message)
            throws Exception {
        server.enqueue(json(status, transcript(body)));
        RecordingListener listener = new RecordingListener();

        provider().stream(question(null, null, null, null), listener);

        listener.awaitTerminal();
        awaitIdle();
        assertThat(listener.calls()).containsExactly("error:" + kind);
        assertThat(listener.failure()).hasMessageContaining(message);
    }

    @Test
    void saysWhenToRetryFromTheRetryInfoOfAQuotaError() throws Exception {
        server.enqueue(json(429, transcript("gemini-error-429.json")));
        RecordingListener listener = new RecordingListener();

        provider().stream(question(null, null, null, null), listener);

        listener.awaitTerminal();
        assertThat(listener.failure()).hasMessageEndingWith("(retry after 38s)");
    }

    @Test
    void listsTheModelsThatGenerateContentAndThoseThatOnlyEmbedAcrossPages() throws Exception {
        server.enqueue(json(200, transcript("gemini-models-page1.json")));
        server.enqueue(json(200, transcript("gemini-models-page2.json")));

        List<ProviderModel> models = provider().listModels();

        RecordedRequest first = server.takeRequest();
        assertThat(first.getUrl().encodedPath()).isEqualTo("/v1beta/models");
        assertThat(first.getHeaders().get("x-goog-api-key")).isEqualTo(KEY);
        assertThat(first.getUrl().queryParameter("pageToken")).isNull();
        assertThat(server.takeRequest().getUrl().queryParameter("pageToken"))
                .isEqualTo("Ch1tb2RlbHMvZ2VtaW5pLTIuNS1wcm8=");
        assertThat(models).extracting(ProviderModel::id).containsExactly("embedding-001", "gemini-2.5-flash",
                "gemini-2.5-pro", "gemini-2.0-flash", "text-embedding-004");
        assertThat(models.get(0).capabilities()).containsExactly("embedding");
        assertThat(models.get(4).capabilities()).containsExactly("embedding");
        assertThat(models.get(4).name()).isEqualTo("Text Embedding 004");
        assertThat(models.get(4).contextLength()).isEqualTo(2048);

        ProviderModel flash = models.get(1);
        assertThat(flash.name()).isEqualTo("Gemini 2.5 Flash");
        assertThat(flash.contextLength()).isEqualTo(1048576);
        assertThat(flash.capabilities()).containsExactly("text", "image", "reasoning", "tools");
        assertThat(flash.promptPricePer1k()).isZero();
        assertThat(flash.free()).isFalse();

        ProviderModel configuredFree = models.get(3);
        assertThat(configuredFree.capabilities()).containsExactly("text", "image", "tools");
        assertThat(configuredFree.free()).as("listed in the configured free models").isTrue();
    }

    @Test
    void offersToolsToTheGeminiFamilyOnlyAndNotToItsSpeechImageOrAudioModels() {
        assertThat(GeminiProvider.callsFunctions("gemini-2.5-flash")).isTrue();
        assertThat(GeminiProvider.callsFunctions("gemini-2.0-flash-lite")).isTrue();
        assertThat(GeminiProvider.callsFunctions("gemma-3-27b-it")).isFalse();
        assertThat(GeminiProvider.callsFunctions("gemini-2.5-flash-preview-tts")).isFalse();
        assertThat(GeminiProvider.callsFunctions("gemini-2.5-flash-image")).isFalse();
        assertThat(GeminiProvider.callsFunctions("gemini-2.5-flash-native-audio-dialog")).isFalse();
    }

    @Test
    void endsAStreamThatCallsAFunctionAsARequestForToolsWithItsUsage() throws Exception {
        server.enqueue(events(transcript("gemini-stream-function-call.txt")).build());
        RecordingListener listener = new RecordingListener();

        provider().stream(question(null, null, null, null), listener);

        listener.awaitTerminal();
        awaitIdle();
        assertThat(listener.calls()).containsExactly(
                "thought:**Using the calculator**\n\nThe user wants 15 times 7; the calculator multiplies exactly.",
                "tool:null:calculator:{\"operation\":\"multiply\",\"number1\":15,\"number2\":7}");
        assertThat(listener.usage()).isEqualTo(new TokenUsage(181, 27 + 54, 262));
    }

    @Test
    void declaresTheToolsInGeminisSchemaAndSendsCallsAndTheirResultsBack() throws Exception {
        server.enqueue(events(transcript("gemini-stream-thinking.txt")).build());
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        parameters.put("type", "object");
        parameters.put("properties", Map.of(
                "number1", Map.of("type", List.of("number", "string"), "description", "an operand"),
                "note", Map.of("type", List.of("string", "null"), "maxLength", 20)));
        parameters.put("required", List.of("number1"));
        parameters.put("additionalProperties", false);
        ToolCall call = new ToolCall(null, "calculator", "{\"operation\":\"multiply\",\"number1\":15}",
                "c2lnbmF0dXJl");
        ChatRequest request = new ChatRequest("gemini-2.5-flash", null, List.of(
                new ChatRequest.ChatMessage(ChatRequest.Role.USER, "What is 15 times 7?"),
                ChatRequest.ChatMessage.calls(null, List.of(call)),
                ChatRequest.ChatMessage.result(null, "{\"expression\":\"15 × 7\",\"result\":\"105\"}")),
                null, null, null, null, List.of(new ToolDefinition("calculator", "Exact arithmetic", parameters)));

        RecordingListener listener = new RecordingListener();
        provider().stream(request, listener);

        listener.awaitTerminal();

        JsonNode body = bodyOf(server.takeRequest());
        assertThat(body.path("contents")).isEqualTo(JSON.readTree("""
                [{"role":"user","parts":[{"text":"What is 15 times 7?"}]},
                 {"role":"model","parts":[{"functionCall":{"name":"calculator",
                   "args":{"operation":"multiply","number1":15}},"thoughtSignature":"c2lnbmF0dXJl"}]},
                 {"role":"user","parts":[{"functionResponse":{"name":"calculator",
                   "response":{"expression":"15 × 7","result":"105"}}}]}]"""));
        assertThat(body.path("tools")).isEqualTo(JSON.readTree("""
                [{"functionDeclarations":[{"name":"calculator","description":"Exact arithmetic","parameters":{
                  "type":"object",
                  "properties":{"number1":{"anyOf":[{"type":"number"},{"type":"string"}],"description":"an operand"},
                                "note":{"nullable":true,"type":"string","maxLength":20}},
                  "required":["number1"]}}]}]"""));
    }

    @Test
    void embedsOneInputWithEmbedContentAndSettlesForNoReportedUsage() throws Exception {
        server.enqueue(json(200, "{\"embedding\":{\"values\":[0.013168523,-0.008711934,-0.046782676]}}"));

        Embeddings embeddings = provider().embed("text-embedding-004", List.of("What is the meaning of life?"));

        RecordedRequest request = server.takeRequest();
        assertThat(request.getMethod()).isEqualTo("POST");
        assertThat(request.getUrl().encodedPath()).isEqualTo("/v1beta/models/text-embedding-004:embedContent");
        assertThat(request.getHeaders().get("x-goog-api-key")).isEqualTo(KEY);
        assertThat(bodyOf(request).toString())
                .isEqualTo("{\"content\":{\"parts\":[{\"text\":\"What is the meaning of life?\"}]}}");
        assertThat(embeddings.vectors()).hasSize(1);
        assertThat(embeddings.vectors().get(0)).containsExactly(0.013168523, -0.008711934, -0.046782676);
        assertThat(embeddings.promptTokens()).isNull();
    }

    @Test
    void embedsSeveralInputsInOneBatchEmbedContentsCallInTheirOrder() throws Exception {
        server.enqueue(json(200, "{\"embeddings\":[{\"values\":[0.1,0.2]},{\"values\":[0.3,0.4]}]}"));

        Embeddings embeddings = provider().embed("gemini-embedding-001", List.of("first", "second"));

        RecordedRequest request = server.takeRequest();
        assertThat(request.getUrl().encodedPath()).isEqualTo("/v1beta/models/gemini-embedding-001:batchEmbedContents");
        assertThat(bodyOf(request).toString()).isEqualTo("{\"requests\":["
                + "{\"model\":\"models/gemini-embedding-001\",\"content\":{\"parts\":[{\"text\":\"first\"}]}},"
                + "{\"model\":\"models/gemini-embedding-001\",\"content\":{\"parts\":[{\"text\":\"second\"}]}}]}");
        assertThat(embeddings.vectors()).satisfiesExactly(
                first -> assertThat(first).containsExactly(0.1, 0.2),
                second -> assertThat(second).containsExactly(0.3, 0.4));
    }

    @Test
    void refusesAnAnswerWithFewerEmbeddingsThanInputs() {
        server.enqueue(json(200, "{\"embeddings\":[{\"values\":[0.1,0.2]}]}"));

        assertThatThrownBy(() -> provider().embed("gemini-embedding-001", List.of("first", "second")))
                .isInstanceOfSatisfying(ProviderException.class,
                        failure -> assertThat(failure.kind()).isEqualTo(ProviderException.Kind.MALFORMED_RESPONSE));
    }

    @Test
    void reportsAFailedEmbeddingCallByItsKind() {
        server.enqueue(json(429, transcript("gemini-error-429.json")));

        assertThatThrownBy(() -> provider().embed("text-embedding-004", List.of("hello")))
                .isInstanceOfSatisfying(ProviderException.class,
                        failure -> assertThat(failure.kind()).isEqualTo(ProviderException.Kind.RATE_LIMITED));
    }
}
