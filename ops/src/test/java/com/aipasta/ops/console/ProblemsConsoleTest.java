package com.aipasta.ops.console;

import com.aipasta.ops.HttpApi;
import com.aipasta.ops.chat.FakeProviders;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import java.text.NumberFormat;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import static com.aipasta.ops.chat.FakeProviders.ANSWER;
import static com.aipasta.ops.chat.FakeProviders.FREE_MODEL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBe;

/** The refusals a chat can meet, each shown with what it means and the way forward. */
class ProblemsConsoleTest extends ConsoleBrowserTest {

    private static String grouped(long number) {
        return NumberFormat.getIntegerInstance(Locale.ENGLISH).format(number);
    }

    private void send(String text) {
        type("#message", text);
        element("#send").click();
    }

    private int answers(String status) {
        return browser.findElements(By.cssSelector(".message.assistant[data-status='" + status + "']")).size();
    }

    @Test
    void aMessageTheWalletCannotCoverIsExplainedWithTheWayToBuyTokens() {
        Account account = register();
        String huge = "lorem ipsum dolor sit amet ".repeat(3_500);
        HttpApi.Reply refused = api.post("/api/chat", Map.of("message", huge, "modelId", FREE_MODEL), account.token());
        assertThat(refused.status()).isEqualTo(402);
        long required = refused.body().path("details").path("required").asLong();
        int calls = FakeProviders.completionRequests().size();
        signIn(account.email(), account.password());
        new Select(element("#model")).selectByValue(FREE_MODEL);

        paste("#message", huge);
        element("#send").click();

        WebElement problem = element(".problem[data-code='INSUFFICIENT_TOKENS']");
        assertThat(problem.getAttribute("data-status")).isEqualTo("402");
        assertThat(problem.getText()).contains("Not enough tokens for this message")
                .contains("needs about " + grouped(required) + " tokens")
                .contains("only " + grouped(10_000) + " can be spent");
        screenshot("402-explained");
        assertThat(FakeProviders.completionRequests()).hasSize(calls);
        assertThat(browser.findElements(By.cssSelector(".message"))).isEmpty();
        assertThat(element("#message").getDomProperty("value")).isEqualTo(huge);

        problem.findElement(By.linkText("Buy tokens")).click();
        element("#plans li.plan button");
        waitFor(textToBe(By.id("balance-total"), grouped(10_000)));
        screenshot("plans-to-buy");
    }

    @Test
    void aPaidModelOnTheFreePlanIsExplainedWithThePlanItNeedsAndAFreeModelToSwitchTo() {
        Account account = register();
        signIn(account.email(), account.password());
        Select picker = new Select(element("#model"));
        assertThat(picker.getOptions()).anySatisfy(option -> {
            assertThat(option.getAttribute("value")).isEqualTo(FakeProviders.PAID_MODEL);
            assertThat(option.getText()).contains("needs premium plan");
        });
        picker.selectByValue(FakeProviders.PAID_MODEL);
        send("Hello, premium model");

        WebElement problem = element(".problem[data-code='PAYWALL']");
        assertThat(problem.getText()).contains(FakeProviders.PAID_MODEL + " needs the premium plan")
                .contains("You are on the free plan");
        assertThat(problem.findElement(By.partialLinkText("See the plans")).getAttribute("href")).endsWith("#/wallet");
        screenshot("paywall-explained");

        problem.findElement(By.xpath(".//button[normalize-space()='Switch to a free model']")).click();
        assertThat(new Select(element("#model")).getFirstSelectedOption().getAttribute("value"))
                .isNotEqualTo(FakeProviders.PAID_MODEL);
        send("Hello, free model");
        waitFor(driver -> ANSWER.equals(textOf(".message.assistant[data-status='complete'] .content")));
        screenshot("answered-by-a-free-model");
    }

    @Test
    void aGuestWhoseMessagesAreUsedUpIsAskedToRegisterAndKeepsTheChatOnAPhone() {
        phoneSized();
        open("#/login");
        element("#guest").click();
        new Select(element("#model")).selectByValue(FREE_MODEL);
        for (int sent = 1; sent <= 5; sent++) {
            send("Guest message " + sent);
            int expected = sent;
            waitFor(driver -> answers("complete") == expected && element("#send").isEnabled() && inView("#send"));
        }
        screenshot("guest-chat");
        assertThat((Boolean) script("return document.documentElement.scrollWidth <= window.innerWidth")).isTrue();

        send("One message too many");
        WebElement problem = element(".problem[data-code='QUOTA_EXCEEDED']");
        assertThat(problem.getAttribute("data-status")).isEqualTo("429");
        assertThat(problem.getText()).contains("A guest’s messages are used up").contains("register to keep chatting");
        screenshot("guest-limit-explained");

        problem.findElement(By.partialLinkText("Create an account")).click();
        String email = "guest-" + UUID.randomUUID() + "@example.com";
        type("#signup-name", "Former Guest");
        type("#signup-email", email);
        type("#signup-password", PASSWORD);
        element("form button[type=submit]").click();
        element("#composer");
        WebElement chat = element("#session-list li a");
        assertThat(chat.getText()).contains("Guest message 1");
        chat.click();
        waitFor(driver -> answers("complete") == 5);
        assertThat((Boolean) script("return document.documentElement.scrollWidth <= window.innerWidth")).isTrue();
        screenshot("registered-with-the-guest-chat");
    }
}
