package io.jsalt.minion.states;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jsalt.common.data.Data;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** host, cron and pkgrepo states on files in a temp dir (hosts.file, a crontab program, a .list file). */
class HostCronRepoStatesTest {
    @TempDir
    Path dir;
    StateHarness h;
    Path hosts;

    @BeforeEach
    void setUp() throws Exception {
        hosts = dir.resolve("hosts");
        Files.writeString(hosts, "127.0.0.1\tlocalhost\n# fleet\n10.0.0.9\told.example.org db1.example.org\n");
        // A stand-in for crontab(1) keeping each user's table in a file, so the state sees real text.
        Path crontab = dir.resolve("crontab");
        Files.writeString(crontab, "#!/bin/sh\n"
                + "# crontab -l -u USER | crontab -u USER -\n"
                + "if [ \"$1\" = -l ]; then f=" + dir + "/tab.$3; [ -f $f ] || { echo \"no crontab for $3\" >&2; exit 1; };"
                + " cat $f; else cat > " + dir + "/tab.$2; fi\n");
        Files.setPosixFilePermissions(crontab, PosixFilePermissions.fromString("rwxr-xr-x"));
        h = new StateHarness(dir, Map.of("hosts.file", hosts.toString(), "cron.crontab", crontab.toString()));
    }

    @Test
    void hostPresentTimelineWithClean() throws Exception {
        Object[] args = {"name", "db1.example.org", "ip", "10.0.0.5", "clean", true};
        Map<String, Object> t = h.test("host.present", args);
        assertNull(t.get("result"));
        assertEquals("Host db1.example.org (10.0.0.5) would be added\nHost db1.example.org (10.0.0.9) would be removed",
                t.get("comment"));
        Map<String, Object> r = h.apply("host.present", args);
        assertEquals(true, r.get("result"));
        assertEquals(Data.map("added", Data.map("10.0.0.5", List.of("db1.example.org")),
                "removed", Data.map("10.0.0.9", List.of("db1.example.org"))), r.get("changes"));
        assertEquals("127.0.0.1\tlocalhost\n# fleet\n10.0.0.9\told.example.org\n10.0.0.5\tdb1.example.org\n",
                Files.readString(hosts));

        Files.writeString(hosts, Files.readString(hosts).replace("10.0.0.5\tdb1.example.org\n", ""));
        assertEquals("Added host db1.example.org (10.0.0.5)", h.apply("host.present", args).get("comment"));
        r = h.apply("host.present", args);
        assertEquals(Map.of(), r.get("changes"));
        assertEquals("Host db1.example.org (10.0.0.5) already present", r.get("comment"));

        r = h.apply("host.absent", "name", "old.example.org", "ip", "10.0.0.9");
        assertEquals("Removed host old.example.org (10.0.0.9)", r.get("comment"));
        assertEquals("127.0.0.1\tlocalhost\n# fleet\n10.0.0.5\tdb1.example.org\n", Files.readString(hosts));
        r = h.apply("host.absent", "name", "old.example.org", "ip", "10.0.0.9");
        assertEquals("Host old.example.org (10.0.0.9) already absent", r.get("comment"));
    }

    @Test
    void cronTimelineKeepsUnmanagedLinesAndUsesSaltsLayout() throws Exception {
        Files.writeString(dir.resolve("tab.root"), "MAILTO=ops\n0 0 * * * /usr/bin/by-hand\n");
        Object[] args = {"name", "/usr/local/bin/backup.sh", "user", "root", "minute", 30L, "hour", 2L,
            "identifier", "nightly-backup", "comment", "nightly"};
        Map<String, Object> t = h.test("cron.present", args);
        assertNull(t.get("result"));
        assertEquals("Cron /usr/local/bin/backup.sh is set to be added", t.get("comment"));
        assertEquals("MAILTO=ops\n0 0 * * * /usr/bin/by-hand\n", Files.readString(dir.resolve("tab.root")));

        Map<String, Object> r = h.apply("cron.present", args);
        assertEquals(Data.map("root", "/usr/local/bin/backup.sh"), r.get("changes"));
        assertEquals("Cron /usr/local/bin/backup.sh added to root's crontab", r.get("comment"));
        assertEquals("MAILTO=ops\n0 0 * * * /usr/bin/by-hand\n"
                + "# Lines below here are managed by Salt, do not edit\n"
                + "# nightly SALT_CRON_IDENTIFIER:nightly-backup\n30 2 * * * /usr/local/bin/backup.sh\n",
                Files.readString(dir.resolve("tab.root")));

        Files.writeString(dir.resolve("tab.root"), Files.readString(dir.resolve("tab.root")).replace("30 2", "45 3"));
        r = h.apply("cron.present", args);
        assertEquals("Cron /usr/local/bin/backup.sh updated", r.get("comment"));
        assertTrue(Files.readString(dir.resolve("tab.root")).contains("\n30 2 * * * /usr/local/bin/backup.sh\n"));
        r = h.apply("cron.present", args);
        assertEquals(Map.of(), r.get("changes"));
        assertEquals("Cron /usr/local/bin/backup.sh already present", r.get("comment"));

        r = h.apply("cron.absent", "name", "/usr/local/bin/backup.sh", "identifier", "nightly-backup");
        assertEquals("Cron /usr/local/bin/backup.sh removed from root's crontab", r.get("comment"));
        assertEquals("MAILTO=ops\n0 0 * * * /usr/bin/by-hand\n# Lines below here are managed by Salt, do not edit\n",
                Files.readString(dir.resolve("tab.root")));
        r = h.apply("cron.absent", "name", "/usr/local/bin/backup.sh", "identifier", "nightly-backup");
        assertEquals("Cron /usr/local/bin/backup.sh already absent", r.get("comment"));
    }

    @Test
    void pkgrepoManagedTimelineInItsOwnFile() throws Exception {
        Path list = dir.resolve("example.list");
        String line = "deb [signed-by=/etc/apt/keyrings/jsalt-test.gpg] http://deb.jsalt-test.invalid/debian bookworm main";
        Object[] args = {"name", line, "file", list.toString(), "refresh", false};
        Map<String, Object> t = h.test("pkgrepo.managed", args);
        assertNull(t.get("result"));
        assertTrue(t.get("comment").toString().startsWith("Package repo '" + line + "' would be configured."));
        assertEquals(false, Files.exists(list));

        Map<String, Object> r = h.apply("pkgrepo.managed", args);
        assertEquals(true, r.get("result"), r.toString());
        assertEquals("Configured package repo '" + line + "'", r.get("comment"));
        assertEquals(line + "\n", Files.readString(list));

        Files.writeString(list, "# " + line + "\n");
        r = h.apply("pkgrepo.managed", args);
        assertEquals(Data.map("repo", line, "disabled", false), r.get("changes"));
        assertEquals(line + "\n", Files.readString(list));
        r = h.apply("pkgrepo.managed", args);
        assertEquals("Package repo '" + line + "' already configured", r.get("comment"));
        assertEquals(Map.of(), r.get("changes"));

        r = h.apply("pkgrepo.absent", "name", line, "file", list.toString());
        assertEquals("Removed repo " + line, r.get("comment"));
        assertEquals(false, Files.exists(list));
        // Only the named file was ever written.
        assertTrue(!Files.exists(Path.of("/etc/apt/sources.list"))
                || !Files.readString(Path.of("/etc/apt/sources.list")).contains("jsalt-test.invalid"));
    }
}
