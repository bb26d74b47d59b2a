package com.aipasta.ops.payment;

import com.aipasta.ops.HttpApi;
import com.aipasta.ops.PlatformTest;
import com.aipasta.ops.chat.FakeProviders;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class PaymentsHttpTest extends PlatformTest {

    private static final String PLAN = "plan-starter";
    private static final long PLAN_TOKENS = 50_000;
    private static final long PLAN_AMOUNT = 9_900;

    private String createOrder(Account buyer) {
        HttpApi.Reply order = api.post("/api/plans/" + PLAN + "/create-order", Map.of(), buyer.token());
        assertThat(order.status()).as(order.body().toString()).isEqualTo(200);
        return order.data().path("orderId").asText();
    }

    private HttpApi.Reply verify(Account buyer, String orderId, String paymentId, String signature) {
        return api.post("/api/plans/" + PLAN + "/verify-payment", Map.of("razorpay_order_id", orderId,
                "razorpay_payment_id", paymentId, "razorpay_signature", signature), buyer.token());
    }

    private HttpApi.Reply webhook(String body, String signature, String eventId) {
        HttpRequest.Builder request = api.request("/api/plans/webhook", null)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (signature != null) {
            request.header("X-Razorpay-Signature", signature);
        }
        request.header("x-razorpay-event-id", eventId);
        return api.send(request);
    }

    private static String captured(String orderId, String paymentId, long amount, String currency) {
        return "{\"entity\":\"event\",\"account_id\":\"acc_BFQ7uQEaa7j2z7\",\"event\":\"payment.captured\","
                + "\"contains\":[\"payment\"],\"payload\":{\"payment\":{\"entity\":{\"id\":\"" + paymentId
                + "\",\"entity\":\"payment\",\"amount\":" + amount + ",\"currency\":\"" + currency
                + "\",\"status\":\"captured\",\"order_id\":\"" + orderId + "\",\"method\":\"upi\","
                + "\"captured\":true}}},\"created_at\":1763900100}";
    }

    private static String hmac(String payload, String key) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
    }

    private JsonNode tokens(Account account) {
        return api.get("/api/user/wallet", account.token()).data();
    }

    @Test
    void anOrderPaidAtCheckoutCreditsThePlansTokensOnce() throws Exception {
        Account buyer = register();
        HttpApi.Reply order = api.post("/api/plans/" + PLAN + "/create-order", Map.of(), buyer.token());
        String orderId = order.data().path("orderId").asText();
        assertThat(order.data().path("amount").asLong()).isEqualTo(PLAN_AMOUNT);
        assertThat(order.data().path("currency").asText()).isEqualTo("INR");
        assertThat(order.data().path("keyId").asText()).isEqualTo(FakeRazorpay.KEY_ID);
        assertThat(order.data().path("plan").path("id").asText()).isEqualTo(PLAN);
        String signature = hmac(orderId + "|pay_A1", FakeRazorpay.KEY_SECRET);

        HttpApi.Reply first = verify(buyer, orderId, "pay_A1", signature);
        HttpApi.Reply again = verify(buyer, orderId, "pay_A1", signature);

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.data().path("user").path("tokens").path("purchasedTokens").asLong()).isEqualTo(PLAN_TOKENS);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.data().path("user").path("tokens")).isEqualTo(first.data().path("user").path("tokens"));
        assertThat(tokens(buyer).path("balance").asLong()).isEqualTo(10_000 + PLAN_TOKENS);
        JsonNode credit = api.get("/api/user/wallet/ledger", buyer.token()).data().path("entries").get(0);
        assertThat(credit.path("type").asText()).isEqualTo("credited");
        assertThat(credit.path("reference").asText()).isEqualTo(orderId);
        assertThat(credit.path("note").asText()).isEqualTo("payment pay_A1");
    }

    @Test
    void aBadSignatureOrAnotherUsersOrderChangesNothing() throws Exception {
        Account buyer = register();
        Account stranger = register();
        String orderId = createOrder(buyer);

        HttpApi.Reply forged = verify(buyer, orderId, "pay_B1", hmac(orderId + "|pay_B1", "guessed secret"));
        HttpApi.Reply notTheirs = verify(stranger, orderId, "pay_B1", hmac(orderId + "|pay_B1",
                FakeRazorpay.KEY_SECRET));
        HttpApi.Reply unknown = verify(buyer, "order_nope", "pay_B1", hmac("order_nope|pay_B1",
                FakeRazorpay.KEY_SECRET));

        assertThat(forged.status()).isEqualTo(400);
        assertThat(forged.code()).isEqualTo("INVALID_SIGNATURE");
        assertThat(notTheirs.status()).isEqualTo(404);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(tokens(buyer).path("purchasedTokens").asLong()).isZero();
        assertThat(tokens(stranger).path("purchasedTokens").asLong()).isZero();
        assertThat(api.post("/api/plans/plan-nope/create-order", Map.of(), buyer.token()).status()).isEqualTo(404);
    }

    @Test
    void aSignedWebhookCreditsOnceAndForgedOrMismatchedOnesNothing() throws Exception {
        Account buyer = register();
        String orderId = createOrder(buyer);
        String mismatched = captured(orderId, "pay_C0", 1, "INR");
        String body = captured(orderId, "pay_C1", PLAN_AMOUNT, "INR");
        String signature = hmac(body, FakeRazorpay.WEBHOOK_SECRET);

        assertThat(webhook(body, hmac(body, "not the secret"), "evt_" + UUID.randomUUID()).status()).isEqualTo(400);
        assertThat(webhook(body, null, "evt_" + UUID.randomUUID()).status()).isEqualTo(400);
        assertThat(webhook(mismatched, hmac(mismatched, FakeRazorpay.WEBHOOK_SECRET), "evt_" + UUID.randomUUID())
                .status()).isEqualTo(200);
        assertThat(tokens(buyer).path("purchasedTokens").asLong()).isZero();

        String eventId = "evt_" + UUID.randomUUID();
        assertThat(webhook(body, signature, eventId).status()).isEqualTo(200);
        assertThat(webhook(body, signature, eventId).data().path("reason").asText()).isEqualTo("duplicate");
        assertThat(webhook(body, signature, "evt_" + UUID.randomUUID()).status()).isEqualTo(200);
        assertThat(tokens(buyer).path("purchasedTokens").asLong()).isEqualTo(PLAN_TOKENS);

        String unknownType = "{\"event\":\"refund.created\",\"payload\":{}}";
        assertThat(webhook(unknownType, hmac(unknownType, FakeRazorpay.WEBHOOK_SECRET), "evt_" + UUID.randomUUID())
                .data().path("reason").asText()).isEqualTo("ignored");
    }

    @Test
    void aPaymentFoundWithTheWrongAmountNeverCreditsTheOrderLater() throws Exception {
        Account buyer = register();
        String orderId = createOrder(buyer);
        String mismatched = captured(orderId, "pay_D1", 1, "INR");
        assertThat(webhook(mismatched, hmac(mismatched, FakeRazorpay.WEBHOOK_SECRET), "evt_" + UUID.randomUUID())
                .status()).isEqualTo(200);

        HttpApi.Reply verified = verify(buyer, orderId, "pay_D1", hmac(orderId + "|pay_D1", FakeRazorpay.KEY_SECRET));
        String sameWithPlanAmount = captured(orderId, "pay_D1", PLAN_AMOUNT, "INR");
        webhook(sameWithPlanAmount, hmac(sameWithPlanAmount, FakeRazorpay.WEBHOOK_SECRET), "evt_" + UUID.randomUUID());

        assertThat(verified.status()).isEqualTo(409);
        assertThat(tokens(buyer).path("purchasedTokens").asLong()).isZero();
        assertThat(tokens(buyer).path("balance").asLong()).isEqualTo(10_000);
    }

    @Test
    void aPlanWithAnUpgradeUnlocksPremiumModels() throws Exception {
        Account buyer = register();
        Map<String, Object> premiumTurn = Map.of("message", "Hi", "modelId", FakeProviders.PAID_MODEL);
        assertThat(api.post("/api/chat", premiumTurn, buyer.token()).code()).isEqualTo("PAYWALL");
        String orderId = api.post("/api/plans/plan-max/create-order", Map.of(), buyer.token()).data()
                .path("orderId").asText();

        HttpApi.Reply paid = api.post("/api/plans/plan-max/verify-payment", Map.of("razorpay_order_id", orderId,
                "razorpay_payment_id", "pay_M1", "razorpay_signature", hmac(orderId + "|pay_M1",
                        FakeRazorpay.KEY_SECRET)), buyer.token());

        assertThat(paid.status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() ->
                api.get("/api/auth/me", buyer.token()).data().path("user").path("plan").asText().equals("premium"));
        assertThat(api.post("/api/chat", premiumTurn, buyer.token()).status()).isEqualTo(200);
    }

    @Test
    void aRefundTakesThePurchasedTokensBackOnce() throws Exception {
        Account buyer = register();
        String orderId = createOrder(buyer);
        verify(buyer, orderId, "pay_F1", hmac(orderId + "|pay_F1", FakeRazorpay.KEY_SECRET));
        String refund = "{\"entity\":\"event\",\"event\":\"refund.processed\",\"payload\":{\"refund\":{\"entity\":"
                + "{\"id\":\"rfnd_F1\",\"entity\":\"refund\",\"amount\":" + PLAN_AMOUNT + ",\"currency\":\"INR\","
                + "\"payment_id\":\"pay_F1\",\"status\":\"processed\"}},\"payment\":{\"entity\":{\"id\":\"pay_F1\","
                + "\"order_id\":\"" + orderId + "\",\"amount\":" + PLAN_AMOUNT + ",\"amount_refunded\":" + PLAN_AMOUNT
                + ",\"status\":\"refunded\"}}}}";
        String signature = hmac(refund, FakeRazorpay.WEBHOOK_SECRET);

        assertThat(webhook(refund, signature, "evt_" + UUID.randomUUID()).status()).isEqualTo(200);
        assertThat(webhook(refund, signature, "evt_" + UUID.randomUUID()).status()).isEqualTo(200);

        assertThat(tokens(buyer).path("purchasedTokens").asLong()).isZero();
        assertThat(tokens(buyer).path("balance").asLong()).isEqualTo(10_000);
        JsonNode newest = api.get("/api/user/wallet/ledger", buyer.token()).data().path("entries").get(0);
        assertThat(newest.path("type").asText()).isEqualTo("refunded");
        assertThat(newest.path("amount").asLong()).isEqualTo(-PLAN_TOKENS);
        assertThat(newest.path("reference").asText()).isEqualTo("rfnd_F1");
    }

    @Test
    void aRefundWithoutAnIdIsRefusedEveryTime() throws Exception {
        Account buyer = register();
        String orderId = createOrder(buyer);
        verify(buyer, orderId, "pay_G1", hmac(orderId + "|pay_G1", FakeRazorpay.KEY_SECRET));
        String half = "{\"entity\":\"event\",\"event\":\"refund.processed\",\"payload\":{\"refund\":{\"entity\":"
                + "{\"id\":null,\"entity\":\"refund\",\"amount\":" + PLAN_AMOUNT / 2 + ",\"currency\":\"INR\","
                + "\"payment_id\":\"pay_G1\",\"status\":\"processed\"}},\"payment\":{\"entity\":{\"id\":\"pay_G1\","
                + "\"order_id\":\"" + orderId + "\",\"amount\":" + PLAN_AMOUNT + ",\"status\":\"refunded\"}}}}";
        String signature = hmac(half, FakeRazorpay.WEBHOOK_SECRET);

        HttpApi.Reply first = webhook(half, signature, "evt_" + UUID.randomUUID());
        HttpApi.Reply second = webhook(half, signature, "evt_" + UUID.randomUUID());

        assertThat(first.status()).isEqualTo(400);
        assertThat(first.code()).isEqualTo("VALIDATION_FAILED");
        assertThat(second.status()).isEqualTo(400);
        assertThat(tokens(buyer).path("purchasedTokens").asLong()).isEqualTo(PLAN_TOKENS);
    }

    @Test
    void paymentHistoriesShowEachOrdersState() throws Exception {
        Account buyer = register();
        String paidOrder = createOrder(buyer);
        String failedOrder = createOrder(buyer);
        verify(buyer, paidOrder, "pay_H1", hmac(paidOrder + "|pay_H1", FakeRazorpay.KEY_SECRET));
        String failure = "{\"entity\":\"event\",\"event\":\"payment.failed\",\"payload\":{\"payment\":{\"entity\":"
                + "{\"id\":\"pay_H2\",\"order_id\":\"" + failedOrder + "\",\"status\":\"failed\","
                + "\"error_description\":\"Payment was declined by the bank\"}}}}";
        assertThat(webhook(failure, hmac(failure, FakeRazorpay.WEBHOOK_SECRET), "evt_" + UUID.randomUUID()).status())
                .isEqualTo(200);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode own = api.get("/api/user/payments", buyer.token()).data();
            assertThat(own.path("pagination").path("total").asLong()).isEqualTo(2);
            assertThat(own.path("orders")).extracting(order -> order.path("orderId").asText() + "="
                    + order.path("status").asText())
                    .containsExactlyInAnyOrder(paidOrder + "=paid", failedOrder + "=failed");
        });
        JsonNode failed = api.get("/api/admin/payments?status=failed&limit=100", admin().token()).data();
        assertThat(failed.path("orders")).extracting(order -> order.path("orderId").asText()).contains(failedOrder)
                .doesNotContain(paidOrder);
        assertThat(api.get("/api/admin/payments", buyer.token()).status()).isEqualTo(403);
        assertThat(tokens(buyer).path("purchasedTokens").asLong()).isEqualTo(PLAN_TOKENS);
    }

    @Test
    void aVerificationRacingTenWebhooksCreditsExactlyOnce() throws Exception {
        Account buyer = register();
        ExecutorService pool = Executors.newFixedThreadPool(11);
        try {
            for (int round = 1; round <= 5; round++) {
                String orderId = createOrder(buyer);
                String paymentId = "pay_R" + round;
                String body = captured(orderId, paymentId, PLAN_AMOUNT, "INR");
                String webhookSignature = hmac(body, FakeRazorpay.WEBHOOK_SECRET);
                String checkoutSignature = hmac(orderId + "|" + paymentId, FakeRazorpay.KEY_SECRET);
                List<Callable<Integer>> racers = new ArrayList<>();
                racers.add(() -> verify(buyer, orderId, paymentId, checkoutSignature).status());
                String eventId = "evt_" + UUID.randomUUID();
                for (int copy = 0; copy < 10; copy++) {
                    racers.add(() -> webhook(body, webhookSignature, eventId).status());
                }
                for (Future<Integer> status : pool.invokeAll(racers)) {
                    assertThat(status.get()).isEqualTo(200);
                }
                assertThat(tokens(buyer).path("purchasedTokens").asLong()).isEqualTo(round * PLAN_TOKENS);
            }
        } finally {
            pool.shutdownNow();
        }
        JsonNode ledger = api.get("/api/user/wallet/ledger?limit=100", buyer.token()).data().path("entries");
        long credits = 0;
        for (JsonNode entry : ledger) {
            if (entry.path("type").asText().equals("credited")) {
                credits++;
            }
        }
        assertThat(credits).isEqualTo(5);
    }
}
