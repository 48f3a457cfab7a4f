package io.jsalt.minion.testhost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
}
