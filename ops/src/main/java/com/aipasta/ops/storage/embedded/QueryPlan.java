package com.aipasta.ops.storage.embedded;

import com.aipasta.ops.storage.embedded.OrderedIndex.Bound;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.bson.BsonRegularExpression;
import de.bwaldvogel.mongo.bson.Document;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How a query is answered through one {@link OrderedIndex}: equality on a prefix of its keys, then on the next key
 * either a range or a list of values ({@code $in}), scanned in index order (or reversed) when that order is the one
 * asked for.
 * <p>
 * The plan only narrows: every document it yields is still matched against the whole query, so a bound taken from
 * one of several conditions, or an inclusive bound for an exclusive one, only costs a few more documents examined.
 * A sparse index, which has no entry for a document missing all its keys, is used only to narrow by a value of one of
 * them, which such a document cannot match; never for an order alone, as in MongoDB.
 */
record QueryPlan(OrderedIndex index, int equalities, boolean narrowed, boolean ordered, boolean reverse,
                 List<Range> ranges, int coveredFields, boolean exact) {

    /** One stretch of the index to scan, both ends inclusive. */
    record Range(Object[] from, Object[] to) {
    }

    private static final Set<String> LOWER = Set.of("$gt", "$gte");
    private static final Set<String> UPPER = Set.of("$lt", "$lte");
    private static final Set<String> CLOSED_RANGE = Set.of("$gte", "$lte");
    private static final int MOST_VALUES_SCANNED_APART = 1000;

    /**
     * The best plan among the given indexes, or null when none narrows the query or gives its order. Of two plans as
     * good, the one whose index holds more of the query's fields wins: its entries can rule documents out unread.
     */
    static QueryPlan choose(Collection<OrderedIndex> indexes, Document query, Document orderBy) {
        Map<String, List<Object>> conditions = new HashMap<>();
        if (!collectConditions(query, conditions)) {
            return null;
        }
        QueryPlan best = null;
        for (OrderedIndex index : indexes) {
            QueryPlan plan = plan(index, conditions, orderBy);
            if (plan != null && (best == null || plan.rank() > best.rank()
                    || plan.rank() == best.rank() && plan.coveredFields() > best.coveredFields())) {
                best = plan;
            }
        }
        return best;
    }

    private int rank() {
        return equalities * 4 + (narrowed ? 2 : 0) + (ordered ? 1 : 0);
    }

    /** Gathers each field's conditions from the query and its top-level {@code $and}; false if it cannot be read. */
    private static boolean collectConditions(Document query, Map<String, List<Object>> conditions) {
        for (Map.Entry<String, Object> condition : query.entrySet()) {
            String field = condition.getKey();
            if (field.equals("$and")) {
                if (!(condition.getValue() instanceof List<?> terms)) {
                    return false;
                }
                for (Object term : terms) {
                    if (!(term instanceof Document document) || !collectConditions(document, conditions)) {
                        return false;
                    }
                }
            } else if (!field.startsWith("$")) {
                conditions.computeIfAbsent(field, name -> new ArrayList<>()).add(condition.getValue());
            }
        }
        return true;
    }

    private static QueryPlan plan(OrderedIndex index, Map<String, List<Object>> conditions, Document orderBy) {
        List<IndexKey> keys = index.getKeys();
        Object[] prefix = new Object[keys.size()];
        int equalities = 0;
        while (equalities < keys.size()) {
            Object value = equalityOf(conditions.get(keys.get(equalities).getKey()));
            if (value == null) {
                break;
            }
            prefix[equalities] = value;
            equalities++;
        }
        List<Range> ranges = new ArrayList<>();
        boolean narrowed = false;
        if (equalities == keys.size()) {
            ranges.add(new Range(prefix, prefix));
        } else {
            IndexKey key = keys.get(equalities);
            List<Object> values = valuesOf(conditions.get(key.getKey()));
            if (values != null) {
                narrowed = true;
                for (Object value : values) {
                    ranges.add(range(prefix, equalities, value, value));
                }
            } else {
                Object lower = boundOf(conditions.get(key.getKey()), LOWER);
                Object upper = boundOf(conditions.get(key.getKey()), UPPER);
                narrowed = lower != null || upper != null;
                Object openLow = narrowed ? Bound.ABOVE_NULL : Bound.LOWEST;
                Object openHigh = narrowed ? Bound.ABOVE_NULL : Bound.HIGHEST;
                ranges.add(key.isAscending()
                        ? range(prefix, equalities, lower != null ? lower : openLow, upper != null ? upper : Bound.HIGHEST)
                        : range(prefix, equalities, upper != null ? upper : Bound.LOWEST, lower != null ? lower : openHigh));
            }
        }
        Boolean reverse = index.isMultiKey() || ranges.size() > 1 ? null
                : orderFor(keys, equalities, conditions, orderBy);
        boolean ordered = reverse != null && orderBy != null && !orderBy.isEmpty();
        if (equalities == 0 && !narrowed && (!ordered || index.isSparse())) {
            return null;
        }
        int coveredFields = (int) keys.stream().filter(key -> conditions.containsKey(key.getKey())).count();
        return new QueryPlan(index, equalities, narrowed, reverse != null, reverse != null && reverse, ranges,
                coveredFields, isExact(keys, equalities, conditions));
    }

    /**
     * Whether the index entries in the plan's range are exactly the documents the query matches: the query holds only
     * the single equalities of the prefix and, on the next key, nothing or one range closed at both ends by values of
     * one kind (a range open at one end would also take in values of other types, which a range never matches).
     */
    private static boolean isExact(List<IndexKey> keys, int equalities, Map<String, List<Object>> conditions) {
        int named = 0;
        for (int i = 0; i < keys.size(); i++) {
            List<Object> onKey = conditions.get(keys.get(i).getKey());
            if (onKey == null) {
                continue;
            }
            named++;
            boolean exact = i < equalities ? onKey.size() == 1 : i == equalities && isClosedRange(onKey);
            if (!exact) {
                return false;
            }
        }
        return named == conditions.size();
    }

    private static boolean isClosedRange(List<Object> conditions) {
        Document range = new Document();
        for (Object condition : conditions) {
            if (!(condition instanceof Document operators)) {
                return false;
            }
            for (Map.Entry<String, Object> operator : operators.entrySet()) {
                if (!CLOSED_RANGE.contains(operator.getKey())
                        || range.put(operator.getKey(), operator.getValue()) != null) {
                    return false;
                }
            }
        }
        Object lower = range.get("$gte");
        Object upper = range.get("$lte");
        return isPlain(lower) && isPlain(upper) && (lower instanceof String && upper instanceof String
                || lower instanceof Number && upper instanceof Number);
    }

    /**
     * The stretch with the equality prefix, then {@code first} and {@code last} on the next key (first and last in
     * the index's order, a bound when open), and every later key open.
     */
    private static Range range(Object[] prefix, int equalities, Object first, Object last) {
        Object[] from = Arrays.copyOf(prefix, prefix.length);
        Object[] to = Arrays.copyOf(prefix, prefix.length);
        from[equalities] = first;
        to[equalities] = last;
        for (int i = equalities + 1; i < prefix.length; i++) {
            from[i] = Bound.LOWEST;
            to[i] = Bound.HIGHEST;
        }
        return new Range(from, to);
    }

    /** The value a field must equal, when its conditions say so plainly. */
    private static Object equalityOf(List<Object> conditions) {
        if (conditions == null) {
            return null;
        }
        for (Object condition : conditions) {
            if (condition instanceof Document operators) {
                if (operators.size() == 1 && isPlain(operators.get("$eq"))) {
                    return operators.get("$eq");
                }
            } else if (isPlain(condition)) {
                return condition;
            }
        }
        return null;
    }

    /** The values of an {@code $in} of plain values, when it is short enough to scan each apart. */
    private static List<Object> valuesOf(List<Object> conditions) {
        if (conditions == null) {
            return null;
        }
        for (Object condition : conditions) {
            if (condition instanceof Document operators && operators.get("$in") instanceof Collection<?> values
                    && !values.isEmpty() && values.size() <= MOST_VALUES_SCANNED_APART
                    && values.stream().allMatch(QueryPlan::isPlain)) {
                return new ArrayList<>(values);
            }
        }
        return null;
    }

    /** Whether an equality on this value finds exactly the index entries holding it (null also matches missing). */
    private static boolean isPlain(Object value) {
        return value != null && !(value instanceof Document) && !(value instanceof Collection)
                && !(value instanceof Pattern) && !BsonRegularExpression.isRegularExpression(value);
    }

    private static Object boundOf(List<Object> conditions, Set<String> operators) {
        if (conditions == null) {
            return null;
        }
        for (Object condition : conditions) {
            if (condition instanceof Document document) {
                for (String operator : operators) {
                    if (isPlain(document.get(operator))) {
                        return document.get(operator);
                    }
                }
            }
        }
        return null;
    }

    /**
     * Whether scanning the index (forward: false, backward: true) yields the requested order, or null if it does not.
     * Sort fields held equal by the query are ignored; the rest must follow the keys after the equality prefix.
     */
    private static Boolean orderFor(List<IndexKey> keys, int equalities, Map<String, List<Object>> conditions,
                                    Document orderBy) {
        if (orderBy == null || orderBy.isEmpty()) {
            return false;
        }
        Boolean reverse = null;
        int next = equalities;
        for (Map.Entry<String, Object> sort : orderBy.entrySet()) {
            String field = sort.getKey();
            if (!(sort.getValue() instanceof Number direction) || field.startsWith("$")) {
                return null;
            }
            if (equalityOf(conditions.get(field)) != null) {
                continue;
            }
            if (next >= keys.size() || !keys.get(next).getKey().equals(field)) {
                return null;
            }
            boolean backwards = (direction.intValue() > 0) != keys.get(next).isAscending();
            if (reverse != null && reverse != backwards) {
                return null;
            }
            reverse = backwards;
            next++;
        }
        return reverse != null ? reverse : false;
    }
}
