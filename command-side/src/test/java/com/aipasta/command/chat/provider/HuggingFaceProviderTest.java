package com.aipasta.command.chat.provider;

import com.fasterxml.jackson.databind.JsonNode;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class HuggingFaceProviderTest extends ProviderServer {

    private HuggingFaceProvider provider() {
        return new HuggingFaceProvider(http(properties(KEY)), properties(KEY));
    }

    @Test
    void streamsReasoningContentAndTextThroughTheRouter() throws Exception {
        server.enqueue(events(transcript("huggingface-stream.txt")).build());
        RecordingListener listener = new RecordingListener();

        provider().stream(new ChatRequest("deepseek-ai/DeepSeek-R1", "Be terse.",
                List.of(new ChatRequest.ChatMessage(ChatRequest.Role.USER, "2 + 2?")), 0.2, null, null), listener);

        listener.awaitTerminal();
        awaitIdle();
        assertThat(listener.calls()).containsExactly(
                "thought:Okay, the user wants 2 + 2.",
                "thought: That is 4.",
                "delta:2 + 2 = 4.",
                "complete:stop");
        assertThat(listener.usage()).isEqualTo(new TokenUsage(10, 25, 35));

        RecordedRequest request = server.takeRequest();
        assertThat(request.getUrl().encodedPath()).isEqualTo("/v1/chat/completions");
        assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + KEY);
        JsonNode body = bodyOf(request);
        assertThat(body.path("model").asText()).isEqualTo("deepseek-ai/DeepSeek-R1");
        assertThat(body.path("messages").findValuesAsText("content")).containsExactly("Be terse.", "2 + 2?");
        assertThat(body.path("temperature").asDouble()).isEqualTo(0.2);
        assertThat(body.path("stream_options").path("include_usage").asBoolean()).isTrue();
    }

    @Test
    void reportsABodyThatEndsBeforeDoneAsACutConnection() throws Exception {
        server.enqueue(events(transcript("huggingface-stream-cut.txt")).build());
        RecordingListener listener = new RecordingListener();

        provider().stream(question(null, null, null, null), listener);

        listener.awaitTerminal();
        awaitIdle();
        assertThat(listener.calls()).containsExactly(
                "delta:Photosynthesis turns light", "delta: into chemical energy", "error:CONNECTION");
    }

    @Test
    void listsEachModelAtItsCheapestProviderConvertedFromPerMillionToPerThousandTokens() throws Exception {
        server.enqueue(json(200, transcript("huggingface-models.json")));

        List<ProviderModel> models = provider().listModels();

        assertThat(server.takeRequest().getUrl().encodedPath()).isEqualTo("/v1/models");
        assertThat(models).extracting(ProviderModel::id).containsExactly("meta-llama/Llama-3.1-8B-Instruct",
                "Qwen/Qwen2.5-Coder-32B-Instruct", "google/gemma-3-27b-it", "HuggingFaceTB/SmolLM3-3B");

        ProviderModel llama = models.get(0);
        assertThat(llama.promptPricePer1k()).isEqualByComparingTo("0.00002");
        assertThat(llama.completionPricePer1k()).isEqualByComparingTo("0.00005");
        assertThat(llama.contextLength()).as("the cheapest provider's").isEqualTo(16384);
        assertThat(llama.capabilities()).containsExactly("text", "tools");
        assertThat(llama.free()).isFalse();

        ProviderModel coder = models.get(1);
        assertThat(coder.promptPricePer1k()).isEqualByComparingTo("0.00006");
        assertThat(coder.completionPricePer1k()).isEqualByComparingTo("0.00018");

        ProviderModel gemma = models.get(2);
        assertThat(gemma.free()).as("no price known").isFalse();
        assertThat(gemma.promptPricePer1k()).isZero();
        assertThat(gemma.capabilities()).containsExactly("text", "image");
        assertThat(gemma.contextLength()).isEqualTo(8192);

        assertThat(models.get(3).free()).as("priced at zero").isTrue();
    }

    @Test
    void embedsWithTheFeatureExtractionPipelineBesideTheRouterApi() throws Exception {
        server.enqueue(json(200, "[[0.0107,-0.0271,0.0428],[-0.0313,0.0125,0.0052]]"));

        Embeddings embeddings = provider().embed("sentence-transformers/all-MiniLM-L6-v2",
                List.of("Today is a sunny day", "That is a happy person"));

        RecordedRequest request = server.takeRequest();
        assertThat(request.getMethod()).isEqualTo("POST");
        assertThat(request.getUrl().encodedPath())
                .isEqualTo("/hf-inference/models/sentence-transformers/all-MiniLM-L6-v2/pipeline/feature-extraction");
        assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + KEY);
        assertThat(bodyOf(request).toString())
                .isEqualTo("{\"inputs\":[\"Today is a sunny day\",\"That is a happy person\"]}");
        assertThat(embeddings.vectors()).satisfiesExactly(
                first -> assertThat(first).containsExactly(0.0107, -0.0271, 0.0428),
                second -> assertThat(second).containsExactly(-0.0313, 0.0125, 0.0052));
        assertThat(embeddings.promptTokens()).as("feature extraction reports no usage").isNull();
    }
}
