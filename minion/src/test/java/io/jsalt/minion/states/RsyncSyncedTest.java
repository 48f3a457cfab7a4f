package io.jsalt.minion.states;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jsalt.common.data.Data;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * rsync.synced against a real rsync daemon (one module, no auth) as a timeline: apply,
 * apply again (no changes), change the world, test mode (would change, nothing moves),
 * apply (the repair).
 */
class RsyncSyncedTest {
    @TempDir
    Path dir;

    private Process daemon;
    private StateHarness h;
    private Path module;

    @BeforeEach
    void startDaemon() throws Exception {
        module = Files.createDirectories(dir.resolve("module"));
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path conf = dir.resolve("rsyncd.conf");
        // As root the daemon would otherwise switch to nobody, who cannot write the module.
        String user = System.getProperty("user.name");
        Files.writeString(conf, "use chroot = no\nuid = " + user + "\ngid = *\npid file = " + dir.resolve("rsyncd.pid")
                + "\n[shared]\n  path = "
                + module + "\n  read only = no\n");
        daemon = new ProcessBuilder("rsync", "--daemon", "--no-detach", "--address=127.0.0.1", "--port=" + port,
                "--config=" + conf).redirectErrorStream(true).redirectOutput(dir.resolve("rsyncd.log").toFile()).start();
        long end = System.currentTimeMillis() + 10_000;
        while (true) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                break;
            } catch (IOException e) {
                if (System.currentTimeMillis() > end) {
                    throw new AssertionError("rsync daemon did not start: " + Files.readString(dir.resolve("rsyncd.log")));
                }
                Thread.sleep(20);
            }
        }
        h = new StateHarness(dir, Map.of("rsync_hub", Data.map("host", "127.0.0.1", "port", (long) port)));
    }

    @AfterEach
    void stopDaemon() {
        if (daemon != null) {
            daemon.destroy();
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void pushCopiesThenIsInSyncAndTestModeOnlyReportsWhatWouldChange() throws Exception {
        Path www = Files.createDirectories(dir.resolve("www/img"));
        Files.writeString(www.resolve("logo.txt"), "logo\n");
        Files.writeString(www.getParent().resolve("index.html"), "hi\n");
        String name = www.getParent().toString();

        Map<String, Object> first = h.apply("rsync.synced", "name", name, "module", "shared", "path", "web1");
        assertEquals(true, first.get("result"), first.toString());
        List<Object> copied = (List<Object>) Data.get(first, "changes:copied", null);
        assertTrue(copied.containsAll(List.of("index.html", "img/logo.txt")), first.toString());
        assertEquals("hi\n", Files.readString(module.resolve("web1/index.html")));

        Map<String, Object> second = h.apply("rsync.synced", "name", name, "module", "shared", "path", "web1");
        assertEquals(true, second.get("result"));
        assertEquals(Map.of(), second.get("changes"));
        assertEquals("Directory " + name + " is in sync with shared/web1/", second.get("comment"));

        Files.writeString(www.getParent().resolve("index.html"), "changed\n");
        Files.writeString(module.resolve("web1/stale.txt"), "old\n");
        Map<String, Object> test = h.test("rsync.synced", "name", name, "module", "shared", "path", "web1",
                "delete", true);
        assertNull(test.get("result"), test.toString());
        assertEquals(List.of("index.html"), Data.get(test, "changes:copied", null));
        assertEquals(List.of("stale.txt"), Data.get(test, "changes:deleted", null));
        assertTrue(((String) test.get("comment")).contains("1 would be copied, 1 would be deleted"), test.toString());
        assertEquals("hi\n", Files.readString(module.resolve("web1/index.html")), "test mode transfers nothing");
        assertTrue(Files.exists(module.resolve("web1/stale.txt")));

        Map<String, Object> repair = h.apply("rsync.synced", "name", name, "module", "shared", "path", "web1",
                "delete", true);
        assertEquals(true, repair.get("result"));
        assertEquals("changed\n", Files.readString(module.resolve("web1/index.html")));
        assertFalse(Files.exists(module.resolve("web1/stale.txt")));
    }

    @Test
    void pullCreatesTheLocalDirectoryAndHonoursExclude() throws Exception {
        Files.createDirectories(module.resolve("conf"));
        Files.writeString(module.resolve("conf/app.ini"), "x=1\n");
        Files.writeString(module.resolve("conf/app.tmp"), "scratch\n");
        Path target = dir.resolve("restore/deep/conf");

        Map<String, Object> test = h.test("rsync.synced", "name", target.toString(), "module", "shared",
                "path", "conf", "direction", "pull", "exclude", "*.tmp");
        assertNull(test.get("result"), test.toString());
        assertFalse(Files.exists(target), "test mode creates nothing");

        Map<String, Object> ret = h.apply("rsync.synced", "name", target.toString(), "module", "shared",
                "path", "conf", "direction", "pull", "exclude", "*.tmp");
        assertEquals(true, ret.get("result"), ret.toString());
        assertEquals(List.of("app.ini"), Data.get(ret, "changes:copied", null));
        assertEquals("x=1\n", Files.readString(target.resolve("app.ini")));
        assertFalse(Files.exists(target.resolve("app.tmp")));
    }

    @Test
    void failuresNameTheProblem() {
        Map<String, Object> noSource = h.apply("rsync.synced", "name", dir.resolve("nope").toString(), "module", "shared");
        assertEquals(false, noSource.get("result"));
        assertEquals("Source directory " + dir.resolve("nope") + " was not found", noSource.get("comment"));

        Map<String, Object> badDirection = h.apply("rsync.synced", "name", dir.toString(), "module", "shared",
                "direction", "sideways");
        assertEquals("direction must be push or pull, not 'sideways'", badDirection.get("comment"));

        Map<String, Object> noModule = h.apply("rsync.synced", "name", dir.resolve("module").toString(),
                "module", "nosuch");
        assertEquals(false, noModule.get("result"));
        assertTrue(((String) noModule.get("comment")).contains("Unknown module 'nosuch'"), noModule.toString());
    }

    @Test
    void itemizedOutputIgnoresLinesThatAreNotItems() {
        RsyncItemized items = RsyncItemized.parse("Welcome to the hub\njsalt: >f+++++++++ a b.txt\n"
                + "jsalt: *deleting   old/\njsalt: .f...p..... mode.sh\njsalt: cd+++++++++ dir/\n");
        assertEquals(List.of("a b.txt", "dir/"), items.copied());
        assertEquals(List.of("old/"), items.deleted());
        assertEquals(List.of("mode.sh"), items.attributes());
        assertTrue(RsyncItemized.parse("Welcome\n").inSync());
    }
}
