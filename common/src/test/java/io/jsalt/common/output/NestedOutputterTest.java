package io.jsalt.common.output;

import static io.jsalt.common.output.Fixtures.CYAN;
import static io.jsalt.common.output.Fixtures.ENDC;
import static io.jsalt.common.output.Fixtures.GREEN;
import static io.jsalt.common.output.Fixtures.LIGHT_YELLOW;
import static io.jsalt.common.output.Fixtures.RED;
import static io.jsalt.common.output.Fixtures.fmt;
import static io.jsalt.common.output.Fixtures.list;
import static io.jsalt.common.output.Fixtures.map;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NestedOutputterTest {
    private static final OutputOptions COLOR = OutputOptions.COLOR;

    /** The test.arg return from Salt's own tests/pytests/unit/output/test_nested.py. */
    private static Map<String, Object> testArg() {
        return map("local", map(
                "args", list(1L, "two", 3.1),
                "kwargs", map(
                        "__pub_pid", 25938L,
                        "wow", map("a", 1L, "b", "hello"),
                        "__pub_fun", "test.arg",
                        "__pub_jid", "20171207105927331329",
                        "__pub_tgt", "salt-call",
                        "txt", "hello")));
    }

    @Test
    void matchesSaltsOwnColouredGoldenString() {
        String expected = "\u001b[0;36mlocal\u001b[0;0m:\n    \u001b[0;36m----------\u001b[0;0m\n   "
                + " \u001b[0;36margs\u001b[0;0m:\n        \u001b[0;1;33m- 1\u001b[0;0m\n       "
                + " \u001b[0;32m- two\u001b[0;0m\n        \u001b[0;1;33m- 3.1\u001b[0;0m\n   "
                + " \u001b[0;36mkwargs\u001b[0;0m:\n        \u001b[0;36m----------\u001b[0;0m\n      "
                + "  \u001b[0;36m__pub_fun\u001b[0;0m:\n            \u001b[0;32mtest.arg\u001b[0;0m\n"
                + "        \u001b[0;36m__pub_jid\u001b[0;0m:\n           "
                + " \u001b[0;32m20171207105927331329\u001b[0;0m\n       "
                + " \u001b[0;36m__pub_pid\u001b[0;0m:\n            \u001b[0;1;33m25938\u001b[0;0m\n  "
                + "      \u001b[0;36m__pub_tgt\u001b[0;0m:\n           "
                + " \u001b[0;32msalt-call\u001b[0;0m\n        \u001b[0;36mtxt\u001b[0;0m:\n          "
                + "  \u001b[0;32mhello\u001b[0;0m\n        \u001b[0;36mwow\u001b[0;0m:\n           "
                + " \u001b[0;36m----------\u001b[0;0m\n            \u001b[0;36ma\u001b[0;0m:\n       "
                + "         \u001b[0;1;33m1\u001b[0;0m\n            \u001b[0;36mb\u001b[0;0m:\n      "
                + "          \u001b[0;32mhello\u001b[0;0m";
        assertEquals(expected, fmt("nested", testArg(), COLOR));
    }

    @Test
    void nonZeroRetcodePaintsKeysAndSeparatorsRed() {
        String out = fmt("nested", testArg(), COLOR.withRetcode(1));
        assertEquals(RED + "local" + ENDC + ":\n    " + RED + "----------" + ENDC + "\n    "
                + RED + "args" + ENDC + ":\n        " + LIGHT_YELLOW + "- 1" + ENDC + "\n        "
                + GREEN + "- two" + ENDC, out.substring(0, out.indexOf("\n        " + LIGHT_YELLOW + "- 3.1")));
    }

    @Test
    void nestedIndentShiftsEverythingAndOpensTheTopDict() {
        String out = fmt("nested", map("local", map("a", 1L)), COLOR.withNestedIndent(2));
        assertEquals("  " + CYAN + "----------" + ENDC + "\n  " + CYAN + "local" + ENDC + ":\n      "
                + CYAN + "----------" + ENDC + "\n      " + CYAN + "a" + ENDC + ":\n          "
                + LIGHT_YELLOW + "1" + ENDC, out);
    }

    @Test
    void plainOutputSortsKeysAndShowsEveryKindOfValue() {
        String expected = """
                web1:
                    ----------
                    big:
                        1e+20
                    empty_d:
                        ----------
                    empty_l:
                    f:
                        1.0
                    g:
                        0.1
                    n:
                        4
                    nested:
                        |_
                          - 1
                          - a
                        |_
                          ----------
                          k:
                              v
                          z:
                              - 1
                    none:
                        None
                    off:
                        False
                    ok:
                        True
                    pkgs:
                        - vim
                        - curl
                    text:
                        line1
                        line2
                       \s
                        line4
                    uni:
                        Grüße 日本""";
        assertEquals(expected, fmt("nested", Fixtures.everything(), OutputOptions.PLAIN));
    }

    @Test
    void colouredOutputOfListsInListsAndBlankLines() {
        String out = fmt("nested", map("m", map("nested", list(list(1L, "a"), map("k", "v")),
                "text", "x\n\ny")), COLOR);
        String expected = CYAN + "m" + ENDC + ":\n"
                + "    " + CYAN + "----------" + ENDC + "\n"
                + "    " + CYAN + "nested" + ENDC + ":\n"
                + "        " + GREEN + "|_" + ENDC + "\n"
                + "          " + LIGHT_YELLOW + "- 1" + ENDC + "\n"
                + "          " + GREEN + "- a" + ENDC + "\n"
                + "        " + GREEN + "|_" + ENDC + "\n"
                + "          " + CYAN + "----------" + ENDC + "\n"
                + "          " + CYAN + "k" + ENDC + ":\n"
                + "              " + GREEN + "v" + ENDC + "\n"
                + "    " + CYAN + "text" + ENDC + ":\n"
                + "        " + GREEN + "x" + ENDC + "\n"
                + "        " + GREEN + ENDC + "\n"
                + "        " + GREEN + "y" + ENDC;
        assertEquals(expected, out);
    }

    @Test
    void multiLineStringInAListKeepsLaterLinesUnderTheFirst() {
        assertEquals("m:\n    - one\n      two\n    - three",
                fmt("nested", map("m", list("one\ntwo", "three")), OutputOptions.PLAIN));
    }

    @Test
    void emptyStringPrintsOnlyItsKey() {
        assertEquals("m:\n    ----------\n    stderr:\n    stdout:\n        ok",
                fmt("nested", map("m", map("stdout", "ok", "stderr", "")), OutputOptions.PLAIN));
    }

    @Test
    void emptyTopLevelDictPrintsNothing() {
        assertEquals("", fmt("nested", map(), OutputOptions.PLAIN));
        assertEquals("", Display.text(Outputters.get("nested"), map(), OutputOptions.PLAIN));
    }

    @Test
    void escapeCharactersInStringsAreDefused() {
        assertEquals("m:\n    a\\x1b[31mred", fmt("nested", map("m", "a\u001b[31mred"), OutputOptions.PLAIN));
    }

    @Test
    void intsAndFloatsUsePythonRepr() {
        assertEquals("m:\n    - 10\n    - 10.0\n    - 1e-07\n    - -12345678901234",
                fmt("nested", map("m", list(10L, 10.0, 1e-7, -12345678901234L)), OutputOptions.PLAIN));
    }

    @Test
    void utf8BytesPrintAsTextAndBinaryBytesPrintNothing() {
        byte[] text = "héllo".getBytes(StandardCharsets.UTF_8);
        byte[] binary = {(byte) 0xff, (byte) 0xfe};
        assertEquals("m:\n    ----------\n    bin:\n    txt:\n        héllo",
                fmt("nested", map("m", map("txt", text, "bin", binary)), OutputOptions.PLAIN));
    }

    @Test
    void keysSortByCodePointLikePython() {
        assertEquals("m:\n    ----------\n    B:\n        1\n    _:\n        2\n    a:\n        3\n    é:\n        4",
                fmt("nested", map("m", map("é", 4L, "a", 3L, "_", 2L, "B", 1L)), OutputOptions.PLAIN));
    }

    @Test
    void insertionOrderIsKeptWhenSortingIsOff() {
        assertEquals("m:\n    ----------\n    z:\n        1\n    a:\n        2",
                new NestedOutputter(false).format(map("m", map("z", 1L, "a", 2L)), OutputOptions.PLAIN));
    }
}
