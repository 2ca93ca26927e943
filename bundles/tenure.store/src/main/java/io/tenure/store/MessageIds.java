package io.tenure.store;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Iterator;

import it.unimi.dsi.fastutil.longs.LongOpenHashSet;

/**
 * The message ids a node has seen committed within the deduplication window, in memory: 64-bit keys in generations
 * of hash sets (a lookup is a few hash probes, an expiry drops a whole generation). A generation takes keys for a
 * quarter of the window (at least an hour) and goes once its newest key is older than the window, so every key is
 * remembered for at least the window. Memory is bounded: past {@code maxIds} keys the oldest generation goes early
 * and {@link #coveredSince()} says how far back the memory reaches. Not thread-safe: the ledger uses it under its
 * apply lock.
 */
final class MessageIds {
    private static final long MIN_GENERATION_MILLIS = Duration.ofHours(1).toMillis();

    private static final class Generation {
        final LongOpenHashSet keys = new LongOpenHashSet();
        final long started;
        long newest;

        Generation(long started) {
            this.started = started;
            this.newest = started;
        }
    }

    private final ArrayDeque<Generation> generations = new ArrayDeque<>(); // oldest first
    private final long maxIds;
    private long generationMillis = Duration.ofHours(12).toMillis();
    private long size;
    /** The time from which every key received is still remembered (0: all of them). */
    private long coveredSince;

    MessageIds(long maxIds) {
        if (maxIds < 1) {
            throw new IllegalArgumentException("maxIds must be at least 1, not " + maxIds);
        }
        this.maxIds = maxIds;
    }

    boolean contains(long key) {
        for (Iterator<Generation> i = generations.descendingIterator(); i.hasNext();) {
            if (i.next().keys.contains(key)) {
                return true;
            }
        }
        return false;
    }

    /** The generation taking keys received at {@code at}: the newest, or a new one when it is full or old enough. */
    private Generation current(long at) {
        Generation current = generations.peekLast();
        if (current == null || at - current.started >= generationMillis || current.keys.size() >= Math.max(1, maxIds / 4)) {
            current = new Generation(at);
            generations.addLast(current);
        }
        current.newest = Math.max(current.newest, at);
        return current;
    }

    /** Remembers keys received at {@code at} (epoch millis). */
    void addAll(long[] keys, int count, long at) {
        Generation current = current(at);
        for (int i = 0; i < count; i++) {
            if (current.keys.add(keys[i])) {
                size++;
            }
        }
        trim();
    }

    /**
     * Remembers a key received at {@code at} unless it is remembered already: one hash probe per generation, the
     * check and the insert at once. Call {@link #trim()} after a run of these.
     *
     * @return whether it was new
     */
    boolean add(long key, long at) {
        Generation current = current(at);
        for (Generation g : generations) {
            if (g != current && g.keys.contains(key)) {
                return false;
            }
        }
        if (!current.keys.add(key)) {
            return false;
        }
        size++;
        return true;
    }

    /** Forgets keys added by {@link #add} whose transaction did not commit. */
    void remove(long[] keys, int count) {
        for (int i = 0; i < count; i++) {
            for (Generation g : generations) {
                if (g.keys.remove(keys[i])) {
                    size--;
                    break;
                }
            }
        }
    }

    /** Drops the oldest generations while more than {@code maxIds} keys are remembered. */
    void trim() {
        while (size > maxIds && generations.size() > 1) {
            Generation oldest = generations.pollFirst();
            size -= oldest.keys.size();
            coveredSince = Math.max(coveredSince, oldest.newest);
        }
    }

    /**
     * Forgets the generations whose every key is older than {@code before}; the window (now − before) also sets how
     * long later generations take keys.
     */
    void forget(long before, long now) {
        generationMillis = Math.max(MIN_GENERATION_MILLIS, (now - before) / 4);
        while (!generations.isEmpty() && generations.peekFirst().newest < before) {
            size -= generations.pollFirst().keys.size();
        }
    }

    long size() {
        return size;
    }

    int generations() {
        return generations.size();
    }

    /** Epoch millis from which every key is remembered, or 0 when the memory cap never cut the window short. */
    long coveredSince() {
        return coveredSince;
    }
}
