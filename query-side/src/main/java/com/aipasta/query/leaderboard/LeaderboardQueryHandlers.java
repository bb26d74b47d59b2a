package com.aipasta.query.leaderboard;

import com.aipasta.chat.api.value.PromptCategory;
import com.aipasta.chat.api.value.Vote;
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
import com.aipasta.projections.leaderboard.AnswerOutcome;
import com.aipasta.projections.leaderboard.LeaderboardAnswerDocument;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Leaderboards folded at read time from the answers that ended in the period, found through the index on their end
 * time, so a replayed or redelivered event can never have moved a counter twice.
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
        return new Leaderboard(LeaderboardRanking.rank(endedAnswers(query.category(), query.period())));
    }

    @QueryHandler
    public ModelPopularity handle(FindModelPopularityQuery query) {
        Query begunSince = Query.query(Criteria.where("startedAt").gte(query.since()));
        begunSince.fields().include("modelId");
        Map<String, Long> turns = new HashMap<>();
        mongo.find(begunSince, Document.class, LeaderboardAnswerDocument.COLLECTION)
                .forEach(answer -> turns.merge(answer.getString("modelId"), 1L, Long::sum));
        return new ModelPopularity(turns);
    }

    @QueryHandler
    public LeaderboardStats handle(FindLeaderboardStatsQuery query) {
        List<LeaderboardAnswerDocument> answers = endedAnswers(null, query.period());
        List<LeaderboardEntry> ranking = LeaderboardRanking.rank(answers);
        long completed = count(answers, AnswerOutcome.COMPLETED);
        List<CategoryStats> categories = Arrays.stream(PromptCategory.values())
                .map(category -> categoryStats(category, answers.stream()
                        .filter(answer -> answer.category() == category).toList()))
                .toList();
        return new LeaderboardStats(query.period(), answers.size(), completed, answers.size() - completed,
                answers.isEmpty() ? null : (double) completed / answers.size(),
                answers.stream().map(LeaderboardAnswerDocument::totalTokens).filter(Objects::nonNull)
                        .mapToLong(Long::longValue).sum(),
                votes(answers), ranking.size(), ranking.isEmpty() ? null : ranking.get(0),
                ranking.stream().max(Comparator.comparingLong(LeaderboardEntry::uses)
                        .thenComparing(Comparator.comparingInt(LeaderboardEntry::rank).reversed())).orElse(null),
                categories,
                answers.stream().map(LeaderboardAnswerDocument::endedAt).max(Comparator.naturalOrder()).orElse(null));
    }

    @QueryHandler
    public Optional<LeaderboardAnswer> handle(FindLeaderboardAnswerQuery query) {
        return Optional.ofNullable(mongo.findById(query.messageId(), LeaderboardAnswerDocument.class))
                .map(answer -> new LeaderboardAnswer(answer.id(), answer.modelId(), answer.provider(),
                        answer.category(), answer.ended(), answer.vote()));
    }

    private List<LeaderboardAnswerDocument> endedAnswers(PromptCategory category, LeaderboardPeriod period) {
        Criteria criteria = Criteria.where("outcome").in(AnswerOutcome.COMPLETED, AnswerOutcome.FAILED);
        if (category != null) {
            criteria.and("category").is(category);
        }
        Optional<Instant> start = period.start(clock.instant());
        start.ifPresent(earliest -> criteria.and("endedAt").gte(earliest));
        return mongo.find(Query.query(criteria), LeaderboardAnswerDocument.class);
    }

    private static CategoryStats categoryStats(PromptCategory category, List<LeaderboardAnswerDocument> answers) {
        List<LeaderboardEntry> ranking = LeaderboardRanking.rank(answers);
        long completed = count(answers, AnswerOutcome.COMPLETED);
        return new CategoryStats(category, answers.size(), completed, answers.size() - completed, votes(answers),
                ranking.size(), ranking.isEmpty() ? null : ranking.get(0));
    }

    private static long count(List<LeaderboardAnswerDocument> answers, AnswerOutcome outcome) {
        return answers.stream().filter(answer -> answer.outcome() == outcome).count();
    }

    private static VoteCount votes(List<LeaderboardAnswerDocument> answers) {
        return new VoteCount(answers.stream().filter(answer -> answer.vote() == Vote.UP).count(),
                answers.stream().filter(answer -> answer.vote() == Vote.DOWN).count());
    }
}
