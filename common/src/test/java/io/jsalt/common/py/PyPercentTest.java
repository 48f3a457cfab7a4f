package io.jsalt.common.py;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** printf-style formatting as Python 3's str.__mod__ does it; every vector checked with python3. */
class PyPercentTest {
    @Test
    void conversionsFlagsWidthAndPrecision() {
        assertEquals("[  7|7  |007|+7| 7]", PyPercent.format("[%3d|%-3d|%03d|%+d|% d]", List.of(7L, 7L, 7L, 7L, 7L), true));
        assertEquals("-ff 0XFF 0o17 -0012", PyPercent.format("%x %#X %#o %05d", List.of(-255L, 255L, 15L, -12L), true));
        assertEquals("3.142 1.500000e+00 1e+06 0.0001 inf", PyPercent.format("%.3f %e %g %g %f",
                List.of(3.14159, 1.5, 1000000.0, 0.0001, Double.POSITIVE_INFINITY), true));
        assertEquals("3 1", PyPercent.format("%d %d", List.of(3.9, true), true));
        assertEquals("None True 'a' ['x']", PyPercent.format("%s %s %r %s", java.util.Arrays.asList(null, true, "a",
                List.of("x")), true));
    }

    @Test
    void oneValueMappingAndPercent() {
        assertEquals("[1, 2]", PyPercent.format("%s", List.of(1L, 2L), false));
        assertEquals("a=1", PyPercent.format("a=%(a)s", Map.of("a", 1L), false));
        assertEquals("{'a': 1}", PyPercent.format("%s", Map.of("a", 1L), false));
        assertEquals("50%", PyPercent.format("%d%%", 50L, false));
        assertEquals("abc", PyPercent.format("abc", Map.of("a", 1L), false));
    }

    @Test
    void mismatchesRaisePythonsMessages() {
        assertEquals("not enough arguments for format string",
                assertThrows(PyPercent.FormatError.class, () -> PyPercent.format("%s %s", List.of("a"), true)).getMessage());
        assertEquals("not all arguments converted during string formatting",
                assertThrows(PyPercent.FormatError.class, () -> PyPercent.format("x", 5L, false)).getMessage());
        assertEquals("format requires a mapping",
                assertThrows(PyPercent.FormatError.class, () -> PyPercent.format("%(a)s", 5L, false)).getMessage());
        assertEquals("incomplete format",
                assertThrows(PyPercent.FormatError.class, () -> PyPercent.format("50%", 5L, false)).getMessage());
    }
}
