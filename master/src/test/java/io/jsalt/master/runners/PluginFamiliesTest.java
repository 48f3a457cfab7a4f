package io.jsalt.master.runners;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jsalt.common.plugin.Family;
import io.jsalt.common.plugin.Plugin;
import io.jsalt.common.plugin.Registry;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Each plugin family is found through its own service interface, so a process creates the
 * plugins of its own families only. The master's tests have the minion's jar on the class
 * path, which makes them the place to see that loading the runners leaves the minion's
 * modules alone.
 */
class PluginFamiliesTest {
    @Test
    void theMasterLoadsItsRunnersAndNothingElse() {
        assertEquals(Set.of("dns", "hub", "jobs", "manage", "mine", "pillar", "state"),
                Registry.load(Family.RUNNER, null).modules().keySet());
    }

    @Test
    void everyProviderIsListedUnderTheInterfaceOfItsFamily() {
        for (Family family : Family.values()) {
            // ServiceLoader.Provider.type() names the class without creating it.
            List<Class<? extends Plugin>> types = ServiceLoader.load(family.service()).stream()
                    .<Class<? extends Plugin>>map(p -> p.type()).toList();
            assertFalse(types.isEmpty(), family + " has no plugins on the test class path");
            for (Class<? extends Plugin> type : types) {
                assertTrue(family.service().isAssignableFrom(type), type + " under " + family.service());
                String home = family == Family.RUNNER ? "io.jsalt.master." : "io.jsalt.minion.";
                assertTrue(type.getName().startsWith(home), type + " is a " + family + " plugin outside " + home);
            }
        }
    }
}
