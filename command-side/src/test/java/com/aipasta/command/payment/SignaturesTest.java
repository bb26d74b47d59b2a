package com.aipasta.command.payment;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Expected signatures computed independently with {@code openssl dgst -sha256 -hmac}. */
class SignaturesTest {

    private static final String KEY_SECRET = "EnLs21M47BllR3X8PSFtjtbd";
    private static final String CHECKOUT_SIGNATURE =
            "0d4e745a1838664ad6c9c9902212a32d627d68e917290b0ad5f08ff4561bc50f";
    private static final String WEBHOOK_BODY = "{\"entity\":\"event\",\"event\":\"payment.captured\"}";
    private static final String WEBHOOK_SIGNATURE =
            "14026b4f55f7195cf5fabf2ce57f1344fa969faf1d2cb4352740beb936dd5c18";

    @Test
    void acceptsTheCheckoutSignatureOfOrderAndPayment() {
        assertThat(Signatures.validCheckout("order_IEIaMR65cu6nz3", "pay_IH4NVgf4Dreq1l", CHECKOUT_SIGNATURE,
                KEY_SECRET)).isTrue();
        assertThat(Signatures.validCheckout("order_IEIaMR65cu6nz3", "pay_IH4NVgf4Dreq1l",
                CHECKOUT_SIGNATURE.toUpperCase(), KEY_SECRET)).isTrue();
    }

    @Test
    void refusesAnyOtherOrderPaymentKeyOrSignature() {
        assertThat(Signatures.validCheckout("order_IEIaMR65cu6nz4", "pay_IH4NVgf4Dreq1l", CHECKOUT_SIGNATURE,
                KEY_SECRET)).isFalse();
        assertThat(Signatures.validCheckout("order_IEIaMR65cu6nz3", "pay_IH4NVgf4Dreq1m", CHECKOUT_SIGNATURE,
                KEY_SECRET)).isFalse();
        assertThat(Signatures.validCheckout("order_IEIaMR65cu6nz3", "pay_IH4NVgf4Dreq1l", CHECKOUT_SIGNATURE,
                "another secret")).isFalse();
        assertThat(Signatures.validCheckout("order_IEIaMR65cu6nz3", "pay_IH4NVgf4Dreq1l", null, KEY_SECRET))
                .isFalse();
        assertThat(Signatures.validCheckout("order_IEIaMR65cu6nz3", "pay_IH4NVgf4Dreq1l", CHECKOUT_SIGNATURE, null))
                .isFalse();
    }

    @Test
    void acceptsAWebhookSignedOverItsRawBodyOnly() {
        assertThat(Signatures.validWebhook(WEBHOOK_BODY, WEBHOOK_SIGNATURE, "whsec_test")).isTrue();
        assertThat(Signatures.validWebhook(WEBHOOK_BODY + " ", WEBHOOK_SIGNATURE, "whsec_test")).isFalse();
        assertThat(Signatures.validWebhook(WEBHOOK_BODY, WEBHOOK_SIGNATURE, "other")).isFalse();
    }
}
