package io.jsalt.minion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jsalt.common.config.Config;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The minion refuses to start with an id the master would refuse, naming the option and the file. */
class MinionIdConfigTest {
    @TempDir
    Path dir;

    @Test
    void anInvalidIdInTheMinionFileIsAConfigErrorNamingIt() throws Exception {
        Files.writeString(dir.resolve("minion"), "id: \"evil1\\ninjected:\"\nroot_dir: " + dir + "\n");
        Config.ConfigException e = assertThrows(Config.ConfigException.class,
                () -> Config.load(Config.Role.MINION, dir));
        assertEquals(dir.resolve("minion") + ": 'id': minion id 'evil1\\ninjected:' contains a control or "
                + "format character (\\n)", e.getMessage());
    }

    @Test
    void anIdTooLongIsRefusedAtStartNotAtTheMaster() {
        Map<String, Object> o = new LinkedHashMap<>(Map.of("id", "x".repeat(200), "root_dir", dir.toString()));
        Config.ConfigException e = assertThrows(Config.ConfigException.class,
                () -> Config.of(Config.Role.MINION, dir, o));
        assertEquals(dir.resolve("minion") + ": 'id': minion id '" + "x".repeat(80)
                + "...' is longer than 128 bytes (200)", e.getMessage());
    }

    @Test
    void anInvalidCachedIdNamesTheCacheFile() throws Exception {
        Files.writeString(dir.resolve("minion_id"), "web 1\n");
        Config c = Config.of(Config.Role.MINION, dir, new LinkedHashMap<>(Map.of("root_dir", dir.toString())));
        Config.ConfigException e = assertThrows(Config.ConfigException.class, () -> MinionId.resolve(c));
        assertEquals(dir.resolve("minion_id") + ": minion id 'web 1' contains whitespace (' ')", e.getMessage());
    }

    @Test
    void aValidIdStillStartsTheMinion() throws Exception {
        Config c = Config.of(Config.Role.MINION, dir, new LinkedHashMap<>(Map.of("id", "db-1.example.com",
                "root_dir", dir.toString())));
        assertEquals("db-1.example.com", MinionId.resolve(c));
    }
}
