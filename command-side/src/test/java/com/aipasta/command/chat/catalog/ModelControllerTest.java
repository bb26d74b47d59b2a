package com.aipasta.command.chat.catalog;

import com.aipasta.command.chat.provider.ChatProviders;
import com.aipasta.common.DomainException;
import com.aipasta.common.ErrorCode;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static com.aipasta.command.chat.catalog.FakeProvider.model;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The routes of the catalogue endpoints; the envelope and the error mapping belong to the platform's web layer. */
class ModelControllerTest {

    private final FakeProvider openrouter = new FakeProvider("openrouter", true,
            model("meta-llama/llama-3.3-70b-instruct:free", "Meta: Llama 3.3 70B Instruct (free)", "0", "0", true,
                    "text"),
            model("anthropic/claude-sonnet-4", "Anthropic: Claude Sonnet 4", "0.003", "0.015", false, "text",
                    "reasoning"));
    private final PopularModels noTurns = new PopularModels(null, Clock.systemUTC()) {
        @Override
        public Map<String, Long> turnsByModel() {
            return Map.of();
        }
    };
    private final MockMvc mvc = MockMvcBuilders.standaloneSetup(new ModelController(new ModelCatalog(
            new ChatProviders(List.of(openrouter)),
            new ModelCatalogProperties(Duration.ofMinutes(15), List.of(), List.of(), List.of()), Clock.systemUTC()), noTurns))
            .build();

    @Test
    void listsAPageOfModels() throws Exception {
        mvc.perform(get("/api/models").param("sort", "price").param("limit", "1"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.models[0].id").value("openrouter/meta-llama/llama-3.3-70b-instruct:free"))
                .andExpect(jsonPath("$.models.length()").value(1))
                .andExpect(jsonPath("$.pagination.total").value(2))
                .andExpect(jsonPath("$.pagination.totalPages").value(2));
    }

    @Test
    void readsAModelWhoseIdHasSlashesAndAColon() throws Exception {
        mvc.perform(get("/api/models/openrouter/meta-llama/llama-3.3-70b-instruct:free"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.providerModelId").value("meta-llama/llama-3.3-70b-instruct:free"))
                .andExpect(jsonPath("$.requiredPlan").value("free"));
    }

    @Test
    void keepsProvidersAndCategoriesApartFromModelIds() throws Exception {
        mvc.perform(get("/api/models/providers"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.providers[0].id").value("openrouter"))
                .andExpect(jsonPath("$.providers[0].configured").value(true))
                .andExpect(jsonPath("$.providers[0].models").value(2));
        mvc.perform(get("/api/models/categories"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.categories[0].category").value("general"))
                .andExpect(jsonPath("$.categories[1].category").value("reasoning"));
    }

    @Test
    void refusesAnUnknownModelAndAnUnknownSort() {
        assertThatThrownBy(() -> mvc.perform(get("/api/models/openrouter/openai/gpt-9")))
                .cause().isInstanceOfSatisfying(DomainException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
        assertThatThrownBy(() -> mvc.perform(get("/api/models").param("sort", "cheapest")))
                .cause().isInstanceOfSatisfying(DomainException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED));
    }
}
