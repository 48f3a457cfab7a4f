package io.jsalt.master.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jsalt.common.data.Data;
import io.jsalt.common.data.Values;
import io.jsalt.common.proto.CliReply;
import io.jsalt.common.proto.CliRequest;
import io.jsalt.common.proto.RunnerRequest;
import io.jsalt.master.cli.CliClient;
import io.jsalt.master.dns.DnsAnswerer;
import io.jsalt.master.dns.DnsServer;
import io.jsalt.master.dns.ZoneState;
import io.jsalt.master.events.Event;
import io.jsalt.master.events.EventQueue;
import io.jsalt.minion.Minion;
import io.netty.channel.nio.NioEventLoopGroup;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Zone;

/** The master as the fleet's hub, end to end: real master, real minions, real dig and rsync. */
class HubIT extends FleetCase {
    private static Map<String, Object> dnsHub(Object... extra) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("zone", "fleet.internal");
        m.put("listen", "127.0.0.1");
        m.put("port", 0L);
        m.put("ttl", 30L);
        for (int i = 0; i < extra.length; i += 2) {
            m.put((String) extra[i], extra[i + 1]);
        }
        return m;
    }

    @Test
    void dnsAnswersForMinionsPillarAndMasterdbAndFollowsChangesWithoutRestart() throws Exception {
        fleet = new TestFleet(tmp).startMaster(o -> o.put("dns_hub", dnsHub()));
        AtomicReference<Map<String, Object>> pillar = new AtomicReference<>(Map.of("infra", Map.of(
                "hosts_entries", Map.of("mail", "10.1.0.25"))));
        fleet.master().hub().pillarSource(id -> pillar.get());
        Dig dig = new Dig(fleet.master().hub().dns().port());

        fleet.acceptedMinion("db1", Map.of("ipv4", List.of("127.0.0.1", "10.1.0.5"), "roles", List.of("db", "masterdb")));
        // web1 carries the db role: pillar moves masterdb to it below, and masterdb only goes to db hosts.
        fleet.acceptedMinion("web1.fleet.internal", Map.of("ipv4", List.of("10.1.0.7"), "ipv6", List.of("2001:db8::7"),
                "roles", List.of("db")));
        TestFleet.await(() -> dig.shortAnswer("web1.fleet.internal", "A").equals(List.of("10.1.0.7")), "web1 in DNS");

        assertEquals(List.of("10.1.0.5"), dig.shortAnswer("db1.fleet.internal", "A"), "loopback left out");
        assertEquals(List.of("2001:db8::7"), dig.shortAnswer("web1.fleet.internal", "AAAA"));
        assertEquals(List.of("10.1.0.7"), dig.shortAnswer("web1.fleet.internal", "A", "+tcp"), "over TCP too");
        assertEquals(List.of("10.1.0.25"), dig.shortAnswer("mail.fleet.internal", "A"), "pillar hosts_entries");
        assertEquals(List.of("10.1.0.5"), dig.shortAnswer("masterdb.fleet.internal", "A"), "role masterdb from grains");
        assertTrue(dig.run("fleet.internal", "SOA").contains("flags: qr aa"), "authoritative");
        assertEquals("NXDOMAIN", dig.status("nosuch.fleet.internal", "A"));
        assertEquals("REFUSED", dig.status("example.com", "A"), "no forwarders");

        // Pillar moves masterdb; visible after dns.refresh, no restart.
        long serial = fleet.master().hub().dns().current().serial();
        pillar.set(Map.of("infra", Map.of("hosts_entries", Map.of("mail", "10.1.0.25"),
                "db_servers", Map.of("masterdb", "web1.fleet.internal"))));
        Object refreshed = cli().runner("dns.refresh", List.of(), Map.of());
        assertEquals(true, Data.get(refreshed, "changed", null));
        assertEquals(List.of("10.1.0.7"), dig.shortAnswer("masterdb.fleet.internal", "A"));
        String soa = dig.shortAnswer("fleet.internal", "SOA").get(0);
        assertNotEquals(String.valueOf(serial), soa.split(" ")[2], "serial changed with the zone");

        String zone = (String) cli().runner("dns.zone", List.of(), Map.of());
        assertTrue(zone.contains("$ORIGIN fleet.internal."), zone);
        assertTrue(zone.matches("(?s).*masterdb\\S*\\s+30\\s+IN\\s+A\\s+10\\.1\\.0\\.7.*"), zone);

        // A deleted key takes its record with it.
        fleet.master().keys().delete("web1.fleet.internal");
        TestFleet.await(() -> dig.status("web1.fleet.internal", "A").equals("NXDOMAIN"), "web1 gone from DNS");
        assertEquals(List.of("10.1.0.5"), dig.shortAnswer("db1.fleet.internal", "A"));
    }

    @Test
    void minionIdsNeverTakeOverTheMastersNamesAndSharedFirstLabelsAreReportedConflicts() throws Exception {
        fleet = new TestFleet(tmp).startMaster(o -> o.put("dns_hub", dnsHub("ns_addresses", List.of("10.1.0.53"))));
        fleet.master().hub().pillarSource(id -> Map.of("infra", Map.of("hosts_entries",
                Map.of("mail", "10.1.0.25", "beta", "10.1.0.26"))));
        Dig dig = new Dig(fleet.master().hub().dns().port());
        fleet.acceptedMinion("web1.corp.example", Map.of("ipv4", List.of("10.1.0.7")));
        TestFleet.await(() -> dig.shortAnswer("web1.fleet.internal", "A").equals(List.of("10.1.0.7")), "web1 in DNS");

        for (String id : List.of("ns1.evil.example", "beta.evil.example", "mail.evil.example", "web1.evil.example")) {
            fleet.acceptedMinion(id, Map.of("ipv4", List.of("10.66.0.1")));
        }
        TestFleet.await(() -> !dig.shortAnswer("ns1.evil.example.fleet.internal", "A").isEmpty(), "the intruders in DNS");
        TestFleet.await(() -> dig.status("web1.fleet.internal", "A").equals("NXDOMAIN"), "web1 contested");

        assertEquals(List.of("10.1.0.53"), dig.shortAnswer("ns1.fleet.internal", "A"), "NS host kept");
        assertEquals(List.of("10.1.0.25"), dig.shortAnswer("mail.fleet.internal", "A"), "pillar name not joined");
        assertEquals(List.of("10.1.0.26"), dig.shortAnswer("beta.fleet.internal", "A"), "pillar name not joined");
        assertEquals(List.of("10.1.0.7"), dig.shortAnswer("web1.corp.example.fleet.internal", "A"), "full ids stay");

        Object status = cli().runner("hub.status", List.of(), Map.of());
        List<?> conflicts = (List<?>) Data.get(status, "dns:conflicts", null);
        assertNotNull(conflicts, String.valueOf(status));
        assertTrue(conflicts.contains("web1.fleet.internal. is claimed by minions [web1.corp.example, web1.evil.example];"
                + " it answers for none of them"), conflicts::toString);
        assertTrue(conflicts.contains("ns1.fleet.internal. is the master's own name; minion ns1.evil.example does not get it"),
                conflicts::toString);
        assertEquals(4, conflicts.size(), conflicts::toString);

        // Deleting the intruder's key settles the conflict: web1 answers again.
        fleet.master().keys().delete("web1.evil.example");
        TestFleet.await(() -> dig.shortAnswer("web1.fleet.internal", "A").equals(List.of("10.1.0.7")), "web1 back");
    }

    @Test
    void namesOutsideTheZoneGoToTheForwarders() throws Exception {
        Name up = Name.fromString("upstream.test.");
        Zone upstreamZone = new Zone(up, new Record[] {
                new SOARecord(up, DClass.IN, 60, Name.fromString("ns", up), Name.fromString("h", up), 1, 1, 1, 1, 1),
                new NSRecord(up, DClass.IN, 60, Name.fromString("ns", up)),
                new ARecord(Name.fromString("www", up), DClass.IN, 60, InetAddress.getByName("192.0.2.80"))});
        ZoneState upstreamState = new ZoneState(upstreamZone, 1, List.of(), List.of(), 0);
        NioEventLoopGroup group = new NioEventLoopGroup(1);
        DnsServer upstream = new DnsServer(new DnsAnswerer(() -> upstreamState, null)).start(group, "127.0.0.1", 0);
        try {
            fleet = new TestFleet(tmp).startMaster(o -> o.put("dns_hub",
                    dnsHub("forwarders", List.of("127.0.0.1:" + upstream.port()))));
            Dig dig = new Dig(fleet.master().hub().dns().port());
            assertEquals(List.of("192.0.2.80"), dig.shortAnswer("www.upstream.test", "A"));
            assertEquals("NXDOMAIN", dig.status("nosuch.fleet.internal", "A"), "own zone still authoritative");
        } finally {
            upstream.close();
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    @Test
    void rsyncPushFromOneMinionThenPullIntoAnotherAndWrongPasswordIsRefused() throws Exception {
        Path backups = tmp.resolve("hub-backups");
        fleet = new TestFleet(tmp).startMaster(o -> o.put("rsync_hub", Map.of(
                "listen", "127.0.0.1", "port", 0L,
                "modules", Map.of("backups", Map.of(
                        "path", backups.toString(), "read_only", false, "comment", "Fleet backups",
                        "auth_users", List.of("backup"), "secrets", Map.of("backup", "s3cret"),
                        "hosts_allow", List.of("127.0.0.1"))))));
        int port = fleet.master().hub().rsync().port();
        Map<String, Object> hubOpt = Map.of("host", "127.0.0.1", "port", (long) port);
        Minion web1 = fleet.startMinion("web1", Map.of(), o -> o.put("rsync_hub", hubOpt));
        Minion db1 = fleet.startMinion("db1", Map.of(), o -> o.put("rsync_hub", hubOpt));
        for (String id : List.of("web1", "db1")) {
            TestFleet.await(() -> fleet.master().keys().list().get(io.jsalt.master.keys.KeyState.PENDING).contains(id), id);
            fleet.master().keys().accept(id, false, false);
        }
        TestFleet.await(() -> web1.connection().isAccepted() && db1.connection().isAccepted(), "both connected");

        Path www = tmp.resolve("web1-www");
        Files.createDirectories(www.resolve("img"));
        Files.writeString(www.resolve("index.html"), "<h1>web1</h1>\n");
        Files.writeString(www.resolve("img/logo.txt"), "logo\n");
        Cli.Run push = cli().publish("web1", "glob", "rsync.push", List.of(www + "/", "backups"),
                Map.of("dest", "web1/", "user", "backup", "password", "s3cret"), 30);
        assertEquals(0L, Data.get(push.returns().get("web1"), "retcode", null), push.returns().toString());
        assertEquals("<h1>web1</h1>\n", Files.readString(backups.resolve("web1/index.html")));

        Path restore = tmp.resolve("db1-restore");
        Cli.Run pull = cli().publish("db1", "glob", "rsync.pull", List.of("backups", restore + "/"),
                Map.of("src", "web1/", "user", "backup", "password", "s3cret"), 30);
        assertEquals(0L, Data.get(pull.returns().get("db1"), "retcode", null), pull.returns().toString());
        assertEquals("logo\n", Files.readString(restore.resolve("img/logo.txt")));

        Cli.Run wrong = cli().publish("web1", "glob", "rsync.push", List.of(www + "/", "backups"),
                Map.of("dest", "web1/", "user", "backup", "password", "guess"), 30);
        Object ret = wrong.returns().get("web1");
        assertNotEquals(0L, Data.get(ret, "retcode", null));
        assertTrue(String.valueOf(Data.get(ret, "stderr", "")).contains("auth failed"), String.valueOf(ret));
        assertEquals(5, wrong.last().getExitCode(), "rsync's exit status becomes the job's retcode");
    }

    @Test
    void rsyncDaemonIsRestartedWhenItDiesAndHubStatusShowsIt() throws Exception {
        fleet = new TestFleet(tmp).startMaster(o -> o.put("rsync_hub", Map.of("listen", "127.0.0.1", "port", 0L,
                "modules", Map.of("shared", Map.of("path", tmp.resolve("shared").toString(), "comment", "Shared files")))));
        Object status = cli().runner("hub.status", List.of(), Map.of());
        assertEquals("running", Data.get(status, "rsync:daemon:state", null), String.valueOf(status));
        assertEquals("Shared files", Data.get(status, "rsync:modules:shared:comment", null));
        assertEquals(true, Data.get(status, "rsync:modules:shared:read_only", null));
        assertEquals("disabled", Data.get(status, "dns:state", null));
        long pid = ((Number) Data.get(status, "rsync:daemon:pid", null)).longValue();
        String conf = Files.readString(Path.of((String) Data.get(status, "rsync:config", null)));
        assertTrue(conf.contains("[shared]") && conf.contains("read only = yes"), conf);

        ProcessHandle.of(pid).orElseThrow().destroyForcibly();
        TestFleet.await(() -> {
            Object s = cli().runner("hub.status", List.of(), Map.of());
            Object newPid = Data.get(s, "rsync:daemon:pid", null);
            return "running".equals(Data.get(s, "rsync:daemon:state", null)) && newPid != null
                    && ((Number) newPid).longValue() != pid && Long.valueOf(1).equals(Data.get(s, "rsync:daemon:restarts", null));
        }, "rsync daemon restarted");
        assertTrue(fleet.master().hub().rsync().awaitListening(10_000), "restarted daemon accepts connections");

        fleet.stopMaster();
        fleet = null; // stopped: nothing left for @AfterEach to close
        TestFleet.await(() -> ProcessHandle.allProcesses().noneMatch(h -> h.info().commandLine()
                .map(c -> c.contains(tmp.toString()) && c.contains("rsync")).orElse(false)), "daemon stopped with the master");
    }

    @Test
    void mineFunctionsRunAtStartAndAreReadFromMinionsAndTheRunner() throws Exception {
        fleet = new TestFleet(tmp).startMaster(o -> { });
        Map<String, Object> mine = new LinkedHashMap<>();
        mine.put("test.ping", List.of());
        mine.put("roles", List.of(Map.of("mine_function", "grains.get"), "roles"));
        for (String id : List.of("web1", "web2")) {
            Minion m = fleet.startMinion(id, Map.of("roles", List.of("web", id)), o -> o.put("mine_functions", mine));
            TestFleet.await(() -> fleet.master().keys().list().get(io.jsalt.master.keys.KeyState.PENDING).contains(id), id);
            fleet.master().keys().accept(id, false, false);
            TestFleet.await(() -> m.connection().isAccepted(), id + " connected");
        }
        TestFleet.await(() -> ((Map<?, ?>) cli().runner("mine.get", List.of("*", "roles"), Map.of())).size() == 2,
                "both mines sent at start");
        assertEquals(Map.of("web1", List.of("web", "web1"), "web2", List.of("web", "web2")),
                cli().runner("mine.get", List.of("*", "roles"), Map.of()));
        assertEquals(Map.of("test.ping", Map.of("web1", true), "roles", Map.of("web1", List.of("web", "web1"))),
                cli().runner("mine.get", List.of("web1", "test.ping,roles"), Map.of()));

        // From a minion, with grain targeting, and excluding itself.
        Cli.Run got = cli().publish("web1", "glob", "mine.get", List.of("roles:web", "roles", "grain"),
                Map.of("exclude_minion", true), 10);
        assertEquals(Map.of("web2", List.of("web", "web2")), got.returns().get("web1"));

        Cli.Run valid = cli().publish("web1", "glob", "mine.valid", List.of(), Map.of(), 10);
        assertEquals(Map.of("test.ping", List.of(), "roles", Map.of("grains.get", List.of("roles"))),
                valid.returns().get("web1"));

        cli().publish("web2", "glob", "mine.delete", List.of("roles"), Map.of(), 10);
        assertEquals(Map.of("web1", List.of("web", "web1")), cli().runner("mine.get", List.of("*", "roles"), Map.of()));

        fleet.master().keys().delete("web1");
        assertEquals(Map.of("web2", true), cli().runner("mine.get", List.of("*", "test.ping"), Map.of()),
                "a deleted key's mine is gone");
    }

    @Test
    void eventsStreamThroughStateEventAndCarrySaltsShapes() throws Exception {
        fleet = new TestFleet(tmp).startMaster(o -> { });
        EventQueue all = fleet.master().hub().bus().queue(t -> true, 1000);
        List<String> lines = new CopyOnWriteArrayList<>();
        AtomicReference<CliReply> end = new AtomicReference<>();
        Thread watcher = new Thread(() -> {
            CliRequest req = CliRequest.newBuilder().setRunner(RunnerRequest.newBuilder().setFun("state.event")
                    .setArg(Values.toProto(List.of()))
                    .setKwarg(Values.toProto(Map.of("tagmatch", "salt/job/*", "count", 2L, "pretty", true)))).build();
            try (CliClient c = CliClient.connect(fleet.sockDir())) {
                end.set(c.call(req, r -> lines.add((String) Values.fromProto(r.getData()))));
            } catch (Exception e) {
                lines.add("ERROR " + e);
            }
        });
        watcher.start();
        TestFleet.await(() -> fleet.master().hub().bus().subscribers() >= 2, "state.event subscribed");

        fleet.acceptedMinion("web1", Map.of());
        Cli.Run ping = cli().ping("web1", "glob");
        watcher.join(20_000);
        assertNotNull(end.get(), "state.event ended after count=2");
        assertEquals(2, lines.size(), lines::toString);
        assertTrue(lines.get(0).startsWith("salt/job/" + ping.jid() + "/new\t{\n    \"_stamp\": "), lines.get(0));
        assertTrue(lines.get(1).startsWith("salt/job/" + ping.jid() + "/ret/web1\t{"), lines.get(1));
        assertTrue(lines.get(1).contains("\"cmd\": \"_return\"") && lines.get(1).contains("\"return\": true"), lines.get(1));

        Map<String, Map<String, Object>> seen = new LinkedHashMap<>();
        Event e;
        while ((e = all.poll(2, TimeUnit.SECONDS)) != null) {
            seen.putIfAbsent(e.tag(), e.data());
            // The minion's start event and the job's return race: wait for both.
            if (seen.containsKey("salt/job/" + ping.jid() + "/ret/web1") && seen.containsKey("salt/minion/web1/start")) {
                break;
            }
        }
        assertEquals("pend", Data.get(seen.get("salt/auth"), "act", null), seen.keySet().toString());
        assertEquals(Map.of("id", "web1", "act", "accept", "result", true),
                withoutStamp(seen.get("salt/key")));
        Map<String, Object> start = seen.get("salt/minion/web1/start");
        assertNotNull(start, seen.keySet().toString());
        assertEquals("_minion_event", start.get("cmd"));
        assertTrue(String.valueOf(start.get("data")).startsWith("Minion web1 started at "));
        Map<String, Object> jobNew = seen.get("salt/job/" + ping.jid() + "/new");
        assertEquals(List.of("web1"), jobNew.get("minions"));
        assertEquals("test.ping", jobNew.get("fun"));
    }

    /** A reactor file written for Salt's tags (salt/minion.py _fire_master_minion_start) fires on a jsalt minion's start. */
    @Test
    void reactorRunsAReactionWhenAMinionStarts() throws Exception {
        Path reactor = tmp.resolve("reactor");
        Files.createDirectories(reactor);
        Files.writeString(reactor.resolve("start.sls"), """
                mark_started:
                  local.grains.setval:
                    - tgt: '*'
                    - arg:
                      - reacted
                      - true
                """);
        fleet = new TestFleet(tmp).startMaster(o -> o.put("reactor",
                List.of(Map.of("salt/minion/*/start", List.of(reactor.resolve("start.sls").toString())))));
        Minion web1 = fleet.acceptedMinion("web1", Map.of());
        TestFleet.await(() -> Boolean.TRUE.equals(web1.grains().grains().get("reacted")), "reactor set the grain");
    }

    @Test
    void minionEventsReachTheBusButNotTheMastersNamespace() throws Exception {
        fleet = new TestFleet(tmp).startMaster(o -> { });
        fleet.acceptedMinion("web1", Map.of());
        EventQueue q = fleet.master().hub().bus().queue(t -> t.startsWith("myco/"), 10);
        Cli.Run sent = cli().publish("web1", "glob", "event.send", List.of("myco/deploy/done"), Map.of("app", "shop"), 10);
        assertEquals(true, sent.returns().get("web1"));
        Event e = q.poll(5, TimeUnit.SECONDS);
        assertNotNull(e);
        assertEquals("web1", e.data().get("id"));
        assertEquals(Map.of("app", "shop"), e.data().get("data"));

        Cli.Run forged = cli().publish("web1", "glob", "event.send", List.of("salt/key"), Map.of("act", "accept"), 10);
        assertTrue(String.valueOf(forged.returns().get("web1")).contains("may not fire 'salt/key'"),
                String.valueOf(forged.returns()));
    }

    private static Map<String, Object> withoutStamp(Map<String, Object> d) {
        Map<String, Object> m = new LinkedHashMap<>(d);
        assertNotNull(m.remove("_stamp"));
        return m;
    }

    @SuppressWarnings("unused")
    private static List<Object> list(Object... items) {
        return new ArrayList<>(List.of(items));
    }
}
