package io.jsalt.common.render;

import static io.jsalt.common.render.SaltVectors.of;

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
    static final Set<String> GAPS = Set.of();

    private static final Renderer RENDERER = SaltVectors.renderer(Map.of());

    static Stream<Arguments> vectors() {
        return Stream.of(
                of("test_tojson", "{{ {'Non-ascii words': ['s\u00fc\u00df', '\u0441\u043f\u0430\u043c',"
                        + " '\u044f\u0439\u0446\u0430']} | tojson }}",
                        "{\"Non-ascii words\": [\"s\\u00fc\\u00df\", \"\\u0441\\u043f\\u0430\\u043c\","
                        + " \"\\u044f\\u0439\\u0446\\u0430\"]}"),
                of("test_indent", "{{ 'foo:\\n  \"bar\"' | indent }}", "foo:\n      \"bar\""),
                of("test_tojson_should_ascii_sort_keys_when_told",
                        "{{ {'z': 'zzz', 'y': 'yyy', 'x': 'xxx'} | tojson(sort_keys=True) }}",
                        "{\"x\": \"xxx\", \"y\": \"yyy\", \"z\": \"zzz\"}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void matchesSalt(String saltTest, String template, SaltVectors.Mode mode, String expected) {
        SaltVectors.check(RENDERER, GAPS, saltTest, template, mode, expected);
    }
}
