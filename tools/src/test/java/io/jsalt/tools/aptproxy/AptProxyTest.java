package io.jsalt.tools.aptproxy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The test network's apt proxy against a fake archive on 127.0.0.1: it forwards only to the
 * allowed archive, serves a pool file from its cache (also after a restart on the same cache
 * directory), fetches a file many hosts ask for at once only once, and passes index files
 * through uncached. Requests are written as apt writes them to a proxy: an absolute URI in
 * the request line.
 */
class AptProxyTest {
    private static final byte[] DEB = "a package's bytes, not really a .deb\n".repeat(2000)
            .getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path tmp;

    private HttpServer archive;
    private final ConcurrentHashMap<String, AtomicInteger> served = new ConcurrentHashMap<>();
    private String base;
    private AptProxy proxy;
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();

    @BeforeEach
    void start() throws IOException {
        archive = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        archive.setExecutor(Executors.newCachedThreadPool());
        archive.createContext("/", ex -> {
            String path = ex.getRequestURI().getPath();
            served.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
            byte[] body = path.contains("/none/") ? null : path.endsWith(".deb") ? DEB : path.endsWith("InRelease") ? "release\n".getBytes() : null;
            try {
                // Slow enough that concurrent requests for one file overlap its download.
                Thread.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (body == null) {
                ex.sendResponseHeaders(404, -1);
            } else {
                ex.sendResponseHeaders(200, body.length);
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(body);
                }
            }
            ex.close();
        });
        archive.start();
        base = "http://127.0.0.1:" + archive.getAddress().getPort();
        proxy = startProxy();
    }

    private AptProxy startProxy() throws IOException {
        return new AptProxy(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), tmp.resolve("cache"),
                List.of(URI.create(base + "/debian")), new PrintStream(log, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void stop() {
        proxy.close();
        archive.stop(0);
    }

    /** Status and body of one request through the proxy, sent as apt sends it. */
    private record Reply(int status, byte[] body) {}

    private Reply get(String method, String uri) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), proxy.port())) {
            OutputStream out = s.getOutputStream();
            out.write((method + " " + uri + " HTTP/1.1\r\nHost: " + URI.create(uri).getAuthority()
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            byte[] all = s.getInputStream().readAllBytes();
            String text = new String(all, StandardCharsets.ISO_8859_1);
            int end = text.indexOf("\r\n\r\n");
            int status = Integer.parseInt(text.substring(9, 12));
            byte[] body = java.util.Arrays.copyOfRange(all, end + 4, all.length);
            if (text.substring(0, end).toLowerCase().contains("transfer-encoding: chunked")) {
                body = unchunk(body);
            }
            return new Reply(status, body);
        }
    }

    private static byte[] unchunk(byte[] chunked) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        InputStream in = new java.io.ByteArrayInputStream(chunked);
        while (true) {
            StringBuilder line = new StringBuilder();
            int c;
            while ((c = in.read()) != '\n') {
                if (c != '\r') {
                    line.append((char) c);
                }
            }
            int n = Integer.parseInt(line.toString().strip(), 16);
            if (n == 0) {
                return out.toByteArray();
            }
            out.write(in.readNBytes(n));
            in.skip(2);
        }
    }

    private int count(String path) {
        return served.getOrDefault(path, new AtomicInteger()).get();
    }

    @Test
    void forwardsOnlyToTheAllowedArchive() throws IOException {
        String other = "http://127.0.0.1:" + archive.getAddress().getPort();
        assertEquals(403, get("GET", other + "/other/pool/main/x.deb").status());
        assertEquals(403, get("GET", "http://example.org/debian/pool/main/x.deb").status());
        // A path that leaves the archive once resolved, encoded or not, is not under it.
        assertEquals(403, get("GET", base + "/debian/../other/pool/x.deb").status());
        assertEquals(403, get("GET", base + "/debian/%2e%2e/other/x.deb").status());
        assertEquals(403, get("GET", base + "/debian/pool%2f..%2fx.deb").status());
        assertEquals(403, get("GET", base + "/debian/pool/x.deb?x=1").status());
        // Not a proxy request at all, and a method apt never sends.
        assertEquals(403, get("GET", "/debian/pool/x.deb").status());
        assertEquals(405, get("POST", base + "/debian/pool/main/x.deb").status());
        assertTrue(served.isEmpty(), "the archive saw " + served);
        assertTrue(log.toString(StandardCharsets.UTF_8).contains(" 403 DENY"), log.toString());
    }

    @Test
    void poolFilesAreCachedAcrossRestarts() throws IOException {
        String deb = base + "/debian/pool/main/m/memcached/memcached_1.6.18-1_amd64.deb";
        Reply first = get("GET", deb);
        assertEquals(200, first.status());
        assertArrayEquals(DEB, first.body());
        assertEquals(200, get("HEAD", deb).status());
        assertArrayEquals(DEB, get("GET", deb).body());
        assertEquals(1, count("/debian/pool/main/m/memcached/memcached_1.6.18-1_amd64.deb"));
        // The cache directory outlives the proxy: a warm run downloads nothing.
        proxy.close();
        proxy = startProxy();
        assertArrayEquals(DEB, get("GET", deb).body());
        assertEquals(1, count("/debian/pool/main/m/memcached/memcached_1.6.18-1_amd64.deb"));
        // A file the archive does not have is relayed as such and not cached.
        assertEquals(404, get("GET", base + "/debian/pool/main/n/none/none_1_all.deb").status());
        assertEquals(404, get("GET", base + "/debian/pool/main/n/none/none_1_all.deb").status());
        assertEquals(2, count("/debian/pool/main/n/none/none_1_all.deb"));
        try (var files = Files.walk(tmp.resolve("cache"))) {
            assertEquals(1, files.filter(Files::isRegularFile).count(), "only the one package is cached");
        }
    }

    @Test
    void concurrentRequestsForOneFileDownloadItOnce() throws Exception {
        String deb = base + "/debian/pool/main/r/redis/redis-server_7.0.15-1_amd64.deb";
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Reply>> replies = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                replies.add(pool.submit(() -> get("GET", deb)));
            }
            for (Future<Reply> r : replies) {
                assertEquals(200, r.get().status());
                assertArrayEquals(DEB, r.get().body());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, count("/debian/pool/main/r/redis/redis-server_7.0.15-1_amd64.deb"));
    }

    @Test
    void indexFilesPassThroughUncached() throws IOException {
        String release = base + "/debian/dists/bookworm/InRelease";
        assertEquals("release\n", new String(get("GET", release).body(), StandardCharsets.UTF_8));
        assertEquals("release\n", new String(get("GET", release).body(), StandardCharsets.UTF_8));
        assertEquals(2, count("/debian/dists/bookworm/InRelease"));
    }

    @Test
    void archivesAreTheHttpUrisOfTheAptSources() throws IOException {
        Path apt = tmp.resolve("apt");
        Files.createDirectories(apt.resolve("sources.list.d"));
        Files.writeString(apt.resolve("sources.list.d/debian.sources"), """
                Types: deb
                # http://snapshot.debian.org/archive/debian/20250520T000000Z
                URIs: http://deb.debian.org/debian
                Suites: bookworm bookworm-updates
                Components: main

                Types: deb
                URIs: http://deb.debian.org/debian-security
                Suites: bookworm-security

                Types: deb
                Enabled: no
                URIs: http://elsewhere.example/debian
                Suites: bookworm
                """);
        Files.writeString(apt.resolve("sources.list"), "deb [arch=amd64] http://Mirror.example:8080/d bookworm main\n"
                + "deb https://tls.example/debian bookworm main\n");
        Files.writeString(apt.resolve("sources.list.d/old.list.disabled"), "deb http://disabled.example/ x y\n");
        assertEquals(List.of(URI.create("http://mirror.example:8080/d/"), URI.create("http://deb.debian.org:80/debian/"),
                URI.create("http://deb.debian.org:80/debian-security/")), AptProxy.archiveUris(apt));
    }
}
