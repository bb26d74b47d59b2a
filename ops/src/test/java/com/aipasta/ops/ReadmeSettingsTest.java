package com.aipasta.ops;

import com.aipasta.command.chat.turn.ChatProperties;
import com.aipasta.command.payment.PlanProperties;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every environment variable the README's settings tables name reaches the platform under that very name: a plain one
 * is a placeholder of {@code application.yml}; one standing for many (a plan's quota, a seeded plan's field) is bound
 * here from an environment as the operating system hands it over, through Spring's own mapping of variable names to
 * properties, into the settings it is documented to change.
 */
class ReadmeSettingsTest {

    /** A variable's name, with {@code <PLAN>}-like parts where it stands for many. */
    private static final String VARIABLE = "[A-Z][A-Z0-9_<>a-z]*";
    private static final Pattern SETTING_ROW = Pattern.compile(
            "^\\| (`" + VARIABLE + "`(?:, `" + VARIABLE + "`)*) \\|", Pattern.MULTILINE);
    private static final Pattern NAME = Pattern.compile("`(" + VARIABLE + ")`");
    /** Read by a library from the environment itself, not through the platform's settings. */
    private static final Set<String> READ_BY_LIBRARIES = Set.of("AXONIQ_UPDATE_CHECKER_DISABLED");
    /** The variables that stand for many, each bound by a test of this class. */
    private static final Set<String> BOUND_HERE = Set.of("AIPASTA_CHAT_DAILYQUOTAS_<PLAN>_<TIER>",
            "AIPASTA_CHAT_MONTHLYLIMITS_<PLAN>_<KIND>", "AIPASTA_PLANS_SEEDS_<n>_<FIELD>");

    @Test
    void everyPlainVariableIsAPlaceholderOfTheApplicationSettings() throws IOException {
        String settings = Files.readString(Path.of("src/main/resources/application.yml"));
        List<String> plain = documentedVariables().stream().filter(name -> !name.contains("<")).toList();

        assertThat(plain).hasSizeGreaterThan(50);
        assertThat(plain.stream().filter(name -> !READ_BY_LIBRARIES.contains(name))
                .filter(name -> !settings.contains("${" + name + ":") && !settings.contains("${" + name + "}")))
                .as("variables the README names that application.yml never reads").isEmpty();
    }

    @Test
    void everyVariableStandingForManyIsBoundHere() throws IOException {
        assertThat(documentedVariables().stream().filter(name -> name.contains("<")))
                .containsExactlyInAnyOrderElementsOf(BOUND_HERE);
    }

    @Test
    void aPlansDailyQuotaAndMonthlyLimitsAreSetByTheirVariables() {
        ChatProperties chat = bind(Map.of("AIPASTA_CHAT_DAILYQUOTAS_FREE_STANDARD", "1000000",
                "AIPASTA_CHAT_DAILYQUOTAS_PREMIUM_PREMIUM", "7",
                "AIPASTA_CHAT_MONTHLYLIMITS_FREE_REQUESTS", "2000000",
                "AIPASTA_CHAT_MONTHLYLIMITS_PREMIUM_TOKENS", "9")).bindOrCreate("aipasta.chat", ChatProperties.class);

        assertThat(chat.dailyLimit("free", "standard")).isEqualTo(1_000_000);
        assertThat(chat.dailyLimit("premium", "premium")).isEqualTo(7);
        assertThat(chat.dailyLimit("free", "premium")).as("setting any replaces the whole table").isNull();
        assertThat(chat.monthlyLimit("free", "requests")).isEqualTo(2_000_000L);
        assertThat(chat.monthlyLimit("premium", "tokens")).isEqualTo(9L);
        assertThat(chat.monthlyLimit("free", "tokens")).as("a kind left out has no limit").isNull();
    }

    @Test
    void aTablesNameSplitAtItsDashSetsNothing() {
        ChatProperties chat = bind(Map.of("AIPASTA_CHAT_DAILY_QUOTAS_FREE_STANDARD", "1000000",
                "AIPASTA_CHAT_MONTHLY_LIMITS_FREE_REQUESTS", "2000000")).bindOrCreate("aipasta.chat",
                ChatProperties.class);

        assertThat(chat.dailyLimit("free", "standard")).isEqualTo(20);
        assertThat(chat.monthlyLimit("free", "requests")).isEqualTo(1_000L);
    }

    @Test
    void aSeededPlansFieldsAreSetByTheirVariables() {
        PlanProperties plans = bind(Map.of("AIPASTA_PLANS_SEEDS_0_ID", "team",
                "AIPASTA_PLANS_SEEDS_0_NAME", "Team",
                "AIPASTA_PLANS_SEEDS_0_DESCRIPTION", "For a team",
                "AIPASTA_PLANS_SEEDS_0_TOKENS", "5000000",
                "AIPASTA_PLANS_SEEDS_0_AMOUNT", "499900",
                "AIPASTA_PLANS_SEEDS_0_CURRENCY", "INR",
                "AIPASTA_PLANS_SEEDS_0_PLAN_UPGRADE", "premium",
                "AIPASTA_PLANS_SEEDS_0_VALIDITY_DAYS", "90")).bindOrCreate("aipasta.plans", PlanProperties.class);

        assertThat(plans.seeds()).containsExactly(new PlanProperties.Seed("team", "Team", "For a team", 5_000_000,
                499_900, "INR", "premium", 90));
    }

    private static Binder bind(Map<String, Object> environmentVariables) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                        environmentVariables));
        return Binder.get(environment);
    }

    private static List<String> documentedVariables() throws IOException {
        Matcher rows = SETTING_ROW.matcher(Files.readString(Path.of("..", "README.md")));
        List<String> names = new ArrayList<>();
        while (rows.find()) {
            Matcher name = NAME.matcher(rows.group(1));
            while (name.find()) {
                names.add(name.group(1));
            }
        }
        return names;
    }
}
