package io.jsalt.minion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jsalt.common.config.Config;
import io.jsalt.minion.transport.MasterConnection;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The typed minion options: Salt's defaults (salt/config/__init__.py DEFAULT_MINION_OPTS) and jsalt's paths. */
class MinionOptionsTest {
    private static MinionOptions options(Map<String, Object> user) {
        return MinionOptions.from(Config.of(Config.Role.MINION, Path.of("/etc/jsalt"), user));
    }

    @Test
    void defaultsAreTyped() {
        MinionOptions o = options(Map.of());
        assertEquals("salt", o.master());
        assertEquals(4506, o.masterPort());
        assertEquals(16, o.processCountMax());
        assertEquals(0, o.jobTimeout());
        assertFalse(o.masterless());
        assertTrue(o.mineEnabled());
        assertNull(o.startupStates());
        assertEquals(Path.of("/etc/jsalt"), o.configDir());
    }

    @Test
    void connectionOptionsComeFromTheTypedOptions() {
        MinionOptions o = options(Map.of("master", "m.example", "master_port", 4507L, "acceptance_wait_time", 2L,
                "autosign_grains", "uuid", "file_client", "local"));
        MasterConnection.Options c = MasterConnection.Options.of(o, "web1");
        assertEquals("m.example", c.host());
        assertEquals(4507, c.port());
        assertEquals(2000, c.acceptanceWaitMs());
        // Salt's autosign_grains is a list; one grain name alone is accepted too.
        assertEquals(List.of("uuid"), c.autosignGrains());
        assertTrue(o.masterless());
    }
}
