package io.jsalt.minion.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jsalt.common.cli.Commands;
import io.jsalt.common.data.Data;
import io.jsalt.common.py.PyJson;
import io.jsalt.minion.CallMain;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The repository's example fleet (states/ and pillar/ at the top of the checkout), rendered
 * masterless as each role's host would render it: the whole top with the example pillar
 * compiles to the states the role needs, and each kind of bad pillar fails the render with
 * a message naming the pillar key, before any state could run. Nothing is applied here;
 * FleetRolesSystemTest applies the trees inside test hosts.
 */
class FleetTreesTest {
    @TempDir
    Path tmp;

    /** The checkout's top directory, found from the module directory Maven runs tests in. */
    static Path checkout() {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve("states/top.sls")) && Files.isRegularFile(d.resolve("pillar/top.sls"))) {
                return d;
            }
        }
        throw new IllegalStateException("states/top.sls not found above " + Path.of("").toAbsolutePath());
    }

    /**
     * A copy of the example pillar with OVERRIDES (pillar YAML) added last for every host, as
     * an operator's own pillar file would be, so a case changes one key and keeps the rest.
     */
    static Path pillarWith(Path dir, String overrides) throws IOException {
        Path pillar = dir.resolve("pillar");
        Files.createDirectories(pillar);
        try (var files = Files.list(checkout().resolve("pillar"))) {
            for (Path f : files.toList()) {
                Files.copy(f, pillar.resolve(f.getFileName().toString()));
            }
        }
        Files.writeString(pillar.resolve("zz_overrides.sls"), overrides);
        Files.writeString(pillar.resolve("top.sls"), Files.readString(pillar.resolve("top.sls"))
                + "  # The test's overrides, merged over everything above (a second '*' key would be a duplicate).\n  '?*':\n    - zz_overrides\n");
        return pillar;
    }

    /** A masterless minion config for host ID with the roles grain ROLES. */
    static String minionConfig(String root, String id, List<String> roles, Path states, Path pillar) {
        return """
                id: %s
                file_client: local
                root_dir: %s
                grains:
                  roles: %s
                file_roots:
                  base:
                    - %s
                pillar_roots:
                  base:
                    - %s
                """.formatted(id, root, roles, states, pillar);
    }

    private record Out(int code, Object local, String text) { }

    private Out call(String id, List<String> roles, String overrides, String... fun) throws IOException {
        Path dir = Files.createTempDirectory(tmp, id);
        Path pillar = pillarWith(dir, overrides);
        Path conf = dir.resolve("conf");
        Files.createDirectories(conf);
        Files.writeString(conf.resolve("minion"),
                minionConfig(dir.resolve("root").toString(), id, roles, checkout().resolve("states"), pillar));
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        int code;
        try {
            String[] args = new String[fun.length + 5];
            System.arraycopy(new String[] {"--local", "-c", conf.toString(), "--out", "json"}, 0, args, 0, 5);
            System.arraycopy(fun, 0, args, 5, fun.length);
            code = Commands.run(new CallMain(), args);
        } finally {
            System.setOut(old);
        }
        // Only the outputter's text: logback may print its own status lines first in a test JVM.
        String text = buf.toString(StandardCharsets.UTF_8);
        int start = text.indexOf("{\n");
        Object json = PyJson.loads(start < 0 ? "{}" : text.substring(start));
        return new Out(code, ((Map<?, ?>) json).get("local"), text);
    }

    /** State ids and functions ("id mod.fun") of a show_highstate result. */
    private static TreeSet<String> states(Object local) {
        TreeSet<String> out = new TreeSet<>();
        for (Map.Entry<?, ?> e : ((Map<?, ?>) local).entrySet()) {
            for (Map.Entry<?, ?> m : ((Map<?, ?>) e.getValue()).entrySet()) {
                if (!m.getKey().toString().startsWith("__")) {
                    String fun = ((List<?>) m.getValue()).stream().filter(String.class::isInstance).findFirst()
                            .map(Object::toString).orElse("?");
                    out.add(e.getKey() + " " + m.getKey() + "." + fun);
                }
            }
        }
        return out;
    }

    private static String contents(Object local, String id) {
        for (Object v : (List<?>) ((Map<?, ?>) ((Map<?, ?>) local).get(id)).get("file")) {
            if (v instanceof Map<?, ?> m && m.containsKey("contents")) {
                return m.get("contents").toString();
            }
        }
        throw new AssertionError("no contents for " + id);
    }

    /** The render's states ("id mod.fun"), asserting it succeeded and holds each of WANT. */
    private static TreeSet<String> rendered(Out out, String... want) {
        assertEquals(0, out.code(), out.text());
        TreeSet<String> s = states(out.local());
        for (String w : want) {
            assertTrue(s.contains(w), w + " in " + s);
        }
        return s;
    }

    /** The argument list of state ID's MODULE function in a show_sls/show_highstate result. */
    private static List<?> stateArgs(Object local, String id, String module) {
        return (List<?>) ((Map<?, ?>) ((Map<?, ?>) local).get(id)).get(module);
    }

    @Test
    void everyHostGetsTheCommonStates() throws IOException {
        Out out = call("sessions1", List.of("sessions"), "{}", "state.show_highstate");
        TreeSet<String> s = rendered(out, "hosts-master host.present", "hosts-smtp host.present",
                "/etc/resolv.conf file.managed", "exim4-daemon-light pkg.installed", "exim4 service.running",
                "/etc/exim4/update-exim4.conf.conf file.managed", "/etc/jsalt/minion file.managed",
                "rsync pkg.installed", "/etc/fleet/app-db.conf file.managed");
        assertEquals("# Managed by jsalt (states/common/resolver.sls): the fleet's DNS hub.\n"
                + "search fleet.internal\nnameserver 10.77.0.1\n", contents(out.local(), "/etc/resolv.conf"));
        String minion = contents(out.local(), "/etc/jsalt/minion");
        assertEquals(Data.map("id", "sessions1", "master", "10.77.0.1", "grains", Data.map("roles", List.of("sessions")),
                "startup_states", "highstate", "rsync_hub", Data.map("host", "10.77.0.1")),
                io.jsalt.common.data.Yaml.load(minion, "/etc/jsalt/minion"));
        String exim = contents(out.local(), "/etc/exim4/update-exim4.conf.conf");
        assertTrue(exim.contains("dc_eximconfig_configtype='satellite'\n"), exim);
        assertTrue(exim.contains("dc_smarthost='smtp.fleet.internal'\n"), exim);
        // A role's states go only to hosts with the role.
        assertFalse(s.stream().anyMatch(x -> x.startsWith("mariadb") || x.startsWith("gitolite")), s.toString());
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
        "mail1     | mail     | /etc/exim4/update-exim4.conf.conf file.managed",
        "src1      | source   | gitolite-compile cmd.run",
        "db1       | db       | mariadb-grant-app-1 mysql_grants.present",
        "db2       | db       | mariadb-replica test.configurable_test_state",
        "sessions1 | sessions | /etc/memcached.conf file.managed",
    })
    void eachRoleRendersWithTheExamplePillar(String id, String role, String oneState) throws IOException {
        Out out = call(id, List.of(role), "{}", "state.show_highstate");
        assertEquals(0, out.code(), out.text());
        assertTrue(states(out.local()).contains(oneState), oneState + " in " + states(out.local()));
    }

    @Test
    void roleStatesTakeTheirAddressesAndSecretsFromPillar() throws IOException {
        Object mail = call("mail1", List.of("mail"), "{}", "state.show_highstate").local();
        String exim = contents(mail, "/etc/exim4/update-exim4.conf.conf");
        for (String line : List.of("dc_eximconfig_configtype='internet'", "dc_local_interfaces='10.77.0.11'",
                "dc_relay_nets='10.77.0.0/24'", "dc_other_hostnames='fleet.internal:mail1.fleet.internal'")) {
            assertTrue(exim.contains(line + "\n"), line + " in " + exim);
        }
        Object sessions = call("sessions1", List.of("sessions"), "redis: {password: pw-from-pillar}",
                "state.show_highstate").local();
        String redis = contents(sessions, "/etc/redis/redis.conf");
        assertTrue(redis.contains("\nbind 10.77.0.14\n") && redis.contains("\nrequirepass pw-from-pillar\n"), redis);
        assertTrue(contents(sessions, "/etc/memcached.conf").contains("\n-l 10.77.0.14\n"));
        Object db = call("db1", List.of("db", "masterdb"), "mariadb: {server_id: 7}", "state.show_highstate").local();
        String cnf = contents(db, "/etc/mysql/mariadb.conf.d/60-fleet.cnf");
        assertTrue(cnf.contains("bind-address = 10.77.0.13\nserver-id = 7\n"), cnf);
        Object src = call("src1", List.of("source"), "gitolite: {repositories: {new-repo: {RW+: [admin, '@devs']}}}",
                "state.show_highstate").local();
        String conf = contents(src, "/var/lib/gitolite3/.gitolite/conf/gitolite.conf");
        assertTrue(conf.contains("repo new-repo\n    RW+  = admin @devs\n"), conf);
    }

    @Test
    void hostsWithDataGetTheBackupScheduleFromPillar() throws IOException {
        Map<String, Object> job = Data.map("function", "state.apply", "args", List.of("backup"), "minutes", 60L);
        assertEquals(Data.map("fleet-backup", job),
                call("db1", List.of("db"), "{}", "pillar.get", "schedule").local());
        assertEquals(Data.map("fleet-backup", job),
                call("src1", List.of("source"), "{}", "pillar.get", "schedule").local());
        assertEquals("", call("sessions1", List.of("sessions"), "{}", "pillar.get", "schedule").local());
        Out backup = call("db1", List.of("db"), "{}", "state.show_sls", "backup");
        assertEquals(0, backup.code(), backup.text());
        assertTrue(states(backup.local()).contains("backup-push-db rsync.synced"), states(backup.local()).toString());
    }

    /**
     * The database primary is whatever pillar infra:hosts_entries:masterdb names (a name of
     * hosts_entries or an address; states/fleet/masterdb.jinja): /etc/hosts, the
     * applications' config and the db states all follow it.
     */
    @ParameterizedTest(name = "masterdb: {0}")
    @CsvSource({"db1, 10.77.0.13", "db2, 10.77.0.15", "10.77.0.15, 10.77.0.15"})
    void hostsAndAppConfigFollowMasterdb(String masterdb, String address) throws IOException {
        Out out = call("mail1", List.of("mail"), "infra: {hosts_entries: {masterdb: '" + masterdb + "'}}",
                "state.show_highstate");
        rendered(out);
        assertTrue(contents(out.local(), "/etc/fleet/app-db.conf").contains("\nhost = " + address + "\n"),
                contents(out.local(), "/etc/fleet/app-db.conf"));
        List<?> masterdbHost = stateArgs(out.local(), "hosts-masterdb", "host");
        assertTrue(masterdbHost.contains(Map.of("ip", address)), masterdbHost.toString());
        // A moved name leaves its old address's line: host.present's clean (salt/states/host.py).
        assertTrue(masterdbHost.contains(Map.of("clean", true)), masterdbHost.toString());
    }

    @Test
    void theHostMasterdbNamesIsThePrimaryAndTheOthersReplicas() throws IOException {
        // db2 named: the primary's states (writable, databases, users, the replication account).
        Out primary = call("db2", List.of("db"), "infra: {hosts_entries: {masterdb: db2}}", "state.show_highstate");
        TreeSet<String> s = rendered(primary, "mariadb-primary cmd.run", "mariadb-database-app mysql_database.present",
                "mariadb-replication-user mysql_user.present", "mariadb-replication-grant mysql_grants.present",
                "mariadb-tls-certificate cmd.run", "mariadb-tls-mine module.run");
        assertFalse(s.stream().anyMatch(x -> x.startsWith("mariadb-replica ")), s.toString());
        assertTrue(contents(primary.local(), "/etc/mysql/mariadb.conf.d/61-fleet-role.cnf").contains("read-only = OFF\n"));
        assertTrue(contents(primary.local(), "/etc/mysql/mariadb.conf.d/60-fleet.cnf")
                .contains("server-id = 15\nlog-bin = mysql-bin\nbinlog-format = ROW\nlog-slave-updates = ON\n"));
        // db1 then is a replica: no users or databases of its own (they come by replication),
        // read-only; masterless, the mine has no certificate of db2, so it says so and fails.
        Out replica = call("db1", List.of("db"), "infra: {hosts_entries: {masterdb: db2}}", "state.show_highstate");
        s = rendered(replica, "mariadb-replica test.configurable_test_state");
        assertFalse(s.stream().anyMatch(x -> x.contains("mysql_") || x.startsWith("mariadb-primary")), s.toString());
        assertTrue(contents(replica.local(), "/etc/mysql/mariadb.conf.d/61-fleet-role.cnf").contains("read-only = ON\n"));
        assertTrue(replica.text().contains("the primary 10.77.0.15 (pillar infra:hosts_entries:masterdb) has no certificate"
                + " in the mine"), replica.text());
    }

    @Test
    void onlyThePrimaryDumpsItsDatabases() throws IOException {
        Out primary = call("db1", List.of("db"), "{}", "state.show_sls", "backup");
        rendered(primary, "backup-mariadb-dump cmd.run", "backup-push-db rsync.synced");
        assertTrue(primary.text().contains("--single-transaction --gtid --master-data=2"), primary.text());
        assertTrue(primary.text().contains("mariadb-primary"), primary.text());
        Out replica = call("db2", List.of("db"), "{}", "state.show_sls", "backup");
        rendered(replica);
        assertFalse(replica.text().contains("backup-mariadb-dump"), replica.text());
        // db.restore on a replica pulls the primary's dump; on the primary it refuses.
        rendered(call("db2", List.of("db"), "{}", "state.show_sls", "db.restore"), "mariadb-restore-import cmd.run");
        Out refused = call("db1", List.of("db"), "{}", "state.show_sls", "db.restore");
        assertTrue(refused.text().contains("this host is the database primary"), refused.text());
    }

    /** db.catchup takes the old primary from the call's pillar= and checks it like any pillar value. */
    @Test
    void catchUpReadsTheOldPrimaryFromTheCallsPillar() throws IOException {
        Out ok = call("db2", List.of("db"), "{}", "state.show_sls", "db.catchup", "pillar={\"catchup_from\": \"10.77.0.13\"}");
        rendered(ok, "mariadb-catch-up cmd.run");
        assertTrue(ok.text().contains("fleet-db catch-up 10.77.0.13 60"), ok.text());
        Out bad = call("db2", List.of("db"), "{}", "state.show_sls", "db.catchup", "pillar={\"catchup_from\": \"db1; id\"}");
        assertTrue(bad.text().contains("pillar key catchup_from is not an IPv4 address"), bad.text());
    }

    /**
     * The primary-move orchestration renders on the master with its own pillar and `new`,
     * in Salt's orchestrate syntax (salt/states/saltmod.py): salt.function, salt.state,
     * salt.runner, with require and onfail.
     */
    @Test
    void theMoveOrchestrationRenders() throws IOException {
        Out out = call("master", List.of(), "new: db2", "state.show_sls", "orch.masterdb");
        assertEquals(new TreeSet<>(List.of("apply-db-roles salt.state", "apply-fleet-names salt.state",
                "lock-old-primary salt.function", "new-primary-caught-up salt.state", "new-primary-writable salt.function",
                "reapply-db-roles salt.state", "switch-masterdb salt.runner", "undo-switch salt.runner",
                "unlock-old-primary salt.function")), rendered(out));
        List<?> lock = stateArgs(out.local(), "lock-old-primary", "salt");
        assertTrue(lock.contains(Map.of("tgt", "10.77.0.13")) && lock.contains(Map.of("tgt_type", "ipcidr")), lock.toString());
        List<?> sw = stateArgs(out.local(), "switch-masterdb", "salt");
        assertTrue(sw.contains(Map.of("arg", List.of("infra:hosts_entries:masterdb", "db2"))), sw.toString());
        List<?> undo = stateArgs(out.local(), "undo-switch", "salt");
        assertTrue(undo.contains(Map.of("arg", List.of("infra:hosts_entries:masterdb", "db1"))), undo.toString());

        Out same = call("master", List.of(), "new: db1", "state.show_sls", "orch.masterdb");
        assertEquals(Set.of("already-primary test.succeed_without_changes"), Set.copyOf(rendered(same)));
        Out missing = call("master", List.of(), "{}", "state.show_sls", "orch.masterdb");
        assertTrue(missing.text().contains("pillar key new is missing"), missing.text());
        Out unknown = call("master", List.of(), "new: db9", "state.show_sls", "orch.masterdb");
        assertTrue(unknown.text().contains("pillar key new is not a host of infra:hosts_entries"), unknown.text());
    }

    @Test
    void theMastersOwnPillarHasTheHubsData() throws IOException {
        // The master compiles pillar for its id with grains holding only id (docs/dns-hub.md).
        Out out = call("master", List.of(), "{}", "pillar.items");
        Map<?, ?> p = assertInstanceOf(Map.class, out.local());
        assertEquals("db1", Data.get(p, "infra:hosts_entries:masterdb", null));
        assertEquals("backup", Data.get(p, "rsync_hub:modules:backups:user", null));
        assertFalse(p.containsKey("schedule"));
        assertFalse(p.containsKey("redis"));
    }

    /**
     * Bad pillar fails the whole render, so the highstate applies nothing and the host keeps
     * what it had. Salt's own `raise` global (salt/utils/jinja.py, raise_error) gives the
     * message; the states' checks name the key.
     */
    @ParameterizedTest(name = "{2}")
    @CsvSource(delimiter = '|', value = {
        "sessions1 | sessions | redis:password is missing                  | redis: {password: ''}",
        "sessions1 | sessions | redis:password must not contain whitespace | 'redis: {password: \"a b\"}'",
        "sessions1 | sessions | redis:port must be an integer              | 'redis: {port: \"6379; x\"}'",
        "sessions1 | sessions | infra:nameserver is not an IPv4 address    | 'infra: {nameserver: 10.77.0.300}'",
        "mail1     | mail     | infra:subnet is not an IPv4 network        | 'infra: {subnet: 10.77.0.1}'",
        "mail1     | mail     | infra:hosts_entries:mail1 is not an IPv4   | 'infra: {hosts_entries: {mail1: mail.example}}'",
        "db1       | db       | infra:hosts_entries:db1 is missing         | 'infra: {hosts_entries: {db1: null}}'",
        "db1       | db       | mariadb:users:app:password is missing      | 'mariadb: {users: {app: {password: null}}}'",
        "db1       | db       | mariadb:users:app:host must be a host      | 'mariadb: {users: {app: {host: \"x''; drop\"}}}'",
        "db1       | db       | mariadb:replication:password is missing    | 'mariadb: {replication: {password: null}}'",
        "db2       | db       | mariadb:replication:user is not a valid name | 'mariadb: {replication: {user: \"r;x\"}}'",
        "db1       | db       | infra:hosts_entries:masterdb is neither an IPv4 address nor a name | 'infra: {hosts_entries: {masterdb: nosuch}}'",
        "mail1     | mail     | infra:hosts_entries:masterdb is neither an IPv4 address nor a name | 'infra: {hosts_entries: {masterdb: 10.77.0.0/24}}'",
        "src1      | source   | gitolite:admin_key is missing              | 'gitolite: {admin_key: null}'",
        "src1      | source   | gitolite:admin_key is not an ssh public key | 'gitolite: {admin_key: \"hello\"}'",
        "src1      | source   | gitolite:repositories (a repository name) is not a valid name | 'gitolite: {repositories: {../x: {R: [a]}}}'",
        "src1      | source   | rsync_hub:modules:backups:password is missing | 'rsync_hub: {modules: {backups: {password: null}}}'",
        "src1      | source   | infra:mail:smarthost is not a DNS name     | 'infra: {mail: {smarthost: \"a b\"}}'",
    })
    void badPillarFailsTheRenderNamingTheKey(String id, String role, String message, String overrides)
            throws IOException {
        Out out = call(id, List.of(role), overrides, "state.show_highstate");
        assertEquals(1, out.code(), out.text());
        List<?> errors = assertInstanceOf(List.class, out.local(), out.text());
        assertTrue(errors.toString().contains("pillar key " + message), errors.toString());
    }
}
