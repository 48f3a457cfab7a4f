package io.jsalt.master.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jsalt.common.data.Data;
import io.jsalt.master.keys.KeyState;
import io.jsalt.minion.Minion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The hub's features used together the way a fleet uses them: states that push to the
 * rsync hub, templates that read the mine, a reactor that applies states when a minion
 * starts, and DNS fed by the master's own pillar files.
 */
class HubWorkflowsIT extends FleetCase {
    private Path fileRoot;
    private Path pillarRoot;

    /** A master with file_roots and pillar_roots under tmp, plus whatever adjust adds. */
    private void startMaster(Consumer<Map<String, Object>> adjust) throws Exception {
        fileRoot = Files.createDirectories(tmp.resolve("salt"));
        pillarRoot = Files.createDirectories(tmp.resolve("pillar"));
        fleet = new TestFleet(tmp).startMaster(o -> {
            o.put("file_roots", Map.of("base", List.of(fileRoot.toString())));
            o.put("pillar_roots", Map.of("base", List.of(pillarRoot.toString())));
            adjust.accept(o);
        });
    }

    private Minion accepted(String id, Map<String, Object> grains, Consumer<Map<String, Object>> adjust)
            throws Exception {
        Minion m = fleet.startMinion(id, grains, adjust);
        TestFleet.await(() -> fleet.master().keys().list().get(KeyState.PENDING).contains(id), id + " pending");
        fleet.master().keys().accept(id, false, false);
        TestFleet.await(() -> m.connection().isAccepted() && fleet.master().minions().connectedIds().contains(id),
                id + " connected");
        return m;
    }

    /** The single state result of a state run's return. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> only(Map<String, Object> ret, String stateId) {
        Map<String, Object> states = (Map<String, Object>) ret.get("return");
        for (Object v : states.values()) {
            Map<String, Object> s = (Map<String, Object>) v;
            if (stateId.equals(s.get("__id__"))) {
                return s;
            }
        }
        throw new AssertionError("no state " + stateId + " in " + states);
    }

    @Test
    @SuppressWarnings("unchecked")
    void rsyncSyncedStatePushesToTheHubThenIsInSyncAndTestModeTransfersNothing() throws Exception {
        Path backups = tmp.resolve("hub-backups");
        startMaster(o -> o.put("rsync_hub", Map.of("listen", "127.0.0.1", "port", 0L,
                "modules", Map.of("backups", Map.of("path", backups.toString(), "read_only", false,
                        "secrets", Map.of("backup", "s3cret"), "hosts_allow", List.of("127.0.0.1"))))));
        Path www = Files.createDirectories(tmp.resolve("web1-www/img"));
        Files.writeString(www.resolve("logo.txt"), "logo\n");
        Files.writeString(www.getParent().resolve("index.html"), "<h1>web1</h1>\n");
        // Credentials from pillar, as a fleet would keep them.
        write(pillarRoot, "top.sls", "base:\n  web1:\n    - rsync\n");
        write(pillarRoot, "rsync.sls", "rsync_hub:\n  modules:\n    backups:\n      user: backup\n"
                + "      password: s3cret\n");
        write(fileRoot, "backup.sls", "www-backup:\n  rsync.synced:\n    - name: " + www.getParent() + "\n"
                + "    - module: backups\n    - path: {{ grains['id'] }}/www\n    - delete: True\n");
        Path web1Dir = Files.createDirectories(backups.resolve("web1"));
        // As an operator would: a root master's modules write as rsync's user nobody.
        if ("root".equals(System.getProperty("user.name"))) {
            Files.setOwner(web1Dir, web1Dir.getFileSystem().getUserPrincipalLookupService()
                    .lookupPrincipalByName(io.jsalt.master.rsync.RsyncdConf.DEFAULT_UID));
        }
        Map<String, Object> hubOpt = Map.of("host", "127.0.0.1", "port", (long) fleet.master().hub().rsync().port());
        accepted("web1", Map.of(), o -> o.put("rsync_hub", hubOpt));

        Map<String, Object> first = ret(cli().publish("web1", "glob", "state.apply", List.of("backup"), Map.of(), 60),
                "web1");
        assertEquals(0L, first.get("retcode"), first.toString());
        Map<String, Object> pushed = only(first, "www-backup");
        assertEquals(true, pushed.get("result"), pushed.toString());
        assertTrue(((List<Object>) Data.get(pushed, "changes:copied", List.of())).containsAll(
                List.of("index.html", "img/logo.txt")), pushed.toString());
        assertEquals("<h1>web1</h1>\n", Files.readString(backups.resolve("web1/www/index.html")));

        Map<String, Object> again = only(ret(cli().publish("web1", "glob", "state.apply", List.of("backup"), Map.of(),
                60), "web1"), "www-backup");
        assertEquals(true, again.get("result"), again.toString());
        assertEquals(Map.of(), again.get("changes"), "second run changes nothing");

        Files.writeString(www.getParent().resolve("index.html"), "<h1>web1 v2</h1>\n");
        Files.writeString(backups.resolve("web1/www/stale.html"), "old\n");
        Map<String, Object> test = only(ret(cli().publish("web1", "glob", "state.apply", List.of("backup"),
                Map.of("test", true), 60), "web1"), "www-backup");
        assertNull(test.get("result"), test.toString());
        assertEquals(List.of("index.html"), Data.get(test, "changes:copied", null));
        assertEquals(List.of("stale.html"), Data.get(test, "changes:deleted", null));
        assertEquals("<h1>web1</h1>\n", Files.readString(backups.resolve("web1/www/index.html")), "test=True moved nothing");
        assertTrue(Files.exists(backups.resolve("web1/www/stale.html")));

        Map<String, Object> repaired = only(ret(cli().publish("web1", "glob", "state.apply", List.of("backup"), Map.of(),
                60), "web1"), "www-backup");
        assertEquals(true, repaired.get("result"), repaired.toString());
        assertEquals("<h1>web1 v2</h1>\n", Files.readString(backups.resolve("web1/www/index.html")));
        assertFalse(Files.exists(backups.resolve("web1/www/stale.html")));
    }

    @Test
    @SuppressWarnings("unchecked")
    void aTemplateOnOneMinionRendersAnotherMinionsMineData() throws Exception {
        startMaster(o -> { });
        Map<String, Object> mine = new LinkedHashMap<>();
        mine.put("network.ip_addrs", List.of());
        mine.put("grains.item", List.of("role"));
        accepted("db1", Map.of("role", "masterdb"), o -> o.put("mine_functions", mine));
        accepted("web1", Map.of("role", "web"), o -> { });
        TestFleet.await(() -> ((Map<?, ?>) cli().runner("mine.get", List.of("db1", "grains.item"), Map.of())).size() == 1,
                "db1's mine sent at start");
        List<Object> dbAddrs = (List<Object>) cli().publish("db1", "glob", "network.ip_addrs", List.of(), Map.of(), 10)
                .returns().get("db1");

        Path peers = tmp.resolve("web1-out/peers.conf");
        Path role = tmp.resolve("web1-out/db-role");
        // The file template reads the mine; so does the SLS itself while it renders.
        write(fileRoot, "peers.jinja", "{% for id, addrs in salt['mine.get']('*', 'network.ip_addrs') | dictsort %}"
                + "{{ id }} {{ addrs | join(' ') }}\n{% endfor %}");
        write(fileRoot, "peers.sls", "{% set db = salt['mine.get']('role:masterdb', 'grains.item', tgt_type='grain') %}\n"
                + "peers:\n  file.managed:\n    - name: " + peers + "\n    - source: salt://peers.jinja\n"
                + "    - template: jinja\n    - makedirs: True\n"
                + "db-role:\n  file.managed:\n    - name: " + role + "\n"
                + "    - contents: {{ db['db1']['role'] }} on {{ db | list | join(',') }}\n");
        Map<String, Object> r = ret(cli().publish("web1", "glob", "state.apply", List.of("peers"), Map.of(), 60), "web1");
        assertEquals(0L, r.get("retcode"), r.toString());
        assertEquals("db1 " + String.join(" ", dbAddrs.stream().map(String::valueOf).toList()) + "\n",
                Files.readString(peers));
        assertEquals("masterdb on db1\n", Files.readString(role));

        // The same data through state.show_sls: the SLS renders with the mine value in place.
        Object shown = cli().publish("web1", "glob", "state.show_sls", List.of("peers"), Map.of(), 30).returns()
                .get("web1");
        List<Object> fileArgs = (List<Object>) Data.get(shown, "db-role:file", null);
        assertTrue(fileArgs.contains(Map.of("contents", "masterdb on db1")), String.valueOf(shown));
    }

    @Test
    @SuppressWarnings("unchecked")
    void reactorAppliesAStateFromFileRootsOnTheMinionThatStarted() throws Exception {
        Path out = tmp.resolve("reacted");
        startMaster(o -> o.put("reactor", List.of(Map.of("salt/minion/*/start", List.of("salt://reactor/start.sls")))));
        write(fileRoot, "reactor/start.sls", """
                {% if data['id'].startswith('web') %}
                apply_on_start:
                  local.state.apply:
                    - tgt: {{ data['id'] }}
                    - arg:
                      - started
                {% endif %}
                """);
        write(fileRoot, "started.sls", "started-marker:\n  file.managed:\n    - name: " + out
                + "/{{ grains['id'] }}\n    - makedirs: True\n    - contents: started by {{ grains['id'] }}\n");

        fleet.acceptedMinion("web1", Map.of());
        fleet.acceptedMinion("db1", Map.of());
        TestFleet.await(() -> Files.exists(out.resolve("web1")), "web1 applied the state on start", Duration.ofSeconds(40));
        assertEquals("started by web1\n", Files.readString(out.resolve("web1")));

        Map<String, Object> jobs = (Map<String, Object>) cli().runner("jobs.list_jobs", List.of(),
                Map.of("search_function", "state.apply"));
        List<Object> targets = new ArrayList<>();
        jobs.values().forEach(j -> targets.add(((Map<String, Object>) j).get("Target")));
        assertEquals(List.of("web1"), targets, "one state.apply, at web1 only: " + jobs);
        String jid = jobs.keySet().iterator().next();
        TestFleet.await(() -> fleet.master().cache().returns(jid).containsKey("web1"), "the state return is cached");
        assertEquals(0L, fleet.master().cache().returns(jid).get("web1").get("retcode"));
        assertFalse(Files.exists(out.resolve("db1")), "the Jinja condition left db1 alone");
    }

    @Test
    void dnsFollowsTheMastersOwnPillarFilesAfterDnsRefresh() throws Exception {
        startMaster(o -> {
            o.put("id", "hub-master");
            o.put("pillar_watch", false);
            o.put("dns_hub", Map.of("zone", "fleet.internal", "listen", "127.0.0.1", "port", 0L, "ttl", 30L,
                    "refresh", 3600L));
        });
        // Pillar targeted at the master's own id; a minion matching '*' must not get it.
        write(pillarRoot, "top.sls", "base:\n  hub-master:\n    - infra\n");
        Path infra = pillarRoot.resolve("infra.sls");
        Files.writeString(infra, "infra:\n  hosts_entries:\n    mail: 10.1.0.25\n    backup: [10.1.0.31, 10.1.0.32]\n"
                + "  db_servers:\n    masterdb: db1\n");
        Dig dig = new Dig(fleet.master().hub().dns().port());
        fleet.acceptedMinion("db1", Map.of("ipv4", List.of("10.1.0.5"), "roles", List.of("db")));
        fleet.acceptedMinion("db2", Map.of("ipv4", List.of("10.1.0.6"), "roles", List.of("db")));
        cli().runner("dns.refresh", List.of(), Map.of());

        assertEquals(List.of("10.1.0.25"), dig.shortAnswer("mail.fleet.internal", "A"));
        assertEquals(List.of("10.1.0.31", "10.1.0.32"), dig.shortAnswer("backup.fleet.internal", "A"));
        assertEquals(List.of("10.1.0.5"), dig.shortAnswer("masterdb.fleet.internal", "A"), "masterdb: db1");
        assertEquals(Map.of(), fleet.master().minions().get("db1").pillar(), "the master's pillar is not db1's");
        assertNull(fleet.master().minions().get("hub-master"), "compiling the master's pillar adds no minion");

        // Fail over: edit the pillar file, refresh through the runner, no restart (the pillar
        // watch is off here, so the runner is what makes it visible).
        Files.writeString(infra, Files.readString(infra).replace("masterdb: db1", "masterdb: db2"));
        Object refreshed = cli().runner("dns.refresh", List.of(), Map.of());
        assertEquals(true, Data.get(refreshed, "changed", null), String.valueOf(refreshed));
        assertEquals(List.of("10.1.0.6"), dig.shortAnswer("masterdb.fleet.internal", "A"), "masterdb moved to db2");
        assertEquals(List.of("10.1.0.25"), dig.shortAnswer("mail.fleet.internal", "A"));

        // A broken edit is reported and keeps the last good records.
        Files.writeString(infra, "infra:\n  hosts_entries: [unclosed\n");
        Object broken = cli().runner("dns.refresh", List.of(), Map.of());
        assertEquals(false, Data.get(broken, "changed", null), String.valueOf(broken));
        assertTrue(String.valueOf(Data.get(broken, "pillar_errors", null)).contains("infra"), String.valueOf(broken));
        assertEquals(List.of("10.1.0.6"), dig.shortAnswer("masterdb.fleet.internal", "A"), "masterdb kept");
    }

    /** Waits until hub.status gives REASON for not following pillar, then checks masterdb still answers KEPT. */
    private void awaitMasterdbKept(Dig dig, String reason, String kept) throws Exception {
        TestFleet.await(() -> reason.equals(Data.get(cli().runner("hub.status", List.of(), Map.of()),
                "dns:masterdb_error", null)), "hub.status says: " + reason, Duration.ofSeconds(10));
        assertEquals(List.of(kept), dig.shortAnswer("masterdb.fleet.internal", "A"), "last good answer kept");
    }

    /** Rewrites one line of a pillar file, as an operator (or pillar.edit) does. */
    private static void edit(Path file, String from, String to) throws java.io.IOException {
        String text = Files.readString(file);
        assertTrue(text.contains(from), file + " lacks " + from);
        Files.writeString(file, text.replace(from, to));
    }

    /**
     * The db tier's fail-over: masterdb follows infra:hosts_entries:masterdb in the pillar
     * file, with no command, whatever the value names (an address, a name in the zone, a
     * minion id), and keeps its last good answer, saying why, when the pillar names it wrongly.
     * The same single compile rewrites the rsync hub's secrets. The fallback timer is an hour,
     * so only the watch can make these changes visible.
     */
    @Test
    @SuppressWarnings("unchecked")
    void pillarEditsReachDnsAndTheRsyncHubWithoutACommand() throws Exception {
        write(Files.createDirectories(tmp.resolve("pillar")), "top.sls", "base:\n  hub-master:\n    - infra\n");
        Path infra = tmp.resolve("pillar").resolve("infra.sls");
        Files.writeString(infra, "infra:\n  hosts_entries:\n    db1: 10.1.0.5\n    masterdb: db1\n");
        startMaster(o -> {
            o.put("id", "hub-master");
            o.put("dns_hub", Map.of("zone", "fleet.internal", "listen", "127.0.0.1", "port", 0L, "ttl", 30L,
                    "refresh", 3600L));
            o.put("rsync_hub", Map.of("listen", "127.0.0.1", "port", 0L, "modules", Map.of("backups", Map.of(
                    "path", tmp.resolve("hub-backups").toString(), "secrets_pillar", "rsync_hub:modules:backups"))));
        });
        Dig dig = new Dig(fleet.master().hub().dns().port());
        // No IPv6 grains: this host's own would join every minion's addresses in the messages.
        fleet.acceptedMinion("db1", Map.of("ipv4", List.of("10.1.0.5"), "ipv6", List.of(), "roles", List.of("db")));
        fleet.acceptedMinion("db2", Map.of("ipv4", List.of("10.1.0.6"), "ipv6", List.of(), "roles", List.of("db")));
        fleet.acceptedMinion("mail1.corp.example", Map.of("ipv4", List.of("10.1.0.25"), "ipv6", List.of(),
                "roles", List.of("mail")));
        TestFleet.await(() -> dig.shortAnswer("mail1.fleet.internal", "A").equals(List.of("10.1.0.25")), "mail1 in DNS");
        assertEquals(List.of("10.1.0.5"), dig.shortAnswer("masterdb.fleet.internal", "A"), "a name in the zone");

        // Each value form, written to the file and answered with no command. The bound is
        // generous for a loaded CI host; the watch's own delay is 200 ms (printed below).
        long start = System.nanoTime();
        edit(infra, "masterdb: db1", "masterdb: db2");
        TestFleet.await(() -> dig.shortAnswer("masterdb.fleet.internal", "A").equals(List.of("10.1.0.6")),
                "masterdb follows the edit to the minion id db2", Duration.ofSeconds(10));
        System.out.printf("pillar edit to DNS answer: %d ms%n", (System.nanoTime() - start) / 1_000_000);
        edit(infra, "masterdb: db2", "masterdb: 10.1.0.5");
        TestFleet.await(() -> dig.shortAnswer("masterdb.fleet.internal", "A").equals(List.of("10.1.0.5")),
                "masterdb follows the edit to an address", Duration.ofSeconds(10));

        // The alias disagreeing: the last good answer stays and hub.status says why.
        Files.writeString(infra, Files.readString(infra) + "  db_servers:\n    masterdb: db2\n");
        String disagree = "infra:hosts_entries:masterdb: '10.1.0.5' (10.1.0.5) disagrees with"
                + " infra:db_servers:masterdb: 'db2' (10.1.0.6); masterdb keeps 10.1.0.5";
        awaitMasterdbKept(dig, disagree, "10.1.0.5");

        // A host without the db role: kept, and the reason names the key, the value and the role.
        edit(infra, "  db_servers:\n    masterdb: db2\n", "");
        edit(infra, "masterdb: 10.1.0.5", "masterdb: mail1.corp.example");
        String noRole = "infra:hosts_entries:masterdb: 'mail1.corp.example' (10.1.0.25) is minion mail1.corp.example,"
                + " which lacks the db role (grains role/roles); masterdb keeps 10.1.0.5";
        awaitMasterdbKept(dig, noRole, "10.1.0.5");

        // Back to a db host: served again, the reason gone.
        edit(infra, "masterdb: mail1.corp.example", "masterdb: db2");
        TestFleet.await(() -> dig.shortAnswer("masterdb.fleet.internal", "A").equals(List.of("10.1.0.6")),
                "masterdb back on db2", Duration.ofSeconds(10));
        assertNull(Data.get(cli().runner("hub.status", List.of(), Map.of()), "dns:masterdb_error", null));

        // The rsync hub's secrets follow a new pillar file in a new directory, from the same watch.
        Path secrets = Path.of((String) Data.get(cli().runner("hub.status", List.of(), Map.of()), "rsync:config", null))
                .resolveSibling("secrets").resolve("backups.secrets");
        assertFalse(Files.exists(secrets), "no secrets in pillar yet");
        write(pillarRoot, "top.sls", "base:\n  hub-master:\n    - infra\n    - hub.rsync\n");
        write(pillarRoot, "hub/rsync.sls", "rsync_hub:\n  modules:\n    backups: {user: backup, password: s3cret}\n");
        TestFleet.await(() -> Files.exists(secrets) && Files.readString(secrets).equals("backup:s3cret\n"),
                "rsync secrets written from pillar", Duration.ofSeconds(10));
        edit(pillarRoot.resolve("hub/rsync.sls"), "s3cret", "n3w");
        TestFleet.await(() -> Files.readString(secrets).equals("backup:n3w\n"), "rsync secrets follow the edit",
                Duration.ofSeconds(10));
        assertEquals(List.of("10.1.0.6"), dig.shortAnswer("masterdb.fleet.internal", "A"));
    }
}
