package io.jsalt.common.render;

import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The vectors of Salt's tests/pytests/unit/utils/jinja/test_jinja_custom_filters.py. Salt
 * calls most of these filters as Python functions; here each call is the same filter applied
 * in a template, and Salt's expected value is compared with what the template prints (True,
 * a tuple's repr, a set's members). Not ported, because they test Python objects rather than
 * rendering: the _get_strict_undefined and _handle_strict_undefined helpers, the
 * isinstance(float) checks, the indentfirst DeprecationWarning and tojson returning a
 * StrictUndefined object (its template form, an undefined value failing the render, is ported).
 */
class SaltCustomFiltersVectorsTest {
    private static final String FILE = "jinja-custom-filters.yaml";

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
