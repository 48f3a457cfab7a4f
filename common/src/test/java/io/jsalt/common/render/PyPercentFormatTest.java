package io.jsalt.common.render;

import static io.jsalt.common.render.Fixtures.jinjaError;
import static io.jsalt.common.render.Fixtures.jinjaErrorAt;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * {@code 'fmt' % args} is Python's printf-style formatting (Jinja2 compiles {@code %} to
 * Python's operator, jinja2/compiler.py; the rules are Python's str.__mod__). Expected
 * values were checked with Jinja2 3.1.
 * The cases that only compare the printed text are entries of
 * salt-vectors/jinja2-python-semantics.yaml, run by Jinja2PythonSemanticsTest.
 */
class PyPercentFormatTest {
    @Test
    void mismatchIsAnErrorAtItsLineWithPythonsMessage() {
        jinjaErrorAt("a\nb\n{{ '%s %s' % ('a',) }}", 3, "not enough arguments for format string");
        assertTrue(jinjaError("{{ '%s' % ('a', 'b') }}").getMessage()
                .contains("not all arguments converted during string formatting"));
        assertTrue(jinjaError("{{ '%d' % 'x' }}").getMessage()
                .contains("%d format: a real number is required, not str"));
        assertTrue(jinjaError("{{ '%z' % 1 }}").getMessage()
                .contains("unsupported format character 'z' (0x7a) at index 1"));
    }
}
