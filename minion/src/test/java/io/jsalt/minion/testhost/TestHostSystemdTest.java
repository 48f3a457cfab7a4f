package io.jsalt.minion.testhost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Hosts that boot systemd (create --systemd), as the Debian 12 VMs jsalt targets do: services
 * that exist only as systemd units or aliases (bind9, ntp) and daemons that read the journal
 * (fail2ban) need it. The host must boot cleanly and leave nothing on the machine: no process
 * and no cgroup directory.
 */
class TestHostSystemdTest {
    @Test
    void bootsSystemdAndLeavesNothingBehind() throws IOException {
        List<String> cgroups;
        Path dir;
        try (TestHost host = TestHost.createSystemd("systemd-boot")) {
            dir = host.directory();
            TestHost.Result state = host.exec("systemctl", "is-system-running");
            assertEquals("running", state.output().strip(),
                    () -> "failed units: " + host.exec("systemctl", "--failed", "--no-pager").output());
            // What jsalt's service module (and Salt's systemd_service.__virtual__) take as "booted with systemd".
            assertTrue(host.sh("test -d /run/systemd/system").ok());
            assertEquals("systemd", host.sh("cat /proc/1/comm").output().strip());
            cgroups = Files.readAllLines(dir.resolve("cgroups"), StandardCharsets.UTF_8);
            assertFalse(cgroups.isEmpty());
            // systemd keeps its own scope in the host's directory of the hierarchy it tracks
            // processes in (and of some controllers'), not in the machine's root cgroup.
            assertTrue(cgroups.stream().anyMatch(cg -> Files.isDirectory(Path.of(cg, "init.scope"))), cgroups::toString);
        }
        for (String cg : cgroups) {
            assertFalse(Files.exists(Path.of(cg)), cg + " left behind");
        }
        String mark = "jsalt.testhost=" + dir + "\0";
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            assertEquals(List.of(), procs.filter(p -> p.getFileName().toString().matches("[0-9]+"))
                    .filter(p -> cmdline(p).contains(mark)).toList(), "processes of the host left behind");
        }
    }

    private static String cmdline(Path proc) {
        try {
            return Files.readString(proc.resolve("cmdline"), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return "";
        }
    }
}
