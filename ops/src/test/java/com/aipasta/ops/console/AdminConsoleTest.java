package com.aipasta.ops.console;

import com.aipasta.ops.HttpApi;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static com.aipasta.ops.chat.FakeProviders.FREE_MODEL;
import static org.assertj.core.api.Assertions.assertThat;

class AdminConsoleTest extends ConsoleBrowserTest {

    private static final Map<String, Function<JsonNode, Long>> CHARTED = Map.of(
            "signups", figures -> figures.path("signups").asLong(),
            "active-users", figures -> figures.path("activeUsers").asLong(),
            "turns", figures -> figures.path("turns").asLong(),
            "tokens", figures -> figures.path("tokensUsed").asLong());

    @Test
    void theDashboardDrawsItsChartsFromTheAnalyticsOfTheSeededHistory() {
        Account first = register();
        Account second = register();
        for (Account account : List.of(first, second)) {
            HttpApi.Reply turn = api.post("/api/chat", Map.of("message", "Seed the dashboard", "modelId", FREE_MODEL),
                    account.token());
            assertThat(turn.status()).isEqualTo(200);
        }
        Account admin = admin();
        signIn(admin.email(), admin.password());

        element("a[href='#/admin']").click();
        WebElement charts = element("#charts[data-from]");
        for (String chart : List.of("signups", "active-users", "turns", "tokens", "revenue")) {
            element("#chart-" + chart);
        }
        JsonNode analytics = api.get("/api/admin/analytics?granularity=day&from="
                + encoded(charts.getAttribute("data-from")) + "&to=" + encoded(charts.getAttribute("data-to")),
                admin.token()).data();
        assertThat(analytics.path("totals").path("signups").asLong()).isGreaterThanOrEqualTo(2);
        assertThat(analytics.path("totals").path("turns").asLong()).isGreaterThanOrEqualTo(2);
        CHARTED.forEach((chart, figure) -> {
            List<Long> expected = new ArrayList<>();
            analytics.path("series").forEach(bucket -> expected.add(figure.apply(bucket.path("figures"))));
            assertThat(plotted(chart)).as(chart).isEqualTo(expected);
            assertThat((Boolean) script("""
                    const canvas = arguments[0];
                    const blank = document.createElement('canvas');
                    blank.width = canvas.width;
                    blank.height = canvas.height;
                    return canvas.width > 0 && canvas.toDataURL() !== blank.toDataURL();
                    """, element("#chart-" + chart))).as(chart + " is drawn").isTrue();
        });
        element("#users-table tbody tr");
        element("#projections-table tbody tr");
        assertEveryControlIsLabelled();
        screenshot("dashboard");
        script("document.getElementById('charts').scrollIntoView()");
        screenshot("charts");

        type("#user-search", second.email());
        waitFor(driver -> driver.findElements(By.cssSelector("#users-table tbody tr")).size() == 1);
        WebElement row = element("#users-table tr[data-user-id='" + second.id() + "']");
        new Select(row.findElement(By.cssSelector("select[aria-label^='Plan of']"))).selectByValue("premium");
        row.findElement(By.xpath(".//button[normalize-space()='Save']")).click();
        waitFor(driver -> row.getText().contains("Saved."));
        screenshot("user-changed");
        assertThat(api.get("/api/admin/users/" + second.id(), admin.token()).data().path("user").path("plan")
                .asText()).isEqualTo("premium");
    }

    @Test
    void aReplayStartedFromTheDashboardShowsItsProgressAndFinishes() {
        Account admin = admin();
        signIn(admin.email(), admin.password());
        open("#/admin");
        element("#projections-table tr[data-projection='plans']");
        script("document.getElementById('projections-section').scrollIntoView()");

        element("button[aria-label='Replay plans']").click();
        screenshot("replay-under-way");

        waitFor(driver -> textOf("#projection-status").contains("Replay finished: plans"));
        WebElement row = element("#projections-table tr[data-projection='plans']");
        assertThat(row.getAttribute("data-status")).isEqualTo("live");
        assertThat(row.findElement(By.tagName("progress")).getDomProperty("value")).isEqualTo("100");
        assertThat(row.getText()).contains("(100%)");
        screenshot("replay-finished");
        JsonNode plans = api.get("/api/admin/projections", admin.token()).data().path("projections");
        plans.forEach(projection -> {
            if (projection.path("name").asText().equals("plans")) {
                assertThat(projection.path("status").asText()).isEqualTo("live");
                assertThat(projection.path("progress").path("percent").asDouble()).isEqualTo(100.0);
            }
        });
        assertThat(api.get("/api/plans", null).data().path("plans")).isNotEmpty();
    }

    @SuppressWarnings("unchecked")
    private List<Long> plotted(String chart) {
        return ((List<Object>) script("return Chart.getChart(arguments[0]).data.datasets[0].data",
                element("#chart-" + chart))).stream().map(value -> ((Number) value).longValue()).toList();
    }

    private static String encoded(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
