package io.jsalt.minion.states;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jsalt.common.data.Yaml;
import io.jsalt.common.plugin.Registry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every state function documents itself with an SLS example that parses and uses it. */
class StateFunctionsDocumentedTest {
    @Test
    void everyStateFunctionHasAParsableSlsExampleUsingIt() {
        Registry states = new SlsHarness().states;
        assertTrue(states.functions().keySet().containsAll(List.of("test.nop", "cmd.run", "cmd.wait", "cmd.script",
                "module.run", "test.mod_watch", "cmd.mod_watch")), states.functions().keySet().toString());
        List<String> bad = new ArrayList<>();
        for (Registry.Function f : states.functions().values()) {
            if (!f.module().name().matches("test|cmd|module")) {
                continue;
            }
            try {
                Map<String, Object> sls = Yaml.loadMap(f.example(), f.name());
                String text = sls.toString();
                String mod = f.module().name();
                if (!text.contains(mod + ".") && !text.contains(mod + "=")) {
                    bad.add(f.name() + ": example does not use " + mod);
                }
            } catch (RuntimeException e) {
                bad.add(f.name() + ": " + e.getMessage());
            }
        }
        assertEquals(List.of(), bad);
    }
}
