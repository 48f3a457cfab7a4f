package io.jsalt.common.output;

import static io.jsalt.common.output.Fixtures.fmt;
import static io.jsalt.common.output.Fixtures.list;
import static io.jsalt.common.output.Fixtures.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Ids and minion output reach a terminal: no control character a minion sends may act
 * there. Newlines and tabs inside values stay (command output must stay readable); ESC,
 * CR, DEL and the rest print as escapes. Salt only turns ESC into '?' (salt/output/nested.py
 * strip_esc_sequence); jsalt escapes every control character.
 */
class TerminalEscapingTest {
    private static final String HOSTILE_ID = "evil1\ninjected:\u001b[2J";
    private static final String OUTPUT = "line1\n\tline2\r\nclear\u001b[2Jme\rover\u007fdel\u009bcsi\u202erlo";

    /** Every ESC left in coloured output must start one of the outputter's own colour codes. */
    private static void onlyOwnEscapes(String out) {
        String stripped = out.replaceAll("\u001b\\[[0-9;]*m", "");
        for (char c : stripped.toCharArray()) {
            assertTrue(c == '\n' || c == '\t' || (c >= 0x20 && c != 0x7f && (c < 0x80 || c > 0x9f) && c != 0x202e),
                    () -> "raw control character U+" + Integer.toHexString(c) + " in:\n" + out);
        }
    }

    @Test
    void nestedEscapesIdsAndControlCharactersButKeepsLines() {
        String out = fmt("nested", map(HOSTILE_ID, map("stdout", OUTPUT)), OutputOptions.PLAIN);
        assertEquals("evil1\\ninjected:\\x1b[2J:\n    ----------\n    stdout:\n        line1\n        \tline2\n"
                + "        clear\\x1b[2Jme\\rover\\x7fdel\\x9bcsi\\u202erlo", out);
        onlyOwnEscapes(fmt("nested", map(HOSTILE_ID, list(OUTPUT, map(OUTPUT, OUTPUT))),
                OutputOptions.PLAIN.withColor(true)));
    }

    @Test
    void txtEscapesIdsAndControlCharactersButKeepsLines() {
        String out = fmt("txt", map(HOSTILE_ID, OUTPUT), OutputOptions.PLAIN);
        assertEquals("evil1\\ninjected:\\x1b[2J: line1\nevil1\\ninjected:\\x1b[2J: \tline2\n"
                + "evil1\\ninjected:\\x1b[2J: clear\\x1b[2Jme\\rover\\x7fdel\\x9bcsi\\u202erlo\n", out);
        onlyOwnEscapes(fmt("txt", map(HOSTILE_ID, map("k", OUTPUT)), OutputOptions.PLAIN));
        onlyOwnEscapes(fmt("txt", OUTPUT, OutputOptions.PLAIN));
    }

    @Test
    void highstateEscapesIdsNamesCommentsAndChanges() {
        Object ret = map(HOSTILE_ID, map("cmd_|-" + OUTPUT + "_|-" + OUTPUT + "_|-run", map(
                "result", true, "comment", OUTPUT, "name", OUTPUT, "changes", map("stdout", OUTPUT),
                "__run_num__", 0L, "duration", 1.0, "start_time", "10:00:00")));
        String out = fmt("highstate", ret, OutputOptions.PLAIN.withColor(true));
        onlyOwnEscapes(out);
        assertTrue(out.contains("evil1\\ninjected:\\x1b[2J"), out);
        assertFalse(out.contains(HOSTILE_ID), out);
    }

    @Test
    void jsonAndYamlEscapeByTheirOwnFormat() {
        String json = fmt("json", map(HOSTILE_ID, OUTPUT), OutputOptions.PLAIN);
        assertFalse(json.contains("\u001b") || json.contains("\r"), json);
        String yaml = fmt("yaml", map(HOSTILE_ID, OUTPUT), OutputOptions.PLAIN);
        assertFalse(yaml.contains("\u001b") || yaml.contains("\r"), yaml);
    }
}
