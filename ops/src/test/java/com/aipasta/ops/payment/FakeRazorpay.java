package com.aipasta.ops.payment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.Credentials;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.atomic.AtomicInteger;

/** Stands in for Razorpay's Orders API: {@code POST /v1/orders} with basic auth, answering as Razorpay does. */
public final class FakeRazorpay {

    public static final String KEY_ID = "rzp_test_1DP5mmOlF5G5ag";
    public static final String KEY_SECRET = "thisisasecretkeyfortests";
    public static final String WEBHOOK_SECRET = "whsec_for_tests";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger ORDERS = new AtomicInteger();
    private static final MockWebServer SERVER = start();

    private FakeRazorpay() {
    }

    public static String baseUrl() {
        return SERVER.url("/").toString();
    }

    private static MockWebServer start() {
        MockWebServer server = new MockWebServer();
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                if (!Credentials.basic(KEY_ID, KEY_SECRET).equals(request.getHeaders().get("Authorization"))) {
                    return new MockResponse.Builder().code(401).body("{\"error\":{\"code\":\"BAD_REQUEST_ERROR\","
                            + "\"description\":\"Authentication failed\"}}").build();
                }
                try {
                    JsonNode body = JSON.readTree(request.getBody().utf8());
                    String id = "order_Fake" + ORDERS.incrementAndGet();
                    return new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json")
                            .body("{\"id\":\"" + id + "\",\"entity\":\"order\",\"amount\":" + body.path("amount")
                                    + ",\"amount_paid\":0,\"amount_due\":" + body.path("amount") + ",\"currency\":"
                                    + body.path("currency") + ",\"receipt\":" + body.path("receipt")
                                    + ",\"offer_id\":null,\"status\":\"created\",\"attempts\":0,\"notes\":"
                                    + body.path("notes") + ",\"created_at\":1763900000}")
                            .build();
                } catch (IOException e) {
                    return new MockResponse.Builder().code(400).build();
                }
            }
        });
        try {
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return server;
    }
}
