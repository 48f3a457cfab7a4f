package io.jsalt.master.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jsalt.common.config.Config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The minion port listens on exactly the configured {@code interface}, on a socket of that
 * address's family, and on IPv6 only with {@code ipv6: True}, as Salt's master binds
 * tcp://interface:ret_port (salt/transport/zeromq.py; salt/config/__init__.py ipv6).
 */
class BindAddressIT extends FleetCase {
    /** Whether /proc/net/FILE has a listening socket (state 0A) on this port. */
    private static boolean listensIn(String file, int port) throws Exception {
        String hexPort = ":" + String.format(Locale.ROOT, "%04X", port);
        for (String line : Files.readAllLines(Path.of("/proc/net", file))) {
            String[] f = line.trim().split("\\s+");
            if (f.length > 3 && f[1].endsWith(hexPort) && f[3].equals("0A")) {
                return true;
            }
        }
        return false;
    }

    @Test
    void anIpv4InterfaceIsListenedOnAsIpv4NotAsAMappedIpv6Address() throws Exception {
        fleet = new TestFleet(tmp).startMaster(o -> { });
        int port = fleet.master().port();
        assertTrue(listensIn("tcp", port), "an IPv4 socket on 127.0.0.1:" + port);
        assertFalse(listensIn("tcp6", port), "no IPv6 socket (ss would show [::ffff:127.0.0.1])");
        assertEquals("127.0.0.1:" + port, fleet.master().listening());
        fleet.acceptedMinion("web1", Map.of());
    }

    @Test
    void doubleColonWithIpv6ListensOnBothFamilies() throws Exception {
        fleet = new TestFleet(tmp).startMaster(o -> {
            o.put("interface", "::");
            o.put("ipv6", true);
        });
        int port = fleet.master().port();
        assertTrue(listensIn("tcp6", port));
        assertEquals("[::]:" + port, fleet.master().listening());
        // The test minions connect to 127.0.0.1: the dual-stack socket takes IPv4 as well.
        fleet.acceptedMinion("web1", Map.of());
    }

    @Test
    void anIpv6InterfaceWithoutIpv6OrANameIsRefusedWithTheReason() {
        ConfigException v6 = assertThrows(ConfigException.class,
                () -> fleet = new TestFleet(tmp.resolve("a")).startMaster(o -> o.put("interface", "::")));
        assertTrue(v6.getMessage().contains("interface '::' is an IPv6 address: set ipv6: True"), v6.getMessage());
        ConfigException name = assertThrows(ConfigException.class,
                () -> fleet = new TestFleet(tmp.resolve("b")).startMaster(o -> o.put("interface", "master.example.com")));
        assertTrue(name.getMessage().contains("interface 'master.example.com' is not an IP address"), name.getMessage());
    }
}
