package io.jsalt.common.py;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FnmatchCompatTest {
    @Test
    void starAndQuestionMark() {
        assertTrue(Fnmatch.matches("web1", "web*"));
        assertTrue(Fnmatch.matches("web", "web*"));
        assertTrue(Fnmatch.matches("web1", "we?1"));
        assertFalse(Fnmatch.matches("web12", "web?"));
        assertTrue(Fnmatch.matches("a.b.c", "*.b.*"));
    }

    @Test
    void matchingIsCaseSensitiveAsOnPosix() {
        assertFalse(Fnmatch.matches("Web1", "web*"));
    }

    @Test
    void regexCharactersAreLiteral() {
        assertTrue(Fnmatch.matches("a+b(c)", "a+b(c)"));
        assertFalse(Fnmatch.matches("aab", "a+b"));
        assertTrue(Fnmatch.matches("x.y", "x.y"));
        assertFalse(Fnmatch.matches("xzy", "x.y"));
        assertTrue(Fnmatch.matches("caf\u00e9", "caf\u00e9"));
    }

    @Test
    void characterClassesAndNegation() {
        assertTrue(Fnmatch.matches("db3", "db[0-9]"));
        assertFalse(Fnmatch.matches("dbx", "db[0-9]"));
        assertTrue(Fnmatch.matches("dbx", "db[!0-9]"));
        assertTrue(Fnmatch.matches("]", "[]]"));
        assertTrue(Fnmatch.matches("a&", "a[&&]"));
        assertTrue(Fnmatch.matches("^", "[^]"));
        assertTrue(Fnmatch.matches("web[1", "web[1"), "an unclosed bracket is literal");
        assertTrue(Fnmatch.matches("web*", "web[*]"), "a star in a set is literal");
        assertTrue(Fnmatch.matches("[x", "[x"));
    }
}
