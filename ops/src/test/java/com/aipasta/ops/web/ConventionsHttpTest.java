package com.aipasta.ops.web;

import com.aipasta.ops.HttpApi;
import com.aipasta.ops.PlatformTest;
import org.apache.coyote.AbstractProtocol;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.web.embedded.tomcat.TomcatWebServer;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ConventionsHttpTest extends PlatformTest {

    @Autowired
    private ServletWebServerApplicationContext server;

    @Test
    void tomcatReusesNoProcessorThatCouldCarryAStaleAsyncTimeOutToAnotherConnection() {
        AbstractProtocol<?> http = (AbstractProtocol<?>) ((TomcatWebServer) server.getWebServer()).getTomcat()
                .getConnector().getProtocolHandler();

        assertThat(http.getProcessorCache()).isZero();
    }

    @Test
    void malformedJsonIsA400WithoutAStackTrace() {
        HttpApi.Reply reply = api.post("/api/auth/login", "{\"email\": \"a@b.c\", ", null);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.code()).isEqualTo("MALFORMED_REQUEST");
        assertThat(reply.raw().body()).doesNotContain("Exception").doesNotContain("at com.");
    }

    @Test
    void aFieldOfTheWrongTypeIsNamed() {
        Account account = register();

        HttpApi.Reply reply = api.post("/api/admin/users/" + account.id() + "/tokens",
                "{\"amount\": \"lots\", \"reason\": \"x\"}", admin().token());
        HttpApi.Reply nested = api.post("/api/auth/register",
                "{\"email\": {\"a\": 1}, \"password\": \"password1\", \"name\": \"n\"}", null);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.code()).isEqualTo("VALIDATION_FAILED");
        assertThat(reply.body().path("details").has("amount")).isTrue();
        assertThat(nested.status()).isEqualTo(400);
        assertThat(nested.body().path("details").has("email")).isTrue();
    }

    @Test
    void aMissingOrEmptyBodyIsA400() {
        assertThat(api.post("/api/auth/login", "", null).status()).isEqualTo(400);
        assertThat(api.post("/api/auth/login", "null", null).status()).isEqualTo(400);
        assertThat(api.post("/api/auth/login", "[]", null).status()).isEqualTo(400);
    }

    @Test
    void aBodyOverOneMebibyteIsA413() {
        String big = "{\"email\":\"" + "a".repeat(1_100_000) + "\",\"password\":\"x\"}";

        HttpApi.Reply declared = api.post("/api/auth/login", big, null);
        HttpApi.Reply streamed = api.postRaw("/api/auth/login", "application/json",
                HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big.getBytes())));

        assertThat(declared.status()).isEqualTo(413);
        assertThat(declared.code()).isEqualTo("PAYLOAD_TOO_LARGE");
        assertThat(streamed.status()).isEqualTo(413);
        assertThat(streamed.code()).isEqualTo("PAYLOAD_TOO_LARGE");
    }

    @Test
    void wrongMethodsMediaTypesAndRoutesGetTheEnvelope() {
        Account account = register();

        HttpApi.Reply wrongMethod = api.delete("/api/auth/login", null);
        HttpApi.Reply wrongType = api.postRaw("/api/auth/login", "text/plain",
                HttpRequest.BodyPublishers.ofString("email=a"));
        HttpApi.Reply noRoute = api.get("/api/nothing-here", account.token());

        assertThat(wrongMethod.status()).isIn(401, 405);
        assertThat(wrongMethod.body().path("status").asText()).isEqualTo("error");
        assertThat(wrongType.status()).isEqualTo(415);
        assertThat(wrongType.code()).isEqualTo("UNSUPPORTED_MEDIA_TYPE");
        assertThat(noRoute.status()).isEqualTo(404);
        assertThat(noRoute.code()).isEqualTo("NOT_FOUND");
    }

    @Test
    void anAdminOnlyEndpointAnswers403ToAUser() {
        Account account = register();

        HttpApi.Reply reply = api.post("/api/admin/users/" + account.id() + "/tokens",
                Map.of("amount", 5, "reason", "x"), account.token());

        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.body().path("status").asText()).isEqualTo("error");
    }

    @Test
    void healthReportsBothStoresPublicly() {
        HttpApi.Reply health = api.get("/health", null);

        assertThat(health.status()).isEqualTo(200);
        assertThat(health.data().path("status").asText()).isEqualTo("ok");
        assertThat(health.data().path("eventStore").path("status").asText()).isEqualTo("up");
        assertThat(health.data().path("readStore").path("status").asText()).isEqualTo("up");
        assertThat(health.data().path("rebuilding").isArray()).isTrue();
    }

    @Test
    void openApiSwaggerAndActuatorAreServed() {
        HttpApi.Reply docs = api.get("/v3/api-docs", null);
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.body().path("paths").has("/api/auth/register")).isTrue();
        assertThat(docs.body().path("paths").has("/api/user/wallet/ledger")).isTrue();
        assertThat(docs.body().path("paths").path("/api/chat").path("post").path("responses").path("200")
                .path("content").has("text/event-stream")).as("a turn documents its event stream").isTrue();

        assertThat(api.send(api.request("/swagger-ui/index.html", null).header("Accept", "text/html").GET())
                .status()).isEqualTo(200);
        assertThat(api.get("/actuator/health", null).body().path("status").asText()).isEqualTo("UP");
        HttpApi.Reply metrics = api.send(api.request("/actuator/prometheus", admin().token())
                .header("Accept", "text/plain").GET());
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.raw().body()).contains("jvm_memory_used_bytes", "commandBus_allTimer_seconds_count")
                .as("no per-event metrics of the event processors").doesNotContain("eventProcessor_")
                .as("no capacity gauge registered again at every command").doesNotContain("commandBus_capacity")
                .as("no timer of every database command").doesNotContain("mongodb_driver_commands_seconds");
    }
}
