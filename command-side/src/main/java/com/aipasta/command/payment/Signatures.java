package com.aipasta.command.payment;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;

/** Razorpay's signatures: hex HMAC-SHA256, compared in constant time. */
public final class Signatures {

    private Signatures() {
    }

    /** The checkout's signature covers {@code order_id|payment_id} under the key secret. */
    public static boolean validCheckout(String orderId, String paymentId, String signature, String keySecret) {
        return matches(orderId + "|" + paymentId, signature, keySecret);
    }

    /** A webhook's signature covers its raw body under the webhook secret. */
    public static boolean validWebhook(String rawBody, String signature, String webhookSecret) {
        return matches(rawBody, signature, webhookSecret);
    }

    static String hmacHex(String payload, String key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    private static boolean matches(String payload, String signature, String key) {
        if (signature == null || key == null || key.isEmpty()) {
            return false;
        }
        return MessageDigest.isEqual(hmacHex(payload, key).getBytes(StandardCharsets.UTF_8),
                signature.trim().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
    }
}
