package io.jsalt.common.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jsalt.common.data.Data;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An SLS argument list spread into a call's arguments, as module.run reads one
 * (salt/states/module.py _call_function: dicts are keyword arguments, the rest positional)
 * and as mine_functions and the reactor's args are read.
 */
class CallSpreadTest {
    @Test
    void aListMixesPositionalArgumentsAndOneKeyKeywordMaps() {
        List<Object> args = new ArrayList<>(List.of("first"));
        Map<String, Object> kwargs = new LinkedHashMap<>();
        assertTrue(Call.spread(List.of("a", Data.map("k", 1L), 2L, Data.map("j", "x")), args, kwargs));
        assertEquals(List.of("first", "a", 2L), args);
        assertEquals(Data.map("k", 1L, "j", "x"), kwargs);
    }

    @Test
    void aMapIsAllKeywordsAndAnythingElseIsLeftToTheCaller() {
        List<Object> args = new ArrayList<>();
        Map<String, Object> kwargs = new LinkedHashMap<>();
        assertTrue(Call.spread(Map.of("k", "v"), args, kwargs));
        assertEquals(Map.of("k", "v"), kwargs);
        assertFalse(Call.spread("lone", args, kwargs));
        assertFalse(Call.spread(null, args, kwargs));
        assertEquals(List.of(), args);
        assertEquals(Map.of("k", "v"), kwargs);
    }
}
