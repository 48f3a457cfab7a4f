package io.jsalt.minion.states;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jsalt.common.data.Yaml;
import io.jsalt.common.plugin.Registry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every state function shows how it is used: an SLS example that parses and calls it. */
class StateRegistryWalkTest {
    @TempDir
    Path dir;

    @Test
    void everyStateFunctionHasAnSlsExampleThatParsesAndCallsIt() {
        StateHarness h = new StateHarness(dir);
        List<String> bad = new ArrayList<>();
        for (Registry.Function f : h.states.functions().values()) {
            try {
                Object data = Yaml.load(f.example(), f.name());
                boolean calls = data instanceof Map<?, ?> m && !m.isEmpty()
                        && (f.example().contains(f.name() + ":") || f.example().contains(f.name() + "\n")
                        || f.example().endsWith(f.name())
                        // The engine's hooks (mod_watch, mod_run_check_cmd) show a state of their module that uses them.
                        || (f.name().substring(f.name().indexOf('.') + 1).startsWith("mod_")
                        && f.example().contains(f.module().name() + ".")));
                if (!calls || f.doc().strip().length() < 10) {
                    bad.add(f.name());
                }
            } catch (RuntimeException e) {
                bad.add(f.name() + " (" + e.getMessage() + ")");
            }
        }
        assertEquals(List.of(), bad);
    }

    @Test
    void theCoreStateFunctionsAreRegistered() {
        StateHarness h = new StateHarness(dir);
        for (String f : List.of("test.nop", "test.mod_watch", "cmd.run", "cmd.wait", "cmd.script", "cmd.mod_watch",
                "module.run", "pkg.installed", "pkg.latest", "pkg.removed", "pkg.purged", "pkgrepo.managed",
                "file.managed", "file.directory", "file.symlink", "file.absent", "file.exists", "file.append",
                "file.replace", "file.blockreplace", "file.line", "file.recurse", "file.comment", "file.uncomment",
                "service.running", "service.dead", "service.enabled", "service.disabled", "service.mod_watch",
                "user.present", "user.absent", "group.present", "group.absent", "host.present", "host.absent",
                "cron.present", "cron.absent", "git.latest", "mysql_database.present", "mysql_user.present",
                "mysql_grants.present")) {
            assertTrue(h.states.functions().containsKey(f), f + " missing; unavailable: " + h.states.unavailable());
        }
    }
}
