package io.jsalt.common.render;

import static io.jsalt.common.render.Fixtures.jinja;
import static io.jsalt.common.render.Fixtures.jinjaError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * {@code 'fmt' % args} is Python's printf-style formatting (Jinja2 compiles {@code %} to
 * Python's operator, jinja2/compiler.py; the rules are Python's str.__mod__). Expected
 * values were checked with Jinja2 3.1.
 */
class PyPercentFormatTest {
    @Test
    void singleValueOnTheRight() {
        assertEquals("/home/bob", jinja("{{ '/home/%s' % 'bob' }}"));
        assertEquals("[1.2.3.4    ]", jinja("[{{ '%-11s' % '1.2.3.4' }}]"));
        assertEquals("42 50%  3.14 'x' None", jinja("{{ '%d' % 42 }} {{ '%d%%' % 50 }} {{ '%5.2f' % 3.14159 }}"
                + " {{ '%r' % 'x' }} {{ '%s' % none }}"));
        assertEquals("abc", jinja("{{ '%.3s' % 'abcdef' }}"));
    }

    @Test
    void tuplesArePositionalListsAndDictsAreOneValue() {
        assertEquals("a-b", jinja("{{ '%s-%s' % ('a', 'b') }}"));
        assertEquals("a", jinja("{{ '%s' % ('a',) }}"));
        assertEquals("100%", jinja("{{ '100%%' % () }}"));
        assertEquals("[1, 2]", jinja("{{ '%s' % [1, 2] }}"));
        assertEquals("{'a': 1}", jinja("{{ '%s' % {'a': 1} }}"));
    }

    @Test
    void mappingKeys() {
        assertEquals("1", jinja("{{ '%(x)s' % {'x': 1} }}"));
        assertEquals("web1:6380", jinja("{{ '%(id)s:%(port)d' % {'id': grains.id, 'port': pillar.redis.port} }}"));
    }

    @Test
    void numericConversions() {
        assertEquals("003.1|+5|ff|0o10|1.234568e+04|0.0001|1.23457e+08|A", jinja(
                "{{ '%05.1f|%+d|%x|%#o|%e|%g|%g|%c' % (3.14159, 5, 255, 8, 12345.678, 0.0001, 123456789.0, 65) }}"));
    }

    @Test
    void numbersOnTheLeftArePythonsModulo() {
        assertEquals("1 2", jinja("{{ 10 % 3 }} {{ -7 % 3 }}"));
    }

    @Test
    void mismatchIsAnErrorAtItsLineWithPythonsMessage() {
        RenderException e = jinjaError("a\nb\n{{ '%s %s' % ('a',) }}");
        assertEquals(3, e.line(), e.getMessage());
        assertTrue(e.getMessage().contains("not enough arguments for format string"), e.getMessage());
        assertTrue(jinjaError("{{ '%s' % ('a', 'b') }}").getMessage()
                .contains("not all arguments converted during string formatting"));
        assertTrue(jinjaError("{{ '%d' % 'x' }}").getMessage()
                .contains("%d format: a real number is required, not str"));
        assertTrue(jinjaError("{{ '%z' % 1 }}").getMessage()
                .contains("unsupported format character 'z' (0x7a) at index 1"));
    }
}
