package io.jsalt.common.output;

import static io.jsalt.common.output.Fixtures.fmt;
import static io.jsalt.common.output.Fixtures.list;
import static io.jsalt.common.output.Fixtures.map;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Expected strings are what PyYAML's safe_dump(default_flow_style=False, allow_unicode=True) writes. */
class YamlOutputterTest {

    @Test
    void blockStyleSortedKeysUnindentedSequences() {
        String expected = """
                web1:
                  big: 1.0e+20
                  empty_d: {}
                  empty_l: []
                  f: 1.0
                  g: 0.1
                  n: 4
                  nested:
                  - - 1
                    - a
                  - k: v
                    z:
                    - 1
                  none: null
                  'off': false
                  ok: true
                  pkgs:
                  - vim
                  - curl
                  text: 'line1

                    line2


                    line4

                    '
                  uni: Grüße 日本
                """;
        assertEquals(expected, fmt("yaml", Fixtures.everything(), OutputOptions.PLAIN));
    }

    @Test
    void saltsOwnYamlOutTestCases() {
        // tests/pytests/unit/output/test_yaml_out.py
        assertEquals("example: one\ntest: two\n",
                fmt("yaml", map("test", "two", "example", "one"), OutputOptions.PLAIN));
        assertEquals("{example: one, test: two}\n",
                fmt("yaml", map("test", "two", "example", "one"), OutputOptions.PLAIN.withOutputIndent(-1)));
    }

    @Test
    void negativeOutIndentIsFlowStyleFoldedAtEighty() {
        String expected = "{web1: {big: 1.0e+20, empty_d: {}, empty_l: [], f: 1.0, g: 0.1, n: 4, nested: [[1,\n"
                + "        a], {k: v, z: [1]}], none: null, 'off': false, ok: true, pkgs: [vim, curl],\n"
                + "    text: 'line1\n\n      line2\n\n\n      line4\n\n      ', uni: Grüße 日本}}\n";
        assertEquals(expected, fmt("yaml", Fixtures.everything(), OutputOptions.PLAIN.withOutputIndent(-1)));
    }

    @Test
    void outIndentFourIndentsMappingsAndNestedSequences() {
        assertEquals("web1:\n    l:\n    -   - 1\n        - 2\n    -   a: 1\n",
                fmt("yaml", map("web1", map("l", list(list(1L, 2L), map("a", 1L)))),
                        OutputOptions.PLAIN.withOutputIndent(4)));
    }

    @Test
    void quotesStringsPyYamlWouldReadAsOtherTypes() {
        String out = fmt("yaml", map("m", map("a", "yes", "b", "0755", "c", "1e5", "d", "1.5", "e", "",
                "f", "=", "g", "2024-01-01", "h", "~", "i", "a: b", "j", "-x", "k", "*x")), OutputOptions.PLAIN);
        assertEquals("m:\n  a: 'yes'\n  b: '0755'\n  c: 1e5\n  d: '1.5'\n  e: ''\n  f: '='\n"
                + "  g: '2024-01-01'\n  h: '~'\n  i: 'a: b'\n  j: -x\n  k: '*x'\n", out);
    }

    @Test
    void controlCharactersUseDoubleQuotesWithUpperCaseHex() {
        assertEquals("m:\n- \"a\\tb\"\n- \"a\\x7Fb\"\n- \"a\\e[31m\"\n- a\\x7fb\n",
                fmt("yaml", map("m", list("a\tb", "a\u007fb", "a\u001b[31m", "a\\x7fb")), OutputOptions.PLAIN));
    }

    @Test
    void plainScalarAtTheTopEndsTheDocument() {
        assertEquals("bare string\n...\n", fmt("yaml", "bare string", OutputOptions.PLAIN));
        assertEquals("12\n...\n", fmt("yaml", 12L, OutputOptions.PLAIN));
        assertEquals("'yes'\n", fmt("yaml", "yes", OutputOptions.PLAIN));
    }
}
