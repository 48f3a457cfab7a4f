package io.jsalt.tools.swarm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jsalt.common.config.Config;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The swarm's ids, grains and option checks (no master needed). */
class SwarmTest {
    @TempDir
    Path tmp;

    private Config config() {
        return Config.of(Config.Role.MINION, tmp, Map.of("root_dir", tmp.resolve("root").toString()));
    }

    @Test
    void idsArePrefixPlusAZeroPaddedIndexOfAtLeastFiveDigits() throws Exception {
        Swarm small = new Swarm(config(), Swarm.Options.of(3));
        assertEquals(List.of("ms-00000", "ms-00001", "ms-00002"), small.ids());
        Swarm big = new Swarm(config(), new Swarm.Options(123_457, "lt", null, 500, 2));
        assertEquals("lt000000", big.ids().get(0));
        assertEquals("lt123456", big.ids().get(123_456));
        assertEquals(123_457, big.size());
    }

    @Test
    void defaultGrainsCycleThroughTheRoleSetsAndShareTheirLists() throws Exception {
        Swarm s = new Swarm(config(), Swarm.Options.of(8));
        Map<String, Object> g1 = s.grainsOf("ms-00001");
        assertEquals("ms-00001", g1.get("id"));
        assertEquals("ms-00001", g1.get("host"));
        assertEquals(List.of("db", "masterdb"), g1.get("roles"));
        assertEquals("Debian", g1.get("os"));
        assertEquals("Debian", g1.get("os_family"));
        assertEquals("12", g1.get("osrelease"));
        assertEquals("Linux", g1.get("kernel"));
        assertEquals(2L, g1.get("num_cpus"));
        assertEquals(List.of("10.0.0.2"), g1.get("ipv4"));
        assertEquals(List.of("mail"), s.grainsOf("ms-00000").get("roles"));
        assertEquals(List.of("web"), s.grainsOf("ms-00005").get("roles"));
        assertSame(s.grainsOf("ms-00001").get("roles"), s.grainsOf("ms-00007").get("roles"));
        assertThrows(UnsupportedOperationException.class, () -> g1.put("x", 1));
        assertNull(s.grainsOf("nosuch"));
    }

    @Test
    void addressesAreDistinctAcrossOctets() {
        assertEquals("10.0.0.1", Swarm.ipv4(0));
        assertEquals("10.0.1.0", Swarm.ipv4(255));
        assertEquals("10.0.39.16", Swarm.ipv4(9_999));
    }

    @Test
    void aSwarmLargerThanOneAddressCarriesIsSpreadOverLoopbackAddressesPastTheMasters() throws Exception {
        // One source address has the ephemeral port range (about 28,000 ports) towards one
        // master port: past that, connect() fails with "Cannot assign requested address".
        assertEquals(List.of(), Swarm.sourceAddresses("127.0.0.1", 21_000, 21_000), "one address is enough");
        assertEquals(List.of(ip("127.0.0.2"), ip("127.0.0.3"), ip("127.0.0.4")),
                Swarm.sourceAddresses("127.0.0.1", 50_000, 21_000));
        assertEquals(List.of(ip("127.0.0.2"), ip("127.0.0.4")), Swarm.sourceAddresses("127.0.0.3", 30_000, 21_000),
                "never the master's own address");
        assertEquals(List.of(), Swarm.sourceAddresses("10.1.2.3", 50_000, 21_000),
                "another master: only a warning, the swarm cannot know which local addresses reach it");
        assertThrows(IllegalArgumentException.class, () -> Swarm.sourceAddresses("127.0.0.1", 300, 1));
        assertTrue(Swarm.portsPerSourceAddress() >= 1);
    }

    private static java.net.InetAddress ip(String s) throws Exception {
        return java.net.InetAddress.getByName(s);
    }

    @Test
    void aGrainsFileGivesEachMinionAnElementPlusItsIdAndHost() throws Exception {
        Path f = tmp.resolve("grains.yaml");
        Files.writeString(f, "- roles: [web]\n  datacenter: ams\n  id: ignored\n- roles: [db]\n  nested: {a: {b: 1}}\n");
        Swarm s = new Swarm(config(), new Swarm.Options(3, "g-", f, 500, 2));
        assertEquals(Map.of("roles", List.of("web"), "datacenter", "ams", "id", "g-00000", "host", "g-00000"),
                s.grainsOf("g-00000"));
        assertEquals(Map.of("roles", List.of("db"), "nested", Map.of("a", Map.of("b", 1L)), "id", "g-00001",
                "host", "g-00001"), s.grainsOf("g-00001"));
        assertEquals(List.of("web"), s.grainsOf("g-00002").get("roles"));
        assertSame(s.grainsOf("g-00000").get("roles"), s.grainsOf("g-00002").get("roles"));
    }

    @Test
    void aGrainsFileThatIsNotAListOfMapsIsAnErrorNamingTheFile() throws Exception {
        Path map = tmp.resolve("map.yaml");
        Files.writeString(map, "roles: [web]\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Swarm(config(), new Swarm.Options(1, "x", map, 1, 1)));
        assertTrue(e.getMessage().contains(map.toString()) && e.getMessage().contains("list"), e.getMessage());

        Path mixed = tmp.resolve("mixed.yaml");
        Files.writeString(mixed, "- roles: [web]\n- just a string\n");
        e = assertThrows(IllegalArgumentException.class,
                () -> new Swarm(config(), new Swarm.Options(1, "x", mixed, 1, 1)));
        assertTrue(e.getMessage().contains(mixed.toString()) && e.getMessage().contains("element 1"), e.getMessage());

        Path empty = tmp.resolve("empty.yaml");
        Files.writeString(empty, "[]\n");
        assertThrows(IllegalArgumentException.class, () -> new Swarm(config(), new Swarm.Options(1, "x", empty, 1, 1)));

        Path missing = tmp.resolve("missing.yaml");
        e = assertThrows(IllegalArgumentException.class,
                () -> new Swarm(config(), new Swarm.Options(1, "x", missing, 1, 1)));
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
    }

    @Test
    void badOptionsAreRefusedWithAReason() {
        assertThrows(IllegalArgumentException.class, () -> Swarm.Options.of(0));
        assertThrows(IllegalArgumentException.class, () -> new Swarm.Options(1, "a/b", null, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new Swarm.Options(1, ".x", null, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new Swarm.Options(1, "ms-", null, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new Swarm.Options(1, "ms-", null, 1, 0));
        assertEquals("ms-", new Swarm.Options(1, null, null, 1, 1).prefix());
    }
}
