package io.tenure.api.data;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Which rows of an entity to read: equality filters on fields (values as written in CSV), an optional sort field
 * (descending when {@code descending}), and a page. Accounts also take the filter {@link #HEALTH} ({@code green},
 * {@code yellow} or {@code red}): the status of their latest health score.
 *
 * @param filters field name to the value it must equal
 * @param atLeast field name to the lowest value it may have (dates, numbers, text), e.g. only the last year's usage
 * @param before field name to the value it must stay below, e.g. tasks due before tomorrow
 * @param sort the field to sort by; the key otherwise
 * @param descending sort order
 * @param offset rows to skip
 * @param limit most rows to return (1 to {@link #MAX_LIMIT})
 */
public record Query(Map<String, String> filters, Map<String, String> atLeast, Map<String, String> before,
        Optional<String> sort, boolean descending, long offset, int limit) {
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 1000;
    /** The accounts filter on the status of the latest health score. */
    public static final String HEALTH = "health";

    /** A query without bounds. */
    public Query(Map<String, String> filters, Optional<String> sort, boolean descending, long offset, int limit) {
        this(filters, Map.of(), Map.of(), sort, descending, offset, limit);
    }

    /** A query without upper bounds. */
    public Query(Map<String, String> filters, Map<String, String> atLeast, Optional<String> sort, boolean descending,
            long offset, int limit) {
        this(filters, atLeast, Map.of(), sort, descending, offset, limit);
    }

    public Query {
        filters = Map.copyOf(filters);
        atLeast = Map.copyOf(atLeast);
        before = Map.copyOf(before);
        Objects.requireNonNull(sort, "sort");
        if (offset < 0) {
            throw new IllegalArgumentException("offset " + offset + " is negative");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit " + limit + " is not between 1 and " + MAX_LIMIT);
        }
    }

    public static Query all() {
        return new Query(Map.of(), Optional.empty(), false, 0, DEFAULT_LIMIT);
    }

    public Query where(String field, String value) {
        Map<String, String> f = new LinkedHashMap<>(filters);
        f.put(field, value);
        return new Query(f, atLeast, before, sort, descending, offset, limit);
    }

    /** Only rows whose {@code field} is at least {@code value}. */
    public Query since(String field, String value) {
        Map<String, String> b = new LinkedHashMap<>(atLeast);
        b.put(field, value);
        return new Query(filters, b, before, sort, descending, offset, limit);
    }

    /** Only rows whose {@code field} is below {@code value}. */
    public Query before(String field, String value) {
        Map<String, String> b = new LinkedHashMap<>(before);
        b.put(field, value);
        return new Query(filters, atLeast, b, sort, descending, offset, limit);
    }

    public Query sortedBy(String field, boolean desc) {
        return new Query(filters, atLeast, before, Optional.of(field), desc, offset, limit);
    }

    public Query page(long newOffset, int newLimit) {
        return new Query(filters, atLeast, before, sort, descending, newOffset, newLimit);
    }
}
