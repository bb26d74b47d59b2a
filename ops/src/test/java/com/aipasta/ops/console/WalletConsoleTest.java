package com.aipasta.ops.console;

import com.aipasta.ops.payment.FakeRazorpay;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBe;

class WalletConsoleTest extends ConsoleBrowserTest {

    private static final String PLAN = "plan-starter";

    @Test
    void aPlanBoughtThroughCheckoutArrivesAsPurchasedTokens() throws Exception {
        Account buyer = register();
        signIn(buyer.email(), buyer.password());
        element("a[href='#/wallet']").click();
        element("#plans li[data-plan-id='" + PLAN + "'] button");
        // Checkout's script is served by Razorpay, out of the tests' reach: this stand-in records how the console
        // opens it, and the test answers as Checkout does after a payment in test mode.
        script("""
                window.Razorpay = function (options) {
                    window.checkoutOptions = options;
                    this.on = () => {};
                    this.open = () => { window.checkoutOpened = true; };
                };
                """);

        element("#plans li[data-plan-id='" + PLAN + "'] button").click();
        waitFor(driver -> Boolean.TRUE.equals(script("return window.checkoutOpened === true")));
        @SuppressWarnings("unchecked")
        Map<String, Object> options = (Map<String, Object>) script("""
                const options = window.checkoutOptions;
                return { key: options.key, orderId: options.order_id, amount: options.amount, currency: options.currency };
                """);
        assertThat(options.get("key")).isEqualTo(FakeRazorpay.KEY_ID);
        assertThat(options.get("amount")).isEqualTo(9_900L);
        assertThat(options.get("currency")).isEqualTo("INR");
        String orderId = (String) options.get("orderId");
        script("window.checkoutOptions.handler({ razorpay_order_id: arguments[0], razorpay_payment_id: 'pay_Console1', "
                + "razorpay_signature: arguments[1] })", orderId, hmac(orderId + "|pay_Console1"));

        waitFor(driver -> textOf("#wallet-problem").contains("50,000 tokens added"));
        waitFor(textToBe(By.id("balance-purchased"), "50,000"));
        waitFor(textToBe(By.id("balance-total"), "60,000"));
        waitFor(textToBe(By.id("wallet-balance"), "60,000"));
        waitFor(driver -> element("#ledger-table tbody tr[data-type='credited']").getText().contains("+50,000")
                && element("#ledger-table tbody tr[data-type='credited']").getText().contains(orderId));
        waitFor(driver -> textOf("#payments tbody").contains(PLAN) && textOf("#payments tbody").contains("paid"));
        screenshot("plan-bought");
        JsonNode wallet = api.get("/api/user/wallet", buyer.token()).data();
        assertThat(wallet.path("purchasedTokens").asLong()).isEqualTo(50_000);
    }

    private static String hmac(String payload) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(FakeRazorpay.KEY_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
    }
}
