package com.aipasta.command.payment;

import com.aipasta.common.DomainException;
import com.aipasta.common.ErrorCode;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import okhttp3.Credentials;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.util.Map;

/** Razorpay's Orders API ({@code POST /v1/orders}) at the configured base URL, with the key as basic auth. */
@Component
public class RazorpayOrders {

    private static final MediaType JSON = MediaType.get("application/json");

    public record GatewayOrder(String id, long amount, String currency) {
    }

    private final OkHttpClient http;
    private final RazorpayProperties properties;
    private final ObjectMapper json;

    public RazorpayOrders(OkHttpClient providerHttpClient, RazorpayProperties properties, ObjectMapper json) {
        this.http = providerHttpClient;
        this.properties = properties;
        this.json = json;
    }

    public GatewayOrder create(long amount, String currency, String receipt, Map<String, String> notes) {
        if (!properties.configured()) {
            throw new DomainException(ErrorCode.SERVICE_UNAVAILABLE, "Payments are not configured on this platform");
        }
        Request request = new Request.Builder()
                .url(properties.baseUrl().replaceAll("/+$", "") + "/v1/orders")
                .header("Authorization", Credentials.basic(properties.keyId(), properties.keySecret()))
                .post(RequestBody.create(body(amount, currency, receipt, notes), JSON))
                .build();
        try (Response response = http.newCall(request).execute()) {
            JsonNode reply = json.readTree(response.body().string());
            if (!response.isSuccessful()) {
                throw new DomainException(ErrorCode.PROVIDER_ERROR, "The payment gateway refused the order: "
                        + reply.path("error").path("description").asText(response.message()));
            }
            return new GatewayOrder(reply.path("id").asText(), reply.path("amount").asLong(),
                    reply.path("currency").asText());
        } catch (IOException e) {
            throw new DomainException(ErrorCode.PROVIDER_ERROR, "The payment gateway could not be reached");
        }
    }

    private String body(long amount, String currency, String receipt, Map<String, String> notes) {
        try {
            return json.writeValueAsString(Map.of("amount", amount, "currency", currency, "receipt", receipt,
                    "notes", notes));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
