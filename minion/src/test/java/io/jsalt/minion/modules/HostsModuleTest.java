package io.jsalt.minion.modules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** hosts.rm_host and hosts.set_host as salt/modules/hosts.py has them. */
class HostsModuleTest extends TestMinionCase {
    private Path hosts;

    @BeforeEach
    void hostsFile() throws Exception {
        hosts = dir.resolve("hosts");
        Files.writeString(hosts, "127.0.0.1\tlocalhost\n# keep me\n10.0.0.5\tdb1 db2\n10.0.0.6\tdb1\n");
        m.opts.put("hosts.file", hosts.toString());
    }

    @Test
    void rmHostTakesTheNameOffThatIpOnly() throws Exception {
        assertEquals(true, m.call("hosts.rm_host", "10.0.0.5", "db1"));
        assertEquals(List.of("db2"), m.call("hosts.get_alias", "10.0.0.5"));
        assertEquals(List.of("db1"), m.call("hosts.get_alias", "10.0.0.6"));
        assertEquals(true, m.call("hosts.rm_host", "10.0.0.6", "db1"));
        assertEquals(List.of(), m.call("hosts.get_alias", "10.0.0.6"));
        assertEquals(List.of("127.0.0.1\tlocalhost", "# keep me"), Files.readAllLines(hosts).subList(0, 2));
        assertEquals(3, Files.readAllLines(hosts).size(), "the line left without names is gone");
    }

    @Test
    void setHostOverwritesTheIpsEntryAndLeavesOtherIpsAlone() throws Exception {
        // salt/modules/hosts.py set_host: the ip's first line becomes "ip\t\talias", its later
        // lines go, a new ip is appended, and other ips keep the name.
        Files.writeString(hosts, Files.readString(hosts) + "10.0.0.5\tdb9\n");
        assertEquals(true, m.call("hosts.set_host", "10.0.0.5", "db3"));
        assertEquals(List.of("127.0.0.1\tlocalhost", "# keep me", "10.0.0.5\t\tdb3", "10.0.0.6\tdb1"),
                Files.readAllLines(hosts));
        assertEquals(true, m.call("hosts.set_host", "10.0.0.7", "db1"));
        assertEquals(List.of("db1"), m.call("hosts.get_alias", "10.0.0.6"));
        assertEquals(List.of("db1"), m.call("hosts.get_alias", "10.0.0.7"));
        assertEquals(true, m.call("hosts.set_host", "10.0.0.6", " "));
        assertEquals(List.of(), m.call("hosts.get_alias", "10.0.0.6"));
    }
}
