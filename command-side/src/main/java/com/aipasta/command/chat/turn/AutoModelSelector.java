package com.aipasta.command.chat.turn;

import com.aipasta.chat.api.value.PromptCategory;
import com.aipasta.command.chat.catalog.CatalogModel;
import com.aipasta.command.chat.catalog.ModelCatalog;
import com.aipasta.common.DomainException;
import com.aipasta.common.ErrorCode;
import com.aipasta.leaderboard.api.query.FindLeaderboardQuery;
import com.aipasta.leaderboard.api.query.Leaderboard;
import com.aipasta.leaderboard.api.query.LeaderboardEntry;
import com.aipasta.leaderboard.api.value.LeaderboardPeriod;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Auto mode ({@code modelId: "auto"}): the best-ranked model of the message's category on the all-time leaderboard
 * that the caller may use; failing that, the best-ranked usable model of all categories; failing that, the first
 * usable model of the catalogue in its default order. The leaderboard is read afresh for every turn, so a pick
 * always agrees with what {@code GET /api/leaderboard/{category}} shows at that moment.
 */
@Component
public class AutoModelSelector {

    private static final String AUTO = "auto";

    private final QueryGateway queries;
    private final ModelCatalog catalog;

    public AutoModelSelector(QueryGateway queries, ModelCatalog catalog) {
        this.queries = queries;
        this.catalog = catalog;
    }

    public static boolean isAuto(String modelId) {
        return AUTO.equalsIgnoreCase(modelId);
    }

    /** {@code usable} says whether the caller may have a model answer now: its provider is there, its plan allows. */
    CatalogModel pick(PromptCategory category, Predicate<CatalogModel> usable) {
        return firstUsable(ranking(category), usable)
                .or(() -> firstUsable(ranking(null), usable))
                .or(() -> catalog.models().stream().filter(usable).findFirst())
                .orElseThrow(() -> new DomainException(ErrorCode.SERVICE_UNAVAILABLE,
                        "Auto mode found no model you can use on this platform"));
    }

    private List<LeaderboardEntry> ranking(PromptCategory category) {
        return queries.query(new FindLeaderboardQuery(category, LeaderboardPeriod.ALL), Leaderboard.class).join()
                .models();
    }

    private Optional<CatalogModel> firstUsable(List<LeaderboardEntry> ranking, Predicate<CatalogModel> usable) {
        return ranking.stream().map(entry -> catalog.find(entry.modelId())).flatMap(Optional::stream)
                .filter(usable).findFirst();
    }
}
