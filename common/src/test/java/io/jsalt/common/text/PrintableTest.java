package io.jsalt.common.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PrintableTest {
    @Test
    void aLineHasNoControlCharacterLeft() {
        assertEquals("evil1\\ninjected:\\r\\x1b[31m\\t\\x00\\x7f\\x9b\\u2028\\u202e",
                Printable.line("evil1\ninjected:\r\u001b[31m\t\0\u007f\u009b\u2028\u202e"));
        assertEquals("Gr\u00fc\u00dfe \u65e5\u672c \ud83d\ude00 back\\slash", Printable.line("Gr\u00fc\u00dfe \u65e5\u672c \ud83d\ude00 back\\slash"));
        String clean = "web1.example.com";
        assertSame(clean, Printable.line(clean));
        assertTrue(Printable.isLine(clean));
        assertFalse(Printable.isLine("a\nb"));
    }

    @Test
    void textKeepsNewlinesAndTabsAndTurnsCrlfIntoNewlines() {
        assertEquals("a\n\tb\nc\\rd\\x1b[2J", Printable.text("a\r\n\tb\nc\rd\u001b[2J"));
    }

    @Test
    void dataEscapesKeysAsLinesAndValuesAsText() {
        Map<String, Object> in = new LinkedHashMap<>();
        in.put("id\n", List.of("out\n\u001b", 5L, true));
        assertEquals(Map.of("id\\n", List.of("out\n\\x1b", 5L, true)), Printable.data(in));
    }
}
