package com.aipasta.command.chat.turn;

import com.aipasta.chat.api.value.GenerationOptions;
import com.aipasta.command.access.AccessState;
import com.aipasta.command.chat.catalog.CatalogModel;
import com.aipasta.command.chat.catalog.ModelCatalog;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.Repository;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

/** The tokens a turn's prompt may take: the smaller of the model's context and the platform's, less the answer's. */
class PromptBudgetTest {

    private static final int CONTEXT_TOKENS = 32_000;
    private static final int DEFAULT_MAX_TOKENS = 1_024;

    @SuppressWarnings("unchecked")
    private final ChatTurns turns = new ChatTurns(mock(CommandGateway.class), mock(AccessState.class),
            mock(Repository.class), mock(ModelCatalog.class), mock(AutoModelSelector.class), mock(ModelAccess.class),
            mock(TokenCounter.class), mock(LiveGenerations.class), mock(Attachments.class),
            new ChatProperties(DEFAULT_MAX_TOKENS, CONTEXT_TOKENS, Duration.ofMinutes(10), Duration.ofSeconds(15),
                    Duration.ofMillis(500), BigDecimal.valueOf(83), Map.of(), Map.of()),
            Clock.systemUTC(), Runnable::run, mock(ToolRounds.class));

    private static CatalogModel withContext(int contextLength) {
        return new CatalogModel("local/model", "local", "model", "Model", "", BigDecimal.ZERO, BigDecimal.ZERO,
                contextLength, List.of(), true, "free", "standard", "general", 0);
    }

    @Test
    void aModelWithASmallerContextThanThePlatformsSetsTheBudget() {
        assertThat(turns.promptBudget(withContext(8_192), GenerationOptions.DEFAULTS))
                .isEqualTo(8_192 - DEFAULT_MAX_TOKENS);
        assertThat(turns.promptBudget(withContext(8_192), new GenerationOptions(null, 256, null)))
                .isEqualTo(8_192 - 256);
    }

    @Test
    void aModelWithALargerOrUnknownContextGetsThePlatforms() {
        assertThat(turns.promptBudget(withContext(200_000), GenerationOptions.DEFAULTS))
                .isEqualTo(CONTEXT_TOKENS - DEFAULT_MAX_TOKENS);
        assertThat(turns.promptBudget(withContext(0), GenerationOptions.DEFAULTS))
                .isEqualTo(CONTEXT_TOKENS - DEFAULT_MAX_TOKENS);
    }
}
