package com.aipasta.ops.web;

import com.aipasta.ops.HttpApi;
import com.aipasta.ops.PlatformTest;
import com.aipasta.ops.payment.FakeRazorpay;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Input that used to reach a command (and wedge a read model, or hold a request thread), to be coerced, or to get a
 * 500 or an HTML page: every such request is now a 400 in the envelope naming the field, and changes nothing.
 */
class InputHardeningHttpTest extends PlatformTest {

    private static final String UNPAIRED_SURROGATE = "x\\ud800y";
    private static final String NUL = "x\\u0000y";

    @Test
    void aDateBeyondWhatTheStoresHoldIsRefusedAndRegistrationsGoOn() {
        Account user = register();

        HttpApi.Reply reply = api.patch("/api/admin/users/" + user.id(),
                "{\"plan\":\"premium\",\"planValidUntil\":\"+1000000000-01-01T00:00:00Z\"}", admin().token());
        HttpApi.Reply beforeEpoch = api.patch("/api/admin/users/" + user.id(),
                "{\"plan\":\"premium\",\"planValidUntil\":\"1969-12-31T23:59:59Z\"}", admin().token());

        assertValidationFailed(reply, "planValidUntil");
        assertValidationFailed(beforeEpoch, "planValidUntil");
        assertThat(api.get("/api/admin/users/" + user.id(), admin().token()).data().path("user").path("plan")
                .asText()).isEqualTo("free");
        register();
    }

    @Test
    void anUnpairedSurrogateOrANulInATitleOrPlanNameIsRefused() {
        Account owner = register();
        String sessionId = api.post("/api/chat/sessions", Map.of("title", "Kept"), owner.token())
                .data().path("session").path("id").asText();

        HttpApi.Reply surrogate = api.patch("/api/chat/sessions/" + sessionId,
                "{\"title\":\"" + UNPAIRED_SURROGATE + "\"}", owner.token());
        HttpApi.Reply nul = api.patch("/api/chat/sessions/" + sessionId, "{\"title\":\"" + NUL + "\"}",
                owner.token());
        HttpApi.Reply planName = api.post("/api/admin/plans", "{\"name\":\"" + UNPAIRED_SURROGATE
                + "\",\"tokens\":1000,\"amount\":100,\"currency\":\"INR\"}", admin().token());
        HttpApi.Reply planNul = api.post("/api/admin/plans", "{\"name\":\"" + NUL
                + "\",\"tokens\":1000,\"amount\":100,\"currency\":\"INR\"}", admin().token());

        assertValidationFailed(surrogate, "title");
        assertValidationFailed(nul, "title");
        assertValidationFailed(planName, "name");
        assertValidationFailed(planNul, "name");
        assertThat(api.get("/api/chat/sessions/" + sessionId, owner.token()).data().path("session")
                .path("title").asText()).isEqualTo("Kept");
        HttpApi.Reply paired = api.patch("/api/chat/sessions/" + sessionId, Map.of("title", "Pasta \uD83C\uDF5D"),
                owner.token());
        assertThat(paired.status()).isEqualTo(200);
        assertThat(paired.data().path("session").path("title").asText()).isEqualTo("Pasta \uD83C\uDF5D");
    }

    @Test
    void duplicateKeysAreRefusedNamingTheField() {
        Account user = register();

        HttpApi.Reply login = api.post("/api/auth/login",
                "{\"email\":\"" + user.email() + "\",\"password\":\"p\",\"password\":\"q\"}", null);
        HttpApi.Reply nested = api.post("/api/chat/sessions",
                "{\"title\":\"t\",\"options\":{\"temperature\":1,\"temperature\":2}}", user.token());

        assertValidationFailed(login, "password");
        assertThat(nested.status()).isEqualTo(400);
        assertThat(nested.code()).isEqualTo("VALIDATION_FAILED");
    }

    @Test
    void scalarsAreNotCoerced() {
        Account user = register();
        String grants = "/api/admin/users/" + user.id() + "/tokens";

        assertValidationFailed(api.post(grants, "{\"amount\":1.5,\"reason\":\"r\"}", admin().token()), "amount");
        assertValidationFailed(api.post(grants, "{\"amount\":\"5\",\"reason\":\"r\"}", admin().token()), "amount");
        assertValidationFailed(api.post(grants, "{\"amount\":5,\"reason\":5}", admin().token()), "reason");
        assertValidationFailed(api.patch("/api/admin/users/" + user.id(), "{\"active\":2}", admin().token()),
                "active");
        assertValidationFailed(api.patch("/api/admin/users/" + user.id(), "{\"active\":\"false\"}",
                admin().token()), "active");
        assertThat(api.get("/api/user/wallet", user.token()).data().path("balance").asLong()).isEqualTo(10_000);
        assertThat(api.get("/api/admin/users/" + user.id(), admin().token()).data().path("user").path("active")
                .asBoolean()).isTrue();
    }

    @Test
    void aBlankPlanNameIsRefused() {
        String name = "Blank test " + UUID.randomUUID();
        String planId = api.post("/api/admin/plans", Map.of("name", name, "tokens", 1000, "amount", 99_000_000,
                "currency", "INR"), admin().token()).data().path("plan").path("id").asText();

        assertValidationFailed(api.patch("/api/admin/plans/" + planId, Map.of("name", "   "), admin().token()),
                "name");
        assertValidationFailed(api.post("/api/admin/plans", Map.of("name", " ", "tokens", 1000, "amount", 100,
                "currency", "INR"), admin().token()), "name");
        HttpApi.Reply deactivated = api.delete("/api/admin/plans/" + planId, admin().token());
        assertThat(deactivated.data().path("plan").path("name").asText()).isEqualTo(name);
    }

    @Test
    void aSignedWebhookThatIsNotJsonIsA400() throws Exception {
        for (String body : new String[] {"not json", "[1,2]", "{\"event\":\"payment.captured\"",
                "{\"event\":\"" + NUL + "\"}"}) {
            HttpApi.Reply reply = api.send(api.request("/api/plans/webhook", null)
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .header("X-Razorpay-Signature", hmac(body, FakeRazorpay.WEBHOOK_SECRET))
                    .header("x-razorpay-event-id", "evt_" + UUID.randomUUID()));

            assertThat(reply.status()).as(body).isEqualTo(400);
            assertThat(reply.body().path("status").asText()).isEqualTo("error");
        }
    }

    @Test
    void errorsTomcatAnswersItselfAreInTheEnvelope() {
        HttpApi.Reply encodedSlash = api.get("/api/chat/sessions/a%2Fb", null);
        HttpApi.Reply hugeHeader = api.send(api.request("/health", null).GET()
                .header("X-Padding", "p".repeat(100_000)));

        for (HttpApi.Reply reply : new HttpApi.Reply[] {encodedSlash, hugeHeader}) {
            assertThat(reply.status()).isBetween(400, 499);
            assertThat(reply.raw().headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                    assertThat(type).startsWith("application/json"));
            assertThat(reply.body().path("status").asText()).as(reply.raw().body()).isEqualTo("error");
            assertThat(reply.code()).isEqualTo("MALFORMED_REQUEST");
        }
    }

    @Test
    void theErrorPathItselfIsNotFoundAndABadFilterIsA400() {
        HttpApi.Reply error = api.get("/error", null);
        HttpApi.Reply badStatus = api.get("/api/admin/payments?status=bogus", admin().token());

        assertThat(error.status()).isEqualTo(404);
        assertThat(error.code()).isEqualTo("NOT_FOUND");
        assertValidationFailed(badStatus, "status");
    }

    @Test
    void aNulOrAnInstantOutOfRangeInAQueryParameterOrAPathVariableIsRefused() {
        String admin = admin().token();

        assertValidationFailed(api.get("/api/admin/users?search=%00", admin), "search");
        assertValidationFailed(api.get("/api/admin/users?page=1&search=a%00b", admin), "search");
        assertThat(api.get("/api/admin/users/a%00b", admin).code()).isEqualTo("MALFORMED_REQUEST");
        assertValidationFailed(api.get("/api/admin/payments?from=%2B1000000000-01-01T00%3A00%3A00Z", admin), "from");
        assertValidationFailed(api.get("/api/admin/analytics?to=0000-01-01T00%3A00%3A00Z", admin), "to");
        assertValidationFailed(api.get("/api/admin/users?page=2147483647&limit=100", admin), "page");
        assertThat(api.get("/api/admin/users?search=%C3%A9", admin).status()).isEqualTo(200);
    }

    private static void assertValidationFailed(HttpApi.Reply reply, String field) {
        assertThat(reply.status()).as(reply.raw().body()).isEqualTo(400);
        assertThat(reply.code()).isEqualTo("VALIDATION_FAILED");
        JsonNode details = reply.body().path("details");
        assertThat(details.has(field)).as(reply.raw().body()).isTrue();
    }

    private static String hmac(String payload, String key) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
    }
}
