package io.jsalt.minion.grains;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jsalt.common.net.Ip;
import io.jsalt.common.host.HostFiles;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CoreGrainsTest {
    @Test
    void collectsTypedGrainsFromThisHost() {
        Map<String, Object> g = CoreGrains.collect("m1");
        assertEquals("m1", g.get("id"));
        assertEquals("Linux", g.get("kernel"));
        assertInstanceOf(Long.class, g.get("num_cpus"));
        assertInstanceOf(Long.class, g.get("mem_total"));
        assertInstanceOf(Long.class, g.get("pid"));
        long memKib = Long.parseLong(HostFiles.colonPairs("/proc/meminfo").get("MemTotal").split("\\s+")[0]);
        assertEquals(memKib / 1024, g.get("mem_total"));
        assertEquals(HostFiles.line("/proc/sys/kernel/osrelease"), g.get("kernelrelease"));
        assertEquals(ProcessHandle.current().pid(), g.get("pid"));
        for (String key : List.of("id", "host", "fqdn", "domain", "nodename", "localhost", "os", "os_family",
                "osfullname", "osrelease", "oscodename", "osarch", "kernelversion", "cpuarch", "cpu_model",
                "ipv4", "ipv6", "ip4_interfaces", "ip6_interfaces", "hwaddr_interfaces", "path", "shell",
                "init", "jsalt_version", "saltversion")) {
            assertTrue(g.containsKey(key), "missing grain " + key);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> locale = (Map<String, Object>) g.get("locale_info");
        String tz = (String) locale.get("timezone");
        assertTrue(tz != null && !tz.isBlank() && !tz.contains("\n"), "locale_info:timezone " + tz);
    }

    @Test
    void ipv4IncludesLoopbackAndIsSortedNumerically() {
        Map<String, Object> g = CoreGrains.collect("m1");
        @SuppressWarnings("unchecked")
        List<String> v4 = (List<String>) g.get("ipv4");
        assertTrue(v4.contains("127.0.0.1"), v4.toString());
        List<String> sorted = new ArrayList<>(v4);
        sorted.sort(Ip.ORDER);
        assertEquals(sorted, v4);
        @SuppressWarnings("unchecked")
        Map<String, Object> byIface = (Map<String, Object>) g.get("ip4_interfaces");
        assertEquals(List.of("127.0.0.1"), byIface.get("lo"));
    }

    @Test
    void debianOsReleaseGivesSaltsOsGrains() {
        String osRelease = """
                PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"
                NAME="Debian GNU/Linux"
                VERSION_ID="12"
                VERSION="12 (bookworm)"
                VERSION_CODENAME=bookworm
                ID=debian
                """;
        Map<String, Object> g = OsGrains.collect(null, osRelease, "x86_64");
        assertEquals("Debian", g.get("os"));
        assertEquals("Debian", g.get("os_family"));
        assertEquals("Debian GNU/Linux", g.get("osfullname"));
        assertEquals("12", g.get("osrelease"));
        assertEquals(List.of(12L), g.get("osrelease_info"));
        assertEquals(12L, g.get("osmajorrelease"));
        assertEquals("bookworm", g.get("oscodename"));
        assertEquals("Debian-12", g.get("osfinger"));
        assertEquals("amd64", g.get("osarch"));
    }

    @Test
    void ubuntuLsbReleaseWinsOverOsRelease() {
        String lsb = "DISTRIB_ID=Ubuntu\nDISTRIB_RELEASE=22.04\nDISTRIB_CODENAME=jammy\n"
                + "DISTRIB_DESCRIPTION=\"Ubuntu 22.04.3 LTS\"\n";
        String osRelease = "NAME=\"Ubuntu\"\nVERSION_ID=\"22.04\"\nID=ubuntu\nVERSION_CODENAME=jammy\n";
        Map<String, Object> g = OsGrains.collect(lsb, osRelease, "aarch64");
        assertEquals("Ubuntu", g.get("os"));
        assertEquals("Debian", g.get("os_family"));
        assertEquals("22.04", g.get("osrelease"));
        assertEquals(List.of(22L, 4L), g.get("osrelease_info"));
        assertEquals("Ubuntu-22.04", g.get("osfinger"));
        assertEquals("arm64", g.get("osarch"));
    }

    @Test
    void rockyIsRedHatFamilyWithCpuArch() {
        String osRelease = "NAME=\"Rocky Linux\"\nVERSION_ID=\"9.3\"\nID=\"rocky\"\n";
        Map<String, Object> g = OsGrains.collect(null, osRelease, "x86_64");
        assertEquals("Rocky", g.get("os"));
        assertEquals("RedHat", g.get("os_family"));
        assertEquals("x86_64", g.get("osarch"));
        assertEquals(9L, g.get("osmajorrelease"));
    }

    @Test
    void fqdnIsTheCanonicalNameFromEtcHosts() {
        List<String> hosts = List.of("127.0.0.1 localhost", "# comment web1", "10.0.0.5 web1.example.org web1");
        assertEquals("web1.example.org", CoreGrains.canonicalFromHosts("web1", hosts));
        assertEquals("db1", CoreGrains.canonicalFromHosts("db1", hosts));
    }

    @Test
    void collectingIsFast() {
        CoreGrains.collect("warmup");
        long start = System.nanoTime();
        CoreGrains.collect("m1");
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertTrue(ms < 100, "collecting grains took " + ms + " ms");
    }
}
