package io.jsalt.minion.states;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jsalt.common.data.Data;
import io.jsalt.common.plugin.Call;
import io.jsalt.common.plugin.CommandExecutionError;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plan runner against Salt's rules for a state return (salt/state.py and the state
 * modules, e.g. salt/states/group.py): nothing to do is result True; test=True is result None
 * with the would-comment and the planned changes, and the action never runs; otherwise the
 * action runs and its failures become result False.
 */
class PlanTest {
    @TempDir
    Path dir;
    StateHarness h;
    List<String> ran;

    @BeforeEach
    void setUp() {
        h = new StateHarness(dir);
        ran = new ArrayList<>();
    }

    private Call call(boolean test) {
        return new Call(h.context(test), "x.y", new ArrayList<>(), new LinkedHashMap<>(), "");
    }

    private Plan removal() {
        return Plan.change("Thing t is set for removal", "Removed thing t", () -> ran.add("remove"))
                .showing(Data.map("t", "removed"));
    }

    @Test
    void nothingToDoIsTrueInBothModes() {
        for (boolean test : new boolean[] {true, false}) {
            Map<String, Object> r = Plan.nothing("Thing t is absent").run(call(test), new Ret("t"));
            assertEquals(true, r.get("result"));
            assertEquals("Thing t is absent", r.get("comment"));
            assertEquals(Map.of(), r.get("changes"));
        }
    }

    @Test
    void testModeReportsWithoutApplying() {
        Map<String, Object> r = removal().run(call(true), new Ret("t"));
        assertNull(r.get("result"));
        assertEquals("Thing t is set for removal", r.get("comment"));
        assertEquals(Map.of("t", "removed"), r.get("changes"));
        assertTrue(ran.isEmpty());
    }

    @Test
    void applyRunsTheActionAndReportsThePlannedChanges() {
        Map<String, Object> r = removal().run(call(false), new Ret("t"));
        assertEquals(true, r.get("result"));
        assertEquals("Removed thing t", r.get("comment"));
        assertEquals(Map.of("t", "removed"), r.get("changes"));
        assertEquals(List.of("remove"), ran);
    }

    @Test
    void failuresWhileApplyingAreResultFalse() {
        Map<String, Object> r = Plan.change("would", "done", () -> {
            throw new Ret.Failure("Unable to remove t");
        }).run(call(false), new Ret("t"));
        assertEquals(false, r.get("result"));
        assertEquals("Unable to remove t", r.get("comment"));

        // salt/states/group.py words this "Failed to remove group {}"; the execution error follows it.
        r = Plan.change("would", "done", () -> {
            throw new CommandExecutionError("groupdel: busy");
        }).failingWith("Failed to remove group t: ").run(call(false), new Ret("t"));
        assertEquals(false, r.get("result"));
        assertEquals("Failed to remove group t: groupdel: busy", r.get("comment"));
        assertFalse(((Map<?, ?>) r.get("changes")).containsKey("t"));

        // Without a prefix the error is the caller's to word.
        assertThrows(CommandExecutionError.class, () -> Plan.change("would", "done", () -> {
            throw new CommandExecutionError("boom");
        }).run(call(false), new Ret("t")));
    }
}
