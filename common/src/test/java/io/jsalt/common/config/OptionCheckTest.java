package io.jsalt.common.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

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

    /** A bad value of one option: the role, the option, the value, then the one-line error. */
    static Stream<Arguments> badValues() {
        return Stream.of(
                Arguments.of(Config.Role.MASTER, "ret_port", "abc",
                        "/etc/jsalt/master: 'ret_port' must be an integer, got str 'abc'"),
                Arguments.of(Config.Role.MASTER, "ret_port", 70000L,
                        "/etc/jsalt/master: 'ret_port' must be an integer from 0 to 65535, got '70000'"),
                Arguments.of(Config.Role.MASTER, "auto_accept", "yes please",
                        "/etc/jsalt/master: 'auto_accept' must be True or False, got str 'yes please'"),
                Arguments.of(Config.Role.MINION, "file_client", "lokal",
                        "/etc/jsalt/minion: 'file_client' must be one of remote, local, got 'lokal'"),
                Arguments.of(Config.Role.MINION, "log_level", "loud",
                        "/etc/jsalt/minion: 'log_level' must be one of all, garbage, trace, debug, info, warning, "
                                + "error, critical, quiet, got 'loud'"),
                Arguments.of(Config.Role.MASTER, "tls_handshake_limit", 0L,
                        "/etc/jsalt/master: 'tls_handshake_limit' must be an integer of at least 1, got '0'"),
                // The value is escaped: a config value cannot write control characters to the terminal.
                Arguments.of(Config.Role.MASTER, "timeout", "5\u001b[2J",
                        "/etc/jsalt/master: 'timeout' must be an integer, got str '5\\x1b[2J'"),
                Arguments.of(Config.Role.MASTER, "file_roots", List.of("/srv/salt"),
                        "/etc/jsalt/master: 'file_roots' must map saltenv names to lists of directories"));
    }

    @ParameterizedTest(name = "{1}: {2}")
    @MethodSource("badValues")
    void aBadValueNamesTheFileTheOptionAndTheValue(Config.Role role, String option, Object value, String error) {
        assertEquals(error, failure(role, Map.of(option, value)));
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
