package io.jsalt.common.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One method serving several functions: each {@code @Fn} registers its own name and doc. */
class RegistrySeveralFnTest {
    /** Two verbs of one command, as service.start and service.stop are. */
    public static final class Verbs implements ExecutionPlugin {
        @Override
        public String name() {
            return "verbs";
        }

        @Override
        public String doc() {
            return "Runs a verb.";
        }

        @Fn(name = "start", doc = "Starts it.", example = "jsalt '*' verbs.start x")
        @Fn(name = "stop", doc = "Stops it.", example = "jsalt '*' verbs.stop x")
        public Object run(Call c) {
            return c.function() + " " + c.requiredStr(0, "name");
        }
    }

    /** Two {@code @Fn} that both leave the name to the method. */
    public static final class Unnamed implements ExecutionPlugin {
        @Override
        public String name() {
            return "unnamed";
        }

        @Override
        public String doc() {
            return "Forgets to name its functions.";
        }

        @Fn(doc = "One.", example = "jsalt '*' unnamed.run")
        @Fn(doc = "Two.", example = "jsalt '*' unnamed.run")
        public Object run(Call c) {
            return null;
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

    @Test
    void severalFnWithoutNamesAreRefusedAtLoad() {
        assertEquals("function unnamed.run is defined twice",
                assertThrows(IllegalStateException.class,
                        () -> Registry.of(Family.EXECUTION, CTX, List.of(new Unnamed()))).getMessage());
    }
}
