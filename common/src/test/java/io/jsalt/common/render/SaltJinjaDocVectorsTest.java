package io.jsalt.common.render;

import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The examples of Salt's Jinja documentation (doc/topics/jinja/index.rst), mostly for filters
 * and tests no Salt unit test covers, each named after the filter, with the output the
 * documentation gives. Not ported: the uuid docstring example of salt/utils/jinja.py, which
 * Salt's own GLOBAL_UUID no longer produces.
 */
class SaltJinjaDocVectorsTest {
    private static final String FILE = "jinja-docs.yaml";

    /** Vectors jsalt does not pass yet: the entries marked gap, each with its reason. */
    static final Set<String> GAPS = SaltVectors.gaps(FILE);

    private static final Renderer RENDERER = SaltVectors.renderer(Map.of());

    static Stream<Arguments> vectors() {
        return SaltVectors.load(FILE);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void matchesSaltDocs(String filter, String template, SaltVectors.Mode mode, String expected) {
        SaltVectors.check(RENDERER, GAPS, filter, template, mode, expected);
    }
}
