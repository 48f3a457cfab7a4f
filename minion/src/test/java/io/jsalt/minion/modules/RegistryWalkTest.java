package io.jsalt.minion.modules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jsalt.common.plugin.Registry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Salt's pre-commit rule, as a test: every function documents how it is called. */
class RegistryWalkTest {
    @TempDir
    Path dir;

    @Test
    void everyFunctionHasADocAndACliExampleCallingIt() {
        TestMinion m = new TestMinion(dir);
        List<String> bad = new ArrayList<>();
        for (Registry.Function f : m.registry.functions().values()) {
            String ex = f.example();
            boolean ok = f.doc().strip().length() > 10
                    && ex.lines().allMatch(l -> l.startsWith("jsalt '*' "))
                    && ex.contains(" " + f.name());
            if (!ok) {
                bad.add(f.name());
            }
        }
        assertEquals(List.of(), bad);
    }

    @Test
    void everyModuleLoadsOnThisHost() {
        TestMinion m = new TestMinion(dir);
        // cron, mysql, debconf, sysctl and iptables need programs a fresh Debian host may lack
        // (cron, mariadb-client, debconf-utils, procps, iptables).
        Map<String, String> unexpected = new TreeMap<>(m.registry.unavailable());
        unexpected.keySet().removeAll(List.of("cron", "mysql", "debconf", "sysctl", "iptables"));
        assertTrue(unexpected.isEmpty(), unexpected.toString());
        assertTrue(m.registry.functions().size() > 50, "only " + m.registry.functions().size() + " functions");
    }
}
