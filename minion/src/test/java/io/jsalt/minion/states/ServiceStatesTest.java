package io.jsalt.minion.states;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jsalt.common.data.Data;
import io.jsalt.minion.testhost.TestHost;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * service states against a real init script in /etc/init.d of a throwaway test host (no
 * systemd there, as on the test machines): start, repair, watch restart/reload, stop, boot
 * links. The machine running the test never sees the script.
 */
class ServiceStatesTest {
    @RegisterExtension
    static final TestHost.PerClass HOST = TestHost.perClass("service-states");
    HostHarness h;
    FakeInitScript svc;

    @BeforeEach
    void setUp() {
        h = new HostHarness(HOST.host(), "/tmp/h-" + UUID.randomUUID());
        svc = new FakeInitScript(HOST.host());
    }

    @AfterEach
    void tearDown() {
        if (svc != null) {
            svc.close();
            assertFalse(Files.exists(Path.of(svc.script)), "the script reached the machine");
        }
        if (h != null) {
            h.close();
        }
    }

    @Test
    void runningTimelineStartsRepairsThenReportsNoChanges() throws Exception {
        String n = svc.name;
        Map<String, Object> t = h.test("service.running", "name", n);
        assertNull(t.get("result"));
        assertEquals("Service " + n + " is set to start", t.get("comment"));
        assertFalse(svc.running());

        Map<String, Object> r = h.apply("service.running", "name", n);
        assertEquals(true, r.get("result"), r.toString());
        assertEquals("Started service " + n, r.get("comment"));
        assertEquals(Data.map(n, true), r.get("changes"));
        assertTrue(svc.running());

        svc.killBehindItsBack();
        r = h.apply("service.running", "name", n);
        assertEquals("Started service " + n, r.get("comment"));
        assertTrue(svc.running());

        r = h.apply("service.running", "name", n);
        assertEquals(true, r.get("result"));
        assertEquals(Map.of(), r.get("changes"));
        assertEquals("The service " + n + " is already running", r.get("comment"));
    }

    @Test
    void modWatchRestartsOrReloadsARunningService() throws Exception {
        String n = svc.name;
        h.apply("service.running", "name", n);
        Map<String, Object> t = h.test("service.mod_watch", "name", n, "sfun", "running");
        assertNull(t.get("result"));
        assertEquals("Service is set to be restarted", t.get("comment"));

        Map<String, Object> r = h.apply("service.mod_watch", "name", n, "sfun", "running");
        assertEquals(true, r.get("result"));
        assertEquals("Service restarted", r.get("comment"));
        assertEquals(Data.map(n, true), r.get("changes"));

        r = h.apply("service.mod_watch", "name", n, "sfun", "running", "reload", true);
        assertEquals("Service reloaded", r.get("comment"));
        assertTrue(svc.actions().contains("restart") && svc.actions().contains("reload"), svc.actions().toString());
        assertTrue(svc.running());
    }

    /**
     * Debian 12's chrony init script stops chronyd without waiting for it to exit, so the start
     * half of its restart can find the old daemon, say "already running" and exit 0, leaving
     * nothing running. Salt's mod_watch (salt/states/service.py) trusts the restart's exit code,
     * and the next apply's service.running then starts the service, a change on every second
     * apply. A watch on service.running must leave the service running.
     */
    @Test
    void modWatchStartsAServiceItsRestartLeftStopped() throws Exception {
        try (FakeInitScript lazy = new FakeInitScript(HOST.host(), true)) {
            String n = lazy.name;
            h.apply("service.running", "name", n);
            assertTrue(lazy.running());
            Map<String, Object> r = h.apply("service.mod_watch", "name", n, "sfun", "running");
            assertEquals(true, r.get("result"), r.toString());
            assertEquals("Service restarted", r.get("comment"));
            assertEquals(Data.map(n, true), r.get("changes"));
            assertTrue(lazy.running(), lazy.actions().toString());
            r = h.apply("service.running", "name", n);
            assertEquals(Map.of(), r.get("changes"), "the apply after the watch found it stopped");
        }
    }

    /**
     * Without systemd, Debian 12's isc-dhcp-server script answers status with exit 0 when no
     * interface is configured (as installed), so the service never reads as dead: Salt's dead
     * fails and its _disable reports the status found after the stop, "running"
     * (salt/states/service.py dead and _disable; dhcpd-formula's service.dead).
     */
    @Test
    void deadOfAServiceWhoseStatusAlwaysSaysRunningFails() throws Exception {
        String n = "jsalt-test-" + UUID.randomUUID().toString().substring(0, 8);
        String script = "/etc/init.d/" + n;
        HOST.host().write(script, "#!/bin/sh\n### BEGIN INIT INFO\n# Provides:          " + n + "\n"
                + "# Default-Start:     2 3 4 5\n# Default-Stop:      0 1 6\n### END INIT INFO\nexit 0\n", "755");
        try {
            HOST.host().exec("update-rc.d", n, "defaults");
            Map<String, Object> r = h.apply("service.dead", "name", n, "enable", false);
            assertEquals(false, r.get("result"), r.toString());
            assertEquals("Service " + n + " has been disabled, and is running", r.get("comment"));
            assertEquals(false, h.exec("service.enabled", "name", n));
        } finally {
            HOST.host().exec("update-rc.d", "-f", n, "remove");
            HOST.host().exec("rm", "-f", script);
        }
    }

    @Test
    void deadStopsAndEnableDisableManageBootLinks() throws Exception {
        String n = svc.name;
        Map<String, Object> r = h.apply("service.running", "name", n, "enable", true);
        assertEquals("Service " + n + " has been enabled, and is running", r.get("comment"));
        assertEquals(Data.map(n, true), r.get("changes"));
        assertEquals(true, h.exec("service.enabled", "name", n));
        r = h.apply("service.enabled", "name", n);
        assertEquals("Service " + n + " is already enabled, and is in the desired state", r.get("comment"));

        r = h.apply("service.dead", "name", n, "enable", false);
        assertEquals(true, r.get("result"), r.toString());
        assertEquals("Service " + n + " has been disabled, and is dead", r.get("comment"));
        assertFalse(svc.running());
        assertEquals(false, h.exec("service.enabled", "name", n));

        r = h.apply("service.dead", "name", n);
        assertEquals(Map.of(), r.get("changes"));
        assertEquals("The service " + n + " is already dead", r.get("comment"));
        r = h.apply("service.disabled", "name", n);
        assertEquals("Service " + n + " is already disabled, and is in the desired state", r.get("comment"));
    }

    @Test
    void missingServiceIsNamed() {
        Map<String, Object> r = h.apply("service.running", "name", "jsalt-no-such-service");
        assertEquals(false, r.get("result"));
        assertEquals("The named service jsalt-no-such-service is not available", r.get("comment"));
    }
}
