package com.aipasta.command.chat.provider;

import com.aipasta.chat.api.value.Thinking;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import okhttp3.HttpUrl;
import okhttp3.Request;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A provider speaking the OpenAI API: streams {@code POST {baseUrl}/chat/completions}, embeds with
 * {@code POST {baseUrl}/embeddings} and lists {@code GET {baseUrl}/models}. Subclasses say how they are configured
 * and read their own model list entries.
 */
public abstract class OpenAiStyleProvider implements ChatProvider, EmbeddingProvider {

    private final ProviderHttp http;
    private final HttpUrl baseUrl;
    private final String apiKey;

    /** {@code baseUrl} may be blank only for a provider that is then not configured. */
    protected OpenAiStyleProvider(ProviderHttp http, String baseUrl, String apiKey) {
        this.http = http;
        this.baseUrl = baseUrl == null || baseUrl.isBlank() ? null : HttpUrl.get(baseUrl.strip());
        this.apiKey = apiKey == null ? "" : apiKey.strip();
    }

    /** Reads one entry of the provider's model list. */
    protected abstract ProviderModel toModel(JsonNode model);

    protected boolean hasBaseUrl() {
        return baseUrl != null;
    }

    protected boolean hasApiKey() {
        return !apiKey.isEmpty();
    }

    @Override
    public List<ProviderModel> listModels() {
        if (!configured()) {
            throw ProviderHttp.notConfiguredFailure(id());
        }
        JsonNode list = http.callJson(id(), request("models").get().build());
        List<ProviderModel> models = new ArrayList<>();
        for (JsonNode model : list.path("data")) {
            models.add(toModel(model));
        }
        return models;
    }

    @Override
    public ChatStream stream(ChatRequest request, ChatListener listener) {
        if (!configured()) {
            return ProviderHttp.notConfigured(id(), listener);
        }
        Request call = request("chat/completions").post(http.jsonBody(body(request))).build();
        return http.stream(id(), call, new OpenAiStreamDecoder(id(), http.json()), listener);
    }

    /** {@code usage.prompt_tokens} is what the call is paid by; a server that reports none leaves it null. */
    @Override
    public Embeddings embed(String model, List<String> inputs) {
        if (!configured()) {
            throw ProviderHttp.notConfiguredFailure(id());
        }
        ObjectNode body = http.json().createObjectNode().put("model", model);
        ArrayNode input = body.putArray("input");
        inputs.forEach(input::add);
        JsonNode answer = http.callJson(id(), request("embeddings").post(http.jsonBody(body)).build());
        double[][] vectors = new double[inputs.size()][];
        JsonNode data = answer.path("data");
        for (int i = 0; i < data.size(); i++) {
            int index = data.get(i).path("index").asInt(i);
            if (index < 0 || index >= vectors.length || vectors[index] != null) {
                throw ProviderFailures.malformed(id(), "embeddings whose indexes do not match the inputs", null);
            }
            vectors[index] = Embeddings.vector(id(), data.get(i).path("embedding"));
        }
        JsonNode promptTokens = answer.path("usage").path("prompt_tokens");
        return Embeddings.of(id(), inputs.size(), Arrays.asList(vectors),
                promptTokens.isIntegralNumber() ? promptTokens.asLong() : null);
    }

    protected ProviderHttp http() {
        return http;
    }

    protected Request.Builder request(HttpUrl url) {
        Request.Builder request = new Request.Builder().url(url);
        if (hasApiKey()) {
            request.header("Authorization", "Bearer " + apiKey);
        }
        return request;
    }

    protected HttpUrl baseUrl() {
        return baseUrl;
    }

    private Request.Builder request(String path) {
        return request(baseUrl.newBuilder().addPathSegments(path).build());
    }

    private ObjectNode body(ChatRequest request) {
        ObjectNode body = http.json().createObjectNode().put("model", request.model());
        ArrayNode messages = body.putArray("messages");
        if (request.systemInstruction() != null) {
            messages.addObject().put("role", "system").put("content", request.systemInstruction());
        }
        for (ChatRequest.ChatMessage message : request.messages()) {
            ObjectNode added = messages.addObject().put("role", switch (message.role()) {
                case USER -> "user";
                case ASSISTANT -> "assistant";
                case TOOL -> "tool";
            });
            if (message.attachments().isEmpty()) {
                added.put("content", message.content());
            } else {
                ArrayNode parts = added.putArray("content");
                parts.addObject().put("type", "text").put("text", message.content());
                message.attachments().forEach(part -> addPart(parts, part));
            }
            if (message.toolCallId() != null) {
                added.put("tool_call_id", message.toolCallId());
            }
            if (!message.toolCalls().isEmpty()) {
                ArrayNode calls = added.putArray("tool_calls");
                message.toolCalls().forEach(call -> calls.addObject().put("id", call.id()).put("type", "function")
                        .putObject("function").put("name", call.name()).put("arguments", call.arguments()));
            }
        }
        if (!request.tools().isEmpty()) {
            ArrayNode tools = body.putArray("tools");
            request.tools().forEach(tool -> tools.addObject().put("type", "function").putObject("function")
                    .put("name", tool.name()).put("description", tool.description())
                    .set("parameters", http.json().valueToTree(tool.parameters())));
        }
        body.put("stream", true);
        body.putObject("stream_options").put("include_usage", true);
        if (request.temperature() != null) {
            body.put("temperature", request.temperature());
        }
        if (request.maxTokens() != null) {
            body.put("max_tokens", request.maxTokens());
        }
        if (request.topP() != null) {
            body.put("top_p", request.topP());
        }
        if (request.thinking() != null) {
            addThinking(body, request.thinking());
        }
        return body;
    }

    private static void addPart(ArrayNode parts, ChatRequest.Part part) {
        if (part instanceof ChatRequest.TextPart text) {
            parts.addObject().put("type", "text").put("text", text.text());
        } else if (part instanceof ChatRequest.ImagePart image) {
            parts.addObject().put("type", "image_url").putObject("image_url")
                    .put("url", "data:" + image.mediaType() + ";base64," + image.base64());
        }
    }

    /** Providers that take thinking settings add them to the request; the others leave them out. */
    protected void addThinking(ObjectNode body, Thinking thinking) {
    }
}
