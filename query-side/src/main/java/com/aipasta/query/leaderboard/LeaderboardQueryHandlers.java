package com.aipasta.query.leaderboard;

import com.aipasta.chat.api.value.PromptCategory;
import com.aipasta.leaderboard.api.query.CategoryStats;
import com.aipasta.leaderboard.api.query.FindLeaderboardAnswerQuery;
import com.aipasta.leaderboard.api.query.FindLeaderboardQuery;
import com.aipasta.leaderboard.api.query.FindLeaderboardStatsQuery;
import com.aipasta.leaderboard.api.query.FindModelPopularityQuery;
import com.aipasta.leaderboard.api.query.ModelPopularity;
import com.aipasta.leaderboard.api.query.Leaderboard;
import com.aipasta.leaderboard.api.query.LeaderboardAnswer;
import com.aipasta.leaderboard.api.query.LeaderboardEntry;
import com.aipasta.leaderboard.api.query.LeaderboardStats;
import com.aipasta.leaderboard.api.query.VoteCount;
import com.aipasta.leaderboard.api.value.LeaderboardPeriod;
import com.aipasta.projections.leaderboard.CategoryTally;
import com.aipasta.projections.leaderboard.LeaderboardAnswerDocument;
import com.aipasta.projections.leaderboard.LeaderboardTallyDocument;
import com.aipasta.projections.leaderboard.TallySpan;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Leaderboards added up from the tallies of the spans in their period (see {@link LeaderboardTallyDocument}): the
 * last day from the current UTC hour and the 24 before it, a week or a month from the current UTC day and the 7 or 30
 * before it, all time from its own tallies. A request reads a few tallies per model, however many answers there were.
 */
@Component
public class LeaderboardQueryHandlers {

    private final MongoTemplate mongo;
    private final Clock clock;

    public LeaderboardQueryHandlers(MongoTemplate mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
    }

    @QueryHandler
    public Leaderboard handle(FindLeaderboardQuery query) {
        return new Leaderboard(LeaderboardRanking.rank(byModel(tallies(query.period()), query.category())));
    }

    /** Answers that ended per model, from the UTC day holding {@code since} on. */
    @QueryHandler
    public ModelPopularity handle(FindModelPopularityQuery query) {
        Map<String, Long> answers = new HashMap<>();
        byModel(tallies(TallySpan.DAY, TallySpan.DAY.bucket(query.since())), null)
                .forEach(tally -> answers.put(tally.modelId(), tally.counts().uses()));
        answers.values().removeIf(uses -> uses == 0);
        return new ModelPopularity(answers);
    }

    @QueryHandler
    public LeaderboardStats handle(FindLeaderboardStatsQuery query) {
        List<LeaderboardTallyDocument> tallies = tallies(query.period());
        Collection<LeaderboardRanking.ModelTally> models = byModel(tallies, null);
        List<LeaderboardEntry> ranking = LeaderboardRanking.rank(models);
        CategoryTally total = models.stream().map(LeaderboardRanking.ModelTally::counts)
                .reduce(CategoryTally.NONE, CategoryTally::plus);
        List<CategoryStats> categories = Arrays.stream(PromptCategory.values())
                .map(category -> categoryStats(category, byModel(tallies, category)))
                .toList();
        return new LeaderboardStats(query.period(), total.uses(), total.completed(), total.failed(),
                total.uses() == 0 ? null : (double) total.completed() / total.uses(), total.tokensSum(),
                new VoteCount(total.up(), total.down()), ranking.size(), ranking.isEmpty() ? null : ranking.get(0),
                ranking.stream().max(Comparator.comparingLong(LeaderboardEntry::uses)
                        .thenComparing(Comparator.comparingInt(LeaderboardEntry::rank).reversed())).orElse(null),
                categories,
                tallies.stream().map(LeaderboardTallyDocument::lastEndedAt).filter(Objects::nonNull)
                        .max(Comparator.naturalOrder()).orElse(null));
    }

    @QueryHandler
    public Optional<LeaderboardAnswer> handle(FindLeaderboardAnswerQuery query) {
        return Optional.ofNullable(mongo.findById(query.messageId(), LeaderboardAnswerDocument.class))
                .map(answer -> new LeaderboardAnswer(answer.id(), answer.modelId(), answer.provider(),
                        answer.category(), answer.ended(), answer.vote()));
    }

    private List<LeaderboardTallyDocument> tallies(LeaderboardPeriod period) {
        Instant now = clock.instant();
        return period.length().map(length -> {
            TallySpan span = length.compareTo(Duration.ofDays(1)) <= 0 ? TallySpan.HOUR : TallySpan.DAY;
            return tallies(span, span.bucket(now).minus(length));
        }).orElseGet(() -> tallies(TallySpan.ALL, Instant.EPOCH));
    }

    private List<LeaderboardTallyDocument> tallies(TallySpan span, Instant from) {
        return mongo.find(Query.query(Criteria.where("span").is(span).and("bucket").gte(from)),
                LeaderboardTallyDocument.class);
    }

    /** Each model's counts in the tallies, of one category or (null) of all. */
    private static Collection<LeaderboardRanking.ModelTally> byModel(List<LeaderboardTallyDocument> tallies,
                                                                     PromptCategory category) {
        Map<String, LeaderboardRanking.ModelTally> models = new TreeMap<>();
        for (LeaderboardTallyDocument tally : tallies) {
            CategoryTally counts = tally.categories().entrySet().stream()
                    .filter(entry -> category == null || entry.getKey().equals(category.name()))
                    .map(Map.Entry::getValue).reduce(CategoryTally.NONE, CategoryTally::plus);
            models.merge(tally.modelId(), new LeaderboardRanking.ModelTally(tally.modelId(), tally.provider(), counts),
                    (one, other) -> new LeaderboardRanking.ModelTally(one.modelId(), one.provider(),
                            one.counts().plus(other.counts())));
        }
        return models.values();
    }

    private static CategoryStats categoryStats(PromptCategory category,
                                               Collection<LeaderboardRanking.ModelTally> models) {
        List<LeaderboardEntry> ranking = LeaderboardRanking.rank(models);
        CategoryTally total = models.stream().map(LeaderboardRanking.ModelTally::counts)
                .reduce(CategoryTally.NONE, CategoryTally::plus);
        return new CategoryStats(category, total.uses(), total.completed(), total.failed(),
                new VoteCount(total.up(), total.down()), ranking.size(), ranking.isEmpty() ? null : ranking.get(0));
    }
}
