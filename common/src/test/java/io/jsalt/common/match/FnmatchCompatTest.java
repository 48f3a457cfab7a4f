package io.jsalt.common.match;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FnmatchCompatTest {
    @Test
    void starAndQuestionMark() {
        assertTrue(Glob.matches("web1", "web*"));
        assertTrue(Glob.matches("web", "web*"));
        assertTrue(Glob.matches("web1", "we?1"));
        assertFalse(Glob.matches("web12", "web?"));
        assertTrue(Glob.matches("a.b.c", "*.b.*"));
    }

    @Test
    void matchingIsCaseSensitiveAsOnPosix() {
        assertFalse(Glob.matches("Web1", "web*"));
    }

    @Test
    void regexCharactersAreLiteral() {
        assertTrue(Glob.matches("a+b(c)", "a+b(c)"));
        assertFalse(Glob.matches("aab", "a+b"));
        assertTrue(Glob.matches("x.y", "x.y"));
        assertFalse(Glob.matches("xzy", "x.y"));
        assertTrue(Glob.matches("caf\u00e9", "caf\u00e9"));
    }

    @Test
    void characterClassesAndNegation() {
        assertTrue(Glob.matches("db3", "db[0-9]"));
        assertFalse(Glob.matches("dbx", "db[0-9]"));
        assertTrue(Glob.matches("dbx", "db[!0-9]"));
        assertTrue(Glob.matches("]", "[]]"));
        assertTrue(Glob.matches("a&", "a[&&]"));
        assertTrue(Glob.matches("^", "[^]"));
        assertTrue(Glob.matches("web[1", "web[1"), "an unclosed bracket is literal");
    }
}
