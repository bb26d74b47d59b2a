package com.aipasta.command.tool;

import com.aipasta.common.DomainException;
import com.aipasta.common.ErrorCode;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static com.aipasta.command.tool.ToolAssertions.refused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RegexTest {

    private final Regex regex = new Regex(new ToolProperties(Duration.ofMillis(200), 4));

    @Test
    void listsWhereThePatternIsFoundWithItsGroups() {
        Map<String, Object> result = ToolAssertions.run(regex, Map.of("pattern", "(\\w+)@(\\w+)\\.com",
                "text", "ada@example.com, bob@test.com"));

        assertThat(result).containsEntry("found", true).containsEntry("count", 2)
                .containsEntry("matchesWholeText", false);
        assertThat(result.get("matches")).isEqualTo(List.of(
                Map.of("match", "ada@example.com", "start", 0, "end", 15, "groups", List.of("ada", "example")),
                Map.of("match", "bob@test.com", "start", 17, "end", 29, "groups", List.of("bob", "test"))));
    }

    @Test
    void saysWhetherThePatternMatchesTheWholeTextAndHonoursFlags() {
        assertThat(ToolAssertions.run(regex, Map.of("pattern", "hello", "text", "HELLO", "flags", "i")))
                .containsEntry("matchesWholeText", true).containsEntry("count", 1);
        assertThat(ToolAssertions.run(regex, Map.of("pattern", "hello", "text", "HELLO")))
                .containsEntry("found", false).containsEntry("count", 0);
        assertThat(ToolAssertions.run(regex, Map.of("pattern", "^b", "text", "a\nb", "flags", "m")))
                .containsEntry("count", 1);
    }

    @Test
    void anUnmatchedOptionalGroupIsNull() {
        Map<String, Object> result = ToolAssertions.run(regex, Map.of("pattern", "a(x)?b", "text", "ab"));

        assertThat(((List<?>) result.get("matches")).get(0)).isEqualTo(Map.of("match", "ab", "start", 0, "end", 2,
                "groups", Arrays.asList((String) null)));
    }

    @Test
    void aCatastrophicPatternIsStoppedByItsTimeLimit() {
        assertThatThrownBy(() -> ToolAssertions.run(regex, Map.of("pattern", "(.*a){15}b",
                "text", "a".repeat(40))))
                .isInstanceOfSatisfying(DomainException.class, refusal -> {
                    assertThat(refusal.code()).isEqualTo(ErrorCode.REGEX_TIMEOUT);
                    assertThat(refusal.code().httpStatus()).isBetween(400, 499);
                    assertThat(refusal.getMessage()).contains("200 ms");
                });
    }

    @Test
    void theThreadIsFreeAndTheNextPatternRunsAfterATimeout() {
        assertThatThrownBy(() -> ToolAssertions.run(regex, Map.of("pattern", "(.*?,){11}P",
                "text", "1,".repeat(60)))).isInstanceOf(DomainException.class);

        assertThat(ToolAssertions.run(regex, Map.of("pattern", "x+", "text", "xxx")))
                .containsEntry("matchesWholeText", true);
    }

    @Test
    void countsManyMatchesButListsAHundred() {
        Map<String, Object> result = ToolAssertions.run(regex, Map.of("pattern", "a", "text", "a".repeat(20_000)));

        assertThat(result).containsEntry("count", Regex.MAX_COUNTED_MATCHES).containsEntry("countIsLowerBound", true);
        assertThat((List<?>) result.get("matches")).hasSize(Regex.MAX_LISTED_MATCHES);
    }

    @Test
    void refusesAnInvalidPatternUnknownFlagsAndOversizedInput() {
        refused(() -> ToolAssertions.run(regex, Map.of("pattern", "(unclosed", "text", "x")), "pattern",
                "Unclosed group");
        refused(() -> ToolAssertions.run(regex, Map.of("pattern", "a", "text", "a", "flags", "g")), "flags",
                "only i, m, s, x and u");
        refused(() -> ToolAssertions.run(regex, Map.of("pattern", "a".repeat(1_001), "text", "a")), "pattern",
                "at most 1000 characters");
        refused(() -> ToolAssertions.run(regex, Map.of("pattern", "a", "text", "a".repeat(100_001))), "text",
                "at most 100000 characters");
    }
}
