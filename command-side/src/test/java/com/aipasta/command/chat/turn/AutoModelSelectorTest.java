package com.aipasta.command.chat.turn;

import com.aipasta.chat.api.value.PromptCategory;
import com.aipasta.command.chat.catalog.CatalogModel;
import com.aipasta.command.chat.catalog.ModelCatalog;
import com.aipasta.common.DomainException;
import com.aipasta.common.ErrorCode;
import com.aipasta.leaderboard.api.query.FindLeaderboardQuery;
import com.aipasta.leaderboard.api.query.Leaderboard;
import com.aipasta.leaderboard.api.query.LeaderboardEntry;
import com.aipasta.leaderboard.api.query.VoteCount;
import com.aipasta.leaderboard.api.value.LeaderboardPeriod;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

class AutoModelSelectorTest {

    private static final CatalogModel FREE_A = model("local/a", true);
    private static final CatalogModel FREE_B = model("openrouter/b:free", true);
    private static final CatalogModel PAID_C = model("openrouter/c", false);
    private static final Predicate<CatalogModel> FREE_PLAN = CatalogModel::free;

    private final QueryGateway queries = mock(QueryGateway.class);
    private final ModelCatalog catalog = mock(ModelCatalog.class);
    private final AutoModelSelector selector = new AutoModelSelector(queries, catalog);

    @BeforeEach
    void setUp() {
        List<CatalogModel> models = List.of(FREE_A, FREE_B, PAID_C);
        when(catalog.models()).thenReturn(models);
        when(catalog.find(anyString())).thenAnswer(call -> models.stream()
                .filter(model -> model.id().equals(call.getArgument(0))).findFirst());
        ranked(PromptCategory.MATH);
        ranked(null);
    }

    private static CatalogModel model(String id, boolean free) {
        return new CatalogModel(id, id.substring(0, id.indexOf('/')), id.substring(id.indexOf('/') + 1), id, "",
                BigDecimal.ZERO, BigDecimal.ZERO, 8192, List.of("text"), free, free ? "free" : "premium",
                free ? "standard" : "premium", "general", 0);
    }

    private void ranked(PromptCategory category, String... modelIds) {
        List<LeaderboardEntry> entries = Arrays.stream(modelIds).map(modelId -> new LeaderboardEntry(0, modelId,
                "local", 1, 1, 0, 1, 10.0, 5.0, 30.0, new VoteCount(0, 0), 0.5)).toList();
        when(queries.query(new FindLeaderboardQuery(category, LeaderboardPeriod.ALL), Leaderboard.class))
                .thenReturn(CompletableFuture.completedFuture(new Leaderboard(entries)));
    }

    @Test
    void picksTheBestRankedModelOfTheCategoryThatTheCallerMayUse() {
        ranked(PromptCategory.MATH, PAID_C.id(), FREE_B.id(), FREE_A.id());

        assertThat(selector.pick(PromptCategory.MATH, FREE_PLAN)).isEqualTo(FREE_B);
        assertThat(selector.pick(PromptCategory.MATH, model -> true)).isEqualTo(PAID_C);
    }

    @Test
    void skipsRankedModelsTheCatalogueNoLongerHas() {
        ranked(PromptCategory.MATH, "local/gone", FREE_A.id());

        assertThat(selector.pick(PromptCategory.MATH, FREE_PLAN)).isEqualTo(FREE_A);
    }

    @Test
    void withoutAUsableModelRankedInTheCategoryTheOverallLeaderboardDecides() {
        ranked(PromptCategory.MATH, PAID_C.id());
        ranked(null, PAID_C.id(), FREE_B.id());

        assertThat(selector.pick(PromptCategory.MATH, FREE_PLAN)).isEqualTo(FREE_B);
    }

    @Test
    void withoutAnyUsableRankedModelTheCatalogueOrderDecides() {
        assertThat(selector.pick(PromptCategory.MATH, FREE_PLAN)).isEqualTo(FREE_A);
        assertThat(selector.pick(PromptCategory.MATH, model -> !model.equals(FREE_A))).isEqualTo(FREE_B);
    }

    @Test
    void noUsableModelAtAllIsUnavailable() {
        assertThatThrownBy(() -> selector.pick(PromptCategory.MATH, model -> false))
                .isInstanceOfSatisfying(DomainException.class, refused ->
                        assertThat(refused.code()).isEqualTo(ErrorCode.SERVICE_UNAVAILABLE));
    }

    @Test
    void autoIsNamedInAnyCase() {
        assertThat(AutoModelSelector.isAuto("auto")).isTrue();
        assertThat(AutoModelSelector.isAuto("Auto")).isTrue();
        assertThat(AutoModelSelector.isAuto("local/auto")).isFalse();
        assertThat(AutoModelSelector.isAuto(null)).isFalse();
    }
}
