package io.jsalt.minion.modules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SysModuleTest extends TestMinionCase {
    @Test
    void docOfAFunctionIncludesItsCliExample() {
        Map<?, ?> doc = (Map<?, ?>) m.call("sys.doc", "test.ping");
        assertEquals(List.of("test.ping"), List.copyOf(doc.keySet()));
        String text = (String) doc.get("test.ping");
        assertTrue(text.contains("CLI Example:\n\n    jsalt '*' test.ping"), text);
    }

    @Test
    void docOfAModuleMatchesOnlyThatModule() {
        Map<?, ?> doc = (Map<?, ?>) m.call("sys.doc", "sys");
        assertTrue(doc.keySet().stream().allMatch(k -> k.toString().startsWith("sys.")), doc.keySet().toString());
        assertTrue(doc.containsKey("sys.doc"));
        Map<?, ?> glob = (Map<?, ?>) m.call("sys.doc", "test.t*");
        assertEquals(List.of("test.true"), List.copyOf(glob.keySet()));
    }

    @Test
    void listModulesAndFunctions() {
        List<?> mods = (List<?>) m.call("sys.list_modules");
        assertTrue(mods.containsAll(List.of("cmd", "cp", "event", "git", "grains", "group", "hosts", "mine", "network",
                "pillar", "pkg", "rsync", "saltutil", "service", "shadow", "state", "status", "sys", "test", "user")),
                mods.toString());
        assertEquals(mods.stream().map(Object::toString).sorted().toList(), mods, "sorted");
        // Globs match function names; "sy*" would also match sysctl where sysctl(8) is installed.
        assertEquals(List.of("sys"), m.call("sys.list_modules", "sys.*"));
        List<?> fns = (List<?>) m.call("sys.list_functions", "sys");
        assertTrue(fns.contains("sys.list_functions") && fns.stream().allMatch(f -> f.toString().startsWith("sys.")));
        assertEquals(List.of("test.true"), m.call("sys.list_functions", "test.tr*"));
    }

    @Test
    void stateFunctionsNeedAStateRegistry() {
        var e = assertThrows(RuntimeException.class, () -> m.call("sys.list_state_modules"));
        assertEquals("No state modules are loaded in this process", e.getMessage());
    }
}
