package io.jsalt.minion.states;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jsalt.common.data.Data;
import io.jsalt.minion.testhost.TestHost;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A real Debian package and its init-script service, as a highstate would drive them, in a
 * throwaway test host: memcached installed, running, its config changed so the watch
 * restarts it, then a second run that changes nothing; finally purged (only when this test
 * installed it). The package comes from Debian's archive into the host's apt cache first
 * (the only step that uses the network); the machine running the test keeps its packages,
 * files and processes. About 10 s, plus the download on a cold cache.
 */
class PkgServiceSystemTest {
    private static final String PKG = "memcached";
    private static final String CONF = "/etc/memcached.conf";

    @Test
    @SuppressWarnings("unchecked")
    void installRunWatchRestartThenNoChanges() throws Exception {
        assumeTrue(Files.exists(Path.of("/etc/debian_version")), "needs Debian");
        String machineBefore = machineState();
        try (TestHost host = TestHost.create("pkg-service")) {
            host.fetch(PKG);
            try (HostHarness h = new HostHarness(host, "/tmp/h")) {
                timeline(host, h);
            }
        }
        assertEquals(machineBefore, machineState(), "the machine's packages or " + CONF + " changed");
    }

    @SuppressWarnings("unchecked")
    private static void timeline(TestHost host, HostHarness h) throws Exception {
        boolean wasInstalled = !"".equals(h.exec("pkg.version", "name", PKG));
        boolean refresh = !wasInstalled
                && !host.sh("apt-cache policy " + PKG + " | grep -q 'Candidate: [0-9]'").ok();
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
            // version: latest is the candidate, or the installed version when that is the newest
            // (salt/states/pkg.py installed), never a version called "latest" (the openssh formula).
            r = h.apply("pkg.installed", "name", PKG, "version", "latest");
            assertEquals("All specified packages are already installed", r.get("comment"), r.toString());

            // Stop it behind jsalt's back: service.running must start it again.
            h.exec("service.stop", "name", PKG);
            r = h.apply("service.running", "name", PKG);
            assertEquals(true, r.get("result"), r.toString());
            assertEquals("Started service " + PKG, r.get("comment"));
            String pidBefore = pid(host);

            String conf = host.exec("cat", CONF).output();
            String wanted = conf.replaceAll("(?m)^-c .*\\n", "") + "-c 321\n";
            r = h.apply("file.managed", "name", CONF, "contents", wanted, "contents_newline", false);
            assertEquals(true, r.get("result"), r.toString());
            assertTrue(String.valueOf(((Map<String, Object>) r.get("changes")).get("diff")).contains("+-c 321\n"));
            // The engine calls mod_watch because the watched file.managed changed.
            r = h.apply("service.mod_watch", "name", PKG, "sfun", "running");
            assertEquals("Service restarted", r.get("comment"));
            assertEquals(Data.map(PKG, true), r.get("changes"));
            String pidAfter = startedPid(host);
            assertNotEquals(pidBefore, pidAfter);
            assertTrue(cmdline(host, pidAfter).contains("321"), cmdline(host, pidAfter));

            // Second run: nothing to do anywhere.
            assertEquals(Map.of(), h.apply("pkg.installed", "name", PKG).get("changes"));
            r = h.apply("file.managed", "name", CONF, "contents", wanted, "contents_newline", false);
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
                assertEquals("", pid(host), "memcached still running after the test");
            }
        }
    }

    private static String pid(TestHost host) {
        return host.exec("pgrep", "-o", "-x", PKG).output().strip();
    }

    /**
     * The daemon's PID once it runs: Debian's start-memcached forks the daemon, so the init
     * script may return a moment before memcached exists.
     */
    private static String startedPid(TestHost host) throws InterruptedException {
        String pid = pid(host);
        for (int i = 0; i < 100 && pid.isEmpty(); i++) {
            Thread.sleep(50);
            pid = pid(host);
        }
        return pid;
    }

    private static String cmdline(TestHost host, String pid) {
        return List.of(host.exec("cat", "/proc/" + pid + "/cmdline").output().split("\0")).toString();
    }

    /** What of the machine the test would change if it ran there: its package database and the config. */
    private static String machineState() throws Exception {
        String status = Files.readString(Path.of("/var/lib/dpkg/status"));
        return status.contains("Package: " + PKG + "\n") + " " + Files.exists(Path.of(CONF));
    }
}
