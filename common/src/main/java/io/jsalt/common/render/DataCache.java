package io.jsalt.common.render;

import io.jsalt.common.data.Data;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Model data parsed from text, keyed by file name and the text's sha256, bounded, least
 * recently used first out. Callers get a deep copy: they may change what they receive.
 * A text is kept only once it comes a second time: a render whose text is new each time
 * (a renderer made for one state call, pillar that changes) then costs no copy and holds
 * no memory.
 */
final class DataCache {
    /** The value of a key seen once: its text was parsed, but not kept. */
    private static final Object SEEN = new Object();

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
        if (cached != null && cached != SEEN) {
            return Data.deepCopy(cached);
        }
        Object parsed = parse.get(); // errors are not cached: the next render reports them again
        if (parsed == null) {
            return null;
        }
        synchronized (entries) {
            entries.put(key, cached == SEEN ? parsed : SEEN);
        }
        return cached == SEEN ? Data.deepCopy(parsed) : parsed;
    }
}
