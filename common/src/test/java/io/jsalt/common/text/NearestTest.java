package io.jsalt.common.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class NearestTest {
    @Test
    void distanceCountsSingleCharacterEdits() {
        assertEquals(0, Nearest.distance("ret_port", "ret_port"));
        assertEquals(2, Nearest.distance("ret_prot", "ret_port"));
        assertEquals(1, Nearest.distance("cachedi", "cachedir"));
        assertEquals(3, Nearest.distance("", "abc"));
    }

    @Test
    void nearestIsTheClosestNameWithinAThirdOfItsLength() {
        List<String> known = List.of("ret_port", "master_port", "keep_jobs");
        assertEquals("ret_port", Nearest.of("ret_prot", known));
        assertEquals("keep_jobs", Nearest.of("keep_job", known));
        assertNull(Nearest.of("something_else", known));
    }
}
