package io.jsalt.minion.files;

import io.jsalt.common.crypto.SecureFiles;
import io.jsalt.common.files.FileClient;
import io.jsalt.common.files.FileRoots;
import io.jsalt.common.plugin.CommandExecutionError;
import io.jsalt.common.transport.RequestMethod;
import io.jsalt.minion.api.MasterRequests;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * salt:// through the master's file server. Files are cached under
 * {@code cachedir/files/SALTENV/PATH}; a file is fetched (in chunks, verified against the
 * master's sha256, moved into place atomically) only when the master's hash differs from
 * the cached copy's. For rendering, {@link #listing} brings every SLS and template file
 * of every saltenv up to date with one hash listing of the whole tree (file.tree), so
 * {@code import} and {@code include} in templates find their files in the cache.
 */
public final class RemoteFileClient implements FileClient, StateFiles {
    /** Files the renderer may read: SLS files and what templates import. */
    private static final Set<String> TEMPLATE_SUFFIXES = Set.of(".sls", ".jinja", ".j2", ".jinja2", ".yaml", ".yml",
            ".json", ".txt", ".tmpl", ".tpl");
    private static final long TIMEOUT_MS = 60_000;

    private record Known(long size, long mtime, String hash) { }

    private final MasterRequests master;
    private final Path cacheRoot;
    private final Map<Path, Known> known = new ConcurrentHashMap<>();
    private final AtomicLong fetches = new AtomicLong();

    public RemoteFileClient(MasterRequests master, Path cachedir) {
        this.master = master;
        this.cacheRoot = cachedir.resolve("files");
    }

    /** How many files were downloaded so far (a cache hit downloads nothing). */
    public long fetches() {
        return fetches.get();
    }

    /** Where a file of a saltenv is cached (whether or not it is there). */
    public Path cachePath(String saltenv, String relPath) {
        return cacheRoot.resolve(SaltUrl.checkEnv(saltenv)).resolve(FileRoots.normalize(relPath));
    }

    @Override
    public Optional<Path> cacheFile(String saltUrl, String saltenv) {
        SaltUrl u = SaltUrl.parse(saltUrl, saltenv);
        Map<?, ?> h = (Map<?, ?>) ask(RequestMethod.FILE_HASH, args(u.saltenv(), u.path()));
        if (h.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(ensure(u.saltenv(), u.path(), String.valueOf(h.get("hsum"))));
    }

    @Override
    public Optional<String> hash(String saltUrl, String saltenv) {
        SaltUrl u = SaltUrl.parse(saltUrl, saltenv);
        Map<?, ?> h = (Map<?, ?>) ask(RequestMethod.FILE_HASH, args(u.saltenv(), u.path()));
        return h.isEmpty() ? Optional.empty() : Optional.of(String.valueOf(h.get("hsum")));
    }

    /** The mode the master reports with the file's hash; empty from a master that does not say. */
    @Override
    public Optional<String> mode(String saltUrl, String saltenv) {
        SaltUrl u = SaltUrl.parse(saltUrl, saltenv);
        Map<?, ?> h = (Map<?, ?>) ask(RequestMethod.FILE_HASH, args(u.saltenv(), u.path()));
        Object mode = h.get("mode");
        return mode == null ? Optional.empty() : Optional.of(String.valueOf(mode));
    }

    @Override
    public List<String> listFiles(String saltenv) {
        return list(saltenv, false);
    }

    @Override
    public List<String> listDirs(String saltenv) {
        return list(saltenv, true);
    }

    @Override
    public Listing listing() {
        Map<String, List<Path>> roots = new LinkedHashMap<>();
        Map<String, Map<String, String>> listed = new LinkedHashMap<>();
        for (Map.Entry<String, Map<?, ?>> tree : tree().entrySet()) {
            String env = SaltUrl.checkEnv(tree.getKey());
            Map<?, ?> hashes = tree.getValue();
            Set<Path> wanted = new java.util.HashSet<>();
            Map<String, String> envHashes = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : hashes.entrySet()) {
                String rel = String.valueOf(e.getKey());
                String hash = String.valueOf(e.getValue());
                if (isTemplate(rel)) {
                    wanted.add(ensure(env, rel, hash));
                }
                envHashes.put(rel, hash);
            }
            pruneTemplates(cacheRoot.resolve(env), wanted);
            roots.put(env, List.of(cacheRoot.resolve(env)));
            listed.put(env, envHashes);
        }
        return new Listing(new FileRoots(roots), listed);
    }

    /**
     * Every saltenv's file hashes, in one file.tree round trip; from a master that does not
     * know file.tree, file.envs and then file.hashes per saltenv, as before it.
     */
    private Map<String, Map<?, ?>> tree() {
        Map<String, Map<?, ?>> out = new LinkedHashMap<>();
        Object tree;
        try {
            tree = ask(RequestMethod.FILE_TREE, new LinkedHashMap<>());
        } catch (CommandExecutionError e) {
            if (e.getCause() == null || e.getCause().getMessage() == null
                    || !e.getCause().getMessage().startsWith("unknown request method")) {
                throw e;
            }
            for (Object env : (List<?>) ask(RequestMethod.FILE_ENVS, new LinkedHashMap<>())) {
                Map<String, Object> a = new LinkedHashMap<>();
                a.put("saltenv", SaltUrl.checkEnv(String.valueOf(env)));
                out.put(String.valueOf(env), (Map<?, ?>) ask(RequestMethod.FILE_HASHES, a));
            }
            return out;
        }
        if (!(tree instanceof Map<?, ?> m)) {
            throw new CommandExecutionError("file.tree: the master's answer is not a map of saltenvs");
        }
        for (Map.Entry<?, ?> e : m.entrySet()) {
            if (!(e.getValue() instanceof Map<?, ?> hashes)) {
                throw new CommandExecutionError("file.tree: the master's answer for saltenv '" + e.getKey()
                        + "' is not a map of file hashes");
            }
            out.put(String.valueOf(e.getKey()), hashes);
        }
        return out;
    }

    @Override
    public Optional<Path> cachedAs(String saltenv, String relPath, String hash) {
        return Optional.of(ensure(saltenv, relPath, hash)); // cachePath checks both names
    }

    private static boolean isTemplate(String rel) {
        int dot = rel.lastIndexOf('.');
        return dot >= 0 && TEMPLATE_SUFFIXES.contains(rel.substring(dot));
    }

    /** Removes cached templates the master no longer has, so a deleted SLS is gone here too. */
    private void pruneTemplates(Path envDir, Set<Path> wanted) {
        if (!Files.isDirectory(envDir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(envDir)) {
            walk.filter(Files::isRegularFile).filter(p -> isTemplate(p.getFileName().toString()))
                    .filter(p -> !wanted.contains(p)).forEach(p -> {
                        try {
                            Files.deleteIfExists(p);
                            known.remove(p);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prune file cache " + envDir, e);
        }
    }

    private List<String> list(String saltenv, boolean dirs) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("saltenv", SaltUrl.checkEnv(saltenv));
        a.put("dirs", dirs);
        List<String> out = new ArrayList<>();
        for (Object o : (List<?>) ask(RequestMethod.FILE_LIST, a)) {
            out.add(String.valueOf(o));
        }
        return out;
    }

    /** The cached file, fetched first unless the cached copy already has {@code hsum}. */
    private Path ensure(String saltenv, String rel, String hsum) {
        Path dest = cachePath(saltenv, rel);
        if (hsum.equals(localHash(dest))) {
            return dest;
        }
        for (int attempt = 0; attempt < 3; attempt++) {
            String got = download(saltenv, rel, dest);
            if (got != null) {
                return dest;
            }
        }
        throw new CommandExecutionError("'salt://" + rel + "' in saltenv '" + saltenv
                + "' kept changing on the master while it was being fetched");
    }

    /** Fetches chunk by chunk; returns the hash, or null if the file changed mid-transfer. */
    private String download(String saltenv, String rel, Path dest) {
        try {
            // Cached files may hold secrets: directories 0700; the temporary file is 0600 and
            // keeps that mode when renamed.
            SecureFiles.ensureDirectory(dest.getParent(), SecureFiles.PRIVATE_DIR);
            Path tmp = Files.createTempFile(dest.getParent(), ".fetch-", ".tmp");
            try {
                String hsum = null;
                long offset = 0;
                try (OutputStream out = Files.newOutputStream(tmp)) {
                    while (true) {
                        Map<String, Object> a = args(saltenv, rel);
                        a.put("offset", offset);
                        Map<?, ?> r = (Map<?, ?>) ask(RequestMethod.FILE_GET, a);
                        if (r.isEmpty()) {
                            throw new CommandExecutionError("'salt://" + rel + "' vanished from saltenv '" + saltenv
                                    + "' on the master while it was being fetched");
                        }
                        String chunkHash = String.valueOf(r.get("hsum"));
                        if (hsum != null && !hsum.equals(chunkHash)) {
                            return null;
                        }
                        hsum = chunkHash;
                        byte[] data = (byte[]) r.get("data");
                        out.write(data);
                        offset += data.length;
                        long size = ((Number) r.get("size")).longValue();
                        if (offset >= size || data.length == 0) {
                            break;
                        }
                    }
                }
                if (!FileRoots.sha256(tmp).equals(hsum)) {
                    return null;
                }
                Files.move(tmp, dest, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                fetches.incrementAndGet();
                remember(dest, hsum);
                return hsum;
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dest, e);
        }
    }

    private String localHash(Path p) {
        try {
            if (!Files.isRegularFile(p)) {
                return null;
            }
            BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
            Known k = known.get(p);
            long mtime = a.lastModifiedTime().to(TimeUnit.MICROSECONDS);
            if (k != null && k.size() == a.size() && k.mtime() == mtime) {
                return k.hash();
            }
            String h = FileRoots.sha256(p);
            known.put(p, new Known(a.size(), mtime, h));
            return h;
        } catch (IOException e) {
            return null;
        }
    }

    private void remember(Path p, String hash) throws IOException {
        BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
        known.put(p, new Known(a.size(), a.lastModifiedTime().to(TimeUnit.MICROSECONDS), hash));
    }

    private static Map<String, Object> args(String saltenv, String path) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("saltenv", saltenv);
        a.put("path", path);
        return a;
    }

    private Object ask(RequestMethod method, Map<String, Object> args) {
        try {
            Object r = master.request(method, args, TIMEOUT_MS).get(TIMEOUT_MS + 1000, TimeUnit.MILLISECONDS);
            return r == null ? new LinkedHashMap<>() : r;
        } catch (ExecutionException e) {
            Throwable c = e.getCause() == null ? e : e.getCause();
            String what = args.get("path") == null ? method.wire() : method + " of '" + args.get("path") + "'";
            throw new CommandExecutionError(what + " failed: " + c.getMessage(), c);
        } catch (TimeoutException e) {
            throw new CommandExecutionError(method + ": no answer from the master in " + TIMEOUT_MS + " ms", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CommandExecutionError(method + " interrupted", e);
        }
    }
}
