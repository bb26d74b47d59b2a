package com.aipasta.command.chat.provider;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Attached files in the exact request parts each provider receives. */
class AttachmentRequestTest extends ProviderServer {

    private static final ChatRequest.ImagePart IMAGE = new ChatRequest.ImagePart("chart.png", "image/png",
            "iVBORw0KGgo=");
    private static final ChatRequest.TextPart DOCUMENT = new ChatRequest.TextPart("File report.pdf:\nRevenue up");

    private JsonNode sentBy(ChatProvider provider, String transcript) throws Exception {
        server.enqueue(events(transcript(transcript)).build());
        RecordingListener listener = new RecordingListener();
        provider.stream(new ChatRequest("some-model", null, List.of(
                new ChatRequest.ChatMessage(ChatRequest.Role.USER, "Earlier, with a chart", List.of(IMAGE)),
                new ChatRequest.ChatMessage(ChatRequest.Role.ASSISTANT, "A rising line."),
                new ChatRequest.ChatMessage(ChatRequest.Role.USER, "Sum these up", List.of(DOCUMENT, IMAGE))),
                null, null, null), listener);
        listener.awaitTerminal();
        awaitIdle();
        return bodyOf(server.takeRequest());
    }

    @Test
    void openAiStyleProvidersGetTextAndImageUrlPartsAndPlainTextWithoutAttachments() throws Exception {
        JsonNode messages = sentBy(new OpenRouterProvider(http(properties(KEY)), properties(KEY)),
                "openrouter-stream.txt").path("messages");

        assertThat(messages.get(0).toString()).isEqualTo("{\"role\":\"user\",\"content\":["
                + "{\"type\":\"text\",\"text\":\"Earlier, with a chart\"},"
                + "{\"type\":\"image_url\",\"image_url\":{\"url\":\"data:image/png;base64,iVBORw0KGgo=\"}}]}");
        assertThat(messages.get(1).toString()).isEqualTo("{\"role\":\"assistant\",\"content\":\"A rising line.\"}");
        assertThat(messages.get(2).toString()).isEqualTo("{\"role\":\"user\",\"content\":["
                + "{\"type\":\"text\",\"text\":\"Sum these up\"},"
                + "{\"type\":\"text\",\"text\":\"File report.pdf:\\nRevenue up\"},"
                + "{\"type\":\"image_url\",\"image_url\":{\"url\":\"data:image/png;base64,iVBORw0KGgo=\"}}]}");
    }

    @Test
    void geminiGetsTextAndInlineDataParts() throws Exception {
        JsonNode contents = sentBy(new GeminiProvider(http(properties(KEY)), properties(KEY)),
                "gemini-stream-thinking.txt").path("contents");

        assertThat(contents.get(0).toString()).isEqualTo("{\"role\":\"user\",\"parts\":["
                + "{\"text\":\"Earlier, with a chart\"},"
                + "{\"inline_data\":{\"mime_type\":\"image/png\",\"data\":\"iVBORw0KGgo=\"}}]}");
        assertThat(contents.get(1).toString()).isEqualTo("{\"role\":\"model\",\"parts\":[{\"text\":\"A rising line.\"}]}");
        assertThat(contents.get(2).toString()).isEqualTo("{\"role\":\"user\",\"parts\":["
                + "{\"text\":\"Sum these up\"},"
                + "{\"text\":\"File report.pdf:\\nRevenue up\"},"
                + "{\"inline_data\":{\"mime_type\":\"image/png\",\"data\":\"iVBORw0KGgo=\"}}]}");
    }
}
