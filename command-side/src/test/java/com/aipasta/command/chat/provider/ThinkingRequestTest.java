package com.aipasta.command.chat.provider;

import com.aipasta.chat.api.value.Thinking;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The thinking settings of a turn in the exact request each provider receives. */
class ThinkingRequestTest extends ProviderServer {

    private JsonNode sentBy(ChatProvider provider, String transcript, Thinking thinking) throws Exception {
        server.enqueue(events(transcript(transcript)).build());
        RecordingListener listener = new RecordingListener();
        ChatRequest question = question(null, null, null, null);
        provider.stream(new ChatRequest("some-model", null, question.messages(), null, 2048, null, thinking),
                listener);
        listener.awaitTerminal();
        awaitIdle();
        return bodyOf(server.takeRequest());
    }

    private OpenRouterProvider openRouter() {
        return new OpenRouterProvider(http(properties(KEY)), properties(KEY));
    }

    private GeminiProvider gemini() {
        return new GeminiProvider(http(properties(KEY)), properties(KEY));
    }

    @Test
    void openRouterGetsTheBudgetAsReasoningMaxTokens() throws Exception {
        JsonNode body = sentBy(openRouter(), "openrouter-stream.txt", new Thinking(true, 2000));

        assertThat(body.path("reasoning").toString()).isEqualTo("{\"max_tokens\":2000}");
        assertThat(body.path("max_tokens").asInt()).isEqualTo(2048);
    }

    @Test
    void openRouterGetsThinkingWithoutABudgetAsEnabledAndThinkingOffAsExcluded() throws Exception {
        assertThat(sentBy(openRouter(), "openrouter-stream.txt", new Thinking(true, null)).path("reasoning")
                .toString()).isEqualTo("{\"enabled\":true}");
        assertThat(sentBy(openRouter(), "openrouter-stream.txt", new Thinking(false, 500)).path("reasoning")
                .toString()).isEqualTo("{\"exclude\":true}");
        assertThat(sentBy(openRouter(), "openrouter-stream.txt", null).has("reasoning")).isFalse();
    }

    @Test
    void geminiGetsTheBudgetInItsThinkingConfig() throws Exception {
        JsonNode body = sentBy(gemini(), "gemini-stream-thinking.txt", new Thinking(true, 1500));

        assertThat(body.path("generationConfig").path("thinkingConfig").toString())
                .isEqualTo("{\"includeThoughts\":true,\"thinkingBudget\":1500}");
        assertThat(body.path("generationConfig").path("maxOutputTokens").asInt()).isEqualTo(2048);
    }

    @Test
    void geminiGetsThinkingOffAsNoThoughtsAndNoBudget() throws Exception {
        assertThat(sentBy(gemini(), "gemini-stream-thinking.txt", new Thinking(false, null))
                .path("generationConfig").path("thinkingConfig").toString())
                .isEqualTo("{\"includeThoughts\":false,\"thinkingBudget\":0}");
        assertThat(sentBy(gemini(), "gemini-stream-thinking.txt", new Thinking(true, null))
                .path("generationConfig").path("thinkingConfig").toString())
                .isEqualTo("{\"includeThoughts\":true}");
    }
}
