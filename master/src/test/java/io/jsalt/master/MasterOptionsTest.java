package io.jsalt.master;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jsalt.common.config.Config;
import io.jsalt.common.data.Data;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The typed master options: Salt's defaults (salt/config/__init__.py DEFAULT_MASTER_OPTS) and jsalt's paths. */
class MasterOptionsTest {
    private static MasterOptions options(Map<String, Object> user) {
        return MasterOptions.from(Config.of(Config.Role.MASTER, Path.of("/etc/jsalt"), user));
    }

    @Test
    void defaultsAreTyped() {
        MasterOptions o = options(Map.of("root_dir", "/tmp/j"));
        assertEquals("0.0.0.0", o.interfaceAddress());
        assertEquals(4506, o.retPort());
        assertEquals(Path.of("/tmp/j/etc/jsalt/pki/master"), o.pkiDir());
        assertEquals(Map.of("base", List.of(Path.of("/srv/salt"))), o.fileRoots());
        assertEquals(24, o.keepJobs());
        assertEquals(Runtime.getRuntime().availableProcessors(), o.eventLoopThreads());
        assertTrue(o.reactor().isEmpty());
        assertNull(o.dnsHub());
        assertNull(o.rsyncHub());
        assertEquals("m1", options(Map.of("id", "m1")).masterId());
        assertEquals(3, options(Map.of("worker_threads", 3L)).eventLoopThreads());
    }

    @Test
    void aBadHubSectionNamesTheConfigFile() {
        Config.ConfigException e = assertThrows(Config.ConfigException.class,
                () -> options(Map.of("dns_hub", Data.map("zone", "z", "port", 70000L))));
        assertEquals("/etc/jsalt/master: dns_hub:port must be an integer from 0 to 65535, got '70000'", e.getMessage());
    }
}
