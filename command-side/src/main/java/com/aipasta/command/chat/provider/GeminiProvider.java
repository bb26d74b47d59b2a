package com.aipasta.command.chat.provider;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import okhttp3.HttpUrl;
import okhttp3.Request;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Google Gemini: {@code streamGenerateContent} over server-sent events, with thoughts included, images inline or, past
 * the inline limit, through the File API, the platform's tools offered as function declarations to the models that
 * call functions, and embeddings with
 * {@code embedContent} (one input) or {@code batchEmbedContents} (several). Its catalogue has no prices, so models
 * are listed at zero and free only when configured so; a model whose methods include {@code embedContent} is listed
 * as an embedding model.
 */
@Component
public class GeminiProvider implements ChatProvider, EmbeddingProvider {

    private static final String MODEL_PREFIX = "models/";
    /** Gemini's model list names no input kinds; every model of the Gemini family takes images. */
    private static final String MULTIMODAL_FAMILY = "gemini-";
    private static final int PAGE_SIZE = 1000;
    private static final String TOOLS = "tools";
    /** Models of the Gemini family that speak or draw rather than write take no function declarations. */
    private static final List<String> NO_FUNCTIONS = List.of("-tts", "-image", "-audio");

    private final ProviderHttp http;
    private final HttpUrl baseUrl;
    private final String apiKey;
    private final Set<String> freeModels;
    private final long inlineLimit;
    private final GeminiFiles files;

    public GeminiProvider(ProviderHttp http, ProviderProperties properties) {
        this.http = http;
        this.baseUrl = HttpUrl.get(properties.gemini().baseUrl().strip());
        this.apiKey = properties.gemini().apiKey() == null ? "" : properties.gemini().apiKey().strip();
        this.freeModels = Set.copyOf(properties.gemini().freeModels());
        this.inlineLimit = properties.gemini().inlineLimit().toBytes();
        this.files = new GeminiFiles(http, id(), baseUrl, apiKey, properties.timeouts().firstByte());
    }

    @Override
    public String id() {
        return "gemini";
    }

    @Override
    public boolean configured() {
        return !apiKey.isEmpty();
    }

    @Override
    public List<ProviderModel> listModels() {
        if (!configured()) {
            throw ProviderHttp.notConfiguredFailure(id());
        }
        List<ProviderModel> models = new ArrayList<>();
        String pageToken = "";
        do {
            HttpUrl.Builder url = baseUrl.newBuilder().addPathSegment("models")
                    .addQueryParameter("pageSize", String.valueOf(PAGE_SIZE));
            if (!pageToken.isEmpty()) {
                url.addQueryParameter("pageToken", pageToken);
            }
            JsonNode page = http.callJson(id(), request(url.build()).get().build());
            for (JsonNode model : page.path("models")) {
                if (supports(model, "generateContent")) {
                    models.add(toModel(model));
                } else if (supports(model, "embedContent")) {
                    models.add(toEmbeddingModel(model));
                }
            }
            pageToken = page.path("nextPageToken").asText("");
        } while (!pageToken.isEmpty());
        return models;
    }

    /**
     * Starts the stream at once, unless the request is over the inline limit: its largest images are then uploaded
     * through the File API first (each once, see {@link GeminiFiles}), and a failed upload fails the stream.
     */
    @Override
    public ChatStream stream(ChatRequest request, ChatListener listener) {
        if (!configured()) {
            return ProviderHttp.notConfigured(id(), listener);
        }
        Map<ChatRequest.ImagePart, GeminiFiles.UploadedFile> uploaded = new HashMap<>();
        byte[] body;
        try {
            body = withinInlineLimit(request, uploaded);
        } catch (ProviderException failure) {
            listener.onError(failure);
            return () -> {
            };
        }
        HttpUrl url = baseUrl.newBuilder().addPathSegment("models")
                .addPathSegment(request.model() + ":streamGenerateContent")
                .addQueryParameter("alt", "sse")
                .build();
        Request call = request(url).post(http.jsonBody(body)).build();
        return http.stream(id(), call, new GeminiStreamDecoder(id(), http.json()),
                uploaded.isEmpty() ? listener : new ForgettingRefusedFiles(listener, uploaded.keySet()));
    }

    /**
     * The request's body, its images inline while it stays within the inline limit (Gemini takes requests of up to
     * 20 MB); over it, the largest images go as uploaded files, one after another until the body fits or none is
     * left inline.
     */
    private byte[] withinInlineLimit(ChatRequest request,
                                     Map<ChatRequest.ImagePart, GeminiFiles.UploadedFile> uploaded) {
        byte[] body = serialized(body(request, uploaded));
        Iterator<ChatRequest.ImagePart> largestFirst = request.messages().stream()
                .flatMap(message -> message.attachments().stream())
                .filter(ChatRequest.ImagePart.class::isInstance).map(ChatRequest.ImagePart.class::cast).distinct()
                .sorted(Comparator.comparingInt((ChatRequest.ImagePart image) -> image.base64().length()).reversed())
                .iterator();
        while (body.length > inlineLimit && largestFirst.hasNext()) {
            ChatRequest.ImagePart image = largestFirst.next();
            uploaded.put(image, files.upload(image));
            body = serialized(body(request, uploaded));
        }
        return body;
    }

    private byte[] serialized(JsonNode body) {
        try {
            return http.json().writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A request body could not be written", e);
        }
    }

    private Request.Builder request(HttpUrl url) {
        return new Request.Builder().url(url).header("x-goog-api-key", apiKey);
    }

    private ObjectNode body(ChatRequest request, Map<ChatRequest.ImagePart, GeminiFiles.UploadedFile> uploaded) {
        ObjectNode body = http.json().createObjectNode();
        ArrayNode contents = body.putArray("contents");
        List<ToolCall> answering = List.of();
        ArrayNode responses = null;
        for (ChatRequest.ChatMessage message : request.messages()) {
            if (message.role() == ChatRequest.Role.TOOL) {
                if (responses == null) {
                    responses = contents.addObject().put("role", "user").putArray("parts");
                }
                if (responses.size() >= answering.size()) {
                    throw new IllegalArgumentException("A tool result that answers no call of the model");
                }
                ToolCall call = answering.get(responses.size());
                ObjectNode response = responses.addObject().putObject("functionResponse");
                if (call.id() != null) {
                    response.put("id", call.id());
                }
                response.put("name", call.name()).set("response", functionResponse(message.content()));
                continue;
            }
            responses = null;
            ArrayNode parts = contents.addObject()
                    .put("role", message.role() == ChatRequest.Role.USER ? "user" : "model")
                    .putArray("parts");
            if ((message.content() != null && !message.content().isEmpty()) || message.toolCalls().isEmpty()) {
                parts.addObject().put("text", message.content() == null ? "" : message.content());
            }
            for (ChatRequest.Part part : message.attachments()) {
                if (part instanceof ChatRequest.TextPart text) {
                    parts.addObject().put("text", text.text());
                } else if (part instanceof ChatRequest.ImagePart image && uploaded.containsKey(image)) {
                    GeminiFiles.UploadedFile file = uploaded.get(image);
                    parts.addObject().putObject("file_data").put("mime_type", file.mimeType())
                            .put("file_uri", file.uri());
                } else if (part instanceof ChatRequest.ImagePart image) {
                    parts.addObject().putObject("inline_data").put("mime_type", image.mediaType())
                            .put("data", image.base64());
                }
            }
            for (ToolCall call : message.toolCalls()) {
                ObjectNode part = parts.addObject();
                ObjectNode functionCall = part.putObject("functionCall");
                if (call.id() != null) {
                    functionCall.put("id", call.id());
                }
                functionCall.put("name", call.name()).set("args", arguments(call));
                if (call.signature() != null) {
                    part.put("thoughtSignature", call.signature());
                }
            }
            answering = message.toolCalls();
        }
        if (!request.tools().isEmpty()) {
            ArrayNode declarations = body.putArray("tools").addObject().putArray("functionDeclarations");
            request.tools().forEach(tool -> declarations.addObject().put("name", tool.name())
                    .put("description", tool.description())
                    .set("parameters", GeminiSchema.of(http.json(), tool.parameters())));
        }
        if (request.systemInstruction() != null) {
            body.putObject("systemInstruction").putArray("parts").addObject().put("text", request.systemInstruction());
        }
        ObjectNode generation = body.putObject("generationConfig");
        if (request.temperature() != null) {
            generation.put("temperature", request.temperature());
        }
        if (request.maxTokens() != null) {
            generation.put("maxOutputTokens", request.maxTokens());
        }
        if (request.topP() != null) {
            generation.put("topP", request.topP());
        }
        ObjectNode thinking = generation.putObject("thinkingConfig");
        if (request.thinking() == null) {
            thinking.put("includeThoughts", true);
        } else if (request.thinking().enabled()) {
            thinking.put("includeThoughts", true);
            if (request.thinking().budgetTokens() != null) {
                thinking.put("thinkingBudget", request.thinking().budgetTokens());
            }
        } else {
            thinking.put("includeThoughts", false).put("thinkingBudget", 0);
        }
        return body;
    }

    private JsonNode arguments(ToolCall call) {
        try {
            JsonNode arguments = call.arguments() == null || call.arguments().isBlank()
                    ? http.json().createObjectNode() : http.json().readTree(call.arguments());
            return arguments.isObject() ? arguments : http.json().createObjectNode();
        } catch (JsonProcessingException e) {
            return http.json().createObjectNode();
        }
    }

    /** Gemini takes a function's response as an object: a result that is not one is wrapped as {@code result}. */
    private JsonNode functionResponse(String content) {
        JsonNode result;
        try {
            result = http.json().readTree(content);
        } catch (JsonProcessingException e) {
            result = http.json().getNodeFactory().textNode(content);
        }
        return result != null && result.isObject() ? result : http.json().createObjectNode().set("result", result);
    }

    private static boolean supports(JsonNode model, String generationMethod) {
        for (JsonNode method : model.path("supportedGenerationMethods")) {
            if (generationMethod.equals(method.asText())) {
                return true;
            }
        }
        return false;
    }

    /** Gemini reports no usage for embeddings: the caller pays by its own count of the inputs. */
    @Override
    public Embeddings embed(String model, List<String> inputs) {
        if (!configured()) {
            throw ProviderHttp.notConfiguredFailure(id());
        }
        boolean single = inputs.size() == 1;
        ObjectNode body = http.json().createObjectNode();
        if (single) {
            addContent(body, inputs.get(0));
        } else {
            ArrayNode requests = body.putArray("requests");
            inputs.forEach(input -> addContent(requests.addObject().put("model", MODEL_PREFIX + model), input));
        }
        HttpUrl url = baseUrl.newBuilder().addPathSegment("models")
                .addPathSegment(model + (single ? ":embedContent" : ":batchEmbedContents")).build();
        JsonNode answer = http.callJson(id(), request(url).post(http.jsonBody(body)).build());
        List<double[]> vectors = new ArrayList<>();
        if (single) {
            vectors.add(Embeddings.vector(id(), answer.path("embedding").path("values")));
        } else {
            for (JsonNode embedding : answer.path("embeddings")) {
                vectors.add(Embeddings.vector(id(), embedding.path("values")));
            }
        }
        return Embeddings.of(id(), inputs.size(), vectors, null);
    }

    private static void addContent(ObjectNode request, String text) {
        request.putObject("content").putArray("parts").addObject().put("text", text);
    }

    private ProviderModel toEmbeddingModel(JsonNode model) {
        return toModel(model).asEmbeddingModel();
    }

    private static String idOf(JsonNode model) {
        String name = model.path("name").asText();
        return name.startsWith(MODEL_PREFIX) ? name.substring(MODEL_PREFIX.length()) : name;
    }

    /**
     * Gemini's model list does not say which models call functions: those of the {@code gemini-} family do, except
     * its speech, image and audio models; Gemma and the others are offered no tools.
     */
    static boolean callsFunctions(String id) {
        return id.startsWith(MULTIMODAL_FAMILY) && NO_FUNCTIONS.stream().noneMatch(id::contains);
    }

    private ProviderModel toModel(JsonNode model) {
        String id = idOf(model);
        List<String> capabilities = new ArrayList<>(List.of("text"));
        if (id.startsWith(MULTIMODAL_FAMILY)) {
            capabilities.add("image");
        }
        if (model.path("thinking").asBoolean(false)) {
            capabilities.add("reasoning");
        }
        if (callsFunctions(id)) {
            capabilities.add(TOOLS);
        }
        return new ProviderModel(id, model.path("displayName").asText(id), model.path("description").asText(null),
                BigDecimal.ZERO, BigDecimal.ZERO, model.path("inputTokenLimit").asInt(0), List.copyOf(capabilities),
                freeModels.contains(id));
    }

    /**
     * Passes a stream on, forgetting its uploaded files when Gemini refuses the request: a remembered file that
     * Gemini no longer holds (deleted by other means) would otherwise fail every turn that sends it.
     */
    private final class ForgettingRefusedFiles implements ChatListener {

        private final ChatListener target;
        private final Set<ChatRequest.ImagePart> sent;

        ForgettingRefusedFiles(ChatListener target, Set<ChatRequest.ImagePart> sent) {
            this.target = target;
            this.sent = Set.copyOf(sent);
        }

        @Override
        public void onThought(String text) {
            target.onThought(text);
        }

        @Override
        public void onDelta(String text) {
            target.onDelta(text);
        }

        @Override
        public void onComplete(TokenUsage usage, String finishReason) {
            target.onComplete(usage, finishReason);
        }

        @Override
        public void onError(ProviderException failure) {
            if (failure.kind() == ProviderException.Kind.BAD_REQUEST
                    || failure.kind() == ProviderException.Kind.AUTHENTICATION) {
                sent.forEach(files::forget);
            }
            target.onError(failure);
        }

        @Override
        public void onToolCalls(List<ToolCall> calls, TokenUsage usage) {
            target.onToolCalls(calls, usage);
        }
    }
}
