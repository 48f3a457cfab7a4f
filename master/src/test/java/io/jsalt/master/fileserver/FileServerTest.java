package io.jsalt.master.fileserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jsalt.common.files.FileRoots;
import io.jsalt.common.transport.RequestMethod;
import io.jsalt.master.transport.RequestRouter;
import io.jsalt.minion.files.RemoteFileClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file server's request handlers, and the minion's client over them, with tiny chunks. */
class FileServerTest {
    @TempDir
    Path tmp;

    private FileServer server;
    private final RequestRouter router = new RequestRouter();
    private Path first;
    private Path second;

    @BeforeEach
    void setUp() throws Exception {
        first = Files.createDirectories(tmp.resolve("first"));
        second = Files.createDirectories(tmp.resolve("second"));
        Files.writeString(first.resolve("shared.txt"), "from first");
        Files.writeString(second.resolve("shared.txt"), "from second");
        Files.writeString(second.resolve("only-second.conf"), "0123456789abcdefghij-twenty-plus-bytes");
        server = new FileServer(new FileRoots(Map.of("base", List.of(first, second))), 7);
        server.register(router);
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    private RemoteFileClient client() {
        return new RemoteFileClient((m, a, t) -> router.handle("m1", m, a), tmp.resolve("minion-cache"));
    }

    private static Map<String, Object> args(String path) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("saltenv", "base");
        a.put("path", path);
        return a;
    }

    @Test
    void firstRootHoldingAFileWins() throws Exception {
        assertEquals("from first", client().readText("salt://shared.txt", "base").orElseThrow());
    }

    @Test
    void fileLargerThanAChunkArrivesWholeAndVerified() throws Exception {
        RemoteFileClient c = client();
        Path p = c.cacheFile("salt://only-second.conf", "base").orElseThrow();
        assertEquals("0123456789abcdefghij-twenty-plus-bytes", Files.readString(p));
        assertEquals(tmp.resolve("minion-cache/files/base/only-second.conf"), p);
        assertEquals(1, c.fetches());
        c.cacheFile("salt://only-second.conf", "base");
        assertEquals(1, c.fetches(), "same hash: no download");
    }

    @Test
    void aChunkIsAtMostTheConfiguredSize() throws Exception {
        Map<?, ?> r = (Map<?, ?>) router.handle("m1", "file.get", args("only-second.conf")).get();
        assertEquals(7, ((byte[]) r.get("data")).length);
        assertEquals(38L, r.get("size"));
        assertEquals(FileRoots.sha256(second.resolve("only-second.conf")), r.get("hsum"));
    }

    /**
     * A state run lists the whole tree in one file.tree round trip; from a master without
     * file.tree (it answers "unknown request method") the minion lists it as before, with
     * file.envs and file.hashes, and gets the same listing.
     */
    @Test
    void theStateTreeIsListedInOneRequestOrAsBeforeFromAnOlderMaster() throws Exception {
        List<String> asked = new java.util.ArrayList<>();
        RemoteFileClient current = new RemoteFileClient((m, a, t) -> {
            asked.add(m.wire());
            return router.handle("m1", m, a);
        }, tmp.resolve("cache-1"));
        Map<String, Map<String, String>> want = Map.of("base", Map.of(
                "shared.txt", FileRoots.sha256(first.resolve("shared.txt")),
                "only-second.conf", FileRoots.sha256(second.resolve("only-second.conf"))));
        assertEquals(want, current.listing().hashes());
        assertEquals(List.of("file.tree", "file.get", "file.get"), asked,
                "one listing; the template shared.txt fetched into the cache in two chunks of 7 bytes");

        asked.clear();
        RemoteFileClient older = new RemoteFileClient((m, a, t) -> {
            asked.add(m.wire());
            return m == RequestMethod.FILE_TREE ? java.util.concurrent.CompletableFuture.failedFuture(
                    new IllegalStateException(RequestMethod.unknown(m.wire()).getMessage())) : router.handle("m1", m, a);
        }, tmp.resolve("cache-1"));
        assertEquals(want, older.listing().hashes());
        assertEquals(List.of("file.tree", "file.envs", "file.hashes"), asked, "the cached template is current");
    }

    @Test
    void missingFilesAnswerEmpty() throws Exception {
        assertEquals(Map.of(), router.handle("m1", "file.hash", args("nosuch")).get());
        assertEquals(Map.of(), router.handle("m1", "file.get", args("nosuch")).get());
        assertTrue(client().cacheFile("salt://nosuch", "base").isEmpty());
    }

    @Test
    void traversalAbsoluteEncodedAndEscapingSymlinksAreRefused() throws Exception {
        Files.writeString(tmp.resolve("secret"), "x");
        Files.createSymbolicLink(first.resolve("link"), tmp.resolve("secret"));
        for (String bad : List.of("../secret", "a/../../secret", "/etc/passwd", "%2e%2e/secret", "..%2Fsecret",
                "a\\..\\secret", "link")) {
            for (String method : List.of("file.get", "file.hash")) {
                ExecutionException e = assertThrows(ExecutionException.class,
                        () -> router.handle("m1", method, args(bad)).get(), method + " " + bad);
                assertTrue(e.getCause().getMessage().startsWith("refusing path '" + bad + "'"),
                        e.getCause().getMessage());
            }
        }
        assertEquals(List.of("only-second.conf", "shared.txt"), server.list("base", null, false));
    }

    @Test
    void aSaltenvThatIsNotOneSegmentIsRefusedByTheClient() {
        assertThrows(FileRoots.UnsafePathException.class, () -> client().cacheFile("salt://x?saltenv=../../etc", "base"));
    }
}
