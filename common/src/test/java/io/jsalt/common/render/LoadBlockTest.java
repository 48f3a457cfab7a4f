package io.jsalt.common.render;

import static io.jsalt.common.render.Fixtures.jinja;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Salt's SerializerExtension blocks and filters (salt/utils/jinja.py: _parse_load ends every
 * load block at {@code endload}; load_yaml, load_json and load_text filters).
 */
class LoadBlockTest {
    @Test
    void loadBlocksEndWithEndload() {
        assertEquals("{'a': 1, 'id': 'web1'}", jinja("{% load_yaml as x %}a: 1\nid: {{ grains.id }}{% endload %}{{ x }}"));
        assertEquals("{'a': [1, 2]}", jinja("{% load_json as x %}{\"a\": [1, 2]}{% endload %}{{ x }}"));
        assertEquals("hello", jinja("{% load_text as x %}hello{% endload %}{{ x }}"));
    }

    @Test
    void loadFilters() {
        assertEquals("{'a': 1} {'a': 2}", jinja("{{ 'a: 1' | load_yaml }} {{ '{\"a\": 2}' | load_json }}"));
    }

    @Test
    void badBlockNamesTheLineOfTheProblem() {
        RenderException e = Fixtures.jinjaError("a\n{% load_yaml as x %}\nk: [1,\n{% endload %}\n");
        assertTrue(e.line() >= 2, e.getMessage());
        assertTrue(e.getMessage().contains("Unable to load yaml"), e.getMessage());
    }
}
