package io.jsalt.common.render;

import java.util.Map;

/**
 * The vectors of Salt's tests/pytests/unit/utils/jinja/test_custom_extensions.py, each named
 * after the Salt test function (with a suffix when the function asserts several times), with
 * Salt's expected output. Values the Salt test passes to render() are set in the template.
 * Not ported: test_http_query (needs the network).
 */
class SaltCustomExtensionsVectorsTest extends SaltVectorCases {
    private static final Renderer RENDERER = SaltVectors.renderer(Map.of(
            "foo.yaml", "{bar: \"my god is blue\", foo: [1, 2, 3]}",
            "foo.json", "{\"bar\": \"my god is blue\", \"foo\": [1, 2, 3]}",
            "foo.txt", "Foo!",
            "doc1", "{bar: \"my god is blue\"}",
            "doc2", "{% import_yaml \"doc1\" as local2 %} never exported",
            "doc3", "{% load_yaml as local3 %}{\"foo\": \"it works\"}{% endload %} me neither"));

    SaltCustomExtensionsVectorsTest() {
        super("jinja-custom-extensions.yaml", RENDERER, Fixtures.context(null));
    }
}
