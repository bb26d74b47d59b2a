package com.aipasta.ops.console;

import com.aipasta.ops.HttpApi;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import java.text.NumberFormat;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import static com.aipasta.ops.chat.FakeProviders.ANSWER;
import static com.aipasta.ops.chat.FakeProviders.COMPLETION_TOKENS;
import static com.aipasta.ops.chat.FakeProviders.FREE_MODEL;
import static com.aipasta.ops.chat.FakeProviders.PROMPT_TOKENS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBe;

class ChatConsoleTest extends ConsoleBrowserTest {

    private static final long USED = PROMPT_TOKENS + COMPLETION_TOKENS;

    private static String grouped(long number) {
        return NumberFormat.getIntegerInstance(Locale.ENGLISH).format(number);
    }

    private WebElement answer(String status) {
        return waitFor(driver -> driver.findElements(
                By.cssSelector(".message.assistant[data-status='" + status + "']")).stream().findFirst().orElse(null));
    }

    @Test
    void aNewUserSignsUpChatsAndIsChargedTheSettledTokensOfTheStreamedAnswer() {
        String email = "console-" + UUID.randomUUID() + "@example.com";
        open("");
        element("#login-email");
        screenshot("sign-in");

        element("#to-signup").click();
        type("#signup-name", "Console User");
        type("#signup-email", email);
        type("#signup-password", PASSWORD);
        screenshot("sign-up");
        element("form button[type=submit]").click();
        element("#composer");
        waitFor(textToBe(By.id("wallet-balance"), grouped(10_000)));
        new Select(element("#model")).selectByValue(FREE_MODEL);
        type("#message", "Hello there, console");
        screenshot("chat");
        element("#send").click();

        waitFor(driver -> ANSWER.equals(textOf(".message.assistant[data-status='complete'] .content")));
        waitFor(textToBe(By.id("wallet-balance"), grouped(10_000 - USED)));
        element("#session-list li.current a");
        assertThat(textOf(".message.assistant[data-status='complete'] .about")).contains(FREE_MODEL)
                .contains(grouped(USED) + " tokens");
        screenshot("streamed-answer");

        element("a[href='#/wallet']").click();
        waitFor(textToBe(By.id("balance-total"), grouped(10_000 - USED)));
        assertThat(element("#balance-free").getText()).isEqualTo(grouped(10_000 - USED));
        assertThat(element("#balance-purchased").getText()).isEqualTo("0");
        WebElement spent = element("#ledger-table tbody tr[data-type='spent']");
        assertThat(spent.getText()).contains("-" + grouped(USED));
        screenshot("wallet");
        String token = api.post("/api/auth/login", Map.of("email", email, "password", PASSWORD), null).data()
                .path("token").asText();
        assertThat(api.get("/api/user/wallet", token).data().path("balance").asLong()).isEqualTo(10_000 - USED);
    }

    @Test
    void anAnswerArrivesInPiecesIsFollowedAgainAfterAReloadAndStopsWhenAsked() {
        Account account = register();
        signIn(account.email(), account.password());
        new Select(element("#model")).selectByValue(FREE_MODEL);
        type("#message", "Count slowly for me [slow]");
        element("#send").click();

        waitFor(driver -> answer("generating").getText().contains("word2"));
        assertThat(answer("generating").getText()).doesNotContain("word299");
        assertThat(element("#stop").isDisplayed()).isTrue();
        screenshot("streaming");

        browser.navigate().refresh();
        waitFor(driver -> answer("generating").getText().contains("word6"));
        screenshot("followed-after-reload");
        element("#stop").click();

        WebElement stopped = answer("partial");
        String shown = stopped.findElement(By.cssSelector(".content")).getText();
        screenshot("stopped");
        JsonNode session = api.get("/api/chat/sessions/" + sessionIdIn(browser.getCurrentUrl()), account.token())
                .data();
        JsonNode recorded = session.path("messages").get(1);
        assertThat(recorded.path("status").asText()).isEqualTo("partial");
        assertThat(recorded.path("content").asText().strip()).isEqualTo(shown.strip());
        JsonNode wallet = api.get("/api/user/wallet", account.token()).data();
        long charged = recorded.path("usage").path("totalTokens").asLong();
        assertThat(charged).isPositive();
        assertThat(wallet.path("balance").asLong()).isEqualTo(10_000 - charged);
        assertThat(wallet.path("reserved").asLong()).isZero();
        waitFor(textToBe(By.id("wallet-balance"), grouped(10_000 - charged)));
    }

    @Test
    void modelOutputIsSanitisedBeforeItIsShownAndThePageAllowsNoInlineScript() {
        HttpApi.Reply page = api.send(api.request("/", null).setHeader("Accept", "text/html").GET());
        assertThat(page.raw().headers().firstValue("Content-Security-Policy").orElse(""))
                .contains("script-src 'self'").doesNotContain("unsafe-inline");
        open("#/login");
        element("#login-email");

        Object rendered = browser.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                import('/console/markdown.js').then(({ renderMarkdown }) => {
                    const element = document.createElement('div');
                    document.body.append(element);
                    renderMarkdown(element, '<img src="x" onerror="window.pwned = 1"><script>window.pwned = 2</script>'
                        + '[click](javascript:window.pwned=3) <a href="#" onclick="window.pwned=4">a</a>\\n\\n'
                        + '```java\\nint answer = 42;\\n```');
                    element.querySelector('a') && element.querySelector('a').click();
                    setTimeout(() => done({ html: element.innerHTML, pwned: window.pwned === undefined ? 'no' : 'yes',
                        highlighted: element.querySelectorAll('code.hljs .hljs-type, code.hljs .hljs-number').length }), 200);
                });
                """);

        @SuppressWarnings("unchecked")
        Map<String, Object> result = (Map<String, Object>) rendered;
        assertThat(result.get("pwned")).isEqualTo("no");
        assertThat((String) result.get("html")).doesNotContain("onerror").doesNotContain("<script")
                .doesNotContain("javascript:").doesNotContain("onclick");
        assertThat((Long) result.get("highlighted")).isPositive();
    }

    private static String sessionIdIn(String url) {
        return url.substring(url.indexOf("#/chat/") + "#/chat/".length());
    }
}
