package io.jsalt.common.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.jsalt.common.data.Data;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DataCacheTest {
    @Test
    void aTextIsKeptFromItsSecondRenderAndEveryCallerGetsItsOwnCopy() {
        DataCache cache = new DataCache(8);
        int[] parses = {0};
        java.util.function.Supplier<Object> parse = () -> {
            parses[0]++;
            return Data.map("id", Data.map("pkg.installed", new java.util.ArrayList<>()));
        };
        Object first = cache.computeIfAbsent("a.sls", "text", parse);
        Object second = cache.computeIfAbsent("a.sls", "text", parse);
        assertEquals(2, parses[0], "a text seen once is not kept");
        @SuppressWarnings("unchecked")
        Map<String, Object> mutated = (Map<String, Object>) cache.computeIfAbsent("a.sls", "text", parse);
        assertEquals(2, parses[0], "the third render comes from the cache");
        mutated.put("changed", true);
        Object fourth = cache.computeIfAbsent("a.sls", "text", parse);
        assertEquals(first, second);
        assertEquals(first, fourth);
        assertNotSame(second, fourth);
        cache.computeIfAbsent("a.sls", "other text", parse);
        assertEquals(3, parses[0]);
        assertSame(null, cache.computeIfAbsent("empty.sls", "", () -> null));
    }

    @Test
    void twoTextsOfTheSameHashAndLengthNeverAnswerForEachOther() {
        // "Aa" and "BB" have the same String hash: the entry's own text decides.
        DataCache cache = new DataCache(8);
        for (int i = 0; i < 3; i++) {
            assertEquals("Aa", cache.computeIfAbsent("a.sls", "Aa", () -> "Aa"));
            assertEquals("BB", cache.computeIfAbsent("a.sls", "BB", () -> "BB"));
        }
        assertEquals("Aa".hashCode(), "BB".hashCode());
        cache.computeIfAbsent("a.sls", "Aa", () -> "Aa");
        cache.computeIfAbsent("a.sls", "Aa", () -> "Aa");
        assertEquals("Aa", cache.computeIfAbsent("a.sls", "Aa", () -> "parsed again"), "kept from its second render");
        assertEquals("BB", cache.computeIfAbsent("a.sls", "BB", () -> "BB"), "not the kept Aa");
    }
}
