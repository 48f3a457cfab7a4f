package io.jsalt.common.render;

import io.jsalt.common.data.Data;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Model data parsed from text, keyed by file name and the text's sha256, bounded, least
 * recently used first out. Callers get a deep copy: they may change what they receive.
 */
final class DataCache {
    private final Map<String, Object> entries;

    DataCache(int capacity) {
        this.entries = new LinkedHashMap<>(64, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Object> eldest) {
                return size() > capacity;
            }
        };
    }

    Object computeIfAbsent(String name, String text, Supplier<Object> parse) {
        String key = name + "\\0" + TemplateCache.sha256(text);
        Object cached;
        synchronized (entries) {
            cached = entries.get(key);
        }
        if (cached == null) {
            cached = parse.get(); // errors are not cached: the next render reports them again
            if (cached == null) {
                return null;
            }
            synchronized (entries) {
                entries.put(key, cached);
            }
        }
        return Data.deepCopy(cached);
    }
}
