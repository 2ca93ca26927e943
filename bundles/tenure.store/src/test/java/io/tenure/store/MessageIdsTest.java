package io.tenure.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class MessageIdsTest {
    private static final long HOUR = Duration.ofHours(1).toMillis();

    private static long[] keys(long from, int n) {
        long[] k = new long[n];
        for (int i = 0; i < n; i++) {
            k[i] = from + i;
        }
        return k;
    }

    @Test
    void keysAreRememberedForTheWholeWindowAndForgottenAfterIt() {
        MessageIds ids = new MessageIds(1_000_000);
        long t0 = 1_000 * HOUR;
        ids.forget(t0 - 48 * HOUR, t0); // a 48 h window: generations of 12 h
        ids.addAll(keys(0, 100), 100, t0);
        ids.addAll(keys(100, 100), 100, t0 + 11 * HOUR); // same generation, its newest key now at t0 + 11 h
        ids.addAll(keys(200, 100), 100, t0 + 13 * HOUR); // a new generation
        assertEquals(2, ids.generations());
        assertEquals(300, ids.size());

        ids.forget(t0 + 11 * HOUR - 1, t0 + 59 * HOUR); // the first generation's newest key (t0 + 11 h) is within
        assertTrue(ids.contains(0), "a key stays while any key of its generation is within the window");
        ids.forget(t0 + 11 * HOUR + 1, t0 + 59 * HOUR + 2);
        assertFalse(ids.contains(0));
        assertFalse(ids.contains(199));
        assertTrue(ids.contains(200));
        assertEquals(100, ids.size());
        assertEquals(0, ids.coveredSince(), "nothing was cut short by the memory limit");
    }

    @Test
    void aKeyAddedTwiceCountsOnceAndUnknownKeysAreNotContained() {
        MessageIds ids = new MessageIds(1_000);
        ids.addAll(new long[] { 7, 7, -3 }, 3, 0);
        assertEquals(2, ids.size());
        assertTrue(ids.contains(-3));
        assertFalse(ids.contains(8));
        assertFalse(ids.contains(0), "zero is a key like any other, not a hole");
        ids.addAll(new long[] { 0 }, 1, 0);
        assertTrue(ids.contains(0));
    }

    @Test
    void pastTheMemoryLimitTheOldestGenerationGoesEarlyAndTheCutIsReported() {
        MessageIds ids = new MessageIds(1_000); // generations of at most 250 keys
        for (int i = 0; i < 4; i++) {
            ids.addAll(keys(i * 250L, 250), 250, (i + 1) * 1000L);
        }
        assertEquals(1_000, ids.size());
        assertTrue(ids.contains(0));
        assertEquals(0, ids.coveredSince());
        ids.addAll(keys(1_000, 250), 250, 5_000);
        assertEquals(1_000, ids.size());
        assertFalse(ids.contains(0), "the oldest generation went");
        assertTrue(ids.contains(250));
        assertTrue(ids.contains(1_249));
        assertEquals(1_000, ids.coveredSince(), "every key received after the dropped generation's newest is remembered");
        ids.addAll(keys(1_250, 250), 250, 6_000);
        assertEquals(2_000, ids.coveredSince());
    }

    @Test
    void addSaysWhetherAKeyIsNewInAnyGenerationAndRemoveTakesItBack() {
        MessageIds ids = new MessageIds(8); // generations of two keys
        assertTrue(ids.add(1, 10));
        assertTrue(ids.add(2, 10));
        assertTrue(ids.add(3, 20)); // a second generation
        assertEquals(2, ids.generations());
        assertFalse(ids.add(1, 30), "remembered in the older generation");
        assertFalse(ids.add(3, 30));
        ids.remove(new long[] { 1, 3 }, 2);
        assertEquals(1, ids.size());
        assertTrue(ids.add(1, 40));
        assertTrue(ids.contains(2));
    }

    @Test
    void aLimitBelowOneIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new MessageIds(0));
    }
}
