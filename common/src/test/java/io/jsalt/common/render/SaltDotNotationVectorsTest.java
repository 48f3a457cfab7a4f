package io.jsalt.common.render;

import io.jsalt.common.plugin.Functions;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The vectors of Salt's tests/pytests/unit/utils/jinja/test_dot_notation_looup.py, with the
 * same two stub functions: mocktest.ping returns True, mockgrains.get returns 'jerry'.
 */
class SaltDotNotationVectorsTest {
    private static final String FILE = "jinja-dot-notation.yaml";

    /** Vectors jsalt does not pass yet: the entries marked gap, each with its reason. */
    static final Set<String> GAPS = SaltVectors.gaps(FILE);

    private static final Renderer RENDERER = SaltVectors.renderer(Map.of());

    private static final Functions STUBS = new Functions() {
        @Override
        public Object call(String fun, List<Object> args, Map<String, Object> kwargs) {
            return fun.equals("mocktest.ping") ? (Object) true : "jerry";
        }

        @Override
        public boolean has(String fun) {
            return fun.equals("mocktest.ping") || fun.equals("mockgrains.get");
        }
    };

    static Stream<Arguments> vectors() {
        return SaltVectors.load(FILE);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void matchesSalt(String saltTest, String template, SaltVectors.Mode mode, String expected) {
        SaltVectors.check(RENDERER, RenderContext.builder().from(Fixtures.context(null)).salt(STUBS).build(), GAPS,
                saltTest, template, mode, expected);
    }
}
