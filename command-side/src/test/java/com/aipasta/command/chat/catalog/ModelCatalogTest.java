package com.aipasta.command.chat.catalog;

import com.aipasta.command.chat.provider.ChatProvider;
import com.aipasta.command.chat.provider.ChatProviders;
import com.aipasta.command.chat.provider.ProviderException;
import com.aipasta.command.chat.provider.ProviderModel;
import com.aipasta.common.DomainException;
import com.aipasta.common.ErrorCode;
import com.aipasta.common.PageRequest;
import com.aipasta.common.Pagination;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static com.aipasta.command.chat.catalog.FakeProvider.model;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ModelCatalogTest {

    private static final Instant START = Instant.parse("2026-06-01T12:00:00Z");
    private static final PageRequest ALL = new PageRequest(1, 100);

    private final TestClock clock = new TestClock();

    private final FakeProvider openrouter = new FakeProvider("openrouter", true,
            model("meta-llama/llama-3.3-70b-instruct:free", "Meta: Llama 3.3 70B Instruct (free)", "0", "0", true,
                    "text", "tools"),
            model("anthropic/claude-sonnet-4", "Anthropic: Claude Sonnet 4", "0.003", "0.015", false,
                    "image", "text", "reasoning"),
            model("qwen/qwen-2.5-coder-32b-instruct", "Qwen2.5 Coder 32B Instruct", "0.00006", "0.00015", false,
                    "text"));
    private final FakeProvider gemini = new FakeProvider("gemini", true,
            model("gemini-2.5-flash", "Gemini 2.5 Flash", "0", "0", false, "text", "reasoning"),
            model("gemini-2.0-flash", "Gemini 2.0 Flash", "0", "0", true, "text", "image"));
    private final FakeProvider huggingface = new FakeProvider("huggingface", false,
            model("meta-llama/Llama-3.1-8B-Instruct", "meta-llama/Llama-3.1-8B-Instruct", "0.00002", "0.00005", false,
                    "text"));

    private ModelCatalog catalog(List<String> preferred, List<String> requiredPlans) {
        return new ModelCatalog(new ChatProviders(List.of(openrouter, gemini, huggingface)),
                new ModelCatalogProperties(Duration.ofMinutes(15), preferred, requiredPlans, List.of()), clock);
    }

    private ModelCatalog catalog() {
        return catalog(List.of(), List.of());
    }

    private static List<String> listed(ModelCatalog catalog, String provider, String search, Boolean free,
                                       ModelSort sort) {
        return ids(catalog.list(provider, search, free, null, ModelOrder.of(sort), Map.of(), ALL));
    }

    private static List<String> ids(ModelPage page) {
        return page.models().stream().map(CatalogModel::id).toList();
    }

    @Test
    void marksTheConfiguredEmbeddingModelsAndAddsThoseTheirProviderDoesNotList() {
        ModelCatalog catalog = new ModelCatalog(new ChatProviders(List.of(openrouter, gemini, huggingface)),
                new ModelCatalogProperties(Duration.ofMinutes(15), List.of(), List.of(),
                        List.of("openrouter/qwen/qwen-2.5-coder-32b-instruct",
                                "openrouter/openai/text-embedding-3-small",
                                "huggingface/sentence-transformers/all-MiniLM-L6-v2")), clock);

        CatalogModel listed = catalog.find("openrouter/qwen/qwen-2.5-coder-32b-instruct").orElseThrow();
        CatalogModel added = catalog.find("openrouter/openai/text-embedding-3-small").orElseThrow();

        assertThat(listed.type()).isEqualTo("embedding");
        assertThat(listed.capabilities()).containsExactly("embedding");
        assertThat(listed.promptPricePer1k()).isEqualByComparingTo("0.00006");
        assertThat(listed.completionPricePer1k()).isZero();
        assertThat(added.type()).isEqualTo("embedding");
        assertThat(added.providerModelId()).isEqualTo("openai/text-embedding-3-small");
        assertThat(added.free()).as("no price known").isFalse();
        assertThat(catalog.find("huggingface/sentence-transformers/all-MiniLM-L6-v2"))
                .as("its provider is not configured").isEmpty();
        assertThat(catalog.find("openrouter/anthropic/claude-sonnet-4").orElseThrow().type()).isEqualTo("chat");
    }

    @Test
    void mergesTheModelsOfEveryConfiguredProviderUnderProviderPrefixedIds() {
        List<CatalogModel> models = catalog().models();

        assertThat(models).extracting(CatalogModel::id).containsExactlyInAnyOrder(
                "openrouter/meta-llama/llama-3.3-70b-instruct:free", "openrouter/anthropic/claude-sonnet-4",
                "openrouter/qwen/qwen-2.5-coder-32b-instruct", "gemini/gemini-2.5-flash", "gemini/gemini-2.0-flash");
        assertThat(huggingface.syncs()).as("not configured, never called").isZero();
        CatalogModel llama = models.stream().filter(model -> model.provider().equals("openrouter")
                && model.providerModelId().equals("meta-llama/llama-3.3-70b-instruct:free")).findFirst().orElseThrow();
        assertThat(llama.name()).isEqualTo("Meta: Llama 3.3 70B Instruct (free)");
        assertThat(llama.contextLength()).isEqualTo(8192);
        assertThat(llama.popularity()).isZero();
    }

    @Test
    void derivesPlanTierAndCategoryAndTakesPlanOverridesFromConfiguration() {
        ModelCatalog catalog = catalog(List.of(), List.of("gemini/gemini-2.0-flash=premium"));

        CatalogModel llama = catalog.find("openrouter/meta-llama/llama-3.3-70b-instruct:free").orElseThrow();
        assertThat(llama.requiredPlan()).isEqualTo("free");
        assertThat(llama.tier()).isEqualTo("standard");
        assertThat(llama.category()).isEqualTo("general");

        CatalogModel claude = catalog.find("openrouter/anthropic/claude-sonnet-4").orElseThrow();
        assertThat(claude.requiredPlan()).isEqualTo("premium");
        assertThat(claude.tier()).isEqualTo("premium");
        assertThat(claude.category()).as("reasoning comes before vision").isEqualTo("reasoning");

        assertThat(catalog.find("openrouter/qwen/qwen-2.5-coder-32b-instruct").orElseThrow().category())
                .isEqualTo("coding");

        CatalogModel geminiFlash = catalog.find("gemini/gemini-2.0-flash").orElseThrow();
        assertThat(geminiFlash.category()).isEqualTo("vision");
        assertThat(geminiFlash.free()).isTrue();
        assertThat(geminiFlash.requiredPlan()).as("overridden").isEqualTo("premium");
    }

    @Test
    void servesTheCachedCatalogueUntilTheTtlHasPassed() {
        ModelCatalog catalog = catalog();
        catalog.models();

        openrouter.answer(model("openai/gpt-4o-mini", "OpenAI: GPT-4o-mini", "0.00015", "0.0006", false, "text"));
        clock.advance(Duration.ofMinutes(15).minusSeconds(1));
        assertThat(catalog.find("openrouter/openai/gpt-4o-mini")).isEmpty();
        assertThat(openrouter.syncs()).isEqualTo(1);

        clock.advance(Duration.ofSeconds(1));
        assertThat(catalog.find("openrouter/openai/gpt-4o-mini")).isPresent();
        assertThat(catalog.find("openrouter/anthropic/claude-sonnet-4")).isEmpty();
        assertThat(openrouter.syncs()).isEqualTo(2);
        assertThat(gemini.syncs()).isEqualTo(2);
    }

    @Test
    void keepsServingTheLastGoodModelsOfAProviderWhoseSyncFails() {
        ModelCatalog catalog = catalog();
        catalog.models();
        Instant firstSync = clock.instant();

        openrouter.fail(new ProviderException(ProviderException.Kind.UNAVAILABLE, "openrouter answered HTTP 503"));
        gemini.answer(model("gemini-2.5-pro", "Gemini 2.5 Pro", "0", "0", false, "text", "reasoning"));
        clock.advance(Duration.ofMinutes(16));

        assertThat(catalog.models()).extracting(CatalogModel::id).containsExactlyInAnyOrder(
                "openrouter/meta-llama/llama-3.3-70b-instruct:free", "openrouter/anthropic/claude-sonnet-4",
                "openrouter/qwen/qwen-2.5-coder-32b-instruct", "gemini/gemini-2.5-pro");
        assertThat(catalog.providers()).containsExactly(
                new ProviderStatus("openrouter", true, 3, firstSync, "The model provider is unavailable"),
                new ProviderStatus("gemini", true, 1, clock.instant(), null),
                new ProviderStatus("huggingface", false, 0, null, null));

        openrouter.answer(model("openai/gpt-4o-mini", "OpenAI: GPT-4o-mini", "0.00015", "0.0006", false, "text"));
        clock.advance(Duration.ofMinutes(16));
        assertThat(catalog.providers().get(0))
                .isEqualTo(new ProviderStatus("openrouter", true, 1, clock.instant(), null));
    }

    @Test
    void listsNoModelsOfAProviderThatHasNeverSynced() {
        openrouter.fail(new ProviderException(ProviderException.Kind.AUTHENTICATION, "openrouter answered HTTP 401"));

        ModelCatalog catalog = catalog();

        assertThat(catalog.models()).extracting(CatalogModel::provider).containsOnly("gemini");
        assertThat(catalog.providers().get(0)).isEqualTo(
                new ProviderStatus("openrouter", true, 0, null,
                        "The model provider refused this platform's credentials"));
    }

    @Test
    void beforeTheFirstSyncEveryReaderWaitsForItAndItRunsOnce() throws Exception {
        CountDownLatch syncing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ChatProvider slow = new FakeProvider("slow", true, model("m1", "Model One", "0", "0", true, "text")) {
            @Override
            public List<ProviderModel> listModels() {
                syncing.countDown();
                try {
                    assertThat(release.await(5, TimeUnit.SECONDS)).isTrue();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return super.listModels();
            }
        };
        ModelCatalog catalog = new ModelCatalog(new ChatProviders(List.of(slow)),
                new ModelCatalogProperties(Duration.ofMinutes(15), List.of(), List.of(), List.of()), clock);

        CompletableFuture<List<CatalogModel>> first = CompletableFuture.supplyAsync(catalog::models);
        assertThat(syncing.await(5, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<List<CatalogModel>> second = CompletableFuture.supplyAsync(catalog::models);
        assertThat(second).as("a reader during the first sync waits for it").isNotDone();
        release.countDown();

        assertThat(first.get(5, TimeUnit.SECONDS)).extracting(CatalogModel::id).containsExactly("slow/m1");
        assertThat(second.get(5, TimeUnit.SECONDS)).extracting(CatalogModel::id).containsExactly("slow/m1");
        assertThat(((FakeProvider) slow).syncs()).isEqualTo(1);
    }

    @Test
    void listsFreeModelsFirstWithThePreferredDefaultsFirstAmongThemThenByName() {
        ModelCatalog catalog = catalog(List.of("gemini/gemini-2.0-flash", "openrouter/anthropic/claude-sonnet-4"),
                List.of());

        assertThat(listed(catalog, null, null, null, ModelSort.DEFAULT)).containsExactly(
                "gemini/gemini-2.0-flash",
                "openrouter/meta-llama/llama-3.3-70b-instruct:free",
                "openrouter/anthropic/claude-sonnet-4",
                "gemini/gemini-2.5-flash",
                "openrouter/qwen/qwen-2.5-coder-32b-instruct");
    }

    @Test
    void sortsByNameByPriceAndByPopularity() {
        ModelCatalog catalog = catalog();

        assertThat(listed(catalog, null, null, null, ModelSort.NAME)).containsExactly(
                "openrouter/anthropic/claude-sonnet-4", "gemini/gemini-2.0-flash", "gemini/gemini-2.5-flash",
                "openrouter/meta-llama/llama-3.3-70b-instruct:free", "openrouter/qwen/qwen-2.5-coder-32b-instruct");
        assertThat(listed(catalog, null, null, null, ModelSort.PRICE)).containsExactly(
                "gemini/gemini-2.0-flash", "openrouter/meta-llama/llama-3.3-70b-instruct:free",
                "gemini/gemini-2.5-flash", "openrouter/qwen/qwen-2.5-coder-32b-instruct",
                "openrouter/anthropic/claude-sonnet-4");
        assertThat(listed(catalog, null, null, null, ModelSort.POPULARITY))
                .as("no popularity yet: the default order")
                .isEqualTo(listed(catalog, null, null, null, ModelSort.DEFAULT));
    }

    @Test
    void filtersByProviderFreedomAndSearchInIdNameOrDescription() {
        ModelCatalog catalog = catalog();

        assertThat(listed(catalog, "gemini", null, null, ModelSort.DEFAULT))
                .containsExactly("gemini/gemini-2.0-flash", "gemini/gemini-2.5-flash");
        assertThat(listed(catalog, null, null, true, ModelSort.DEFAULT))
                .containsExactly("gemini/gemini-2.0-flash", "openrouter/meta-llama/llama-3.3-70b-instruct:free");
        assertThat(listed(catalog, null, null, false, ModelSort.NAME)).containsExactly(
                "openrouter/anthropic/claude-sonnet-4", "gemini/gemini-2.5-flash",
                "openrouter/qwen/qwen-2.5-coder-32b-instruct");
        assertThat(listed(catalog, null, "CODER", null, ModelSort.DEFAULT))
                .as("by name").containsExactly("openrouter/qwen/qwen-2.5-coder-32b-instruct");
        assertThat(listed(catalog, null, "anthropic/", null, ModelSort.DEFAULT))
                .as("by id").containsExactly("openrouter/anthropic/claude-sonnet-4");
        assertThat(listed(catalog, null, "2.5 flash DESCRIPTION", null, ModelSort.DEFAULT))
                .as("by description").containsExactly("gemini/gemini-2.5-flash");
        assertThat(listed(catalog, "openrouter", "gemini", null, ModelSort.DEFAULT)).isEmpty();
    }

    @Test
    void pagesThroughTheList() {
        ModelPage second = catalog().list(null, null, null, null, ModelOrder.of(ModelSort.NAME), Map.of(),
                new PageRequest(2, 2));

        assertThat(ids(second)).containsExactly("gemini/gemini-2.5-flash",
                "openrouter/meta-llama/llama-3.3-70b-instruct:free");
        assertThat(second.pagination()).isEqualTo(new Pagination(2, 2, 5, 3));
        assertThat(catalog().list(null, null, null, null, ModelOrder.of(ModelSort.NAME), Map.of(),
                new PageRequest(4, 2)).models()).isEmpty();
    }

    @Test
    void countsTheModelsOfEachCategory() {
        assertThat(catalog().categories()).containsExactly(new CategoryCount("reasoning", 2),
                new CategoryCount("coding", 1), new CategoryCount("general", 1), new CategoryCount("vision", 1));
    }

    @Test
    void findsAModelAndItsProvider() {
        ModelCatalog catalog = catalog();

        CatalogModel flash = catalog.find("gemini/gemini-2.5-flash").orElseThrow();

        assertThat(catalog.providerOf(flash)).isSameAs(gemini);
        assertThat(catalog.find("gemini/gemini-9")).isEmpty();
    }

    @Test
    void refusesAnUnknownSortWithTheFieldNamed() {
        assertThat(ModelSort.parse(null)).isEqualTo(ModelSort.DEFAULT);
        assertThat(ModelSort.parse("Price")).isEqualTo(ModelSort.PRICE);
        assertThatThrownBy(() -> ModelSort.parse("cheapest"))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
                    assertThat(e.details()).containsKey("sort");
                });
    }

    /** A clock the test moves by hand. */
    private static final class TestClock extends Clock {

        private Instant now = START;

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
    @Test
    void theDefaultModelIsTheFirstAvailablePreferredOne() {
        ModelCatalog catalog = catalog(List.of("openrouter/deepseek/deepseek-r1:free", "gemini/gemini-2.0-flash",
                "openrouter/meta-llama/llama-3.3-70b-instruct:free"), List.of());

        assertThat(catalog.defaultModel(model -> true)).map(CatalogModel::id).contains("gemini/gemini-2.0-flash");
        assertThat(catalog.defaultModel(model -> !model.provider().equals("gemini"))).map(CatalogModel::id)
                .contains("openrouter/meta-llama/llama-3.3-70b-instruct:free");
    }

    @Test
    void withoutAnAvailablePreferredModelTheDefaultIsTheFirstUsableFreeModel() {
        ModelCatalog catalog = catalog(List.of("openrouter/deepseek/deepseek-r1:free"), List.of());

        assertThat(catalog.defaultModel(model -> true)).map(CatalogModel::id).contains("gemini/gemini-2.0-flash");
        assertThat(catalog.defaultModel(model -> !model.id().equals("gemini/gemini-2.0-flash")))
                .map(CatalogModel::id).contains("openrouter/meta-llama/llama-3.3-70b-instruct:free");
        assertThat(catalog.defaultModel(model -> !model.free())).isEmpty();
    }
    @Test
    void sortsEitherWayByEveryKeyAndByPopularityFromTheTurnsGiven() {
        ModelCatalog catalog = catalog();
        Map<String, Long> popularity = Map.of("openrouter/qwen/qwen-2.5-coder-32b-instruct", 7L,
                "gemini/gemini-2.5-flash", 3L, "openrouter/anthropic/claude-sonnet-4", 3L);

        ModelPage popular = catalog.list(null, null, null, null, ModelOrder.parse("popularity", null), popularity, ALL);
        assertThat(ids(popular)).containsExactly("openrouter/qwen/qwen-2.5-coder-32b-instruct",
                "openrouter/anthropic/claude-sonnet-4", "gemini/gemini-2.5-flash", "gemini/gemini-2.0-flash",
                "openrouter/meta-llama/llama-3.3-70b-instruct:free");
        assertThat(popular.models()).extracting(CatalogModel::popularity).containsExactly(7L, 3L, 3L, 0L, 0L);
        assertThat(ids(catalog.list(null, null, null, null, ModelOrder.parse("popularity", "asc"), popularity, ALL)))
                .containsExactly("gemini/gemini-2.0-flash", "openrouter/meta-llama/llama-3.3-70b-instruct:free",
                        "openrouter/anthropic/claude-sonnet-4", "gemini/gemini-2.5-flash",
                        "openrouter/qwen/qwen-2.5-coder-32b-instruct");
        assertThat(ids(catalog.list(null, null, null, null, ModelOrder.parse("name", "desc"), Map.of(), ALL)))
                .containsExactly("openrouter/qwen/qwen-2.5-coder-32b-instruct",
                        "openrouter/meta-llama/llama-3.3-70b-instruct:free", "gemini/gemini-2.5-flash",
                        "gemini/gemini-2.0-flash", "openrouter/anthropic/claude-sonnet-4");
        assertThat(ids(catalog.list(null, null, null, null, ModelOrder.parse("price", "DESC"), Map.of(), ALL)))
                .startsWith("openrouter/anthropic/claude-sonnet-4", "openrouter/qwen/qwen-2.5-coder-32b-instruct");
        List<String> defaultOrder = new ArrayList<>(ids(catalog.list(null, null, null, null,
                ModelOrder.parse(null, null), Map.of(), ALL)));
        Collections.reverse(defaultOrder);
        assertThat(ids(catalog.list(null, null, null, null, ModelOrder.parse(null, "desc"), Map.of(), ALL)))
                .isEqualTo(defaultOrder);
        assertThatThrownBy(() -> ModelOrder.parse("name", "up")).isInstanceOf(DomainException.class)
                .satisfies(e -> assertThat(((DomainException) e).code()).isEqualTo(ErrorCode.VALIDATION_FAILED));
    }

    @Test
    void filtersByCategory() {
        ModelCatalog catalog = catalog();

        assertThat(ids(catalog.list(null, null, null, "coding", ModelOrder.of(ModelSort.DEFAULT), Map.of(), ALL)))
                .containsExactly("openrouter/qwen/qwen-2.5-coder-32b-instruct");
        assertThat(ids(catalog.list(null, null, null, "reasoning", ModelOrder.of(ModelSort.NAME), Map.of(), ALL)))
                .containsExactly("openrouter/anthropic/claude-sonnet-4", "gemini/gemini-2.5-flash");
    }

    @Test
    void aForcedSyncRunsAtOnceAndASecondCallerWaitsForTheSameSync() throws Exception {
        CountDownLatch syncing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        FakeProvider slow = new FakeProvider("slow", true, model("m1", "Model One", "0", "0", true, "text")) {
            @Override
            public List<ProviderModel> listModels() {
                if (syncs() > 0) {
                    syncing.countDown();
                    try {
                        assertThat(release.await(5, TimeUnit.SECONDS)).isTrue();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                return super.listModels();
            }
        };
        ModelCatalog catalog = new ModelCatalog(new ChatProviders(List.of(slow)),
                new ModelCatalogProperties(Duration.ofMinutes(15), List.of(), List.of(), List.of()), clock);
        assertThat(catalog.models()).extracting(CatalogModel::id).containsExactly("slow/m1");
        slow.answer(model("m1", "Model One", "0", "0", true, "text"), model("m2", "Model Two", "0", "0", true, "text"));

        CompletableFuture<List<ProviderStatus>> first = CompletableFuture.supplyAsync(catalog::syncNow);
        assertThat(syncing.await(5, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<List<ProviderStatus>> second = new CompletableFuture<>();
        Thread waiter = new Thread(() -> second.complete(catalog.syncNow()));
        waiter.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (waiter.getState() != Thread.State.WAITING && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(waiter.getState()).as("the second caller waits for the running sync").isEqualTo(
                Thread.State.WAITING);
        release.countDown();

        assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo(second.get(5, TimeUnit.SECONDS));
        assertThat(first.get().get(0).models()).isEqualTo(2);
        assertThat(slow.syncs()).as("the first sync and one forced sync").isEqualTo(2);
        assertThat(catalog.models()).extracting(CatalogModel::id).containsExactly("slow/m1", "slow/m2");
    }
}
