package com.aipasta.projections.leaderboard;

import com.aipasta.chat.api.value.PromptCategory;
import org.bson.Document;
import org.springframework.data.mongodb.core.query.Update;

import java.time.Instant;
import java.util.Date;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/** Counts summed up by span, start of span and model, as increments of the stored tallies or as whole tallies. */
final class TallySums implements CountedAnswer.Tallies {

    record Key(TallySpan span, Instant bucket, String modelId) {

        String id() {
            return span.id(bucket, modelId);
        }
    }

    static final class Sum {
        private String provider;
        private Instant lastEndedAt;
        private final Map<PromptCategory, long[]> categories = new EnumMap<>(PromptCategory.class);

        private long[] of(PromptCategory category) {
            return categories.computeIfAbsent(category, unused -> new long[CategoryTally.FIELDS.size()]);
        }

        private void endedAt(Instant at) {
            if (at != null && (lastEndedAt == null || at.isAfter(lastEndedAt))) {
                lastEndedAt = at;
            }
        }
    }

    private final Set<TallySpan> spans;
    private final Map<Key, Sum> sums = new LinkedHashMap<>();

    TallySums(Set<TallySpan> spans) {
        this.spans = spans;
    }

    @Override
    public void add(Instant at, String modelId, String provider, PromptCategory category, int counter, long amount) {
        for (TallySpan span : spans) {
            sum(span, span.bucket(at), modelId, provider).of(category)[counter] += amount;
        }
    }

    @Override
    public void ended(Instant at, String modelId, String provider) {
        for (TallySpan span : spans) {
            sum(span, span.bucket(at), modelId, provider).endedAt(at);
        }
    }

    /** Adds a stored tally to the one of {@code span} starting at {@code bucket}. */
    void add(LeaderboardTallyDocument tally, TallySpan span, Instant bucket) {
        Sum sum = sum(span, bucket, tally.modelId(), tally.provider());
        sum.endedAt(tally.lastEndedAt());
        tally.categories().forEach((category, counts) -> {
            long[] into = sum.of(PromptCategory.valueOf(category));
            long[] added = counts.counts();
            for (int index = 0; index < into.length; index++) {
                into[index] += added[index];
            }
        });
    }

    void clear() {
        sums.clear();
    }

    Set<Key> keys() {
        return sums.keySet();
    }

    /** Each sum as an increment of its stored tally, created when missing. */
    void forEachIncrement(BiConsumer<Key, Update> action) {
        sums.forEach((key, sum) -> {
            Update update = new Update().setOnInsert("span", key.span().name())
                    .setOnInsert("bucket", Date.from(key.bucket()))
                    .setOnInsert("modelId", key.modelId())
                    .setOnInsert("provider", sum.provider);
            sum.categories.forEach((category, counts) -> {
                for (int index = 0; index < counts.length; index++) {
                    update.inc("categories." + category.name() + "." + CategoryTally.FIELDS.get(index),
                            counts[index]);
                }
            });
            if (sum.lastEndedAt != null) {
                update.max("lastEndedAt", Date.from(sum.lastEndedAt));
            }
            action.accept(key, update);
        });
    }

    /** Each sum as the whole stored tally, with the fields an increment would have given it. */
    void forEachWhole(BiConsumer<Key, Document> action) {
        sums.forEach((key, sum) -> {
            Document categories = new Document();
            sum.categories.forEach((category, counts) -> {
                Document tally = new Document();
                for (int index = 0; index < counts.length; index++) {
                    tally.append(CategoryTally.FIELDS.get(index), counts[index]);
                }
                categories.append(category.name(), tally);
            });
            Document whole = new Document("_id", key.id()).append("span", key.span().name())
                    .append("bucket", Date.from(key.bucket())).append("modelId", key.modelId())
                    .append("provider", sum.provider).append("categories", categories);
            if (sum.lastEndedAt != null) {
                whole.append("lastEndedAt", Date.from(sum.lastEndedAt));
            }
            action.accept(key, whole);
        });
    }

    private Sum sum(TallySpan span, Instant bucket, String modelId, String provider) {
        Sum sum = sums.computeIfAbsent(new Key(span, bucket, modelId), unused -> new Sum());
        if (sum.provider == null) {
            sum.provider = provider;
        }
        return sum;
    }
}
