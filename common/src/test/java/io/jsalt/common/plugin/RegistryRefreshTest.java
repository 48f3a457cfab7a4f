package io.jsalt.common.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Salt's module refresh after a package was installed (salt/state.py, State.check_refresh):
 * a module whose __virtual__ said no is asked again, and loads once it can run.
 */
class RegistryRefreshTest {
    /** An execution module that needs a client program; "installed" is flipped by the test. */
    public static final class Needy extends TestModule {
        boolean installed;

        public Needy() {
            super("needy");
        }

        @Override
        public String unavailableReason(Context ctx) {
            return installed ? null : "the client (package needy-client) is not installed";
        }

        @Fn(doc = "Answers.", example = "jsalt '*' needy.ask")
        public Object ask(Call c) {
            return "answer";
        }
    }

    @Test
    void aModuleThatCouldNotRunLoadsOnRefreshOnceItCan() {
        Needy needy = new Needy();
        Context probe = new Context(Map.of(), Map.of(), Map.of(), null, false, null, null, null);
        Registry r = Registry.of(Family.EXECUTION, probe, List.of(needy));
        Functions f = r.bind(() -> probe);
        assertEquals("'needy' __virtual__ returned False: the client (package needy-client) is not installed",
                assertThrows(FunctionNotAvailable.class, () -> f.call("needy.ask", List.of(), Map.of())).getMessage());

        assertEquals(List.of(), f.refresh(), "still not installed");
        assertFalse(f.has("needy.ask"));

        needy.installed = true;
        assertEquals(List.of("needy"), f.refresh());
        assertTrue(f.has("needy.ask"));
        assertEquals("answer", f.call("needy.ask", List.of(), Map.of()));
        assertEquals(Map.of(), r.unavailable());
        assertEquals(List.of(), f.refresh(), "loaded once");
    }
}
