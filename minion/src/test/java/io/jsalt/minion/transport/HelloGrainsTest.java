package io.jsalt.minion.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Hello carries only the autosign grains (Salt's minion option autosign_grains). */
class HelloGrainsTest {
    private static final Map<String, Object> GRAINS = Map.of("id", "web1", "os", "Debian", "uuid", "abc",
            "roles", List.of("web"));

    @Test
    void theHelloCarriesNoGrainsUnlessAutosignGrainsNamesThem() {
        assertEquals(Map.of(), MasterConnection.helloGrains(MasterConnection.Options.autosignGrains(null), GRAINS));
        assertEquals(Map.of("uuid", "abc"), MasterConnection.helloGrains(List.of("uuid", "missing"), GRAINS));
        assertEquals(Map.of("os", "Debian"),
                MasterConnection.helloGrains(MasterConnection.Options.autosignGrains("os"), GRAINS));
    }

    @Test
    void autosignGrainsThatIsNotAListOfNamesIsAnErrorNamingTheOption() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MasterConnection.Options.autosignGrains(Map.of("uuid", 1)));
        assertTrue(e.getMessage().contains("autosign_grains"), e.getMessage());
    }
}
