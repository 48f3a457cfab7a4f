package io.jsalt.tools.aptproxy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/**
 * A small caching HTTP proxy for apt in test hosts (bin/jsalt-testhost): it forwards GET and
 * HEAD requests only to the archives the machine's own apt sources name, and answers anything
 * else with 403, so a host on the test network reaches the Debian archive and nothing more.
 * Pool files (packages and source files, whose content never changes under a name) and
 * by-hash index files are kept in a cache directory that outlives the proxy, so a second run
 * downloads nothing; index files without a hash in their name pass through uncached. Many
 * hosts asking for one file at once cause one download, which all of them are then served.
 */
public final class AptProxy implements AutoCloseable {
    /** Characters of a decoded path segment of an archive file (Debian's file names use no others). */
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9._~+:@=,-]+");
    private static final Pattern HOST = Pattern.compile("[a-z0-9.-]+");
    /** Request headers apt sends that the archive must see (conditional and partial requests). */
    private static final List<String> FORWARDED = List.of("If-Modified-Since", "If-None-Match", "Range", "If-Range");
    /** Response headers relayed back to apt. */
    private static final List<String> RELAYED = List.of("Content-Type", "Last-Modified", "ETag", "Content-Range",
            "Location", "Accept-Ranges");
    private static final Duration WAIT_FOR_DOWNLOAD = Duration.ofMinutes(10);

    private final List<URI> allowed;
    private final Path cache;
    private final PrintStream log;
    private final HttpServer server;
    private final ExecutorService executor;
    private final HttpClient client;
    private final Map<Path, CompletableFuture<Path>> downloads = new ConcurrentHashMap<>();

    /**
     * Listens on LISTEN (only that address), forwarding to the archives in ALLOWED (absolute
     * http URIs; a request is allowed when its URI lies under one of them), caching in CACHE.
     */
    public AptProxy(InetSocketAddress listen, Path cache, List<URI> allowed, PrintStream log) throws IOException {
        if (allowed.isEmpty()) {
            throw new IllegalArgumentException("no archive to forward to");
        }
        this.allowed = allowed.stream().map(AptProxy::prefix).toList();
        this.cache = cache.toAbsolutePath();
        this.log = log;
        Files.createDirectories(this.cache);
        this.client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(20)).version(HttpClient.Version.HTTP_1_1).build();
        this.executor = Executors.newFixedThreadPool(64, r -> {
            Thread t = new Thread(r, "apt-proxy");
            t.setDaemon(true);
            return t;
        });
        this.server = HttpServer.create(listen, 128);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    /** The port the proxy listens on (the one asked for, or the one chosen for port 0). */
    public int port() {
        return server.getAddress().getPort();
    }

    /**
     * The archive URIs of an apt configuration directory: the URIs fields of
     * sources.list.d/*.sources (deb822) and the URI column of sources.list and
     * sources.list.d/*.list, http ones only; stanzas with "Enabled: no" and other files
     * (the .disabled ones) are skipped.
     */
    public static List<URI> archiveUris(Path aptDir) throws IOException {
        List<Path> files = new ArrayList<>();
        if (Files.isRegularFile(aptDir.resolve("sources.list"))) {
            files.add(aptDir.resolve("sources.list"));
        }
        Path dir = aptDir.resolve("sources.list.d");
        if (Files.isDirectory(dir)) {
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
                for (Path f : ds) {
                    String n = f.getFileName().toString();
                    if (n.endsWith(".list") || n.endsWith(".sources")) {
                        files.add(f);
                    }
                }
            }
        }
        List<URI> uris = new ArrayList<>();
        for (Path f : files.stream().sorted().toList()) {
            List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
            if (f.getFileName().toString().endsWith(".sources")) {
                deb822Uris(f, lines, uris);
            } else {
                for (int i = 0; i < lines.size(); i++) {
                    String line = lines.get(i).replaceFirst("#.*", "").strip();
                    if (line.isEmpty()) {
                        continue;
                    }
                    // deb [ options ] uri suite [component...]
                    String rest = line.replaceFirst("^deb(-src)?\\s+(\\[[^]]*]\\s+)?", "");
                    if (rest.equals(line)) {
                        throw new IOException(f + ":" + (i + 1) + ": not a 'deb' or 'deb-src' line");
                    }
                    addUri(f, i + 1, rest.split("\\s+")[0], uris);
                }
            }
        }
        return uris;
    }

    private static void deb822Uris(Path f, List<String> lines, List<URI> uris) throws IOException {
        List<String> stanzaUris = new ArrayList<>();
        List<Integer> stanzaLines = new ArrayList<>();
        boolean enabled = true;
        for (int i = 0; i <= lines.size(); i++) {
            String line = i < lines.size() ? lines.get(i) : "";
            if (line.isBlank()) {
                for (int k = 0; enabled && k < stanzaUris.size(); k++) {
                    addUri(f, stanzaLines.get(k), stanzaUris.get(k), uris);
                }
                stanzaUris.clear();
                stanzaLines.clear();
                enabled = true;
                continue;
            }
            if (line.startsWith("#")) {
                continue;
            }
            int colon = line.indexOf(':');
            String field = colon < 0 ? "" : line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = colon < 0 ? "" : line.substring(colon + 1).strip();
            if (field.equals("uris")) {
                for (String u : value.split("\\s+")) {
                    stanzaUris.add(u);
                    stanzaLines.add(i + 1);
                }
            } else if (field.equals("enabled")) {
                enabled = !value.equalsIgnoreCase("no");
            }
        }
    }

    private static void addUri(Path f, int line, String text, List<URI> uris) throws IOException {
        try {
            URI u = new URI(text);
            if ("http".equalsIgnoreCase(u.getScheme())) {
                uris.add(prefix(u));
            }
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new IOException(f + ":" + line + ": bad archive URI '" + text + "'");
        }
    }

    /** An archive URI as a prefix: lower-case host, explicit port, path ending in '/'. */
    private static URI prefix(URI u) {
        if (!"http".equalsIgnoreCase(u.getScheme()) || u.getHost() == null || u.getRawUserInfo() != null) {
            throw new IllegalArgumentException("not an http archive URI: " + u);
        }
        String path = u.getPath() == null || u.getPath().isEmpty() ? "/" : u.getPath();
        if (!path.endsWith("/")) {
            path += "/";
        }
        try {
            return new URI("http", null, u.getHost().toLowerCase(Locale.ROOT), u.getPort() < 0 ? 80 : u.getPort(),
                    path, null, null);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /**
     * The request's URI as an allowed archive URI, or empty when it is not one: absolute http,
     * no user, query or fragment, a decoded path of plain segments (no '.', '..' or empty
     * ones, no encoded '/'), under one of the allowed prefixes.
     */
    Optional<URI> allowedUri(URI request) {
        if (!request.isAbsolute() || !"http".equalsIgnoreCase(request.getScheme()) || request.getHost() == null
                || request.getRawUserInfo() != null || request.getRawQuery() != null
                || request.getRawFragment() != null || request.getRawPath() == null) {
            return Optional.empty();
        }
        String raw = request.getRawPath();
        if (!raw.startsWith("/") || raw.toLowerCase(Locale.ROOT).contains("%2f")) {
            return Optional.empty();
        }
        String path;
        try {
            path = URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        String[] segments = path.substring(1).split("/", -1);
        for (String s : segments) {
            if (s.equals(".") || s.equals("..") || !SEGMENT.matcher(s).matches()) {
                return Optional.empty();
            }
        }
        String host = request.getHost().toLowerCase(Locale.ROOT);
        if (!HOST.matcher(host).matches()) {
            return Optional.empty();
        }
        int port = request.getPort() < 0 ? 80 : request.getPort();
        for (URI a : allowed) {
            if (a.getHost().equals(host) && a.getPort() == port && path.startsWith(a.getPath())) {
                try {
                    return Optional.of(new URI("http", null, host, port, path, null, null));
                } catch (URISyntaxException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    /** Files whose content never changes under their name: kept in the cache. */
    static boolean cacheable(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        return path.contains("/by-hash/") || name.endsWith(".deb") || name.endsWith(".udeb")
                || name.endsWith(".dsc") || name.matches(".*\\.(tar|diff)\\.(gz|xz|bz2|lzma)");
    }

    private void handle(HttpExchange ex) throws IOException {
        String method = ex.getRequestMethod();
        String what = "DENY";
        int status = 403;
        try (ex) {
            Optional<URI> uri = allowedUri(ex.getRequestURI());
            if (!method.equals("GET") && !method.equals("HEAD")) {
                status = 405;
                ex.sendResponseHeaders(status, -1);
            } else if (uri.isEmpty()) {
                ex.sendResponseHeaders(status, -1);
            } else if (cacheable(uri.get().getPath())) {
                Path file = cache.resolve(uri.get().getHost() + "_" + uri.get().getPort())
                        .resolve(uri.get().getPath().substring(1));
                what = Files.isRegularFile(file) ? "HIT" : "MISS";
                status = serveCached(ex, uri.get(), file);
            } else {
                what = "PASS";
                status = passThrough(ex, uri.get());
            }
        } catch (IOException | RuntimeException e) {
            what += " (" + e.getMessage() + ")";
            status = -1;
        } finally {
            log.println(ex.getRemoteAddress().getAddress().getHostAddress() + " " + method + " "
                    + ex.getRequestURI() + " " + (status < 0 ? "-" : status) + " " + what);
        }
    }

    private int serveCached(HttpExchange ex, URI uri, Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            CompletableFuture<Path> mine = new CompletableFuture<>();
            CompletableFuture<Path> running = downloads.putIfAbsent(file, mine);
            if (running == null) {
                try {
                    mine.complete(download(uri, file));
                } catch (UpstreamStatus | RuntimeException e) {
                    mine.completeExceptionally(e);
                } finally {
                    downloads.remove(file, mine);
                }
                running = mine;
            }
            try {
                running.get(WAIT_FOR_DOWNLOAD.toSeconds(), TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                int status = e.getCause() instanceof UpstreamStatus u ? u.status : 502;
                ex.sendResponseHeaders(status, -1);
                return status;
            } catch (TimeoutException e) {
                ex.sendResponseHeaders(504, -1);
                return 504;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted");
            }
        }
        long size = Files.size(file);
        ex.getResponseHeaders().set("Content-Type", "application/octet-stream");
        if (ex.getRequestMethod().equals("HEAD") || size == 0) {
            ex.getResponseHeaders().set("Content-Length", Long.toString(size));
            ex.sendResponseHeaders(200, -1);
        } else {
            ex.sendResponseHeaders(200, size);
            try (OutputStream out = ex.getResponseBody()) {
                Files.copy(file, out);
            }
        }
        return 200;
    }

    /** The archive answered a pool file's request with something other than the file. */
    private static final class UpstreamStatus extends Exception {
        final int status;

        UpstreamStatus(int status) {
            super("upstream status " + status);
            this.status = status;
        }
    }

    /** Downloads URI into FILE through a temporary file beside it, so FILE is whole or absent. */
    private Path download(URI uri, Path file) throws UpstreamStatus {
        try {
            Files.createDirectories(file.getParent());
            HttpResponse<InputStream> r = client.send(HttpRequest.newBuilder(uri).GET()
                    .timeout(Duration.ofMinutes(2)).build(), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = r.body()) {
                if (r.statusCode() != 200) {
                    throw new UpstreamStatus(r.statusCode());
                }
                Path tmp = file.resolveSibling("." + file.getFileName() + "." + UUID.randomUUID() + ".part");
                try {
                    long n = Files.copy(in, tmp);
                    long expected = r.headers().firstValueAsLong("Content-Length").orElse(n);
                    if (n != expected) {
                        throw new IOException("short download: " + n + " of " + expected + " bytes");
                    }
                    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } finally {
                    Files.deleteIfExists(tmp);
                }
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(uri + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private int passThrough(HttpExchange ex, URI uri) throws IOException {
        boolean head = ex.getRequestMethod().equals("HEAD");
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(2))
                .method(head ? "HEAD" : "GET", HttpRequest.BodyPublishers.noBody());
        for (String h : FORWARDED) {
            String v = ex.getRequestHeaders().getFirst(h);
            if (v != null) {
                b.header(h, v);
            }
        }
        HttpResponse<InputStream> r;
        try {
            r = client.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        } catch (IOException e) {
            ex.sendResponseHeaders(502, -1);
            throw e;
        }
        try (InputStream in = r.body()) {
            for (String h : RELAYED) {
                r.headers().firstValue(h).ifPresent(v -> ex.getResponseHeaders().set(h, v));
            }
            long length = r.headers().firstValueAsLong("Content-Length").orElse(-1);
            int status = r.statusCode();
            if (head || status == 304 || status == 204 || length == 0) {
                if (length >= 0) {
                    ex.getResponseHeaders().set("Content-Length", Long.toString(length));
                }
                ex.sendResponseHeaders(status, -1);
            } else {
                // Length 0 asks the server for a chunked response when the archive sent none.
                ex.sendResponseHeaders(status, length < 0 ? 0 : length);
                try (OutputStream out = ex.getResponseBody()) {
                    in.transferTo(out);
                }
            }
            return status;
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
