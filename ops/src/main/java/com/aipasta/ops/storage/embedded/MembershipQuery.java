package com.aipasta.ops.storage.embedded;

import de.bwaldvogel.mongo.bson.Document;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A query whose {@code $in} and {@code $nin} lists of strings (at its top level and in its top-level {@code $and}) are
 * answered by hash lookups, and whose other conditions are left to the server's matcher. That matcher compares a
 * value with such a list element by element, normalizing each element on every comparison: a tracking read of the
 * event stream, whose token excludes every event id it has seen within its look-back window, then costs the window's
 * size for every document it examines.
 */
final class MembershipQuery {

    private record Clause(String field, Set<String> values, boolean negated) {

        boolean matches(Document document) {
            Object value = document.get(field);
            boolean member = value instanceof String text ? values.contains(text)
                    : value instanceof Collection<?> elements && elements.stream().anyMatch(values::contains);
            return member != negated;
        }
    }

    private final Document source;
    private final Document rest;
    private final List<Clause> clauses = new ArrayList<>();

    private MembershipQuery(Document source) {
        this.source = source;
        this.rest = split(source);
    }

    static MembershipQuery of(Document query) {
        return new MembershipQuery(query);
    }

    boolean isFor(Document query) {
        return source == query;
    }

    /** Whether the document matches: the hashed clauses here, the rest of the query by {@code restMatches}. */
    boolean matches(Document document, Predicate<Document> restMatches) {
        for (Clause clause : clauses) {
            if (!clause.matches(document)) {
                return false;
            }
        }
        return rest.isEmpty() || restMatches.test(rest);
    }

    /**
     * Whether an index entry alone shows that its document fails the query: a hashed clause on one of the index's
     * keys fails on the entry's string value for it. With {@code arrayElements} (a multikey index) an entry's value
     * may be one element of an array, which only a {@code $nin} can decide on. So a tracking read skips the events its
     * token has seen without reading them.
     */
    boolean failsOnKeys(List<String> keyFields, Object[] keyValues, boolean arrayElements) {
        for (Clause clause : clauses) {
            int key = keyFields.indexOf(clause.field());
            if (key >= 0 && (clause.negated() || !arrayElements) && keyValues[key] instanceof String value
                    && clause.values().contains(value) == clause.negated()) {
                return true;
            }
        }
        return false;
    }

    private Document split(Document query) {
        Document remaining = new Document();
        for (Map.Entry<String, Object> entry : query.entrySet()) {
            String field = entry.getKey();
            Object condition = entry.getValue();
            if (field.equals("$and") && condition instanceof List<?> conjuncts) {
                List<Object> kept = new ArrayList<>();
                for (Object conjunct : conjuncts) {
                    Object left = conjunct instanceof Document document ? split(document) : conjunct;
                    if (!(left instanceof Document document && document.isEmpty())) {
                        kept.add(left);
                    }
                }
                if (!kept.isEmpty()) {
                    remaining.put(field, kept);
                }
            } else if (isPlainField(field) && condition instanceof Document operators && isOperatorDocument(operators)) {
                Document left = new Document();
                for (Map.Entry<String, Object> operator : operators.entrySet()) {
                    Set<String> values = strings(operator.getValue());
                    boolean membership = operator.getKey().equals("$in") || operator.getKey().equals("$nin");
                    if (membership && values != null) {
                        clauses.add(new Clause(field, values, operator.getKey().equals("$nin")));
                    } else {
                        left.put(operator.getKey(), operator.getValue());
                    }
                }
                if (!left.isEmpty()) {
                    remaining.put(field, left);
                }
            } else {
                remaining.put(field, condition);
            }
        }
        return remaining;
    }

    private static boolean isOperatorDocument(Document condition) {
        return !condition.isEmpty() && condition.keySet().stream().allMatch(key -> key.startsWith("$"));
    }

    private static boolean isPlainField(String field) {
        return !field.startsWith("$") && field.indexOf('.') < 0;
    }

    /** The list's values if every one is a string, else null. */
    private static Set<String> strings(Object list) {
        if (!(list instanceof Collection<?> values)) {
            return null;
        }
        Set<String> strings = new HashSet<>(values.size() * 2);
        for (Object value : values) {
            if (!(value instanceof String text)) {
                return null;
            }
            strings.add(text);
        }
        return strings;
    }
}
