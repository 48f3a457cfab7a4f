package io.jsalt.minion.grains;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jsalt.common.data.Data;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The core grains added after the first pass, against salt/grains/core.py (get_server_id,
 * ip_fqdn, dns over salt/utils/dns.py parse_resolv, default_gateway, kernelparams) and the
 * pythonversion formulas test as grains['pythonversion'][0].
 */
class ExtraGrainsTest {
    @Test
    void serverIdIsTheIdsSha256Modulo2To31() {
        // Python: abs(int(hashlib.sha256(b"minion").hexdigest(), 16) % 2 ** 31) == 279719642
        long id = ExtraGrains.serverId("web1");
        assertTrue(id >= 0 && id < (1L << 31));
        assertEquals(ExtraGrains.serverId("web1"), id);
        assertEquals(279719642L, ExtraGrains.serverId("minion"));
    }

    @Test
    void fqdnAddressesComeFromEtcHosts() {
        Map<String, Object> g = new LinkedHashMap<>(Data.map("fqdn", "web1.example.org",
                "ipv4", List.of("127.0.0.1", "10.0.0.5"), "ipv6", List.of("::1")));
        ExtraGrains.fqdnIps(g, List.of("127.0.0.1 localhost", "10.0.0.5 web1.example.org web1 # main",
                "10.0.0.6 WEB1.example.org", "2001:db8:0::5 web1.example.org", "# 10.9.9.9 web1.example.org"));
        assertEquals(List.of("10.0.0.5", "10.0.0.6"), g.get("fqdn_ip4"));
        assertEquals(List.of("2001:db8::5"), g.get("fqdn_ip6"));
        // A family the host has no address of gives [] whatever the hosts file says.
        g.put("ipv6", List.of());
        ExtraGrains.fqdnIps(g, List.of("2001:db8::5 web1.example.org"));
        assertEquals(List.of(), g.get("fqdn_ip6"));
    }

    @Test
    void dnsParsesResolvConfAsSaltDoes() {
        Map<String, Object> dns = ExtraGrains.dns(List.of("# generated", "nameserver 10.0.0.2",
                "nameserver 2001:db8::53 ; comment", "nameserver 10.0.0.2", "nameserver bogus",
                "search a.example b.example", "search example.org", "domain example.com",
                "options ndots:2 timeout:1", "options ndots:2", "sortlist 130.155.160.0/255.255.240.0 10.1.2.3"));
        assertEquals(List.of("10.0.0.2", "2001:db8::53"), dns.get("nameservers"));
        assertEquals(List.of("10.0.0.2"), dns.get("ip4_nameservers"));
        assertEquals(List.of("2001:db8::53"), dns.get("ip6_nameservers"));
        assertEquals(List.of("example.org"), dns.get("search"));
        assertEquals("example.com", dns.get("domain"));
        assertEquals(List.of("ndots:2"), dns.get("options"));
        assertEquals(List.of("130.155.160.0/255.255.240.0", "10.0.0.0/255.0.0.0"), dns.get("sortlist"));
        assertEquals(null, ExtraGrains.dns(List.of()));
    }

    @Test
    void gatewaysComeFromTheKernelsRoutes() {
        Map<String, Object> g = new LinkedHashMap<>();
        ExtraGrains.gateways(g, List.of(
                "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT",
                "eth0\t000200C0\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0",
                "eth0\t00000000\t010200C0\t0003\t0\t0\t0\t00000000\t0\t0\t0"), List.of(
                "00000000000000000000000000000000 00 00000000000000000000000000000000 00 "
                        + "00000000000000000000000000000000 ffffffff 00000001 00000001 00200200       lo",
                "00000000000000000000000000000000 00 00000000000000000000000000000000 00 "
                        + "fd000000000000000000000000000001 00000400 00000002 00000000 00000003     eth0"));
        assertEquals(true, g.get("ip_gw"));
        assertEquals("192.0.2.1", g.get("ip4_gw"));
        assertEquals("fd00::1", g.get("ip6_gw"));
        ExtraGrains.gateways(g, List.of("eth0\t00000000\t00000000\t0001\t0\t0\t0\t00000000\t0\t0\t0"), List.of());
        assertEquals(true, g.get("ip4_gw"));
        assertEquals(false, g.get("ip6_gw"));
        ExtraGrains.gateways(g, List.of(), List.of());
        assertEquals(false, g.get("ip_gw"));
    }

    @Test
    void kernelparamsArePairsWithNoneForFlags() {
        assertEquals(List.of(Arrays.asList("BOOT_IMAGE", "/vmlinuz"), Arrays.asList("ro", null),
                        Arrays.asList("quiet", null), Arrays.asList("opt", "a b")),
                ExtraGrains.kernelparams("BOOT_IMAGE=/vmlinuz ro quiet opt=\"a b\"\n"));
    }

    @Test
    void disksSplitByRotationalFlagAndMdadmListsArrays(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws java.io.IOException {
        for (String[] d : new String[][] {{"sdb", "1"}, {"nvme0n1", "0"}, {"sda", "1"}, {"sr0", "x"}}) {
            java.nio.file.Files.createDirectories(dir.resolve(d[0]).resolve("queue"));
            java.nio.file.Files.writeString(dir.resolve(d[0]).resolve("queue/rotational"), d[1] + "\n");
        }
        java.nio.file.Files.createDirectories(dir.resolve("devices/virtual/block/loop0/queue"));
        java.nio.file.Files.writeString(dir.resolve("devices/virtual/block/loop0/queue/rotational"), "1\n");
        java.nio.file.Path block = dir.resolve("block");
        java.nio.file.Files.createDirectories(block);
        for (String n : List.of("sda", "sdb", "nvme0n1", "sr0")) {
            java.nio.file.Files.createSymbolicLink(block.resolve(n), dir.resolve(n));
        }
        java.nio.file.Files.createSymbolicLink(block.resolve("loop0"),
                java.nio.file.Path.of("../devices/virtual/block/loop0"));
        Map<String, Object> g = new LinkedHashMap<>();
        ExtraGrains.disks(g, block);
        assertEquals(List.of("sda", "sdb"), g.get("disks"));
        assertEquals(List.of("nvme0n1"), g.get("ssds"));
        assertEquals(List.of("md0", "md1"), ExtraGrains.mdadm(List.of("Personalities : [raid1]",
                "md1 : active raid1 sdb1[1] sda1[0]", "      1047552 blocks super 1.2 [2/2] [UU]",
                "md0 : active raid1 sdb2[1] sda2[0]", "unused devices: <none>")));
    }

    @Test
    void collectedOnThisHostWithSaltsTypes() {
        Map<String, Object> g = CoreGrains.collect("m1");
        assertEquals(ExtraGrains.serverId("m1"), g.get("server_id"));
        List<?> py = (List<?>) g.get("pythonversion");
        assertEquals(5, py.size());
        assertEquals(3L, py.get(0));
        assertInstanceOf(String.class, py.get(3));
        assertInstanceOf(List.class, g.get("fqdn_ip4"));
        assertInstanceOf(List.class, g.get("fqdn_ip6"));
        assertInstanceOf(Boolean.class, g.get("ip_gw"));
        assertInstanceOf(Boolean.class, g.get("efi"));
        assertEquals(System.getProperty("user.dir"), g.get("cwd"));
        assertTrue(g.containsKey("kernelparams"));
        assertInstanceOf(ArrayList.class, g.get("pythonversion"));
        assertEquals("ps -efHww", g.get("ps"));
        assertInstanceOf(Boolean.class, g.get("transactional"));
        assertInstanceOf(List.class, g.get("disks"));
    }
}
