package io.jsalt.minion.modules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jsalt.common.net.Ip;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NetworkAndStatusTest extends TestMinionCase {
    @Test
    void loopbackOnlyWhenAskedFor() {
        assertFalse(((List<?>) m.call("network.ip_addrs")).contains("127.0.0.1"));
        assertTrue(((List<?>) m.callKw("network.ip_addrs", List.of(), "include_loopback", true)).contains("127.0.0.1"));
        assertEquals(List.of("127.0.0.1"), m.callKw("network.ip_addrs", List.of(), "interface", "lo",
                "include_loopback", true));
        assertEquals(List.of("::1"), m.callKw("network.ip_addrs6", List.of("lo"), "include_loopback", true));
        assertEquals(List.of("127.0.0.1"), m.callKw("network.ip_addrs", List.of(), "include_loopback", true,
                "cidr", "127.0.0.0/8"));
    }

    @Test
    void interfacesHaveSaltsShape() {
        Map<?, ?> lo = (Map<?, ?>) ((Map<?, ?>) m.call("network.interfaces")).get("lo");
        assertEquals(true, lo.get("up"));
        assertEquals("00:00:00:00:00:00", lo.get("hwaddr"));
        Map<?, ?> inet = (Map<?, ?>) ((List<?>) lo.get("inet")).get(0);
        assertEquals(List.of("address", "netmask", "broadcast", "label"), List.copyOf(inet.keySet()));
        assertEquals("255.0.0.0", inet.get("netmask"));
        assertEquals("lo", inet.get("label"));
        assertEquals("00:00:00:00:00:00", m.call("network.hwaddr", "lo"));
        assertTrue(((String) m.call("network.hwaddr", "nope0")).startsWith("Interface \"nope0\" not in available interfaces: \"lo"));
    }

    @Test
    void subnetsAndInSubnetAgreeWithTheAddresses() {
        List<?> addrs = (List<?>) m.call("network.ip_addrs");
        List<?> nets = (List<?>) m.call("network.subnets");
        for (Object a : addrs) {
            assertTrue(nets.stream().anyMatch(n -> Ip.Network.parse(n.toString(), true).contains(a.toString())), a + " " + nets);
        }
        for (Object n : nets) {
            assertEquals(true, m.call("network.in_subnet", n));
        }
        assertEquals(false, m.call("network.in_subnet", "127.0.0.0/8"));
        assertEquals(false, m.call("network.in_subnet", "10.0.0.1/8"));
    }

    @Test
    void statusFiguresHaveSaltsShapes() {
        Map<?, ?> load = (Map<?, ?>) m.call("status.loadavg");
        assertEquals(List.of("1-min", "5-min", "15-min"), List.copyOf(load.keySet()));
        assertTrue(load.get("1-min") instanceof Double);
        Map<?, ?> mem = (Map<?, ?>) ((Map<?, ?>) m.call("status.meminfo")).get("MemTotal");
        assertEquals("kB", mem.get("unit"));
        assertTrue(((String) mem.get("value")).matches("\\d+"));
        Map<?, ?> up = (Map<?, ?>) m.call("status.uptime");
        assertTrue(((String) up.get("time")).matches("\\d+:\\d+"), up.toString());
        assertTrue(((String) up.get("since_iso")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d{6})?"), up.toString());
        assertEquals((Long) up.get("seconds") / 86400, up.get("days"));
        assertTrue(((Map<?, ?>) m.call("status.cpuinfo")).get("processor") instanceof String);
        Map<?, ?> root = (Map<?, ?>) ((Map<?, ?>) m.call("status.diskusage", "/")).get("/");
        assertTrue((Long) root.get("total") > 0);
    }
}
