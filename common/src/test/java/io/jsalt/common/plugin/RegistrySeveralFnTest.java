package io.jsalt.common.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One method serving several functions: each {@code @Fn} registers its own name and doc. */
class RegistrySeveralFnTest {
    /** Two verbs of one command, as service.start and service.stop are. */
    public static final class Verbs extends TestModule {
        public Verbs() {
            super("verbs");
        }

        @Fn(name = "start", doc = "Starts it.", example = "jsalt '*' verbs.start x")
        @Fn(name = "stop", doc = "Stops it.", example = "jsalt '*' verbs.stop x")
        public Object run(Call c) {
            return c.function() + " " + c.requiredStr(0, "name");
        }
    }

    private static final Context CTX = new Context(Map.of(), Map.of(), Map.of(), null, false, null, null, null);

    @Test
    void eachFnIsAFunctionOfItsOwnAndTheMethodKnowsWhichWasCalled() {
        Registry r = Registry.of(Family.EXECUTION, CTX, List.of(new Verbs()));
        assertEquals(List.of("verbs.start", "verbs.stop"), List.copyOf(r.functions().keySet()));
        assertEquals("Stops it.", r.function("verbs.stop").doc());
        assertEquals("start web", r.invoke(CTX, "verbs.start", List.of("web"), Map.of()));
        assertEquals("stop web", r.invoke(CTX, "verbs.stop", List.of("web"), Map.of()));
    }
}
