package io.jsalt.common.output;

import static io.jsalt.common.output.Fixtures.fmt;
import static io.jsalt.common.output.Fixtures.list;
import static io.jsalt.common.output.Fixtures.map;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class JsonOutputterTest {

    @Test
    void defaultIndentIsFourWithKeysInMapOrder() {
        String expected = """
                {
                    "web1": {
                        "pkgs": [
                            "vim",
                            "curl"
                        ],
                        "ok": true,
                        "none": null,
                        "off": false,
                        "n": 4,
                        "f": 1.0,
                        "g": 0.1,
                        "big": 1e+20,
                        "empty_d": {},
                        "empty_l": [],
                        "text": "line1\\nline2\\n\\nline4\\n",
                        "uni": "Grüße 日本",
                        "nested": [
                            [
                                1,
                                "a"
                            ],
                            {
                                "k": "v",
                                "z": [
                                    1
                                ]
                            }
                        ]
                    }
                }""";
        assertEquals(expected, fmt("json", Fixtures.everything(), OutputOptions.PLAIN));
    }

    @Test
    void outIndentSetsTheIndentAndZeroStillBreaksLines() {
        assertEquals("{\n  \"m\": [\n    1,\n    2\n  ]\n}",
                fmt("json", map("m", list(1L, 2L)), OutputOptions.PLAIN.withOutputIndent(2)));
        assertEquals("{\n\"m\": [\n1,\n2\n]\n}",
                fmt("json", map("m", list(1L, 2L)), OutputOptions.PLAIN.withOutputIndent(0)));
    }

    @Test
    void negativeOutIndentPutsTheReturnOnOneLine() {
        assertEquals("{\"web1\": {\"pkgs\": [\"vim\", \"curl\"], \"ok\": true, \"none\": null, \"off\": false, "
                        + "\"n\": 4, \"f\": 1.0, \"g\": 0.1, \"big\": 1e+20, \"empty_d\": {}, \"empty_l\": [], "
                        + "\"text\": \"line1\\nline2\\n\\nline4\\n\", \"uni\": \"Grüße 日本\", "
                        + "\"nested\": [[1, \"a\"], {\"k\": \"v\", \"z\": [1]}]}}",
                fmt("json", Fixtures.everything(), OutputOptions.PLAIN.withOutputIndent(-1)));
    }

    @Test
    void colourNeverAppearsInJson() {
        assertEquals(fmt("json", Fixtures.everything(), OutputOptions.PLAIN),
                fmt("json", Fixtures.everything(), OutputOptions.COLOR));
    }

    @Test
    void escapesOnlyQuotesBackslashesAndControlCharacters() {
        assertEquals("{\"m\": \"q\\\" b\\\\ t\\t ctl\\u0001\\u001b del\u007f Д\"}",
                JsonOutputter.dumps(map("m", "q\" b\\ t\t ctl\u0001\u001b del\u007f Д")));
    }

    @Test
    void floatsFollowPythonIncludingNanAndInfinity() {
        assertEquals("[1.0, 1e-07, 1e+16, 123456789.125, NaN, Infinity, -Infinity]",
                JsonOutputter.dumps(list(1.0, 1e-7, 1e16, 123456789.125, Double.NaN,
                        Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY)));
    }

    @Test
    void bytesBecomeTheirPythonRepr() {
        assertEquals("{\"m\": \"b'\\\\xff\\\\x00ab'\"}",
                JsonOutputter.dumps(map("m", new byte[] {(byte) 0xff, 0, 'a', 'b'})));
    }

    @Test
    void scalarsAtTheTop() {
        assertEquals("\"x\"", fmt("json", "x", OutputOptions.PLAIN));
        assertEquals("null", fmt("json", null, OutputOptions.PLAIN));
        assertEquals("{}", fmt("json", map(), OutputOptions.PLAIN));
    }
}
