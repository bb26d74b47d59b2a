package com.aipasta.projections.leaderboard;

import com.aipasta.chat.api.value.PromptCategory;
import com.aipasta.chat.api.value.Vote;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * What the tallies count of one answer, as of its event {@code sequence}: an answer that ended counts once for its
 * model in the span and category it ended in, with its measures and latest vote; a vote on an answer of a comparison
 * counts a win (up) or a loss (down) for its model against each other model whose answer ended, and the opposite for
 * that model, in the span and category of the answer voted on.
 */
public record CountedAnswer(String id, String modelId, String provider, PromptCategory category,
                            AnswerOutcome outcome, Instant endedAt, Long latencyMs, Long timeToFirstTokenMs,
                            Long totalTokens, Vote vote, String comparisonId, long sequence) {

    /** Where counts go: {@code amount} more of the counter (see {@link CategoryTally}) at {@code at}. */
    public interface Tallies {
        void add(Instant at, String modelId, String provider, PromptCategory category, int counter, long amount);

        void ended(Instant at, String modelId, String provider);
    }

    static CountedAnswer of(LeaderboardAnswerDocument answer, long sequence) {
        return new CountedAnswer(answer.id(), answer.modelId(), answer.provider(), answer.category(),
                answer.outcome(), answer.endedAt(), answer.latencyMs(), answer.timeToFirstTokenMs(),
                answer.totalTokens(), answer.vote(), answer.comparisonId(), sequence);
    }

    public static CountedAnswer of(LeaderboardAnswerDocument answer) {
        return of(answer, answer.lastSequence());
    }

    public boolean ended() {
        return outcome != AnswerOutcome.GENERATING;
    }

    CountedAnswer ended(AnswerOutcome outcome, Instant at, Long latencyMs, Long timeToFirstTokenMs, Long totalTokens,
                        long sequence) {
        return new CountedAnswer(id, modelId, provider, category, outcome, at, latencyMs, timeToFirstTokenMs,
                totalTokens, vote, comparisonId, sequence);
    }

    CountedAnswer voted(Vote vote, long sequence) {
        return new CountedAnswer(id, modelId, provider, category, outcome, endedAt, latencyMs, timeToFirstTokenMs,
                totalTokens, vote, comparisonId, sequence);
    }

    /**
     * Adds ({@code sign} 1) or takes away (-1) everything this answer counts for, its comparison's included:
     * {@code others} are the other answers of its comparison.
     */
    void count(Tallies tallies, int sign, Collection<CountedAnswer> others) {
        countOwn(tallies, sign);
        for (CountedAnswer other : others) {
            countPreference(this, other, tallies, sign);
            countPreference(other, this, tallies, sign);
        }
    }

    /**
     * Counts the answers as if each were added to empty tallies: what each counts for its own model, and its vote
     * against each other answer of its comparison in {@code compared} (by comparison id).
     */
    public static void countAll(Collection<CountedAnswer> answers, Map<String, List<CountedAnswer>> compared,
                                Tallies tallies) {
        for (CountedAnswer answer : answers) {
            answer.countOwn(tallies, 1);
            compared.getOrDefault(answer.comparisonId, List.of()).stream()
                    .filter(other -> !other.id.equals(answer.id))
                    .forEach(other -> countPreference(answer, other, tallies, 1));
        }
    }

    /** What the answer counts for its own model. */
    private void countOwn(Tallies tallies, int sign) {
        if (!ended()) {
            return;
        }
        tallies.add(endedAt, modelId, provider, category, outcome == AnswerOutcome.COMPLETED
                ? CategoryTally.COMPLETED : CategoryTally.FAILED, sign);
        measure(tallies, latencyMs, CategoryTally.LATENCY_SUM, CategoryTally.LATENCY_COUNT, sign);
        measure(tallies, timeToFirstTokenMs, CategoryTally.TTFT_SUM, CategoryTally.TTFT_COUNT, sign);
        measure(tallies, totalTokens, CategoryTally.TOKENS_SUM, CategoryTally.TOKENS_COUNT, sign);
        if (vote != null) {
            tallies.add(endedAt, modelId, provider, category, vote == Vote.UP ? CategoryTally.UP : CategoryTally.DOWN,
                    sign);
        }
        if (sign > 0) {
            tallies.ended(endedAt, modelId, provider);
        }
    }

    /** A vote on {@code voted} against {@code other}, once both ended and if their models differ. */
    private static void countPreference(CountedAnswer voted, CountedAnswer other, Tallies tallies, int sign) {
        if (voted.vote == null || !voted.ended() || !other.ended() || voted.modelId.equals(other.modelId)) {
            return;
        }
        boolean up = voted.vote == Vote.UP;
        tallies.add(voted.endedAt, voted.modelId, voted.provider, voted.category,
                up ? CategoryTally.WINS : CategoryTally.LOSSES, sign);
        tallies.add(voted.endedAt, other.modelId, other.provider, voted.category,
                up ? CategoryTally.LOSSES : CategoryTally.WINS, sign);
    }

    private void measure(Tallies tallies, Long value, int sum, int count, int sign) {
        if (value != null) {
            tallies.add(endedAt, modelId, provider, category, sum, sign * value);
            tallies.add(endedAt, modelId, provider, category, count, sign);
        }
    }
}
