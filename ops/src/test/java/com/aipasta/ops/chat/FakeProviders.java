package com.aipasta.ops.chat;

import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.SocketEffect;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Stands in for OpenRouter (under {@code /openrouter/api/v1}) and a local OpenAI-compatible server (under
 * {@code /local/v1}), speaking their wire format: model lists, and chat completions streamed as server-sent
 * events with usage in the last chunk. What the last user message contains picks the behaviour:
 * {@code [cut]} ends the stream mid-way without {@code [DONE]}, {@code [429]} and {@code [500]} answer with that
 * status, {@code [drop]} closes the connection before
 * answering, {@code [slow]} streams one word every 100 ms, {@code [fails:<model>]} makes the stream of that model
 * (as the request names it) begin and then break before any text; {@code [prompt-json]} streams
 * {@link #GENERATED_PROMPT_ANSWER}, {@code [prompt-fenced]} the same inside a Markdown code fence and
 * {@code [prompt-bad]} {@link #UNSTRUCTURED_ANSWER}, as a model asked by the prompt generator might;
 * {@code [calc]} asks for the {@code calculator} tool (15 times 7, its arguments streamed in fragments) and, once the
 * request carries the tool's result, answers {@link #CALCULATED}; anything else streams {@link #ANSWER}.
 * {@code POST /openrouter/api/v1/embeddings} answers one vector per input with {@link #EMBEDDING_PROMPT_TOKENS} as
 * the reported usage, or 500 when an input contains {@code [500]}.
 */
public final class FakeProviders {

    public static final String ANSWER = "Hello! How can I help you today?";
    public static final String CALCULATED = "15 times 7 is 105.";
    public static final String CALCULATOR_CALL_ID = "call_calc_1";
    public static final String FREE_MODEL = "local/llama3.2";
    public static final String PAID_MODEL = "openrouter/anthropic/claude-sonnet-4";
    public static final String FREE_ROUTER_MODEL = "openrouter/meta-llama/llama-3.3-70b-instruct:free";
    public static final long PROMPT_TOKENS = 23;
    public static final long COMPLETION_TOKENS = 9;
    public static final String GENERATED_PROMPT = "You are a poet. Write a haiku about rain in the city at night.";
    public static final String GENERATED_PROMPT_ANSWER = "{\"prompt\": \"" + GENERATED_PROMPT + "\", "
            + "\"category\": \"writing\", \"improvements\": [\"gave the model a role\", \"named the form\"]}";
    public static final String UNSTRUCTURED_ANSWER = "Sure! Try asking: write a haiku about rain.";
    /** Listed by no model list: configured as an embedding model, which the catalogue adds. */
    public static final String EMBEDDING_MODEL = "openrouter/openai/text-embedding-3-small";
    public static final long EMBEDDING_PROMPT_TOKENS = 11;

    private static final MockWebServer SERVER = start();
    private static final Queue<String> COMPLETION_REQUESTS = new ConcurrentLinkedQueue<>();
    private static final Queue<String> EMBEDDING_REQUESTS = new ConcurrentLinkedQueue<>();
    private static final Pattern MODEL = Pattern.compile("\"model\":\"([^\"]+)\"");
    /** {@code [echo:word]} in the last user message: the answer quotes the word back. */
    private static final Pattern ECHO = Pattern.compile("\\[echo:([A-Za-z0-9-]+)]");

    private FakeProviders() {
    }

    /** The bodies of every chat completion request received so far, oldest first. */
    public static List<String> completionRequests() {
        return List.copyOf(COMPLETION_REQUESTS);
    }

    /** The bodies of every embedding request received so far, oldest first. */
    public static List<String> embeddingRequests() {
        return List.copyOf(EMBEDDING_REQUESTS);
    }

    public static String openRouterUrl() {
        return SERVER.url("/openrouter/api/v1").toString();
    }

    public static String localUrl() {
        return SERVER.url("/local/v1").toString();
    }

    private static MockWebServer start() {
        MockWebServer server = new MockWebServer();
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                String path = request.getUrl().encodedPath();
                if (path.endsWith("/models")) {
                    return path.startsWith("/openrouter") ? json(OPENROUTER_MODELS) : json(LOCAL_MODELS);
                }
                if (path.endsWith("/chat/completions")) {
                    String body = request.getBody() == null ? "" : request.getBody().utf8();
                    COMPLETION_REQUESTS.add(body);
                    return completion(body);
                }
                if (path.equals("/openrouter/api/v1/embeddings")) {
                    String body = request.getBody() == null ? "" : request.getBody().utf8();
                    EMBEDDING_REQUESTS.add(body);
                    return embedding(body);
                }
                return new MockResponse.Builder().code(404).body("{\"error\":{\"message\":\"not found\"}}").build();
            }
        });
        try {
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return server;
    }

    private static MockResponse completion(String body) {
        String lastUser = body.substring(Math.max(0, body.lastIndexOf("\"role\":\"user\"")));
        Matcher model = MODEL.matcher(body);
        if (model.find() && lastUser.contains("[fails:" + model.group(1) + "]")) {
            return sse(chunks(List.of(), false, false)).build();
        }
        if (lastUser.contains("[429]")) {
            return new MockResponse.Builder().code(429).setHeader("Retry-After", "20")
                    .body("{\"error\":{\"message\":\"Rate limit exceeded: free-models-per-min\",\"code\":429}}")
                    .build();
        }
        if (lastUser.contains("[500]")) {
            return new MockResponse.Builder().code(500)
                    .body("{\"error\":{\"message\":\"Internal Server Error\",\"code\":500}}").build();
        }
        if (lastUser.contains("[drop]")) {
            return new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build();
        }
        if (lastUser.contains("[prompt-json]")) {
            return sse(chunks(inPieces(GENERATED_PROMPT_ANSWER), true, true)).build();
        }
        if (lastUser.contains("[prompt-fenced]")) {
            return sse(chunks(inPieces("```json\n" + GENERATED_PROMPT_ANSWER + "\n```"), true, true)).build();
        }
        if (lastUser.contains("[prompt-bad]")) {
            return sse(chunks(inPieces(UNSTRUCTURED_ANSWER), true, true)).build();
        }
        if (lastUser.contains("[calc]")) {
            return calculatorTranscript(body);
        }
        if (lastUser.contains("[cut]")) {
            return sse(chunks(List.of("Hello", "! How"), false, false)).build();
        }
        Matcher echo = ECHO.matcher(lastUser);
        if (echo.find()) {
            return sse(chunks(List.of("You asked about ", echo.group(1), "."), true, true)).build();
        }
        if (lastUser.contains("[slow]")) {
            List<String> words = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                words.add("word" + i + " ");
            }
            return sse(chunks(words, true, true)).throttleBody(200, 100, TimeUnit.MILLISECONDS).build();
        }
        return sse(chunks(List.of("Hello", "!", " How", " can", " I", " help", " you", " today", "?"), true, true))
                .build();
    }

    private static List<String> inPieces(String text) {
        List<String> pieces = new ArrayList<>();
        for (int start = 0; start < text.length(); start += 12) {
            pieces.add(text.substring(start, Math.min(text.length(), start + 12)));
        }
        return pieces;
    }

    private static String jsonString(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }

    /** One vector per input, {@code [i + 0.5, -i]}, in reverse order as the API allows, each with its index. */
    private static MockResponse embedding(String body) {
        if (body.contains("[500]")) {
            return new MockResponse.Builder().code(500)
                    .body("{\"error\":{\"message\":\"Internal Server Error\",\"code\":500}}").build();
        }
        int inputs = body.substring(body.indexOf("\"input\":[")).split("\",\"").length;
        StringBuilder data = new StringBuilder();
        for (int i = inputs - 1; i >= 0; i--) {
            data.append(data.isEmpty() ? "" : ",").append("{\"object\":\"embedding\",\"index\":").append(i)
                    .append(",\"embedding\":[").append(i + 0.5).append(",").append(-i).append("]}");
        }
        return json("{\"object\":\"list\",\"model\":\"openai/text-embedding-3-small\",\"data\":[" + data
                + "],\"usage\":{\"prompt_tokens\":" + EMBEDDING_PROMPT_TOKENS + ",\"total_tokens\":"
                + EMBEDDING_PROMPT_TOKENS + "}}");
    }

    /** A model that calls the calculator, then answers with what it returned. */
    private static MockResponse calculatorTranscript(String body) {
        if (body.contains("\"role\":\"tool\"")) {
            return sse(chunks(List.of("15 times 7", " is 105."), true, true)).build();
        }
        String stream = ": OPENROUTER PROCESSING\n\n"
                + chunk("{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"index\":0,\"id\":\""
                + CALCULATOR_CALL_ID + "\",\"type\":\"function\",\"function\":{\"name\":\"calculator\","
                + "\"arguments\":\"\"}}]}", null)
                + chunk("{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":"
                + "\"{\\\"operation\\\":\\\"multiply\\\",\"}}]}", null)
                + chunk("{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":"
                + "\"\\\"number1\\\":15,\\\"number2\\\":7}\"}}]}", null)
                + chunk("{}", "\"tool_calls\"")
                + "data: {\"id\":\"chatcmpl-fake\",\"object\":\"chat.completion.chunk\",\"created\":1763900000,"
                + "\"model\":\"fake\",\"choices\":[],\"usage\":{\"prompt_tokens\":" + PROMPT_TOKENS
                + ",\"completion_tokens\":" + COMPLETION_TOKENS + ",\"total_tokens\":"
                + (PROMPT_TOKENS + COMPLETION_TOKENS) + "}}\n\n"
                + "data: [DONE]\n\n";
        return sse(stream).build();
    }

    private static String chunks(List<String> words, boolean finished, boolean done) {
        StringBuilder stream = new StringBuilder(": OPENROUTER PROCESSING\n\n");
        stream.append(chunk("{\"role\":\"assistant\",\"content\":\"\"}", null));
        for (String word : words) {
            stream.append(chunk("{\"content\":" + jsonString(word) + "}", null));
        }
        if (finished) {
            stream.append(chunk("{}", "\"stop\""));
            stream.append("data: {\"id\":\"chatcmpl-fake\",\"object\":\"chat.completion.chunk\",\"created\":1763900000,"
                    + "\"model\":\"fake\",\"choices\":[],\"usage\":{\"prompt_tokens\":" + PROMPT_TOKENS
                    + ",\"completion_tokens\":" + COMPLETION_TOKENS + ",\"total_tokens\":"
                    + (PROMPT_TOKENS + COMPLETION_TOKENS) + "}}\n\n");
        }
        if (done) {
            stream.append("data: [DONE]\n\n");
        }
        return stream.toString();
    }

    private static String chunk(String delta, String finishReason) {
        return "data: {\"id\":\"chatcmpl-fake\",\"object\":\"chat.completion.chunk\",\"created\":1763900000,"
                + "\"model\":\"fake\",\"choices\":[{\"index\":0,\"delta\":" + delta + ",\"finish_reason\":"
                + finishReason + "}]}\n\n";
    }

    private static MockResponse.Builder sse(String body) {
        return new MockResponse.Builder().code(200).setHeader("Content-Type", "text/event-stream").body(body);
    }

    private static MockResponse json(String body) {
        return new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json").body(body).build();
    }

    private static final String LOCAL_MODELS = """
            {"object":"list","data":[
              {"id":"llama3.2","object":"model","created":1730000000,"owned_by":"library"}
            ]}""";

    private static final String OPENROUTER_MODELS = """
            {"data":[
              {"id":"anthropic/claude-sonnet-4","name":"Anthropic: Claude Sonnet 4","created":1747930371,
               "description":"Claude Sonnet 4 significantly enhances the capabilities of its predecessor.",
               "context_length":200000,
               "architecture":{"modality":"text+image->text","input_modalities":["image","text"],
                               "output_modalities":["text"],"tokenizer":"Claude"},
               "pricing":{"prompt":"0.000003","completion":"0.000015","request":"0","image":"0.0048"},
               "supported_parameters":["max_tokens","temperature","tools","reasoning"]},
              {"id":"meta-llama/llama-3.3-70b-instruct:free","name":"Meta: Llama 3.3 70B Instruct (free)",
               "created":1733506137,"description":"The Meta Llama 3.3 multilingual large language model.",
               "context_length":131072,
               "architecture":{"modality":"text->text","input_modalities":["text"],"output_modalities":["text"],
                               "tokenizer":"Llama3"},
               "pricing":{"prompt":"0","completion":"0","request":"0","image":"0"},
               "supported_parameters":["max_tokens","temperature","top_p"]}
            ]}""";
}
