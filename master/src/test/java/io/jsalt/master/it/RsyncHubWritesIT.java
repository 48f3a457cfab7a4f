package io.jsalt.master.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What a client holding a module's password can leave on the master, with the real rsync
 * client and daemon on 127.0.0.1. As root, a module writes as rsyncd's default user
 * nobody (rsyncd.conf(5), "uid" and "gid"), strips setuid/setgid ("incoming chmod") and
 * refuses device and special files ("refuse options"); allow_root: true keeps root's ids.
 * Device nodes are only ever made inside this test's temporary directory.
 */
class RsyncHubWritesIT extends FleetCase {
    private static final boolean ROOT = "root".equals(System.getProperty("user.name"));

    private int startHub(boolean allowRoot) throws Exception {
        fleet = new TestFleet(tmp).startMaster(o -> o.put("rsync_hub", Map.of("listen", "127.0.0.1", "port", 0L,
                "modules", Map.of("backups", Map.of("path", tmp.resolve("backups").toString(), "read_only", false,
                        "secrets", Map.of("backup", "s3cret"), "hosts_allow", List.of("127.0.0.1"),
                        "allow_root", allowRoot)))));
        return fleet.master().hub().rsync().port();
    }

    /** The real rsync client, password in RSYNC_PASSWORD; returns exit status and output. */
    private static Map.Entry<Integer, String> rsync(int port, String... args) throws IOException, InterruptedException {
        List<String> argv = new ArrayList<>(List.of("rsync", "--contimeout=10"));
        argv.addAll(List.of(args));
        argv.add("rsync://backup@127.0.0.1:" + port + "/backups/");
        ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true);
        pb.environment().put("RSYNC_PASSWORD", "s3cret");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "rsync finished");
        return Map.entry(p.exitValue(), out);
    }

    private Path setuidFile() throws Exception {
        Path f = Files.createDirectories(tmp.resolve("src")).resolve("tool");
        Files.writeString(f, "#!/bin/sh\nid\n");
        Process p = new ProcessBuilder("chmod", "6755", f.toString()).start();
        assertEquals(0, p.waitFor());
        assertEquals(06755, mode(f));
        return f;
    }

    private static int mode(Path p) throws IOException {
        return (Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 07777;
    }

    private Path deviceNode() throws Exception {
        Path dev = Files.createDirectories(tmp.resolve("src")).resolve("null");
        Process p = new ProcessBuilder("mknod", dev.toString(), "c", "1", "3").redirectErrorStream(true).start();
        assertEquals(0, p.waitFor(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        return dev;
    }

    @Test
    void aPushedSetuidRootFileArrivesWithoutSetuidAndNotOwnedByRoot() throws Exception {
        int port = startHub(false);
        Path tool = setuidFile();
        Map.Entry<Integer, String> r = rsync(port, "-a", "--no-D", tool.toString());
        assertEquals(0, r.getKey(), r.getValue());
        Path got = tmp.resolve("backups/tool");
        assertEquals(0755, mode(got), "setuid and setgid cleared");
        if (ROOT) {
            assertNotEquals("root", Files.getOwner(got).getName());
            assertEquals("nobody", Files.getOwner(tmp.resolve("backups")).getName(), "module directory made for its user");
            Map.Entry<Integer, String> chown = rsync(port, "-a", "--no-D", "--chown=root:root", tool.toString());
            assertNotEquals(0, chown.getKey(), chown.getValue());
            assertNotEquals("root", Files.getOwner(got).getName());
        }
    }

    @Test
    void aDeviceNodeOrFifoPushedWithDevicesIsRefusedAndNotCreated() throws Exception {
        assumeTrue(ROOT, "mknod needs root");
        int port = startHub(false);
        Path dev = deviceNode();
        Map.Entry<Integer, String> r = rsync(port, "-rD", dev.toString());
        assertNotEquals(0, r.getKey(), r.getValue());
        assertTrue(r.getValue().contains("refuse"), r.getValue());
        assertFalse(Files.exists(tmp.resolve("backups/null"), LinkOption.NOFOLLOW_LINKS));

        Path fifo = tmp.resolve("src/fifo");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        Map.Entry<Integer, String> s = rsync(port, "-r", "--specials", fifo.toString());
        assertNotEquals(0, s.getKey(), s.getValue());
        assertFalse(Files.exists(tmp.resolve("backups/fifo"), LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void aModuleThatAllowsRootKeepsSetuidRootAndDevices() throws Exception {
        assumeTrue(ROOT, "root's ids need a root daemon");
        int port = startHub(true);
        Path tool = setuidFile();
        Path dev = deviceNode();
        Map.Entry<Integer, String> r = rsync(port, "-a", tool.toString(), dev.toString());
        assertEquals(0, r.getKey(), r.getValue());
        Path got = tmp.resolve("backups/tool");
        assertEquals(06755, mode(got));
        assertEquals("root", Files.getOwner(got).getName());
        assertTrue(Files.exists(tmp.resolve("backups/null"), LinkOption.NOFOLLOW_LINKS));
        assertFalse(Files.isRegularFile(tmp.resolve("backups/null"), LinkOption.NOFOLLOW_LINKS), "a device node");
    }
}
