package io.jsalt.master.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jsalt.common.match.MinionData;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Record;

class ZoneBuilderTest {
    private final DnsHubConfig cfg = DnsHubConfig.parse(Map.of("zone", "fleet.internal", "ttl", 60L,
            "ns_addresses", List.of("192.0.2.53")));
    private final ZoneBuilder builder = new ZoneBuilder(cfg, DnsHub.nsAddresses(cfg));

    static MinionData minion(String id, Object... grains) {
        Map<String, Object> g = new LinkedHashMap<>();
        for (int i = 0; i < grains.length; i += 2) {
            g.put((String) grains[i], grains[i + 1]);
        }
        return new MinionData(id, g, Map.of());
    }

    /** "name type rdata" lines, sorted, TTL left out. */
    static TreeSet<String> lines(ZoneBuilder.Result r) {
        TreeSet<String> out = new TreeSet<>();
        for (Record rec : r.records()) {
            out.add(rec.getName() + " " + org.xbill.DNS.Type.string(rec.getType()) + " " + rec.rdataToString());
        }
        return out;
    }

    @Test
    void minionGetsFirstLabelAndFullIdFromItsNonLoopbackAddresses() {
        ZoneBuilder.Result r = builder.build(List.of(
                minion("web1.example.com", "ipv4", List.of("127.0.0.1", "10.0.0.7"), "ipv6", List.of("::1", "fe80::1", "2001:db8::7")),
                minion("db1.fleet.internal", "ipv4", List.of("10.0.0.5"))), Map.of());
        TreeSet<String> l = lines(r);
        assertTrue(l.contains("web1.fleet.internal. A 10.0.0.7"), l::toString);
        assertTrue(l.contains("web1.fleet.internal. AAAA 2001:db8:0:0:0:0:0:7"), l::toString);
        assertTrue(l.contains("web1.example.com.fleet.internal. A 10.0.0.7"), l::toString);
        assertTrue(l.contains("db1.fleet.internal. A 10.0.0.5"), l::toString);
        assertTrue(l.stream().noneMatch(s -> s.contains("127.0.0.1") || s.contains("fe80") || s.contains(" ::1")), l::toString);
    }

    @Test
    void loopbackIsUsedWhenItIsAllAMinionHas() {
        ZoneBuilder.Result r = builder.build(List.of(minion("lonely", "ipv4", List.of("127.0.0.1"))), Map.of());
        assertTrue(lines(r).contains("lonely.fleet.internal. A 127.0.0.1"));
    }

    @Test
    void minionWithoutAddressesIsSkippedWithAWarning() {
        ZoneBuilder.Result r = builder.build(List.of(minion("ghost")), Map.of());
        assertTrue(lines(r).stream().noneMatch(s -> s.startsWith("ghost.")));
        assertEquals(List.of("minion ghost reports no addresses (grains ipv4/ipv6)"), r.warnings());
    }

    @Test
    void apexHasNsWithGlueAddress() {
        TreeSet<String> l = lines(builder.build(List.of(), Map.of()));
        assertTrue(l.contains("fleet.internal. NS ns1.fleet.internal."), l::toString);
        assertTrue(l.contains("ns1.fleet.internal. A 192.0.2.53"), l::toString);
    }

    @Test
    void hostsEntriesFromPillarBecomeRecordsAndOutOfZoneNamesAreSkipped() {
        Map<String, Object> pillar = Map.of("infra", Map.of("hosts_entries", new LinkedHashMap<>(Map.of(
                "mail", "10.0.0.25",
                "backup.fleet.internal", List.of("10.0.0.30", "2001:db8::30"),
                "smtp.example.org", "10.0.0.26",
                "broken", "not-an-ip"))));
        ZoneBuilder.Result r = builder.build(List.of(), pillar);
        TreeSet<String> l = lines(r);
        assertTrue(l.contains("mail.fleet.internal. A 10.0.0.25"), l::toString);
        assertTrue(l.contains("backup.fleet.internal. A 10.0.0.30"), l::toString);
        assertTrue(l.contains("backup.fleet.internal. AAAA 2001:db8:0:0:0:0:0:30"), l::toString);
        assertTrue(l.stream().noneMatch(s -> s.contains("smtp")), l::toString);
        assertTrue(r.warnings().contains("infra:hosts_entries: 'smtp.example.org' is not in zone fleet.internal."),
                r.warnings()::toString);
        assertTrue(r.warnings().contains("infra:hosts_entries:broken: 'not-an-ip' is not an IP address"),
                r.warnings()::toString);
    }

    @Test
    void masterdbFollowsTheMinionWithTheRoleWhenPillarIsSilent() {
        List<MinionData> fleet = List.of(
                minion("db1", "ipv4", List.of("10.0.0.5"), "roles", List.of("db", "masterdb")),
                minion("db2", "ipv4", List.of("10.0.0.6"), "roles", List.of("db")));
        assertTrue(lines(builder.build(fleet, Map.of())).contains("masterdb.fleet.internal. A 10.0.0.5"));
    }

    @Test
    void masterdbFromPillarWinsOverGrainsAndMayNameAMinionOrAnAddress() {
        List<MinionData> fleet = List.of(
                minion("db1", "ipv4", List.of("10.0.0.5"), "role", "masterdb"),
                minion("db2", "ipv4", List.of("10.0.0.6")));
        Map<String, Object> byId = Map.of("infra", Map.of("db_servers", Map.of("masterdb", "db2")));
        TreeSet<String> l = lines(builder.build(fleet, byId));
        assertTrue(l.contains("masterdb.fleet.internal. A 10.0.0.6"), l::toString);
        assertTrue(l.stream().noneMatch(s -> s.equals("masterdb.fleet.internal. A 10.0.0.5")), l::toString);

        Map<String, Object> byAddress = Map.of("infra", Map.of("db_servers", Map.of("masterdb", "10.9.9.9")));
        assertTrue(lines(builder.build(fleet, byAddress)).contains("masterdb.fleet.internal. A 10.9.9.9"));
    }

    @Test
    void unknownPillarMasterdbFallsBackToTheRoleAndSaysSo() {
        List<MinionData> fleet = List.of(minion("db1", "ipv4", List.of("10.0.0.5"), "roles", List.of("masterdb")));
        Map<String, Object> pillar = Map.of("infra", Map.of("db_servers", Map.of("masterdb", "nosuchhost")));
        ZoneBuilder.Result r = builder.build(fleet, pillar);
        assertTrue(lines(r).contains("masterdb.fleet.internal. A 10.0.0.5"));
        assertTrue(r.warnings().get(0).contains("'nosuchhost' is neither an address nor a known host"));
    }

    @Test
    void sameInputsGiveEqualRecordListsInAStableOrder() {
        List<MinionData> a = new ArrayList<>(List.of(minion("b", "ipv4", List.of("10.0.0.2")),
                minion("a", "ipv4", List.of("10.0.0.1"))));
        List<MinionData> b = new ArrayList<>(a);
        java.util.Collections.reverse(b);
        assertEquals(builder.build(a, Map.of()).records(), builder.build(b, Map.of()).records());
    }

    @Test
    void literalNeverResolvesNames() {
        assertEquals(null, ZoneBuilder.literal("localhost"));
        assertEquals(InetAddress.getLoopbackAddress(), ZoneBuilder.literal("127.0.0.1"));
    }
}
