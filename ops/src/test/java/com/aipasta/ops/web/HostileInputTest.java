package com.aipasta.ops.web;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.aipasta.ops.HttpApi;
import com.aipasta.ops.PlatformTest;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.actuate.autoconfigure.metrics.MetricsProperties;
import org.springframework.context.ApplicationContext;
import org.springframework.core.MethodParameter;
import org.springframework.test.context.TestContextManager;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile input thrown at every endpoint the platform maps: bodies that are not JSON, not objects, hold duplicate
 * keys, nest too deep, are too large, give a field the wrong type, or give a text field an unpaired surrogate or a
 * NUL; and garbage in every query parameter. None gets a 5xx, every body is refused with a 4xx in the envelope, and
 * the event store gains no event. jqwik runs the properties; Spring's test context manager gives them the platform's
 * shared application context, as it does to the JUnit tests.
 */
class HostileInputTest extends PlatformTest {

    private static final TestContextManager SPRING = new TestContextManager(HostileInputTest.class);

    private static final ObjectMapper PLAIN_JSON = new ObjectMapper();
    private static final Pattern PATH_VARIABLE = Pattern.compile("\\{\\*?([^}]+)}");
    private static final String TOO_LARGE = "{\"message\":\"" + "a".repeat(1_100_000) + "\"}";

    /** One mapped operation: a method, a path template, its body type (null without a body) and its parameters. */
    record Endpoint(String method, String path, Class<?> bodyType, List<Field> fields, List<String> parameters) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    record Field(String name, JavaType type) {
    }

    record Attempt(Endpoint endpoint, String body) {
        @Override
        public String toString() {
            return endpoint + " " + (body.length() > 300 ? body.substring(0, 300) + "…(" + body.length() + ")" : body);
        }
    }

    /** An endpoint and a path of it whose resources do not exist. */
    record Unknown(Endpoint endpoint, String path) {
        @Override
        public String toString() {
            return endpoint.method() + " " + (path.length() > 200 ? path.substring(0, 200) + "…" : path);
        }
    }

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Autowired
    ObjectMapper json;

    @Autowired
    MongoTemplate mongo;

    @Autowired
    ApplicationContext context;

    @Autowired
    MetricsProperties metrics;

    private static Map<String, String> pathValues;
    private long eventsBefore;
    private ListAppender<ILoggingEvent> logged;

    @BeforeProperty
    void connectAndCountEvents() throws Exception {
        SPRING.prepareTestInstance(this);
        api = new HttpApi(port);
        if (pathValues == null) {
            admin();
            Account owner = register();
            String sessionId = api.post("/api/chat/sessions", Map.of("title", "Target"), owner.token()).data()
                    .path("session").path("id").asText();
            pathValues = Map.ofEntries(Map.entry("userId", owner.id()), Map.entry("sessionId", sessionId),
                    Map.entry("id", sessionId), Map.entry("messageId", sessionId), Map.entry("planId", "plan-starter"),
                    Map.entry("name", "wallet-balance"), Map.entry("aggregateId", owner.id()),
                    Map.entry("provider", "builtin"), Map.entry("modelId", "local/model"),
                    Map.entry("category", "coding"), Map.entry("shareId", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"),
                    Map.entry("toolName", "echo"), Map.entry("plugin", "echo"));
        }
        eventsBefore = events();
        logged = new ListAppender<>();
        logged.start();
        rootLog().addAppender(logged);
    }

    /** Nothing stored, and nothing logged with a stack trace: a client's mistake is no failure of the platform's. */
    @AfterProperty
    void nothingWasRecorded() {
        rootLog().detachAppender(logged);
        assertThat(events()).as("events in the store").isEqualTo(eventsBefore);
        assertThat(logged.list).filteredOn(event -> event.getThrowableProxy() != null)
                .extracting(event -> event.getLoggerName() + ": " + event.getFormattedMessage())
                .as("logged with a stack trace").isEmpty();
    }

    private static Logger rootLog() {
        return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }

    @Property(tries = 400)
    void everyHostileBodyIsRefusedWithA4xx(@ForAll("hostileBodies") Attempt attempt) {
        HttpApi.Reply reply = api.send(api.request(path(attempt.endpoint()), admin().token())
                .method(attempt.endpoint().method(), HttpRequest.BodyPublishers.ofString(attempt.body())));

        assertThat(reply.status()).as(attempt + " → " + reply.raw().body()).isBetween(400, 499);
        assertThat(reply.body().path("status").asText()).as(attempt + " → " + reply.raw().body())
                .isEqualTo("error");
    }

    @Property(tries = 300)
    void noQueryParameterValueGetsA5xx(@ForAll("garbledQueries") Attempt attempt) {
        HttpApi.Reply reply = api.get(path(attempt.endpoint()) + attempt.body(), admin().token());

        assertThat(reply.status()).as(attempt + " → " + reply.raw().body()).isLessThan(500);
    }

    /**
     * A resource that does not exist is answered at once, below 500, whether or not the request names a change: one
     * that names none sends no command, and nothing would ever end a wait for the read models to show its change.
     */
    @Property(tries = 1_000, generation = GenerationMode.EXHAUSTIVE)
    void anUnknownResourceGetsNo5xx(@ForAll("unknownResources") Unknown unknown) {
        HttpApi.Reply reply = api.send(api.request(unknown.path(), admin().token())
                .method(unknown.endpoint().method(), unknown.endpoint().bodyType() == null
                        ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString("{}")));

        assertThat(reply.status()).as(unknown + " → " + reply.raw().body()).isLessThan(500);
    }

    /**
     * Requests are timed by path pattern, and the registry keeps at most {@code max-uri-tags} of them: the endpoints
     * called once it is full would go untimed. Every pattern a request can be timed under must fit: those mapped
     * (actuator's included) and the ones Spring gives requests no handler took.
     */
    @Example
    void everyPathPatternFitsTheTimedRequestsRegistry() {
        Set<String> patterns = new HashSet<>(List.of("UNKNOWN", "NOT_FOUND", "REDIRECTION", "root"));
        context.getBeansOfType(RequestMappingInfoHandlerMapping.class).values().forEach(mapping ->
                mapping.getHandlerMethods().keySet().forEach(info -> patterns.addAll(info.getPatternValues())));

        assertThat(patterns).hasSizeLessThanOrEqualTo(metrics.getWeb().getServer().getMaxUriTags());
    }

    /** Every endpoint naming resources, with all of them unknown, as its path. */
    @Provide
    Arbitrary<Unknown> unknownResources() {
        List<Endpoint> endpoints = endpoints().stream()
                .filter(endpoint -> PATH_VARIABLE.matcher(endpoint.path()).find()).toList();
        Arbitrary<String> unknown = Arbitraries.of("x", "-1", "00000000-0000-0000-0000-000000000000",
                "a".repeat(3_000), "%E2%80%AE");
        return Combinators.combine(Arbitraries.of(endpoints), unknown).as((endpoint, id) -> new Unknown(endpoint,
                PATH_VARIABLE.matcher(endpoint.path()).replaceAll(Matcher.quoteReplacement(id))));
    }

    @Provide
    Arbitrary<Attempt> hostileBodies() {
        List<Endpoint> endpoints = endpoints().stream().filter(endpoint -> endpoint.bodyType() != null).toList();
        return Arbitraries.of(endpoints).flatMap(endpoint -> hostileBody(endpoint)
                .map(body -> new Attempt(endpoint, body)));
    }

    @Provide
    Arbitrary<Attempt> garbledQueries() {
        List<Endpoint> endpoints = endpoints().stream()
                .filter(endpoint -> endpoint.method().equals("GET") && !endpoint.parameters().isEmpty()).toList();
        return Arbitraries.of(endpoints).flatMap(endpoint -> Combinators.combine(
                        Arbitraries.of(endpoint.parameters()), garbage())
                .as((name, value) -> new Attempt(endpoint, "?" + name + "=" + URLEncoder.encode(value,
                        StandardCharsets.UTF_8))));
    }

    private Arbitrary<String> hostileBody(Endpoint endpoint) {
        List<Arbitrary<String>> kinds = new ArrayList<>(List.of(notJson(), notAnObject(), duplicateKeys(endpoint),
                tooDeep()));
        if (!endpoint.fields().isEmpty()) {
            kinds.add(wrongType(endpoint));
        }
        if (endpoint.fields().stream().anyMatch(field -> field.type().getRawClass() == String.class)) {
            kinds.add(badText(endpoint));
        }
        kinds.add(Arbitraries.just(TOO_LARGE));
        return Arbitraries.oneOf(kinds);
    }

    private static Arbitrary<String> notJson() {
        return Arbitraries.strings().ofMaxLength(40).map(text -> "{" + text)
                .filter(text -> !parses(text));
    }

    private static Arbitrary<String> notAnObject() {
        return Arbitraries.oneOf(Arbitraries.of("[]", "[{}]", "1", "-0.5", "\"text\"", "true", "false"),
                Arbitraries.integers().map(String::valueOf));
    }

    private static Arbitrary<String> duplicateKeys(Endpoint endpoint) {
        Arbitrary<String> key = endpoint.fields().isEmpty() ? Arbitraries.strings().alpha().ofMinLength(1)
                .ofMaxLength(10) : Arbitraries.of(endpoint.fields()).map(Field::name);
        return Combinators.combine(key, scalar(), scalar())
                .as((name, first, second) -> "{\"" + name + "\":" + first + ",\"" + name + "\":" + second + "}");
    }

    private static Arbitrary<String> tooDeep() {
        return Arbitraries.integers().between(1_001, 3_000).flatMap(depth -> Arbitraries.of("{\"a\":", "[")
                .map(open -> "{\"deep\":" + open.repeat(depth) + "1"));
    }

    private Arbitrary<String> wrongType(Endpoint endpoint) {
        return Arbitraries.of(endpoint.fields()).flatMap(field -> wrongValueFor(field.type())
                .map(value -> "{\"" + field.name() + "\":" + value + "}"));
    }

    private static Arbitrary<String> badText(Endpoint endpoint) {
        List<Field> texts = endpoint.fields().stream().filter(field -> field.type().getRawClass() == String.class)
                .toList();
        Arbitrary<String> poison = Arbitraries.of("\\u0000", "\\ud800", "\\udfff", "\\udbff\\u0041");
        return Combinators.combine(Arbitraries.of(texts), Arbitraries.strings().alpha().numeric().ofMaxLength(20),
                        poison, Arbitraries.strings().alpha().ofMaxLength(20))
                .as((field, before, bad, after) -> "{\"" + field.name() + "\":\"" + before + bad + after + "\"}");
    }

    /** A JSON value a field of this type must refuse. */
    private static Arbitrary<String> wrongValueFor(JavaType type) {
        Class<?> raw = type.isReferenceType() ? type.getReferencedType().getRawClass() : type.getRawClass();
        if (raw == String.class) {
            return Arbitraries.of("1", "2.5", "true", "{}", "[]", "[\"a\"]");
        }
        if (raw == Instant.class) {
            return Arbitraries.of("\"+1000000000-01-01T00:00:00Z\"", "\"-5000-01-01T00:00:00Z\"", "\"tomorrow\"",
                    "true", "{}", "[]");
        }
        if (raw == Boolean.class || raw == boolean.class) {
            return Arbitraries.of("2", "0", "\"true\"", "1.0", "{}", "[]", "\"\"");
        }
        if (Number.class.isAssignableFrom(raw) || raw.isPrimitive()) {
            boolean integral = raw == Integer.class || raw == Long.class || raw == int.class || raw == long.class;
            return integral ? Arbitraries.of("1.5", "\"5\"", "true", "{}", "[]", "\"\"", "1e400")
                    : Arbitraries.of("\"0.5\"", "true", "{}", "[]", "\"\"");
        }
        return Arbitraries.of("true", "[]", "[1]");
    }

    private static Arbitrary<String> scalar() {
        return Arbitraries.oneOf(Arbitraries.integers().map(String::valueOf), Arbitraries.of("true", "null", "\"x\""),
                Arbitraries.strings().alpha().ofMaxLength(8).map(text -> "\"" + text + "\""));
    }

    private static Arbitrary<String> garbage() {
        return Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(30),
                Arbitraries.of("-1", "0", "99999999999999999999", "NaN", "1e400", "+1000000000-01-01T00:00:00Z",
                        "-999999999-01-01T00:00:00Z", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "true", "",
                        "%00", "\u0000", "\uD83C\uDF5D"),
                Arbitraries.integers().map(String::valueOf));
    }

    private List<Endpoint> endpoints() {
        List<Endpoint> endpoints = new ArrayList<>();
        mappings.getHandlerMethods().forEach((info, handler) -> {
            if (!handler.getBeanType().getPackageName().startsWith("com.aipasta")) {
                return;
            }
            Class<?> bodyType = bodyType(handler).orElse(null);
            List<Field> fields = bodyType == null || bodyType == String.class ? List.of() : fields(bodyType);
            List<String> parameters = new ArrayList<>();
            for (MethodParameter parameter : handler.getMethodParameters()) {
                RequestParam param = parameter.getParameterAnnotation(RequestParam.class);
                if (param != null) {
                    parameters.add(!param.name().isEmpty() ? param.name() : !param.value().isEmpty() ? param.value()
                            : parameter.getParameterName());
                }
            }
            for (String path : info.getPatternValues()) {
                for (RequestMethod method : info.getMethodsCondition().getMethods()) {
                    endpoints.add(new Endpoint(method.name(), path, bodyType, fields, parameters));
                }
            }
        });
        assertThat(endpoints).as("mapped endpoints").hasSizeGreaterThan(40);
        return endpoints;
    }

    private static Optional<Class<?>> bodyType(HandlerMethod handler) {
        for (MethodParameter parameter : handler.getMethodParameters()) {
            if (parameter.hasParameterAnnotation(RequestBody.class)) {
                return Optional.of(parameter.getParameterType());
            }
        }
        return Optional.empty();
    }

    private List<Field> fields(Class<?> type) {
        JavaType javaType = json.constructType(type);
        return json.getDeserializationConfig().introspect(javaType).findProperties().stream()
                .filter(BeanPropertyDefinition::couldDeserialize)
                .map(property -> new Field(property.getName(), property.getPrimaryType()))
                .toList();
    }

    private static String path(Endpoint endpoint) {
        Matcher matcher = PATH_VARIABLE.matcher(endpoint.path());
        StringBuilder path = new StringBuilder();
        while (matcher.find()) {
            String value = pathValues.getOrDefault(matcher.group(1), "unknown");
            matcher.appendReplacement(path, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(path);
        return path.toString();
    }

    private long events() {
        return mongo.getCollection("domainevents").countDocuments();
    }

    private static boolean parses(String text) {
        try {
            PLAIN_JSON.readTree(text);
            return true;
        } catch (Exception e) {
            return false;
        }
    }
}
