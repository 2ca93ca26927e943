package io.tenure.demo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.tenure.api.data.EntityType;

/** The records generated for a slice of accounts, by entity. */
public final class DemoData {
    private final Map<EntityType<?>, List<Object>> records = new LinkedHashMap<>();

    public <T> void add(EntityType<T> type, T record) {
        records.computeIfAbsent(type, t -> new ArrayList<>()).add(record);
    }

    @SuppressWarnings("unchecked")
    public <T> List<T> of(EntityType<T> type) {
        return (List<T>) records.getOrDefault(type, List.of());
    }

    public long size() {
        return records.values().stream().mapToLong(List::size).sum();
    }

    public void clear() {
        records.clear();
    }
}
