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
        DataCache cache = new DataCache(8, 1 << 20);
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
        DataCache cache = new DataCache(8, 1 << 20);
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

    @Test
    void theTextsKeptStayWithinTheirTotalLength() {
        // The cache is the whole process's (every renderer shares it): big texts must not pile up.
        DataCache cache = new DataCache(8, 10);
        int[] parses = {0};
        java.util.function.Supplier<Object> parse = () -> ++parses[0];
        for (int i = 0; i < 2; i++) {
            cache.computeIfAbsent("a.sls", "aaaaaa", parse);
        }
        cache.computeIfAbsent("a.sls", "aaaaaa", parse);
        assertEquals(2, parses[0], "kept: 6 characters of 10");
        for (int i = 0; i < 2; i++) {
            cache.computeIfAbsent("b.sls", "bbbbbb", parse);
        }
        cache.computeIfAbsent("b.sls", "bbbbbb", parse);
        assertEquals(4, parses[0], "b.sls is kept in a.sls's place");
        cache.computeIfAbsent("a.sls", "aaaaaa", parse);
        assertEquals(5, parses[0], "a.sls was let go: both would be 12 characters");
    }
}
