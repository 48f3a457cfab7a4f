package io.jsalt.minion.states;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jsalt.common.data.Data;
import io.jsalt.common.plugin.FunctionNotAvailable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
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
    void aDryRunAndTheRunAgreeWhenAJobMovesBetweenTimedAndSpecial() throws Exception {
        // The dry run asks the module the question cron.set_job answers, on the crontab as read,
        // so test=True says what the run then does. (salt/states/cron.py present looks only among
        // the kind of job asked for and would add a second line; jsalt's set_job replaces the job
        // found by identifier whatever its kind, and says so in both modes.)
        Object[] timed = {"name", "/usr/local/bin/rotate", "minute", 5L, "identifier", "rotate"};
        Object[] special = {"name", "/usr/local/bin/rotate", "special", "@hourly", "identifier", "rotate"};
        h.apply("cron.present", timed);
        assertEquals("Cron /usr/local/bin/rotate is set to be updated", h.test("cron.present", special).get("comment"));
        assertEquals("Cron /usr/local/bin/rotate updated", h.apply("cron.present", special).get("comment"));
        assertTrue(Files.readString(dir.resolve("tab.root")).contains("\n@hourly /usr/local/bin/rotate\n"));
        assertEquals("Cron /usr/local/bin/rotate already present", h.test("cron.present", special).get("comment"));
        assertEquals("Cron /usr/local/bin/rotate is set to be updated", h.test("cron.present", timed).get("comment"));
        assertEquals("Cron /usr/local/bin/rotate is set to be removed",
                h.test("cron.absent", "name", "/usr/local/bin/rotate", "identifier", "rotate").get("comment"));
    }

    @Test
    void withoutCrontabADryRunFailsAsTheRunDoes() throws Exception {
        // Salt's cron module does not load without crontab (salt/modules/cron.py __virtual__),
        // and the cron states need it (salt/states/cron.py __virtual__): test=True must not
        // report a plan the run cannot carry out, nor a crontab error it never read.
        StateHarness none = new StateHarness(dir, Map.of("cron.crontab", dir.resolve("no-such-crontab").toString()));
        Object[] job = {"name", "/usr/local/bin/backup.sh", "minute", 5L};
        // The state runner turns the exception into the state's failure, as it does in a run.
        List<Executable> calls = List.of(() -> none.test("cron.present", job),
                () -> none.apply("cron.present", job), () -> none.test("cron.absent", "name", "/usr/local/bin/backup.sh"));
        for (Executable call : calls) {
            assertEquals("'cron' __virtual__ returned False: crontab (package cron) is not installed",
                    assertThrows(FunctionNotAvailable.class, call).getMessage());
        }
    }

    @Test
    void cronEnvTimelineFollowsSaltsEnvStates() throws Exception {
        // salt/states/cron.py env_present/env_absent over salt/modules/cron.py set_env/rm_env:
        // the cron formula sets PATH and MAILTO this way and removes LANG.
        Files.writeString(dir.resolve("tab.root"), "# Lines below here are managed by Salt, do not edit\n"
                + "LANG=en_GB.UTF-8\n# SALT_CRON_IDENTIFIER:job\n0 0 * * * /bin/job\n");
        Object[] path = {"name", "PATH", "value", "/usr/bin:/bin", "user", "root"};
        Map<String, Object> t = h.test("cron.env_present", path);
        assertNull(t.get("result"));
        assertEquals("Cron env PATH is set to be added", t.get("comment"));
        Map<String, Object> r = h.apply("cron.env_present", path);
        assertEquals("Cron env PATH added to root's crontab", r.get("comment"));
        assertEquals(Data.map("root", "PATH"), r.get("changes"));
        assertEquals("# Lines below here are managed by Salt, do not edit\nLANG=en_GB.UTF-8\nPATH=/usr/bin:/bin\n"
                + "# SALT_CRON_IDENTIFIER:job\n0 0 * * * /bin/job\n", Files.readString(dir.resolve("tab.root")));
        r = h.apply("cron.env_present", path);
        assertEquals("Cron env PATH already present", r.get("comment"));
        assertEquals(Map.of(), r.get("changes"));
        assertEquals("Cron env PATH is set to be updated",
                h.test("cron.env_present", "name", "PATH", "value", "/bin").get("comment"));
        assertEquals("Cron env PATH updated", h.apply("cron.env_present", "name", "PATH", "value", "/bin").get("comment"));

        assertEquals("Cron env LANG is set to be removed", h.test("cron.env_absent", "name", "LANG").get("comment"));
        r = h.apply("cron.env_absent", "name", "LANG");
        assertEquals("Cron env LANG removed from root's crontab", r.get("comment"));
        assertEquals("# Lines below here are managed by Salt, do not edit\nPATH=/bin\n"
                + "# SALT_CRON_IDENTIFIER:job\n0 0 * * * /bin/job\n", Files.readString(dir.resolve("tab.root")));
        assertEquals("Cron env LANG already absent", h.apply("cron.env_absent", "name", "LANG").get("comment"));
        // A value with a line break would add a line of its own: refused, the crontab untouched.
        String before = Files.readString(dir.resolve("tab.root"));
        r = h.apply("cron.env_present", "name", "PATH", "value", "/bin\n* * * * * evil");
        assertEquals(false, r.get("result"));
        assertEquals(before, Files.readString(dir.resolve("tab.root")));
    }

    @Test
    void cronRandomFieldIsDrawnOnceAndKept() throws Exception {
        // salt/modules/cron.py _get_cron_date_time draws 'random' once and _needs_change keeps any
        // value but '*' afterwards, so a second run changes nothing (the cron formula's task5).
        Object[] args = {"name", "echo task5", "minute", "random", "hour", 1L, "commented", true};
        Map<String, Object> r = h.apply("cron.present", args);
        assertEquals("Cron echo task5 added to root's crontab", r.get("comment"));
        String tab = Files.readString(dir.resolve("tab.root"));
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\n#DISABLED#(\\d+) 1 \\* \\* \\* echo task5\n").matcher(tab);
        assertTrue(m.find(), tab);
        assertTrue(Integer.parseInt(m.group(1)) < 60);
        assertEquals("Cron echo task5 already present", h.test("cron.present", args).get("comment"));
        r = h.apply("cron.present", args);
        assertEquals("Cron echo task5 already present", r.get("comment"));
        assertEquals(tab, Files.readString(dir.resolve("tab.root")));
        // An hour asked for that differs is changed; the drawn minute stays.
        r = h.apply("cron.present", "name", "echo task5", "minute", "random", "hour", 2L, "commented", true);
        assertEquals("Cron echo task5 updated", r.get("comment"));
        assertTrue(Files.readString(dir.resolve("tab.root")).contains("#DISABLED#" + m.group(1) + " 2 * * * echo task5\n"));
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
