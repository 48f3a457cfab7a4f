package io.jsalt.master.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MinionIdsTest {
    @Test
    void ordinaryIdsAreValid() {
        assertNull(MinionIds.problem("web1.example.com"));
        assertNull(MinionIds.problem("db_2-east"));
        assertNull(MinionIds.problem("x".repeat(255)));
    }

    @Test
    void reasonsNameTheIdAndTheProblem() {
        assertEquals("minion id 'a/b' contains '/'", MinionIds.problem("a/b"));
        assertEquals("minion id 'a\\b' contains '\\'", MinionIds.problem("a\\b"));
        assertEquals("minion id 'a\\x00' contains a NUL character", MinionIds.problem("a\0"));
        assertEquals("minion id '.web' starts with '.'", MinionIds.problem(".web"));
        assertEquals("minion id 'a..b' contains '..'", MinionIds.problem("a..b"));
        assertEquals("the minion id is empty", MinionIds.problem(""));
        assertTrue(MinionIds.problem("x".repeat(256)).endsWith("is longer than 255 bytes"));
        assertTrue(MinionIds.problem("\u00e9".repeat(128)).endsWith("is longer than 255 bytes"));
    }
}
