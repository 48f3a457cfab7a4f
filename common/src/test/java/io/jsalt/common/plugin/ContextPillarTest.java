package io.jsalt.common.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A state run compiles its own pillar (salt/modules/state.py builds the State with fresh
 * pillar, and the loader gives every module that run's {@code __pillar__}), so a function a
 * template calls during the run, {@code salt['pillar.get']} above all, must read that
 * pillar, not the one the minion had cached before the run.
 */
class ContextPillarTest {
    /** Answers with the pillar its call's context has. */
    public static final class Echo extends TestModule {
        public Echo() {
            super("echo");
        }

        @Fn(doc = "The call's pillar value of key.", example = "jsalt '*' echo.pillar key")
        public Object pillar(Call c) {
            return c.ctx().pillar().get(c.requiredStr(0, "key"));
        }
    }

    @Test
    void functionsCalledWithARunsPillarSeeThatPillar() {
        Functions[] table = new Functions[1];
        Map<String, Object> cached = Map.of("k", "cached");
        java.util.function.Supplier<Context> process =
                () -> new Context(Map.of(), Map.of(), cached, table[0], false, null, null, null);
        Registry r = Registry.of(Family.EXECUTION, process.get(), List.of(new Echo()));
        table[0] = r.bind(process);
        Context run = process.get().withPillar(Map.of("k", "fresh"));

        assertEquals("fresh", run.functions().call("echo.pillar", List.of("k"), Map.of()));
        assertEquals("cached", process.get().functions().call("echo.pillar", List.of("k"), Map.of()),
                "the process's own table is unchanged");
        assertEquals("override", run.withPillar(Map.of("k", "override")).functions()
                .call("echo.pillar", List.of("k"), Map.of()), "a pillar= override over the run's pillar");
    }
}
