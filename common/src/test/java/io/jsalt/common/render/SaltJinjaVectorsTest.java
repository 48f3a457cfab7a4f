package io.jsalt.common.render;

import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The vectors of Salt's tests/pytests/unit/utils/jinja/test_jinja.py: the tojson and indent
 * filters, called in a template rather than as Python functions.
 */
class SaltJinjaVectorsTest {
    private static final String FILE = "jinja.yaml";

    /** Vectors jsalt does not pass yet: the entries marked gap, each with its reason. */
    static final Set<String> GAPS = SaltVectors.gaps(FILE);

    private static final Renderer RENDERER = SaltVectors.renderer(Map.of());

    static Stream<Arguments> vectors() {
        return SaltVectors.load(FILE);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void matchesSalt(String saltTest, String template, SaltVectors.Mode mode, String expected) {
        SaltVectors.check(RENDERER, GAPS, saltTest, template, mode, expected);
    }
}
