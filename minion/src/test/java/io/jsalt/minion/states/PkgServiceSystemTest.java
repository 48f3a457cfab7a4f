package io.jsalt.minion.states;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jsalt.common.data.Data;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Debian package and its init-script service, as a highstate would drive them:
 * memcached installed, running, its config changed so the watch restarts it, then a second
 * run that changes nothing; finally purged (only when this test installed it). Runs as root
 * on Debian without systemd and needs Debian's archive; about 20 s.
 */
class PkgServiceSystemTest {
    private static final String PKG = "memcached";
    private static final Path CONF = Path.of("/etc/memcached.conf");

    @TempDir
    Path dir;

    @Test
    @SuppressWarnings("unchecked")
    void installRunWatchRestartThenNoChanges() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root");
        assumeTrue(Files.exists(Path.of("/etc/debian_version")), "needs Debian");
        assumeTrue(!Files.isDirectory(Path.of("/run/systemd/system")), "init-script hosts only");
        StateHarness h = new StateHarness(dir);
        boolean wasInstalled = !"".equals(h.exec("pkg.version", "name", PKG));
        boolean refresh = !wasInstalled && FakeInitScript.run("sh", "-c",
                "apt-cache policy " + PKG + " | grep -q 'Candidate: [0-9]'") != 0;
        try {
            if (!wasInstalled) {
                Map<String, Object> t = h.test("pkg.installed", "name", PKG);
                assertNull(t.get("result"));
                assertEquals("The following packages would be installed/updated: " + PKG, t.get("comment"));
                assertEquals(Data.map(PKG, Data.map("new", "installed", "old", "")), t.get("changes"));
                assertEquals("", h.exec("pkg.version", "name", PKG));

                Map<String, Object> r = h.apply("pkg.installed", "name", PKG, "refresh", refresh);
                assertEquals(true, r.get("result"), r.toString());
                assertEquals("The following packages were installed/updated: " + PKG, r.get("comment"));
                Map<String, Object> ch = (Map<String, Object>) ((Map<String, Object>) r.get("changes")).get(PKG);
                assertEquals("", ch.get("old"));
                assertFalse(String.valueOf(ch.get("new")).isEmpty());
            }
            Map<String, Object> r = h.apply("pkg.installed", "name", PKG);
            assertEquals("All specified packages are already installed", r.get("comment"));
            assertEquals(Map.of(), r.get("changes"));

            // Stop it behind jsalt's back: service.running must start it again.
            h.exec("service.stop", "name", PKG);
            r = h.apply("service.running", "name", PKG);
            assertEquals(true, r.get("result"), r.toString());
            assertEquals("Started service " + PKG, r.get("comment"));
            String pidBefore = pid();

            String conf = Files.readString(CONF);
            String wanted = conf.replaceAll("(?m)^-c .*\\n", "") + "-c 321\n";
            r = h.apply("file.managed", "name", CONF.toString(), "contents", wanted, "contents_newline", false);
            assertEquals(true, r.get("result"), r.toString());
            assertTrue(String.valueOf(((Map<String, Object>) r.get("changes")).get("diff")).contains("+-c 321\n"));
            // The engine calls mod_watch because the watched file.managed changed.
            r = h.apply("service.mod_watch", "name", PKG, "sfun", "running");
            assertEquals("Service restarted", r.get("comment"));
            assertEquals(Data.map(PKG, true), r.get("changes"));
            assertNotEquals(pidBefore, pid());
            assertTrue(cmdline(pid()).contains("321"), cmdline(pid()));

            // Second run: nothing to do anywhere.
            assertEquals(Map.of(), h.apply("pkg.installed", "name", PKG).get("changes"));
            r = h.apply("file.managed", "name", CONF.toString(), "contents", wanted, "contents_newline", false);
            assertEquals("File " + CONF + " is in the correct state", r.get("comment"));
            r = h.apply("service.running", "name", PKG);
            assertEquals("The service " + PKG + " is already running", r.get("comment"));
            assertEquals(Map.of(), r.get("changes"));
            r = h.apply("pkg.latest", "name", PKG, "refresh", false);
            assertEquals(true, r.get("result"), r.toString());
        } finally {
            if (!wasInstalled) {
                // Stop first: removing the package does not reliably stop a daemon its init script restarted.
                Map<String, Object> d = h.apply("service.dead", "name", PKG);
                assertTrue(List.of("Service " + PKG + " was killed", "The service " + PKG + " is already dead")
                        .contains(String.valueOf(d.get("comment"))), d.toString());
                Map<String, Object> r = h.apply("pkg.purged", "name", PKG);
                assertEquals("All targeted packages were purged.", r.get("comment"), r.toString());
                r = h.apply("pkg.purged", "name", PKG);
                assertEquals("None of the targeted packages are installed or partially installed", r.get("comment"));
                assertEquals("", pid(), "memcached still running after the test");
            }
        }
    }

    private static String pid() throws Exception {
        Process p = new ProcessBuilder("pgrep", "-o", "-x", PKG).start();
        String out = new String(p.getInputStream().readAllBytes()).strip();
        p.waitFor();
        return out;
    }

    private static String cmdline(String pid) throws Exception {
        return List.of(Files.readString(Path.of("/proc", pid, "cmdline")).split("\0")).toString();
    }
}
