package io.jsalt.minion.states;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.jsalt.common.data.Data;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * timezone.system (salt/states/timezone.py over the Debian branches of salt/modules/timezone.py)
 * on a root directory of its own (the minion option timezone.root): the timezone formula's
 * state, so its dry-run and apply pass.
 */
class TimezoneStatesTest {
    @TempDir
    Path dir;
    StateHarness h;
    Path root;

    @BeforeEach
    void setUp() throws Exception {
        root = dir.resolve("root");
        Files.createDirectories(root.resolve("etc"));
        Files.createDirectories(root.resolve("usr/share/zoneinfo/Europe"));
        Files.writeString(root.resolve("usr/share/zoneinfo/Etc-UTC"), "utc zone data");
        Files.writeString(root.resolve("usr/share/zoneinfo/Europe/Berlin"), "berlin zone data");
        Files.createSymbolicLink(root.resolve("etc/localtime"), root.resolve("usr/share/zoneinfo/Etc-UTC"));
        Files.writeString(root.resolve("etc/timezone"), "Etc-UTC\n");
        h = new StateHarness(dir, Map.of("timezone.root", root.toString()));
    }

    @Test
    void systemSetsTheZoneOnceAndKeepsTheClockOnUtc() throws Exception {
        Object[] args = {"name", "Europe/Berlin", "utc", true};
        Map<String, Object> t = h.test("timezone.system", args);
        assertNull(t.get("result"));
        assertEquals("Timezone Europe/Berlin needs to be set", t.get("comment"));
        assertEquals("Etc-UTC\n", Files.readString(root.resolve("etc/timezone")));

        Map<String, Object> r = h.apply("timezone.system", args);
        assertEquals(true, r.get("result"), r.toString());
        assertEquals("Set timezone Europe/Berlin", r.get("comment"));
        assertEquals(Data.map("timezone", "Europe/Berlin"), r.get("changes"));
        assertEquals("Europe/Berlin\n", Files.readString(root.resolve("etc/timezone")));
        assertEquals(root.resolve("usr/share/zoneinfo/Europe/Berlin"), Files.readSymbolicLink(root.resolve("etc/localtime")));

        r = h.apply("timezone.system", args);
        assertEquals("Timezone Europe/Berlin already set, UTC already set to Europe/Berlin", r.get("comment"));
        assertEquals(Map.of(), r.get("changes"));

        // A hardware clock on local time is set back to UTC (the last line of /etc/adjtime).
        Files.writeString(root.resolve("etc/adjtime"), "0.0 0 0.0\n0\nLOCAL\n");
        assertEquals("UTC needs to be set to True", h.test("timezone.system", args).get("comment"));
        r = h.apply("timezone.system", args);
        assertEquals("Set UTC to True", r.get("comment"));
        assertEquals("0.0 0 0.0\n0\nUTC\n", Files.readString(root.resolve("etc/adjtime")));
    }

    @Test
    void aZoneThatIsNotAZoneFileFailsTheState() throws Exception {
        Map<String, Object> r = h.apply("timezone.system", "name", "../../etc/passwd");
        assertEquals(false, r.get("result"));
        assertEquals("Unable to compare desired timezone '../../etc/passwd' to system timezone: "
                + "Invalid timezone '../../etc/passwd'", r.get("comment"));
        r = h.apply("timezone.system", "name", "Mars/Olympus");
        assertEquals(false, r.get("result"));
    }
}
