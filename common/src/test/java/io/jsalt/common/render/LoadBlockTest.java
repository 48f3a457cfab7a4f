package io.jsalt.common.render;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Salt's SerializerExtension blocks and filters (salt/utils/jinja.py: _parse_load ends every
 * load block at {@code endload}; load_yaml, load_json and load_text filters).
 * The cases that only compare the printed text are entries of
 * salt-vectors/jinja2-python-semantics.yaml, run by Jinja2PythonSemanticsTest.
 */
class LoadBlockTest {
    @Test
    void badBlockNamesTheLineOfTheProblem() {
        RenderException e = Fixtures.jinjaError("a\n{% load_yaml as x %}\nk: [1,\n{% endload %}\n");
        assertTrue(e.line() >= 2, e.getMessage());
        assertTrue(e.getMessage().contains("Unable to load yaml"), e.getMessage());
    }
}
