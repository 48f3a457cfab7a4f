package io.jsalt.minion.testhost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Hosts made on a sealed host (jsalt-testhost seal, create --base): the compatibility runs
 * make one host with what a standard Debian installation has and the build machine's image
 * lacks, and every formula's host on top of it, so these are what they rely on.
 */
class TestHostLayerTest {
    private static final String BOOT_INIT = """
            #!/bin/sh
            [ "$1" = start ] && hostname > /run/layer-booted
            exit 0
            """;

    @Test
    void hostsOnASealedHostSeeItsFilesAndKeepTheirOwn() {
        try (TestHost base = TestHost.create("layer-base")) {
            assertTrue(base.sh("echo from-base > /etc/layer-marker && rm /etc/issue.net").ok());
            // A service the base enabled, as a package's postinst would (cron in the compatibility runs).
            base.write("/etc/init.d/layerboot", BOOT_INIT, "755");
            assertTrue(base.sh("ln -s ../init.d/layerboot /etc/rc2.d/S01layerboot").ok());
            base.seal();
            try (TestHost a = TestHost.createOn("layer-a", base); TestHost b = TestHost.createOn("layer-b", base)) {
                assertEquals("from-base", a.sh("cat /etc/layer-marker").output().strip());
                // A file the base deleted stays deleted: the machine's copy does not show through.
                assertFalse(a.sh("test -e /etc/issue.net").ok());
                // The base's rc links are kept, and the host boots the service under its own name.
                assertEquals("layer-a", a.sh("cat /run/layer-booted").output().strip());
                assertEquals("layer-a", a.sh("cat /etc/hostname").output().strip());
                // The base's dpkg database is the host's: it was copied once, into the base.
                assertTrue(a.sh("dpkg-query -W dpkg >/dev/null").ok());

                assertTrue(a.sh("echo from-a > /etc/layer-marker").ok());
                assertEquals("from-base", b.sh("cat /etc/layer-marker").output().strip(), "a host's writes are its own");
                // The layer holds only the base's own files: a host made on a base cannot be one.
                IllegalStateException e = assertThrows(IllegalStateException.class, b::seal);
                assertTrue(e.getMessage().contains("was made on a base"), e.getMessage());
            }
        }
    }
}
