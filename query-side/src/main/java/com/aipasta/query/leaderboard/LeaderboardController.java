package com.aipasta.query.leaderboard;

import com.aipasta.chat.api.value.PromptCategory;
import com.aipasta.common.DomainException;
import com.aipasta.common.ErrorCode;
import com.aipasta.common.PageRequest;
import com.aipasta.common.Pagination;
import com.aipasta.leaderboard.api.query.FindLeaderboardQuery;
import com.aipasta.leaderboard.api.query.FindLeaderboardStatsQuery;
import com.aipasta.leaderboard.api.query.Leaderboard;
import com.aipasta.leaderboard.api.query.LeaderboardEntry;
import com.aipasta.leaderboard.api.query.LeaderboardStats;
import com.aipasta.leaderboard.api.value.LeaderboardPeriod;
import io.swagger.v3.oas.annotations.Operation;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The public leaderboards: models ranked by their answers, overall or in one category, and totals. */
@RestController
public class LeaderboardController {

    private static final String ALL_CATEGORIES = "all";
    private static final String RANKING = """
            Ranks the models by the answers that ended in the period (day: the last 24 hours, week: 7 days, \
            month: 30 days, all: ever), in one category of user message or in all. uses = completed + failed \
            answers; successRate = completed / uses; avgLatencyMs and avgTimeToFirstTokenMs average the completed \
            answers, avgTokens every answer; votes count the latest vote on each answer. score = 0.60 × the Wilson \
            lower bound (z = 1.96) of completed out of uses + 0.25 × (up + 1) / (up + down + 2) + 0.15 × 2000 / \
            (2000 + avgLatencyMs) (0 without a completed answer), rounded to four decimals; equal scores rank \
            more uses first, then by modelId.""";

    public record LeaderboardPage(String category, LeaderboardPeriod period, List<LeaderboardEntry> models,
                                  Pagination pagination) {
    }

    private final QueryGateway queries;

    public LeaderboardController(QueryGateway queries) {
        this.queries = queries;
    }

    @Operation(summary = "Models ranked by their answers", description = RANKING)
    @GetMapping("/api/leaderboard")
    public LeaderboardPage leaderboard(@RequestParam(required = false) String category,
                                       @RequestParam(defaultValue = "all") String period,
                                       @RequestParam(defaultValue = "1") int page,
                                       @RequestParam(defaultValue = "20") int limit) {
        return ranking(category == null || category.isBlank() ? ALL_CATEGORIES : category, period, page, limit);
    }

    @Operation(summary = "Models ranked by their answers in one category", description = RANKING)
    @GetMapping("/api/leaderboard/{category}")
    public LeaderboardPage categoryLeaderboard(@PathVariable String category,
                                               @RequestParam(defaultValue = "all") String period,
                                               @RequestParam(defaultValue = "1") int page,
                                               @RequestParam(defaultValue = "20") int limit) {
        return ranking(category, period, page, limit);
    }

    @Operation(summary = "Totals of the answers that ended in the period, overall and per category")
    @GetMapping("/api/leaderboard/stats")
    public LeaderboardStats stats(@RequestParam(defaultValue = "all") String period) {
        return queries.query(new FindLeaderboardStatsQuery(periodOf(period)), LeaderboardStats.class).join();
    }

    private LeaderboardPage ranking(String category, String period, int page, int limit) {
        PromptCategory wanted = categoryOf(category);
        LeaderboardPeriod within = periodOf(period);
        PageRequest pageRequest = new PageRequest(page, limit);
        List<LeaderboardEntry> models = queries.query(new FindLeaderboardQuery(wanted, within), Leaderboard.class)
                .join().models();
        return new LeaderboardPage(wanted == null ? ALL_CATEGORIES : wanted.toString(), within,
                models.stream().skip(pageRequest.offset()).limit(limit).toList(),
                Pagination.of(page, limit, models.size()));
    }

    /** Null for every category. */
    private static PromptCategory categoryOf(String category) {
        if (ALL_CATEGORIES.equalsIgnoreCase(category.strip())) {
            return null;
        }
        return PromptCategory.parse(category).orElseThrow(() -> invalid("category",
                "must be one of " + Arrays.stream(PromptCategory.values()).map(PromptCategory::toString)
                        .collect(Collectors.joining(", ")) + " or " + ALL_CATEGORIES));
    }

    private static LeaderboardPeriod periodOf(String period) {
        return LeaderboardPeriod.parse(period).orElseThrow(() -> invalid("period", "must be one of "
                + Arrays.stream(LeaderboardPeriod.values()).map(LeaderboardPeriod::toString)
                .collect(Collectors.joining(", "))));
    }

    private static DomainException invalid(String parameter, String problem) {
        return new DomainException(ErrorCode.VALIDATION_FAILED, parameter + " " + problem, Map.of(parameter, problem));
    }
}
