package io.jsalt.minion.testhost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Test hosts on the test network: two hosts reach each other on the bridge and nothing
 * beyond it, and a hard reboot (a power cut) keeps the host's files and starts its rc2.d
 * services again. The network is one per machine (a bridge and named network namespaces),
 * so this runs only with the system tests: -Djsalt.systemTests=true.
 */
@EnabledIfSystemProperty(named = "jsalt.systemTests", matches = "true")
class TestHostNetworkTest {
    private static final String WEB_INIT = """
            #!/bin/sh
            ### BEGIN INIT INFO
            # Provides:          webtest
            # Default-Start:     2 3 4 5
            # Default-Stop:      0 1 6
            ### END INIT INFO
            case "$1" in
              start) start-stop-daemon --start --background --make-pidfile --pidfile /run/webtest.pid \\
                       --exec /usr/bin/python3 -- -m http.server -b 10.77.0.201 -d /srv/www 8080 ;;
              stop) start-stop-daemon --stop --pidfile /run/webtest.pid --remove-pidfile ;;
            esac
            """;

    @Test
    void hostsReachEachOtherAndABootStartsTheirServicesAgain() throws IOException {
        try (TestHost.Network net = TestHost.network(false);
                TestHost a = TestHost.create("net-a", "10.77.0.201");
                TestHost b = TestHost.create("net-b", "10.77.0.202")) {
            assertEquals("10.77.0.202\tnet-b", b.sh("grep net-b /etc/hosts").output().strip());
            assertEquals("nameserver 10.77.0.1", b.sh("head -n1 /etc/resolv.conf").output().strip());
            // No default route: everything outside the bridge's /24 is unreachable.
            assertEquals("", b.sh("ip route show default").output().strip());
            assertFalse(b.sh("ip route get 192.0.2.1").ok());
            // The machine's own services are not the host's: its rc links are gone.
            assertEquals("", a.sh("ls /etc/rc2.d").output().strip());

            a.sh("mkdir -p /srv/www && echo kept > /srv/www/marker");
            a.write("/etc/init.d/webtest", WEB_INIT, "755");
            assertTrue(a.sh("ln -s ../init.d/webtest /etc/rc2.d/S01webtest").ok());
            assertFalse(b.sh("curl -s -m 3 http://10.77.0.201:8080/marker").ok(), "nothing serves before the boot");
            a.reboot(true);
            TestHost.Result r = b.sh("curl -s -m 10 --retry 20 --retry-connrefused --retry-delay 1 "
                    + "http://10.77.0.201:8080/marker");
            assertEquals("kept", r.output().strip(), r.output());
            assertTrue(a.sh("grep -q 'S01webtest start' /var/log/jsalt-testhost-boot.log").ok());
            // A clean reboot stops the service by its init script first.
            a.reboot(false);
            r = b.sh("curl -s -m 10 --retry 20 --retry-connrefused --retry-delay 1 http://10.77.0.201:8080/marker");
            assertEquals("kept", r.output().strip(), r.output());
        }
        Process p = new ProcessBuilder("sh", "-c", "ip netns list; ip -o link show").redirectErrorStream(true).start();
        String left = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertFalse(left.contains("th-net-a") || left.contains("jsv201") || left.contains("jsbr0"), left);
    }
}
