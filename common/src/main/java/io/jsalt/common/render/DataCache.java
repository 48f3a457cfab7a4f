package io.jsalt.common.render;

import io.jsalt.common.data.Data;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Model data parsed from text, keyed by file name and the text, bounded, least recently used
 * first out. An entry is found by the name, the text's String hash and its length, and a
 * parsed value is kept with its text, which must be equal (a sha256 of every rendered text
 * cost a few per cent of a render). Callers get a deep copy: they may change what they receive.
 * A text is kept only once it comes a second time: a render whose text is new each time
 * (pillar that changes) then costs no copy and holds no memory. Bounded by count and by the
 * total length of the texts kept (the parsed data is a few times its text), as
 * {@link TemplateCache} is.
 */
final class DataCache {
    /** The value of a key seen once: its text was parsed, but not kept. */
    private static final Object SEEN = new Object();

    private final int capacity;
    private final long maxChars;
    private final Map<Key, Object> entries = new LinkedHashMap<>(64, 0.75f, true);
    private long chars;

    private record Key(String name, int hash, int length) { }

    /** A parsed value and the text it was parsed from. */
    private record Parsed(String text, Object value) { }

    DataCache(int capacity, long maxChars) {
        this.capacity = capacity;
        this.maxChars = maxChars;
    }

    Object computeIfAbsent(String name, String text, Supplier<Object> parse) {
        Key key = new Key(name, text.hashCode(), text.length());
        Object cached;
        synchronized (entries) {
            cached = entries.get(key);
        }
        if (cached instanceof Parsed p && p.text().equals(text)) {
            return Data.deepCopy(p.value());
        }
        Object parsed = parse.get(); // errors are not cached: the next render reports them again
        if (parsed == null) {
            return null;
        }
        synchronized (entries) {
            // Another text with the same hash and length is replaced; one seen once is not kept.
            Object old = entries.put(key, cached == SEEN ? new Parsed(text, parsed) : SEEN);
            chars += charsOf(entries.get(key)) - charsOf(old);
            Iterator<Object> eldest = entries.values().iterator();
            while ((entries.size() > capacity || chars > maxChars) && entries.size() > 1) {
                chars -= charsOf(eldest.next());
                eldest.remove();
            }
        }
        return cached == SEEN ? Data.deepCopy(parsed) : parsed;
    }

    private static long charsOf(Object entry) {
        return entry instanceof Parsed p ? p.text().length() : 0;
    }
}
