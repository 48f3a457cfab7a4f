package io.jsalt.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jsalt.minion.testhost.TestHost;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Both packages installed with apt-get in a throwaway test host (no network; the JRE is the
 * machine's Debian package, so apt finds the dependency installed), the daemons started by
 * their init scripts, a minion accepted and answering, then dpkg -r and dpkg -P of the
 * minion. The host runs no init, so what boot would do (/etc/rc2.d/S*) is checked as links
 * and done by calling the init scripts. Only with -Djsalt.systemTests=true.
 */
@EnabledIfSystemProperty(named = "jsalt.systemTests", matches = "true")
class DebInstallSystemTest {
    @Test
    void installRunRemovePurge() throws Exception {
        String master = Debs.deb("master").toString();
        String minion = Debs.deb("minion").toString();
        try (TestHost host = TestHost.create("deb-install")) {
            // No Recommends/Suggests: the host cannot download anything.
            TestHost.Result r = host.exec("apt-get", "install", "-y", "--no-install-recommends", master, minion);
            assertTrue(r.ok(), r.output());
            // The postinst enabled and started both daemons through invoke-rc.d.
            for (String d : Debs.DAEMONS) {
                assertTrue(host.sh("ls /etc/rc2.d/S*jsalt-" + d + " /etc/rc0.d/K*jsalt-" + d).ok(), d + " not enabled");
                r = host.exec("service", "jsalt-" + d, "status");
                assertEquals(0, r.exit(), r.output());
            }
            for (String l : new String[] {"jsalt", "jsalt-key", "jsalt-run", "jsalt-call", "jsalt-master", "jsalt-minion"}) {
                assertEquals("/usr/bin/" + l, host.exec("sh", "-c", "command -v " + l).output().strip());
            }
            // The state directories hold keys and returns: root's alone.
            assertEquals("700 700 700", host.sh("stat -c %a /var/cache/jsalt /var/log/jsalt /etc/jsalt/pki").output()
                    .strip().replace('\n', ' '));
            // A launcher reached through another symlink still finds its jars.
            r = host.sh("ln -s /usr/bin/jsalt-call /usr/local/bin/jc && jc --local test.ping");
            assertEquals("local:\n    True", r.output().strip(), r.output());
            // Salt's name for it, as an alternative: Salt trees call salt-call in cmd.run and check_cmd.
            assertEquals("/usr/share/jsalt/minion/bin/jsalt-call",
                    host.exec("readlink", "-f", "/usr/bin/salt-call").output().strip());
            r = host.sh("salt-call --local test.ping");
            assertEquals("local:\n    True", r.output().strip(), r.output());

            host.write("/etc/jsalt/minion", "master: 127.0.0.1\nid: deb-minion\nacceptance_wait_time: 1\n", "644");
            // What boot does: the rc2.d link's start, here after a stop.
            assertTrue(host.exec("service", "jsalt-minion", "stop").ok());
            assertEquals(3, host.exec("service", "jsalt-minion", "status").exit());
            r = host.sh("for s in /etc/rc2.d/S*jsalt-minion; do \"$s\" start; done");
            assertTrue(r.ok(), r.output());
            assertEquals(0, host.exec("service", "jsalt-minion", "status").exit());
            r = host.sh("for i in $(seq 60); do jsalt-key -l un | grep -qx deb-minion && break; sleep 0.5; done;"
                    + " jsalt-key -A -y");
            assertTrue(r.output().contains("Key for minion deb-minion accepted."), r.output());
            r = host.sh("for i in $(seq 60); do out=$(jsalt '*' test.ping 2>&1) && break; sleep 0.5; done; echo \"$out\"");
            assertEquals("deb-minion:\n    True", r.output().strip(), r.output());

            // dpkg -r stops the daemon and keeps its conffile and keys.
            String pid = host.exec("cat", "/run/jsalt-minion.pid").output().strip();
            r = host.exec("dpkg", "-r", "jsalt-minion");
            assertTrue(r.ok(), r.output());
            assertFalse(host.exec("kill", "-0", pid).ok(), "the minion still runs after dpkg -r");
            assertTrue(host.exec("grep", "-qx", "id: deb-minion", "/etc/jsalt/minion").ok(), "conffile lost on remove");
            assertTrue(host.exec("test", "-d", "/etc/jsalt/pki/minion").ok());
            assertFalse(host.exec("test", "-e", "/usr/bin/salt-call").ok(), "salt-call left after dpkg -r");
            // Salt's own salt-call, a real file, is left alone by a later install (and its removal).
            host.write("/usr/bin/salt-call", "#!/bin/sh\necho salt\n", "755");
            r = host.exec("dpkg", "-i", minion);
            assertTrue(r.ok(), r.output());
            assertEquals("salt", host.exec("salt-call").output().strip());
            // dpkg -P removes the minion's state, not the master's.
            r = host.exec("dpkg", "-P", "jsalt-minion");
            assertTrue(r.ok(), r.output());
            for (String gone : new String[] {"/etc/jsalt/minion", "/etc/jsalt/pki/minion", "/var/cache/jsalt/minion",
                "/var/log/jsalt/minion", "/etc/init.d/jsalt-minion", "/etc/jsalt/minion_id"}) {
                assertFalse(host.exec("test", "-e", gone).ok(), gone + " left after purge");
            }
            assertFalse(host.sh("ls /etc/rc2.d | grep -q jsalt-minion").ok(), "rc links left after purge");
            assertEquals("salt", host.exec("salt-call").output().strip());
            assertTrue(host.exec("test", "-d", "/etc/jsalt/pki/master").ok());
            assertEquals(0, host.exec("service", "jsalt-master", "status").exit());

            // status tells the truth after a stop.
            assertTrue(host.exec("service", "jsalt-master", "stop").ok());
            assertEquals(3, host.exec("service", "jsalt-master", "status").exit());
        }
        assertFalse(Files.exists(Path.of("/etc/init.d/jsalt-master")), "the package reached the machine");
    }
}
