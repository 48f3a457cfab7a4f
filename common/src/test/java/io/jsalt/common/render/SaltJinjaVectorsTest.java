package io.jsalt.common.render;

import java.util.Map;

/**
 * The vectors of Salt's tests/pytests/unit/utils/jinja/test_jinja.py: the tojson and indent
 * filters, called in a template rather than as Python functions.
 */
class SaltJinjaVectorsTest extends SaltVectorCases {
    SaltJinjaVectorsTest() {
        super("jinja.yaml", SaltVectors.renderer(Map.of()),
                Fixtures.context(null));
    }
}
