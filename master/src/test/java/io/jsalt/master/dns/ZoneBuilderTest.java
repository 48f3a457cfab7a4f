package io.jsalt.master.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jsalt.common.match.MinionData;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
                minion("db2", "ipv4", List.of("10.0.0.6"), "role", "db"));
        Map<String, Object> byId = Map.of("infra", Map.of("db_servers", Map.of("masterdb", "db2")));
        TreeSet<String> l = lines(builder.build(fleet, byId));
        assertTrue(l.contains("masterdb.fleet.internal. A 10.0.0.6"), l::toString);
        assertTrue(l.stream().noneMatch(s -> s.equals("masterdb.fleet.internal. A 10.0.0.5")), l::toString);

        Map<String, Object> byAddress = Map.of("infra", Map.of("db_servers", Map.of("masterdb", "10.9.9.9")));
        assertTrue(lines(builder.build(fleet, byAddress)).contains("masterdb.fleet.internal. A 10.9.9.9"));
    }

    @Test
    void unknownPillarMasterdbKeepsTheLastAnswerAndSaysSo() throws Exception {
        List<MinionData> fleet = List.of(minion("db1", "ipv4", List.of("10.0.0.5"), "roles", List.of("masterdb")));
        Map<String, Object> pillar = Map.of("infra", Map.of("db_servers", Map.of("masterdb", "nosuchhost")));
        ZoneBuilder.Result r = builder.build(fleet, pillar, Set.of(InetAddress.getByName("10.0.0.9")));
        assertTrue(lines(r).contains("masterdb.fleet.internal. A 10.0.0.9"), lines(r)::toString);
        assertEquals("infra:db_servers:masterdb: 'nosuchhost' is neither an address, a name in zone fleet.internal."
                + " nor a minion id; masterdb keeps 10.0.0.9", r.masterdbProblem());
        ZoneBuilder.Result first = builder.build(fleet, pillar);
        assertTrue(lines(first).stream().noneMatch(l -> l.startsWith("masterdb.")), "no last answer: no record");
    }

    /** The db tier's pillar: hosts_entries names masterdb as the zone's other names, by address, name or id. */
    private static Map<String, Object> hostsEntries(Object masterdb) {
        return Map.of("infra", Map.of("hosts_entries", Map.of("db1", "10.77.0.13", "db2", "10.77.0.15",
                "masterdb", masterdb)));
    }

    private final List<MinionData> dbTier = List.of(
            minion("db1", "ipv4", List.of("10.77.0.13"), "roles", List.of("db")),
            minion("db2", "ipv4", List.of("10.77.0.15"), "roles", List.of("db")),
            minion("db3.corp.example", "ipv4", List.of("10.77.0.16"), "roles", List.of("db")),
            minion("mail1", "ipv4", List.of("10.77.0.11"), "roles", List.of("mail")));

    @Test
    void hostsEntriesMasterdbIsAnAddressANameInTheZoneOrAMinionId() {
        for (Object value : List.of("10.77.0.15", "db2", "db2.fleet.internal", List.of("10.77.0.15"))) {
            ZoneBuilder.Result r = builder.build(dbTier, hostsEntries(value));
            TreeSet<String> l = lines(r);
            assertTrue(l.contains("masterdb.fleet.internal. A 10.77.0.15"), value + ": " + l);
            assertEquals(1, l.stream().filter(s -> s.startsWith("masterdb.")).count(), value + ": " + l);
            assertEquals(null, r.masterdbProblem(), String.valueOf(value));
            assertEquals(List.of(), r.warnings(), "masterdb is not an address-only hosts entry: " + value);
        }
        ZoneBuilder.Result byId = builder.build(dbTier, hostsEntries("db3.corp.example"));
        assertTrue(lines(byId).contains("masterdb.fleet.internal. A 10.77.0.16"), lines(byId)::toString);
    }

    @Test
    void hostsEntriesMasterdbWinsOverTheRoleGrainAndAgreesWithTheAlias() {
        List<MinionData> fleet = new ArrayList<>(dbTier);
        fleet.add(minion("db0", "ipv4", List.of("10.77.0.12"), "roles", List.of("db", "masterdb")));
        Map<String, Object> pillar = Map.of("infra", Map.of(
                "hosts_entries", Map.of("db1", "10.77.0.13", "masterdb", "db1"),
                "db_servers", Map.of("masterdb", "10.77.0.13")));
        ZoneBuilder.Result r = builder.build(fleet, pillar);
        assertTrue(lines(r).contains("masterdb.fleet.internal. A 10.77.0.13"), lines(r)::toString);
        assertTrue(lines(r).stream().noneMatch(s -> s.equals("masterdb.fleet.internal. A 10.77.0.12")));
        assertEquals(null, r.masterdbProblem());
    }

    @Test
    void keysThatDisagreeKeepTheLastAnswerAndNameBothKeys() throws Exception {
        Map<String, Object> pillar = Map.of("infra", Map.of(
                "hosts_entries", Map.of("db1", "10.77.0.13", "db2", "10.77.0.15", "masterdb", "db2"),
                "db_servers", Map.of("masterdb", "db1")));
        ZoneBuilder.Result r = builder.build(dbTier, pillar, Set.of(InetAddress.getByName("10.77.0.13")));
        assertTrue(lines(r).contains("masterdb.fleet.internal. A 10.77.0.13"), lines(r)::toString);
        assertEquals(Set.of(InetAddress.getByName("10.77.0.13")), r.masterdb());
        assertEquals("infra:hosts_entries:masterdb: 'db2' (10.77.0.15) disagrees with infra:db_servers:masterdb:"
                + " 'db1' (10.77.0.13); masterdb keeps 10.77.0.13", r.masterdbProblem());
    }

    @Test
    void aHostWithoutTheDbRoleIsRefusedAndAnUnknownAddressIsUsedWithAWarning() throws Exception {
        Set<InetAddress> last = Set.of(InetAddress.getByName("10.77.0.13"));
        for (Object value : List.of("mail1", "10.77.0.11")) {
            ZoneBuilder.Result r = builder.build(dbTier, hostsEntries(value), last);
            assertTrue(lines(r).contains("masterdb.fleet.internal. A 10.77.0.13"), value + ": " + lines(r));
            assertEquals("infra:hosts_entries:masterdb: '" + value + "' (10.77.0.11) is minion mail1, which lacks"
                    + " the db role (grains role/roles); masterdb keeps 10.77.0.13", r.masterdbProblem());
        }
        ZoneBuilder.Result outside = builder.build(dbTier, hostsEntries("192.0.2.80"), last);
        assertTrue(lines(outside).contains("masterdb.fleet.internal. A 192.0.2.80"), lines(outside)::toString);
        assertEquals(null, outside.masterdbProblem());
        assertEquals(List.of("infra:hosts_entries:masterdb: '192.0.2.80' (192.0.2.80) is no known minion's address;"
                + " its db role is not checked"), outside.warnings());
    }

    @Test
    void aMinionIdNeverOverridesOrJoinsTheMastersOwnNames() {
        Map<String, Object> pillar = Map.of("infra", Map.of("hosts_entries", Map.of(
                "mail", "10.0.0.25", "beta", "10.0.0.26")));
        List<MinionData> fleet = List.of(
                minion("ns1.evil.example", "ipv4", List.of("10.66.0.1")),
                minion("beta.evil.example", "ipv4", List.of("10.66.0.2")),
                minion("mail.evil.example", "ipv4", List.of("10.66.0.3")),
                minion("masterdb.evil.example", "ipv4", List.of("10.66.0.4")),
                minion("fleet.internal", "ipv4", List.of("10.66.0.5")),
                minion("ns1.fleet.internal", "ipv4", List.of("10.66.0.6")));
        ZoneBuilder.Result r = builder.build(fleet, pillar);
        TreeSet<String> l = lines(r);
        assertTrue(l.contains("ns1.fleet.internal. A 192.0.2.53"), l::toString);
        assertTrue(l.contains("mail.fleet.internal. A 10.0.0.25"), l::toString);
        assertTrue(l.contains("beta.fleet.internal. A 10.0.0.26"), l::toString);
        for (String name : List.of("ns1.fleet.internal.", "mail.fleet.internal.", "beta.fleet.internal.",
                "masterdb.fleet.internal.", "fleet.internal.")) {
            assertTrue(l.stream().noneMatch(s -> s.startsWith(name + " ") && s.contains("10.66.")), name + " " + l);
        }
        // The minions keep the names that are theirs alone.
        assertTrue(l.contains("ns1.evil.example.fleet.internal. A 10.66.0.1"), l::toString);
        assertTrue(l.contains("fleet.fleet.internal. A 10.66.0.5"), l::toString);
        assertTrue(r.conflicts().contains("ns1.fleet.internal. is the master's own name; minion ns1.evil.example does not get it"),
                r.conflicts()::toString);
        assertEquals(6, r.conflicts().size(), r.conflicts()::toString);
    }

    @Test
    void twoMinionsWithTheSameFirstLabelAreAConflictAndNeitherAnswersForIt() {
        List<MinionData> fleet = new ArrayList<>(List.of(
                minion("web1.a.example", "ipv4", List.of("10.0.0.7")),
                minion("web1.b.example", "ipv4", List.of("10.0.0.8"))));
        ZoneBuilder.Result r = builder.build(fleet, Map.of());
        TreeSet<String> l = lines(r);
        assertTrue(l.stream().noneMatch(s -> s.startsWith("web1.fleet.internal. ")), l::toString);
        assertTrue(l.contains("web1.a.example.fleet.internal. A 10.0.0.7"), l::toString);
        assertTrue(l.contains("web1.b.example.fleet.internal. A 10.0.0.8"), l::toString);
        assertEquals(List.of("web1.fleet.internal. is claimed by minions [web1.a.example, web1.b.example];"
                + " it answers for none of them"), r.conflicts());
        java.util.Collections.reverse(fleet);
        assertEquals(r, builder.build(fleet, Map.of()), "the outcome does not depend on the order");
    }

    @Test
    void anIdWithTheSameNameInAndOutOfTheZoneIsAConflictToo() {
        ZoneBuilder.Result r = builder.build(List.of(minion("db1", "ipv4", List.of("10.0.0.5")),
                minion("DB1.fleet.internal", "ipv4", List.of("10.0.0.6"))), Map.of());
        assertTrue(lines(r).stream().noneMatch(s -> s.startsWith("db1.fleet.internal. ")), lines(r)::toString);
        assertEquals(1, r.conflicts().size(), r.conflicts()::toString);
    }

    @Test
    void anIdNeverBecomesAWildcardOrANameOutsideTheZone() {
        ZoneBuilder.Result r = builder.build(List.of(
                minion("*.evil", "ipv4", List.of("10.66.0.1")),
                minion("a.example.", "ipv4", List.of("10.66.0.2")),
                minion("x\\.y", "ipv4", List.of("10.66.0.3"))), Map.of());
        TreeSet<String> l = lines(r);
        assertTrue(l.stream().noneMatch(s -> s.contains("10.66.0.1") || s.contains("*")), l::toString);
        assertTrue(l.stream().filter(s -> s.contains("10.66.")).allMatch(s -> s.split(" ")[0].endsWith(".fleet.internal.")),
                l::toString);
        assertTrue(l.contains("a.fleet.internal. A 10.66.0.2"), l::toString);
    }

    @Test
    void severalMinionsWithTheMasterdbRoleGiveNoMasterdbUntilPillarPinsOne() {
        List<MinionData> fleet = List.of(
                minion("aaa-intruder", "ipv4", List.of("10.66.0.1"), "role", "masterdb"),
                minion("db1", "ipv4", List.of("10.0.0.5"), "roles", List.of("db", "masterdb")));
        ZoneBuilder.Result r = builder.build(fleet, Map.of());
        assertTrue(lines(r).stream().noneMatch(s -> s.startsWith("masterdb.")), lines(r)::toString);
        assertEquals(List.of("masterdb.fleet.internal. is claimed by minions [aaa-intruder, db1] (grain role masterdb);"
                + " it answers for none of them"), r.conflicts());
        Map<String, Object> pinned = Map.of("infra", Map.of("db_servers", Map.of("masterdb", "db1")));
        assertTrue(lines(builder.build(fleet, pinned)).contains("masterdb.fleet.internal. A 10.0.0.5"));
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
