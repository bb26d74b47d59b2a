package com.aipasta.ops.console;

import com.aipasta.ops.HttpApi;
import com.aipasta.ops.chat.FakeProviders;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Alert;
import org.openqa.selenium.By;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.NumberFormat;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

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
        assertEveryControlIsLabelled();
        type("#message", "Hello there, console");
        screenshot("chat");
        element("#send").click();

        waitFor(driver -> ANSWER.equals(textOf(".message.assistant[data-status='complete'] .content")));
        waitFor(textToBe(By.id("wallet-balance"), grouped(10_000 - USED)));
        element("#session-list li.current a");
        waitFor(driver -> textOf(".message.assistant[data-status='complete'] .about").contains(FREE_MODEL)
                && textOf(".message.assistant[data-status='complete'] .about").contains(grouped(USED) + " tokens"));
        screenshot("streamed-answer");

        element("a[href='#/wallet']").click();
        waitFor(textToBe(By.id("balance-total"), grouped(10_000 - USED)));
        assertThat(element("#balance-free").getText()).isEqualTo(grouped(10_000 - USED));
        assertThat(element("#balance-purchased").getText()).isEqualTo("0");
        WebElement spent = element("#ledger-table tbody tr[data-type='spent']");
        assertEveryControlIsLabelled();
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
        waitFor(driver -> answer("generating").getText().contains("word60"));
        assertThat(inView("#stop")).as("Stop stays in view while an answer too long for the window streams").isTrue();
        screenshot("followed-after-reload");
        element("#stop").click();

        String sessionPath = "/api/chat/sessions/" + sessionIdIn(browser.getCurrentUrl());
        try {
            answer("partial");
        } catch (TimeoutException notShownStopped) {
            throw new AssertionError("The stopped answer never showed as partial; the page's answers are "
                    + browser.findElements(By.cssSelector(".message.assistant")).stream()
                    .map(shown -> shown.getAttribute("data-status")).toList() + ", the session's messages "
                    + api.get(sessionPath, account.token()).data().path("messages") + ", and the platform's threads at "
                    + "work:\n" + threadsInPlatformCode(), notShownStopped);
        }
        JsonNode session = api.get(sessionPath, account.token()).data();
        JsonNode recorded = session.path("messages").get(1);
        assertThat(recorded.path("status").asText()).isEqualTo("partial");
        String stoppedAt = recorded.path("content").asText().strip();
        assertThat(stoppedAt).contains("word6").doesNotContain("word299");
        waitFor(driver -> stoppedAt.equals(textOf(".message.assistant[data-status='partial'] .content").strip()));
        screenshot("stopped");
        JsonNode wallet = api.get("/api/user/wallet", account.token()).data();
        long charged = recorded.path("usage").path("totalTokens").asLong();
        assertThat(charged).isPositive();
        assertThat(wallet.path("balance").asLong()).isEqualTo(10_000 - charged);
        assertThat(wallet.path("reserved").asLong()).isZero();
        waitFor(textToBe(By.id("wallet-balance"), grouped(10_000 - charged)));
    }

    /** The stacks of the threads running the platform's chat code, to tell a stop that hung from one that was lost. */
    private static String threadsInPlatformCode() {
        return Thread.getAllStackTraces().entrySet().stream()
                .filter(thread -> Arrays.stream(thread.getValue())
                        .anyMatch(frame -> frame.getClassName().startsWith("com.aipasta.command")))
                .map(thread -> thread.getKey().getName() + " " + thread.getKey().getState() + Arrays.stream(
                        thread.getValue()).limit(40).map(frame -> "\n    at " + frame).collect(Collectors.joining()))
                .collect(Collectors.joining("\n"));
    }

    @Test
    void chatsAreSearchedEditedIntoBranchesRegeneratedRenamedAndDeleted() {
        Account account = register();
        for (String message : List.of("Tell me about pasta shapes", "Explain the history of Rome")) {
            assertThat(api.post("/api/chat", Map.of("message", message, "modelId", FREE_MODEL), account.token())
                    .status()).isEqualTo(200);
        }
        signIn(account.email(), account.password());
        waitFor(driver -> driver.findElements(By.cssSelector("#session-list li[data-session-id]")).size() == 2);

        type("#session-search", "rome");
        waitFor(driver -> driver.findElements(By.cssSelector("#session-list li[data-session-id]")).size() == 1);
        element("#session-list li[data-session-id] a").click();
        waitFor(driver -> "Explain the history of Rome".equals(textOf(".message.user .content")));
        String sessionId = sessionIdIn(browser.getCurrentUrl());
        new Select(element("#model")).selectByValue(FREE_MODEL);

        element(".message.user button.link").click();
        WebElement editor = element(".editor textarea");
        editor.clear();
        editor.sendKeys("Explain the history of Carthage");
        element(".editor button[type=submit]").click();
        waitFor(driver -> new Select(element("#branch")).getOptions().size() == 2);
        waitFor(driver -> "Explain the history of Carthage".equals(textOf(".message.user .content")));
        waitFor(driver -> ANSWER.equals(textOf(".message.assistant[data-status='complete'] .content")));
        screenshot("edited-into-a-branch");

        element(".message.assistant[data-status='complete'] button.link").click();
        waitFor(driver -> new Select(element("#branch")).getOptions().size() == 3);
        JsonNode detail = api.get("/api/chat/sessions/" + sessionId, account.token()).data();
        assertThat(detail.path("branches")).hasSize(3);
        String romeLeaf = null;
        for (JsonNode leaf : detail.path("branches")) {
            JsonNode branch = api.get("/api/chat/sessions/" + sessionId + "?branch=" + leaf.asText(), account.token())
                    .data();
            if (branch.path("messages").get(0).path("content").asText().contains("Rome")) {
                romeLeaf = leaf.asText();
            }
        }
        new Select(element("#branch")).selectByValue(romeLeaf);
        waitFor(driver -> "Explain the history of Rome".equals(textOf(".message.user .content")));
        screenshot("branches");

        element("#session-list li.current button[aria-label^='Rename']").click();
        Alert rename = waitFor(ExpectedConditions.alertIsPresent());
        rename.sendKeys("Ancient cities");
        rename.accept();
        waitFor(textToBe(By.id("chat-title"), "Ancient cities"));
        assertThat(api.get("/api/chat/sessions/" + sessionId, account.token()).data().path("session")
                .path("title").asText()).isEqualTo("Ancient cities");

        element("#session-list li.current button[aria-label^='Delete']").click();
        waitFor(ExpectedConditions.alertIsPresent()).accept();
        waitFor(driver -> driver.findElements(By.cssSelector("[data-session-id='" + sessionId + "']")).isEmpty());
        assertThat(api.get("/api/chat/sessions/" + sessionId, account.token()).status()).isEqualTo(404);
        screenshot("deleted");
    }

    @Test
    void twoModelsAnswerSideBySideAndOneAnswerIsPreferred() {
        Account account = register();
        signIn(account.email(), account.password());
        element("#compare-toggle").click();
        for (String model : List.of(FREE_MODEL, FakeProviders.FREE_ROUTER_MODEL)) {
            element("#compare-models input[value='" + model + "']").click();
        }
        type("#message", "Which of you answers better?");
        element("#send").click();

        waitFor(driver -> driver.findElements(
                By.cssSelector(".comparison .message.assistant[data-status='complete']")).size() == 2);
        waitFor(textToBe(By.id("wallet-balance"), grouped(10_000 - 2 * USED)));
        waitFor(driver -> element("#send").isEnabled() && inView("#send"));
        assertThat(browser.findElements(By.cssSelector(".comparison .message.assistant .content")))
                .extracting(WebElement::getText).containsOnly(ANSWER);
        assertThat(browser.findElements(By.cssSelector(".comparison .message.assistant .about")))
                .extracting(WebElement::getText)
                .anySatisfy(about -> assertThat(about).contains(FREE_MODEL))
                .anySatisfy(about -> assertThat(about).contains(FakeProviders.FREE_ROUTER_MODEL));
        WebElement preferred = element(".comparison .message.assistant button.link:last-child");
        String preferredId = preferred.findElement(By.xpath("ancestor::li[@data-id]")).getAttribute("data-id");
        preferred.click();
        waitFor(driver -> "Preferred".equals(driver.findElement(By.cssSelector(
                ".comparison [data-id='" + preferredId + "'] .message-actions button:last-child")).getText()));
        screenshot("side-by-side");

        JsonNode session = api.get("/api/chat/sessions/" + sessionIdIn(browser.getCurrentUrl()), account.token())
                .data();
        assertThat(session.path("branches")).hasSize(2);
        assertThat(api.get("/api/user/wallet", account.token()).data().path("balance").asLong())
                .isEqualTo(10_000 - 2 * USED);
        JsonNode votes = api.get("/api/leaderboard?category=all&period=all&limit=100", null).data().path("models");
        assertThat(votes).anySatisfy(entry -> assertThat(entry.path("preferences").path("wins").asLong()).isPositive());
    }

    @Test
    void aFileAttachedToAMessageReachesTheModelAndIsListedOnTheMessage() throws IOException {
        Account account = register();
        Path notes = Files.createTempFile("notes-", ".txt");
        Files.writeString(notes, "The secret ingredient is basil [attached-marker]");
        signIn(account.email(), account.password());
        new Select(element("#model")).selectByValue(FREE_MODEL);

        element("#attachments").sendKeys(notes.toAbsolutePath().toString());
        type("#message", "What is in my notes?");
        element("#send").click();

        waitFor(driver -> ANSWER.equals(textOf(".message.assistant[data-status='complete'] .content")));
        waitFor(driver -> textOf(".message.user .attachments").contains(notes.getFileName().toString()));
        assertThat(FakeProviders.completionRequests()).anySatisfy(body -> assertThat(body).contains("[attached-marker]"));
        screenshot("attached");
        Files.delete(notes);
    }

    @Test
    void modelOutputIsSanitisedBeforeItIsShownAndThePageAllowsNoInlineScript() {
        HttpApi.Reply page = api.send(api.request("/", null).setHeader("Accept", "text/html").GET());
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.raw().headers().firstValue("Content-Security-Policy").orElse(""))
                .contains("script-src 'self'").doesNotContain("unsafe-inline");
        Matcher assets = Pattern.compile("(?:src|href)=\"(/(?:webjars|console)/[^\"]+)\"").matcher(page.raw().body());
        int found = 0;
        while (assets.find()) {
            found++;
            assertThat(api.get(assets.group(1), null).status()).as(assets.group(1)).isEqualTo(200);
        }
        assertThat(found).as("the page's icon, scripts and styles").isEqualTo(8);
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
