package io.jsalt.common.render;

import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The vectors of Salt's tests/pytests/unit/utils/jinja/test_custom_extensions.py, each named
 * after the Salt test function (with a suffix when the function asserts several times), with
 * Salt's expected output. Values the Salt test passes to render() are set in the template.
 * Not ported: test_http_query (needs the network).
 */
class SaltCustomExtensionsVectorsTest {
    private static final String FILE = "jinja-custom-extensions.yaml";

    /** Vectors jsalt does not pass yet: the entries marked gap, each with its reason. */
    static final Set<String> GAPS = SaltVectors.gaps(FILE);

    private static final Renderer RENDERER = SaltVectors.renderer(Map.of(
            "foo.yaml", "{bar: \"my god is blue\", foo: [1, 2, 3]}",
            "foo.json", "{\"bar\": \"my god is blue\", \"foo\": [1, 2, 3]}",
            "foo.txt", "Foo!",
            "doc1", "{bar: \"my god is blue\"}",
            "doc2", "{% import_yaml \"doc1\" as local2 %} never exported",
            "doc3", "{% load_yaml as local3 %}{\"foo\": \"it works\"}{% endload %} me neither"));

    static Stream<Arguments> vectors() {
        return SaltVectors.load(FILE);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void matchesSalt(String saltTest, String template, SaltVectors.Mode mode, String expected) {
        SaltVectors.check(RENDERER, GAPS, saltTest, template, mode, expected);
    }
}
