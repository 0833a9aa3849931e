package org.flam.text.minilm.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A bounded, thread-safe least-recently-used map from text to its feature vector.
 * Values are stored and returned as-is: callers copy before handing them out.
 */
final class LruCache {

    private final int capacity;
    private final Map<String, float[]> entries;
    private long hits;
    private long misses;

    LruCache(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("cache capacity must be >= 0, got " + capacity);
        }
        this.capacity = capacity;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
                return size() > LruCache.this.capacity;
            }
        };
    }

    synchronized float[] get(String text) {
        float[] v = entries.get(text);
        if (v == null) {
            misses++;
        } else {
            hits++;
        }
        return v;
    }

    synchronized void put(String text, float[] features) {
        if (capacity > 0) {
            entries.put(text, features);
        }
    }

    synchronized int size() {
        return entries.size();
    }

    synchronized long hits() {
        return hits;
    }

    synchronized long misses() {
        return misses;
    }
}
