package io.jsalt.common.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every option is checked at start (type, range, allowed values) and keys that are no option
 * are named with the nearest option. Names, defaults and types follow Salt's
 * salt/config/__init__.py (DEFAULT_MASTER_OPTS, DEFAULT_MINION_OPTS, VALID_OPTS).
 */
class OptionCheckTest {
    private static final Path DIR = Path.of("/etc/jsalt");

    private static String failure(Config.Role role, Map<String, Object> user) {
        return assertThrows(Config.ConfigException.class, () -> Config.of(role, DIR, user)).getMessage();
    }

    @Test
    void aBadValueNamesTheFileTheOptionAndTheValue() {
        assertEquals("/etc/jsalt/master: 'ret_port' must be an integer, got str 'abc'",
                failure(Config.Role.MASTER, Map.of("ret_port", "abc")));
        assertEquals("/etc/jsalt/master: 'ret_port' must be an integer from 0 to 65535, got '70000'",
                failure(Config.Role.MASTER, Map.of("ret_port", 70000L)));
        assertEquals("/etc/jsalt/master: 'auto_accept' must be True or False, got str 'yes please'",
                failure(Config.Role.MASTER, Map.of("auto_accept", "yes please")));
        assertEquals("/etc/jsalt/minion: 'file_client' must be one of remote, local, got 'lokal'",
                failure(Config.Role.MINION, Map.of("file_client", "lokal")));
        assertEquals("/etc/jsalt/minion: 'log_level' must be one of all, garbage, trace, debug, info, warning, "
                        + "error, critical, quiet, got 'loud'",
                failure(Config.Role.MINION, Map.of("log_level", "loud")));
        assertEquals("/etc/jsalt/master: 'tls_handshake_limit' must be an integer of at least 1, got '0'",
                failure(Config.Role.MASTER, Map.of("tls_handshake_limit", 0L)));
        // The value is escaped: a config value cannot write control characters to the terminal.
        assertEquals("/etc/jsalt/master: 'timeout' must be an integer, got str '5\\x1b[2J'",
                failure(Config.Role.MASTER, Map.of("timeout", "5\u001b[2J")));
        assertEquals("/etc/jsalt/master: 'file_roots' must map saltenv names to lists of directories",
                failure(Config.Role.MASTER, Map.of("file_roots", List.of("/srv/salt"))));
    }

    @Test
    void aScalarIsTheTextOfAStringOptionAsSaltsStrCheck() {
        assertEquals("1234", Config.of(Config.Role.MINION, DIR, Map.of("id", 1234L)).str("id"));
        assertEquals("/etc/jsalt/minion: 'master' must be a string, got list '[a, b]'",
                failure(Config.Role.MINION, Map.of("master", List.of("a", "b"))));
    }

    @Test
    void unknownKeysAreWarningsWithTheNearestName() {
        Config c = Config.of(Config.Role.MASTER, DIR, Map.of("ret_prot", 4506L));
        assertEquals(List.of("/etc/jsalt/master: unknown option 'ret_prot' (did you mean 'ret_port'?)"),
                c.unknownOptions());
        assertEquals(List.of("/etc/jsalt/minion: unknown option 'frobnicate'"),
                Config.of(Config.Role.MINION, DIR, Map.of("frobnicate", 1L)).unknownOptions());
    }

    @Test
    void saltOptionsJsaltIgnoresAndModuleSettingsAreNoTypos() {
        Config c = Config.of(Config.Role.MINION, DIR, Map.of("user", "root", "transport", "zeromq",
                "mysql.host", "db", "hosts.file", "/tmp/hosts"));
        assertTrue(c.unknownOptions().isEmpty(), c.unknownOptions().toString());
        assertEquals(List.of("transport", "user"), c.ignoredOptions().stream().sorted().toList());
    }

    @Test
    void optionsWithoutADefaultStayOutOfTheMap() {
        Config c = Config.of(Config.Role.MASTER, DIR, Map.of());
        assertTrue(!c.opts().containsKey("worker_threads") && !c.opts().containsKey("dns_hub"));
        assertEquals(4506L, c.get("ret_port"));
    }
}
