package io.jsalt.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class MinionIdsTest {
    @Test
    void idsRealFleetsUseAreValid() {
        for (String id : List.of("web1.example.com", "db_2-east", "web_01", "db-1.example.com", "WIN-7QK2N1",
                "ops@site1", "x".repeat(128), "\u00e9cole", "\u6771\u4eac-01", "\u0928\u092e\u0938\u094d\u0924\u0947",
                "1host", "_spare")) {
            assertNull(MinionIds.problem(id), id);
        }
    }

    @Test
    void pathsHiddenNamesAndEmptyIdsAreRefused() {
        assertEquals("minion id 'a/b' contains '/' (a path separator)", MinionIds.problem("a/b"));
        assertEquals("minion id 'a\\b' contains '\\' (a path separator)", MinionIds.problem("a\\b"));
        assertEquals("minion id '.web' starts with '.'", MinionIds.problem(".web"));
        assertEquals("minion id '-web' starts with '-'", MinionIds.problem("-web"));
        assertEquals("minion id 'a..b' contains '..'", MinionIds.problem("a..b"));
        assertEquals("the minion id is empty", MinionIds.problem(""));
        assertEquals("the minion id is empty", MinionIds.problem(null));
    }

    @Test
    void controlAndFormatCharactersAreRefusedAndShownEscaped() {
        assertEquals("minion id 'evil1\\ninjected:' contains a control or format character (\\n)",
                MinionIds.problem("evil1\ninjected:"));
        assertEquals("minion id 'a\\x1b[31m' contains a control or format character (\\x1b)",
                MinionIds.problem("a\u001b[31m"));
        assertEquals("minion id 'a\\x00' contains a control or format character (\\x00)", MinionIds.problem("a\0"));
        for (String id : List.of("a\rb", "a\tb", "a\u007fb", "a\u0085b", "a\u2028b", "a\u2029b", "a\u202eb",
                "a\u200bb", "a\ufeffb")) {
            String p = MinionIds.problem(id);
            assertNotNull(p, id);
            assertFalse(p.chars().anyMatch(c -> c < 0x20 || c == 0x7f), p);
            assertTrue(p.contains("control or format character"), p);
        }
    }

    @Test
    void whitespaceAndOtherPunctuationAreRefused() {
        assertEquals("minion id 'a b' contains whitespace (' ')", MinionIds.problem("a b"));
        assertEquals("minion id 'a\u00a0b' contains whitespace (U+00A0)", MinionIds.problem("a\u00a0b"));
        for (String id : List.of("a:b", "web*", "a?b", "a[1]", "a,b", "a;b", "a'b", "a\"b", "a#b", "a{b}", "a|b")) {
            assertTrue(MinionIds.problem(id).contains("an id may contain only letters, digits"), id);
        }
    }

    @Test
    void idsLongerThan128BytesAreRefusedBeforeAnyFileNameIsMade() {
        assertEquals("minion id '" + "x".repeat(80) + "...' is longer than 128 bytes (129)",
                MinionIds.problem("x".repeat(129)));
        assertTrue(MinionIds.problem("\u00e9".repeat(65)).endsWith("is longer than 128 bytes (130)"));
        assertTrue(MinionIds.problem("x".repeat(231)).contains("longer than 128 bytes"));
    }

    @Test
    void commandLineGlobsAllowGlobCharactersButNotControlCharacters() {
        assertNull(MinionIds.argumentProblem("-a", "web*"));
        assertNull(MinionIds.argumentProblem("-a", "web[12],db?,cache1"));
        assertEquals("invalid -a argument 'web\\n*': the pattern contains a control or format character (\\n)",
                MinionIds.argumentProblem("-a", "web\n*"));
        assertEquals("invalid -L argument 'web1,we b2': minion id 'we b2' contains whitespace (' ')",
                MinionIds.argumentProblem("-L", "web1,we b2"));
        assertEquals("invalid -d argument 'a,,b': an empty id in the list", MinionIds.argumentProblem("-d", "a,,b"));
        assertTrue(MinionIds.argumentProblem("-r", "../x*").contains("path separator"));
    }
}
