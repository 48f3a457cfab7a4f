package io.jsalt.minion.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jsalt.minion.testhost.TestHost;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The example fleet's role states applied for real: each test makes one throwaway test host,
 * gives it its fleet address, writes the roles grain and runs the checkout's states/ and
 * pillar/ masterless (`jsalt-call --local state.apply`) twice: the first run succeeds, the
 * second changes nothing. Then the role's service is checked with its own client on the
 * fleet address. Slow (Debian packages fetched into the hosts' apt cache the first time, a
 * few server packages installed per host): only with -Djsalt.systemTests=true.
 */
@EnabledIfSystemProperty(named = "jsalt.systemTests", matches = "true")
class FleetRolesSystemTest {
    /** Packages every host's common state installs. */
    private static final List<String> COMMON = List.of("exim4-daemon-light", "rsync");

    /** One host with its role and the test's pillar overrides, its config under /etc/fleet-test. */
    private static final class Fleet implements AutoCloseable {
        final TestHost host;
        final String id;
        final String address;
        final List<String> roles;

        Fleet(String name, String id, String address, List<String> roles, List<String> packages) {
            assumeTrue(Files.exists(Path.of("/etc/debian_version")), "needs Debian");
            this.host = TestHost.create(name);
            this.id = id;
            this.address = address;
            this.roles = roles;
            List<String> all = new ArrayList<>(COMMON);
            all.addAll(packages);
            // Before the states point resolv.conf at the fleet's DNS hub: fetch needs the machine's.
            host.fetch(all.toArray(String[]::new));
            // The fleet address on an interface of its own. A veth pair, not a dummy link: the
            // machine's kernel may lack the dummy module, and a host cannot load one.
            sh("ip link add fleet0 type veth peer name fleet1 && ip addr add " + address
                    + "/24 dev fleet0 && ip link set fleet0 up && ip link set fleet1 up");
        }

        /** A bash command line (bash, not the host's sh: the checks use /dev/tcp); must succeed. */
        String sh(String command) {
            TestHost.Result r = trySh(command);
            assertTrue(r.ok(), command + ":\n" + r.output());
            return r.output();
        }

        TestHost.Result trySh(String command) {
            return host.exec("bash", "-c", command);
        }

        /** The checkout's pillar, plus OVERRIDES for every host, in /srv/pillar of the host. */
        void pillar(String overrides) throws IOException {
            Path dir = Files.createTempDirectory("fleet-pillar");
            try {
                Path p = FleetTreesTest.pillarWith(dir, overrides);
                sh("rm -rf /srv/pillar && mkdir -p /srv/pillar /etc/fleet-test");
                try (var files = Files.list(p)) {
                    for (Path f : files.toList()) {
                        host.write("/srv/pillar/" + f.getFileName(), Files.readString(f), "0600");
                    }
                }
            } finally {
                try (var files = Files.walk(dir)) {
                    files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
                }
            }
            host.write("/etc/fleet-test/minion", FleetTreesTest.minionConfig("/", id, roles,
                    FleetTreesTest.checkout().resolve("states"), Path.of("/srv/pillar")), "0600");
        }

        /** jsalt-call --local with the test's config; its exit code and the JSON of "local". */
        Object[] call(String... fun) throws Exception {
            return host.jsaltCall("/etc/fleet-test", 20, fun);
        }

        /** A highstate that must succeed; the states that changed something. */
        List<String> highstate() throws Exception {
            Object[] r = call("state.apply");
            Map<?, ?> states = assertInstanceOf(Map.class, r[1], (String) r[2]);
            List<String> changed = new ArrayList<>();
            for (Map.Entry<?, ?> e : states.entrySet()) {
                Map<?, ?> s = (Map<?, ?>) e.getValue();
                assertEquals(true, s.get("result"), e.getKey() + ": " + s.get("comment") + "\n" + r[2]);
                if (s.get("changes") instanceof Map<?, ?> ch && !ch.isEmpty()) {
                    changed.add(e.getKey().toString());
                }
            }
            assertEquals(0, r[0], (String) r[2]);
            return changed;
        }

        /** The first highstate changes the host; the second, with nothing new, changes nothing. */
        void twice() throws Exception {
            long t0 = System.nanoTime();
            assertFalse(highstate().isEmpty());
            long t1 = System.nanoTime();
            assertEquals(List.of(), highstate());
            System.out.printf("[fleet] %s: first highstate %.1f s, second %.1f s (no changes)%n", id,
                    (t1 - t0) / 1e9, (System.nanoTime() - t1) / 1e9);
        }

        /** A highstate with bad pillar: it fails naming KEY and applies nothing. */
        void refused(String overrides, String key) throws Exception {
            pillar(overrides);
            Object[] r = call("state.apply");
            assertEquals(1, r[0], (String) r[2]);
            List<?> errors = assertInstanceOf(List.class, r[1], (String) r[2]);
            assertTrue(errors.toString().contains("pillar key " + key), errors.toString());
        }

        /** The common state's results every role shares. */
        void checkCommon(boolean mailServer) {
            String hosts = sh("cat /etc/hosts");
            assertTrue(hosts.matches("(?s).*\\n10\\.77\\.0\\.11\\s[^\\n]*smtp\\.fleet\\.internal.*"), hosts);
            assertEquals("search fleet.internal\nnameserver 10.77.0.1\n",
                    sh("grep -v '^#' /etc/resolv.conf"));
            String minion = sh("cat /etc/jsalt/minion");
            assertTrue(minion.contains("\nstartup_states: highstate\n") && minion.contains("\nmaster: 10.77.0.1\n")
                    && minion.contains("\nid: " + id + "\n"), minion);
            String exim = sh("cat /etc/exim4/update-exim4.conf.conf");
            if (!mailServer) {
                assertTrue(exim.contains("dc_eximconfig_configtype='satellite'\n"), exim);
                // Where mail for the fleet's domain goes: through the smarthost, by its /etc/hosts
                // address (exim prints the address's first name there, mail1.fleet.internal).
                String route = sh("exim4 -bt someone@fleet.internal");
                assertTrue(route.contains("router = smarthost") && route.contains(" [10.77.0.11]"), route);
            }
            sh("/etc/init.d/exim4 status");
        }

        @Override
        public void close() {
            host.close();
        }
    }

    @Test
    void sessions() throws Exception {
        try (Fleet f = new Fleet("fleet-sessions", "sessions1", "10.77.0.14", List.of("sessions"),
                List.of("redis-server", "memcached"))) {
            f.pillar("redis: {password: sessions-test-pw}\n");
            f.twice();
            f.checkCommon(false);
            assertEquals("PONG\n", f.sh("redis-cli --no-auth-warning -h 10.77.0.14 -a sessions-test-pw ping"));
            assertTrue(f.trySh("redis-cli -h 10.77.0.14 ping").output().contains("NOAUTH"));
            assertFalse(f.trySh("redis-cli -h 127.0.0.1 -a sessions-test-pw ping").output().contains("PONG"),
                    "redis answers on the loopback");
            String mc = f.sh("exec 3<>/dev/tcp/10.77.0.14/11211; printf 'set k 0 0 2\\r\\nok\\r\\nget k\\r\\nquit\\r\\n' >&3;"
                    + " cat <&3");
            assertTrue(mc.contains("STORED") && mc.contains("VALUE k 0 2\r\nok"), mc);
            assertFalse(f.trySh("exec 3<>/dev/tcp/127.0.0.1/11211").ok(), "memcached listens on the loopback");
            // Bad pillar: nothing applied, redis keeps its password and keeps answering.
            f.refused("redis: {password: ''}\n", "redis:password is missing");
            f.refused("infra: {hosts_entries: {sessions1: 10.77.0.999}}\n", "infra:hosts_entries:sessions1");
            assertEquals("PONG\n", f.sh("redis-cli --no-auth-warning -h 10.77.0.14 -a sessions-test-pw ping"));
            assertTrue(f.sh("cat /etc/redis/redis.conf").contains("\nrequirepass sessions-test-pw\n"));
        }
    }

    @Test
    void db() throws Exception {
        try (Fleet f = new Fleet("fleet-db", "db1", "10.77.0.13", List.of("db", "masterdb"),
                List.of("mariadb-server"))) {
            f.pillar("mariadb: {users: {app: {password: db-test-pw}}}\n");
            f.twice();
            f.checkCommon(false);
            assertEquals("app\t13\n", f.sh("mysql -h 10.77.0.13 -u app -pdb-test-pw app -N -B "
                    + "-e 'select database(), @@server_id'"));
            String grants = f.sh("mysql -h 10.77.0.13 -u app -pdb-test-pw -N -B -e 'show grants'");
            assertTrue(grants.contains("GRANT SELECT, INSERT, UPDATE, DELETE ON `app`.* TO `app`@`10.77.0.%`"), grants);
            assertFalse(f.trySh("mysql -h 127.0.0.1 -u app -pdb-test-pw -e 'select 1'").ok(),
                    "MariaDB answers on the loopback");
            f.refused("mariadb: {users: {app: {password: null}}}\n", "mariadb:users:app:password is missing");
            assertEquals("1\n", f.sh("mysql -h 10.77.0.13 -u app -pdb-test-pw -N -B -e 'select 1'"));
        }
    }

    @Test
    void source() throws Exception {
        try (Fleet f = new Fleet("fleet-source", "src1", "10.77.0.12", List.of("source"),
                List.of("gitolite3", "openssh-server"))) {
            f.sh("mkdir -p /root/.ssh && ssh-keygen -q -t ed25519 -N '' -C admin@test -f /root/.ssh/id_ed25519");
            String key = f.sh("cat /root/.ssh/id_ed25519.pub").strip();
            f.pillar("gitolite: {admin_key: '" + key + "'}\n");
            f.twice();
            f.checkCommon(false);
            String ssh = "GIT_SSH_COMMAND='ssh -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o BatchMode=yes' ";
            f.sh(ssh + "git clone -q gitolite3@localhost:fleet-config /tmp/c1 && test -d /tmp/c1/.git");
            f.sh(ssh + "git clone -q gitolite3@10.77.0.12:gitolite-admin /tmp/c2 && test -f /tmp/c2/conf/gitolite.conf");
            assertFalse(f.trySh(ssh + "git clone -q gitolite3@localhost:new-repo /tmp/c3").ok());
            // A repository added in pillar exists after the next highstate.
            f.pillar("gitolite: {admin_key: '" + key + "', repositories: {new-repo: {RW+: [admin]}}}\n");
            assertTrue(f.highstate().stream().anyMatch(s -> s.contains("gitolite.conf")));
            f.sh(ssh + "git clone -q gitolite3@localhost:new-repo /tmp/c3 && test -d /tmp/c3/.git");
            assertEquals(List.of(), f.highstate());
            f.refused("gitolite: {admin_key: 'not a key'}\n", "gitolite:admin_key is not an ssh public key");
        }
    }

    @Test
    void mail() throws Exception {
        try (Fleet f = new Fleet("fleet-mail", "mail1", "10.77.0.11", List.of("mail"), List.of())) {
            f.pillar("{}\n");
            f.twice();
            f.checkCommon(true);
            String conf = f.sh("cat /etc/exim4/update-exim4.conf.conf");
            assertTrue(conf.contains("dc_eximconfig_configtype='internet'\n")
                    && conf.contains("dc_local_interfaces='10.77.0.11'\n")
                    && conf.contains("dc_relay_nets='10.77.0.0/24'\n"), conf);
            assertTrue(f.sh("exec 3<>/dev/tcp/10.77.0.11/25; head -c 4 <&3").startsWith("220 "));
            // A message to a mailbox of the fleet's domain is delivered.
            f.sh("useradd -m alice");
            String route = f.sh("exim4 -bt alice@fleet.internal");
            assertTrue(route.contains("router = local_user"), route);
            f.sh("printf 'Subject: fleet test\\n\\nhello\\n' | /usr/sbin/sendmail alice@fleet.internal");
            // Up to a minute: with the fleet's DNS hub out of reach here, exim's lookups time out first.
            f.sh("for i in $(seq 1 300); do grep -q 'fleet test' /var/mail/alice 2>/dev/null && exit 0; sleep 0.2;"
                    + " done; exim4 -bp; tail -20 /var/log/exim4/mainlog; exit 1");
            // Relay: accepted from the fleet's subnet, refused from outside (exim's -bh host checking).
            String smtp = "HELO t\\r\\nMAIL FROM:<x@fleet.internal>\\r\\nRCPT TO:<y@example.org>\\r\\nQUIT\\r\\n";
            String inside = f.sh("printf '" + smtp + "' | exim4 -bh 10.77.0.50 2>&1 | grep -E '^(250|550) ' | tail -1");
            assertTrue(inside.startsWith("250 Accepted"), inside);
            String outside = f.sh("printf '" + smtp + "' | exim4 -bh 192.0.2.7 2>&1 | grep -E '^(250|550) ' | tail -1");
            assertTrue(outside.startsWith("550 ") && outside.contains("relay not permitted"), outside);
            f.refused("infra: {subnet: 10.77.0.0}\n", "infra:subnet is not an IPv4 network");
        }
    }
}
