package io.jsalt.common.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import org.junit.jupiter.api.Test;

class TemplateCacheTest {
    private final Jinjava engine = SaltEngine.create();
    private final JinjavaInterpreter interpreter = new JinjavaInterpreter(engine, engine.getGlobalContext(),
            engine.getGlobalConfig());

    @Test
    void parsedTreesAreSharedUntilTheTextBoundPushesTheEldestOut() {
        TemplateCache cache = new TemplateCache(100, 60);
        String a = "{{ 'a' }} " + "x".repeat(20);
        String b = "{{ 'b' }} " + "y".repeat(20);
        String c = "{{ 'c' }} " + "z".repeat(20);
        var first = cache.parse(interpreter, a);
        assertSame(first, cache.parse(interpreter, a), "an unchanged text is parsed once");
        var bTree = cache.parse(interpreter, b);
        assertSame(first, cache.parse(interpreter, a), "60 characters hold both");
        var cTree = cache.parse(interpreter, c); // 90 characters: the least recently used, b, goes
        assertSame(first, cache.parse(interpreter, a));
        assertNotSame(bTree, cache.parse(interpreter, b), "b was parsed again");
        assertNotSame(cTree, cache.parse(interpreter, c), "and pushed c out");
        String huge = "{{ 'h' }} " + "h".repeat(100);
        var alone = cache.parse(interpreter, huge);
        assertSame(alone, cache.parse(interpreter, huge), "a text over the bound is still kept alone");
    }

    @Test
    void twoTextsOfTheSameHashAndLengthGetTheirOwnTrees() {
        TemplateCache cache = new TemplateCache(100, 1000);
        // "Aa" and "BB" have the same String hash and length: the entry's own text decides.
        var aa = cache.parse(interpreter, "{{ 1 }}Aa");
        var bb = cache.parse(interpreter, "{{ 1 }}BB");
        assertNotSame(aa, bb);
        assertEquals("1BB", interpreter.render(cache.parse(interpreter, "{{ 1 }}BB")));
        assertEquals("1Aa", interpreter.render(cache.parse(interpreter, "{{ 1 }}Aa")));
    }
}
