package io.jsalt.common.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Literal syntax Jinja2's parser accepts (jinja2/parser.py parse_tuple, parse_list,
 * parse_dict and parse_call_args all allow a trailing comma) and Python's dict keys of any
 * hashable type. Expected values were checked with Jinja2 3.1.
 * The cases that only compare the printed text are entries of
 * salt-vectors/jinja2-python-semantics.yaml, run by Jinja2PythonSemanticsTest.
 */
class PySyntaxLiteralsTest {
    @Test
    void trailingCommaKeepsLineNumbers() {
        RenderException e = Fixtures.jinjaError("{{ [1,\n 2,\n ] }}\n{{ 1 | nofilter }}");
        assertEquals(4, e.line(), e.getMessage());
    }
}
