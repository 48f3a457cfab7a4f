package io.jsalt.common.render;

import io.jsalt.common.plugin.Functions;
import java.util.List;
import java.util.Map;

/**
 * The vectors of Salt's tests/pytests/unit/utils/jinja/test_dot_notation_looup.py, with the
 * same two stub functions: mocktest.ping returns True, mockgrains.get returns 'jerry'.
 */
class SaltDotNotationVectorsTest extends SaltVectorCases {
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

    SaltDotNotationVectorsTest() {
        super("jinja-dot-notation.yaml", SaltVectors.renderer(Map.of()),
                RenderContext.builder().from(Fixtures.context(null)).salt(STUBS).build());
    }
}
