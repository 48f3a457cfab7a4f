package io.jsalt.common.output;

import static io.jsalt.common.output.Fixtures.fmt;
import static io.jsalt.common.output.Fixtures.list;
import static io.jsalt.common.output.Fixtures.map;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TxtAndRawOutputterTest {

    @Test
    void txtPrefixesEveryLineOfAStringWithTheMinionId() {
        assertEquals("web1: total 0\nweb1: drwxr-xr-x .\nweb2: \nweb2: x\n",
                fmt("txt", map("web1", "total 0\ndrwxr-xr-x .\n", "web2", "\nx"), OutputOptions.PLAIN));
    }

    @Test
    void txtPrintsNothingForAnEmptyString() {
        assertEquals("web2: True\n", fmt("txt", map("web1", "", "web2", true), OutputOptions.PLAIN));
    }

    @Test
    void txtShowsOtherValuesAsPythonStrInMapOrder() {
        assertEquals("web1: {'pkgs': ['vim', 'curl'], 'ok': True, 'none': None, 'off': False, 'n': 4, "
                        + "'f': 1.0, 'g': 0.1, 'big': 1e+20, 'empty_d': {}, 'empty_l': [], "
                        + "'text': 'line1\\nline2\\n\\nline4\\n', 'uni': 'Grüße 日本', "
                        + "'nested': [[1, 'a'], {'k': 'v', 'z': [1]}]}\n",
                fmt("txt", Fixtures.everything(), OutputOptions.PLAIN.withColor(true)));
    }

    @Test
    void txtPrettyPrintsDataThatIsNotADict() {
        List<Object> nums = new ArrayList<>();
        for (long i = 0; i < 30; i++) {
            nums.add(i);
        }
        StringBuilder numLines = new StringBuilder("[0,\n");
        for (int i = 1; i < 29; i++) {
            numLines.append("  ").append(i).append(",\n");
        }
        numLines.append("  29]");
        String expected = "[{'" + "k".repeat(20) + "': '" + "v".repeat(70) + "'},\n '" + "b".repeat(30) + "',\n "
                + numLines + "]\n";
        assertEquals(expected, fmt("txt", list(map("k".repeat(20), "v".repeat(70)), "b".repeat(30), nums),
                OutputOptions.PLAIN));
        // pprint sorts dict keys even though repr would not.
        assertEquals("[{'a': 1, 'b': 2}]\n", fmt("txt", list(map("b", 2L, "a", 1L)), OutputOptions.PLAIN));
        assertEquals("just text\n", fmt("txt", "just text", OutputOptions.PLAIN));
    }

    @Test
    void rawIsPythonStrOfTheWholeReturn() {
        assertEquals("{'web1': {'pkgs': ['vim', 'curl'], 'ok': True, 'none': None, 'off': False, 'n': 4, "
                        + "'f': 1.0, 'g': 0.1, 'big': 1e+20, 'empty_d': {}, 'empty_l': [], "
                        + "'text': 'line1\\nline2\\n\\nline4\\n', 'uni': 'Grüße 日本', "
                        + "'nested': [[1, 'a'], {'k': 'v', 'z': [1]}]}}",
                fmt("raw", Fixtures.everything(), OutputOptions.COLOR));
    }

    @Test
    void rawEscapesWhatPythonCannotPrint() {
        assertEquals("{'m': ['a\\xa0b', 'x\\u2028y', 'x\\x85y', 'é😀']}",
                fmt("raw", map("m", list("a\u00a0b", "x\u2028y", "x\u0085y", "é\uD83D\uDE00")), OutputOptions.PLAIN));
    }
}
