package io.jsalt.common.render;

import static io.jsalt.common.render.Fixtures.jinja;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Literal syntax Jinja2's parser accepts (jinja2/parser.py parse_tuple, parse_list,
 * parse_dict and parse_call_args all allow a trailing comma) and Python's dict keys of any
 * hashable type. Expected values were checked with Jinja2 3.1.
 */
class PySyntaxLiteralsTest {
    @Test
    void trailingCommasInListsDictsTuplesAndCalls() {
        assertEquals("[1, 2] {'a': 1} (1, 2)", jinja("{{ [1, 2,] }} {{ {'a': 1,} }} {{ (1, 2,) }}"));
        assertEquals("['a', 'b']", jinja("{{ 'a-b'.split('-',) }}"));
        assertEquals("[1, 2]", jinja("{{ [1,\n 2,\n ] }}"));
        assertEquals("12", jinja("{% for x in [1, 2,] %}{{ x }}{% endfor %}"));
        assertEquals("12", jinja("{% macro m(a, b=2) %}{{ a }}{{ b }}{% endmacro %}{{ m(1,) }}"));
    }

    @Test
    void oneAndZeroElementTuples() {
        assertEquals("('a',) () 1", jinja("{{ ('a',) }} {{ () }} {{ ( 1 ) }}"));
        assertEquals("True", jinja("{{ 1 in (1, 2,) }}"));
    }

    @Test
    void trailingCommaKeepsLineNumbers() {
        RenderException e = Fixtures.jinjaError("{{ [1,\n 2,\n ] }}\n{{ 1 | nofilter }}");
        assertEquals(4, e.line(), e.getMessage());
    }

    @Test
    void nonStringDictKeysStayWhatTheyAre() {
        assertEquals("{False: 'no', 1: 'one'}", jinja("{{ {False: 'no', 1: 'one'} }}"));
        assertEquals("no one one", jinja("{% set d = {False: 'no', 1: 'one'} %}{{ d[False] }} {{ d[1] }} {{ d.get(1) }}"));
        assertEquals("[False, 1]", jinja("{{ {False: 'no', 1: 'one'} | list }}"));
    }
}
