package com.aipasta.projections.leaderboard;

import java.util.List;
import java.util.stream.IntStream;

/**
 * One model's counts in one category over a span of time: its answers that completed and failed, the sums and counts
 * of their measures (an average divides a sum by its count), its answers' latest votes, and its wins and losses in
 * comparisons voted on. Every count is written, zeros too, so a document holds the same fields however it was built.
 */
public record CategoryTally(long completed, long failed, long latencySum, long latencyCount, long ttftSum,
                            long ttftCount, long tokensSum, long tokensCount, long up, long down, long wins,
                            long losses) {

    /** The field names, in the order of {@link #counts()}. */
    public static final List<String> FIELDS = List.of("completed", "failed", "latencySum", "latencyCount", "ttftSum",
            "ttftCount", "tokensSum", "tokensCount", "up", "down", "wins", "losses");

    public static final CategoryTally NONE = of(new long[FIELDS.size()]);

    static final int COMPLETED = 0;
    static final int FAILED = 1;
    static final int LATENCY_SUM = 2;
    static final int LATENCY_COUNT = 3;
    static final int TTFT_SUM = 4;
    static final int TTFT_COUNT = 5;
    static final int TOKENS_SUM = 6;
    static final int TOKENS_COUNT = 7;
    static final int UP = 8;
    static final int DOWN = 9;
    static final int WINS = 10;
    static final int LOSSES = 11;

    public static CategoryTally of(long[] counts) {
        return new CategoryTally(counts[COMPLETED], counts[FAILED], counts[LATENCY_SUM], counts[LATENCY_COUNT],
                counts[TTFT_SUM], counts[TTFT_COUNT], counts[TOKENS_SUM], counts[TOKENS_COUNT], counts[UP],
                counts[DOWN], counts[WINS], counts[LOSSES]);
    }

    public long[] counts() {
        return new long[]{completed, failed, latencySum, latencyCount, ttftSum, ttftCount, tokensSum, tokensCount, up,
                down, wins, losses};
    }

    public CategoryTally plus(CategoryTally other) {
        long[] mine = counts();
        long[] theirs = other.counts();
        return of(IntStream.range(0, mine.length).mapToLong(index -> mine[index] + theirs[index]).toArray());
    }

    public long uses() {
        return completed + failed;
    }
}
