package io.jsalt.minion.testhost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What a host does must never reach the machine's kernel: formulas applied in hosts set kernel
 * parameters (the sysctl formula's vm.swappiness, the redis formula's vm.overcommit_memory), and
 * before hosts had a /proc/sys of their own those writes changed the build machine's.
 */
class TestHostIsolationTest {
    @Test
    void kernelParametersAndTheClockAreTheHostsOwn() throws IOException {
        Path machine = Path.of("/proc/sys/vm/swappiness");
        String before = Files.readString(machine).strip();
        String wanted = before.equals("17") ? "23" : "17";
        try (TestHost host = TestHost.create("isolation")) {
            // As in a VM with a kernel of its own: the write succeeds and reads back inside.
            assertTrue(host.sh("sysctl -w vm.swappiness=" + wanted).ok());
            assertEquals(wanted, host.sh("cat /proc/sys/vm/swappiness").output().strip());
            assertEquals(before, Files.readString(machine).strip(), "the machine's vm.swappiness changed");
            // The host's own namespaces' entries are still the real ones.
            assertEquals("isolation", host.sh("cat /proc/sys/kernel/hostname").output().strip());
            assertNotEquals(host.sh("cat /proc/sys/kernel/random/uuid").output(),
                    host.sh("cat /proc/sys/kernel/random/uuid").output(), "a fresh UUID at every read");
            // No capability to set the machine's clock (CAP_SYS_TIME is not in the host's bounding set).
            TestHost.Result date = host.sh("date -s '2001-01-01 00:00:00'");
            assertFalse(date.ok(), date.output());
            assertTrue(date.output().contains("Operation not permitted"), date.output());
        }
        assertEquals(before, Files.readString(machine).strip());
    }

    /**
     * Heavy runs take a machine-wide lock with {@code flock LOCK jsalt-testhost ...}: the lock's
     * descriptor must not outlive the command in what it leaves running (the host's keeper, a
     * daemon started by exec), or the lock stays held as long as the host runs and every other
     * run waits for it.
     */
    @Test
    void aHostKeepsNoDescriptorOfItsCaller() throws IOException, InterruptedException {
        Path lock = Files.createTempFile(Path.of("target").toAbsolutePath(), "testhost", ".lock");
        List<String> flock = List.of("flock", lock.toString());
        try (TestHost host = TestHost.createUnder(flock, "descriptors", List.of())) {
            assertTrue(lockIsFree(lock), "the host's keeper holds the caller's lock");
            TestHost.Result daemon = host.toolUnder(flock, List.of("exec", host.name(), "sh", "-c",
                    "sleep 300 </dev/null >/dev/null 2>&1 &"), null);
            assertTrue(daemon.ok(), daemon.output());
            assertTrue(lockIsFree(lock), "a daemon started by exec holds the caller's lock");
            assertTrue(host.sh("pgrep -x sleep").ok(), "the daemon runs in the host");
        } finally {
            Files.deleteIfExists(lock);
        }
    }

    private static boolean lockIsFree(Path lock) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("flock", "-n", lock.toString(), "true").redirectErrorStream(true).start();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        return p.exitValue() == 0;
    }

    /**
     * create --eth0: a link of the host's own with carrier and an address, as a VM's eth0 (the
     * keepalived formula's VRRP instance names it), that reaches nothing: both ends of its veth
     * pair are in the host, there is no default route, and the machine gets no new link.
     */
    @Test
    void eth0IsTheHostsOwnAndReachesNothing() throws IOException, InterruptedException {
        try (TestHost host = TestHost.createUnder(List.of(), "eth0", List.of("--eth0"))) {
            TestHost.Result addr = host.sh("ip -o -4 addr show dev eth0 up");
            assertTrue(addr.output().contains("inet 192.0.2.2/24"), addr.output());
            assertTrue(host.sh("cat /sys/class/net/eth0/carrier").output().strip().equals("1"), "eth0 has carrier");
            assertEquals("192.0.2.0/24 dev eth0 proto kernel scope link src 192.0.2.2",
                    host.sh("ip -4 route show").output().strip(), "a link route, no default route");
            TestHost.Result out = host.sh("ip -4 route get 10.77.0.254");
            assertFalse(out.ok(), out.output());
            assertTrue(out.output().contains("Network is unreachable"), out.output());
            assertFalse(machineLinks().contains("eth0-peer"), "the pair's other end is on the machine");
        }
    }

    private static String machineLinks() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("ip", "-o", "link", "show").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        return out;
    }
}
