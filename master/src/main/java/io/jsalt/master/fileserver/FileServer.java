package io.jsalt.master.fileserver;

import io.jsalt.common.files.FileClient;

import io.jsalt.common.files.FileRoots;
import io.jsalt.common.transport.RequestMethod;
import io.jsalt.master.MasterOptions;
import io.jsalt.master.transport.RequestRouter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * salt:// for minions: files under file_roots (a list of roots per saltenv, first match
 * wins), with sha256 hashes so minions fetch only what changed. Every name is checked by
 * {@link FileRoots} before it touches the disk: {@code ..}, absolute paths, encoded
 * separators and symlinks leaving a root are refused with an error naming the path.
 *
 * <p>Request methods (all args are strings unless noted):
 * <ul>
 *   <li>{@code file.envs} -> list of saltenvs</li>
 *   <li>{@code file.list} {saltenv, prefix, dirs: bool} -> sorted paths</li>
 *   <li>{@code file.hash} {path, saltenv} -> {hsum, hash_type: sha256, size}, or {} if absent</li>
 *   <li>{@code file.hashes} {saltenv, prefix} -> {path: sha256} for every file</li>
 *   <li>{@code file.tree} -> {saltenv: {path: sha256}} for every file of every saltenv</li>
 *   <li>{@code file.get} {path, saltenv, offset: int} -> {data: bytes, offset, size, hsum}, at
 *       most one chunk ({@code file_buffer_size}, default 1 MiB) per call, or {} if absent</li>
 * </ul>
 */
public final class FileServer implements AutoCloseable {

    private record HashStamp(long size, long mtime, Object key, String hash) { }

    private final FileRoots roots;
    private final int chunk;
    private final Map<Path, HashStamp> hashes = new ConcurrentHashMap<>();
    private final ExecutorService workers = Executors.newFixedThreadPool(2,
            new io.netty.util.concurrent.DefaultThreadFactory("jsalt-files", true));

    public FileServer(FileRoots roots, int chunk) {
        this.roots = roots;
        this.chunk = chunk;
    }

    /** Creates the file server from file_roots and registers its request methods. */
    public static FileServer install(MasterOptions options, RequestRouter router) {
        // A chunk travels in one reply frame, with room to spare for the reply around it.
        int chunk = Math.min(options.fileBufferSize(), options.maxFrameBytes() / 2);
        FileServer fs = new FileServer(new FileRoots(options.fileRoots()), chunk);
        fs.register(router);
        return fs;
    }

    public void register(RequestRouter router) {
        router.register(RequestMethod.FILE_ENVS, (id, a) -> async(() -> new ArrayList<Object>(roots.saltenvs())));
        router.register(RequestMethod.FILE_LIST, (id, a) -> async(() -> list(env(a), str(a, "prefix"), Boolean.TRUE.equals(a.get("dirs")))));
        router.register(RequestMethod.FILE_HASH, (id, a) -> async(() -> hash(env(a), path(a))));
        router.register(RequestMethod.FILE_HASHES, (id, a) -> async(() -> hashes(env(a), str(a, "prefix"))));
        router.register(RequestMethod.FILE_TREE, (id, a) -> async(this::tree));
        router.register(RequestMethod.FILE_GET, (id, a) -> async(() -> get(env(a), path(a),
                a.get("offset") instanceof Number n ? n.longValue() : 0)));
    }

    public List<Object> list(String saltenv, String prefix, boolean dirs) {
        List<Object> out = new ArrayList<>();
        for (String p : dirs ? roots.listDirs(saltenv) : roots.listFiles(saltenv)) {
            if (prefix == null || p.startsWith(prefix)) {
                out.add(p);
            }
        }
        return out;
    }

    public Map<String, Object> hash(String saltenv, String path) {
        Map<String, Object> out = new LinkedHashMap<>();
        Optional<Path> p = roots.find(saltenv, path);
        if (p.isPresent()) {
            HashStamp h = stamp(p.get());
            out.put("hsum", h.hash());
            out.put("hash_type", "sha256");
            out.put("size", h.size());
            // The permission bits, as Salt's hash_and_stat gives them, for file.recurse's
            // file_mode: keep; a minion that does not ask ignores them.
            try {
                out.put("mode", FileClient.modeOf(p.get()));
            } catch (java.io.UncheckedIOException gone) {
                // removed since it was hashed: the reply stands without the mode
            }
        }
        return out;
    }

    public Map<String, Object> hashes(String saltenv, String prefix) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String rel : roots.listFiles(saltenv)) {
            if (prefix != null && !rel.startsWith(prefix)) {
                continue;
            }
            roots.find(saltenv, rel).ifPresent(p -> out.put(rel, stamp(p).hash()));
        }
        return out;
    }

    /** Every saltenv's {@link #hashes}: a minion's state run lists them all before rendering. */
    public Map<String, Object> tree() {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String env : roots.saltenvs()) {
            out.put(env, hashes(env, null));
        }
        return out;
    }

    public Map<String, Object> get(String saltenv, String path, long offset) {
        Map<String, Object> out = new LinkedHashMap<>();
        Optional<Path> p = roots.find(saltenv, path);
        if (p.isEmpty()) {
            return out;
        }
        HashStamp h = stamp(p.get());
        try (FileChannel ch = FileChannel.open(p.get(), StandardOpenOption.READ)) {
            long size = ch.size();
            long start = Math.max(0, Math.min(offset, size));
            ByteBuffer buf = ByteBuffer.allocate((int) Math.min(chunk, size - start));
            while (buf.hasRemaining() && ch.read(buf, start + buf.position()) > 0) {
                // read until the chunk is full or the file ends
            }
            byte[] data = new byte[buf.position()];
            buf.flip().get(data);
            out.put("data", data);
            out.put("offset", start);
            out.put("size", size);
            out.put("hsum", h.hash());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path + " in saltenv " + saltenv, e);
        }
        return out;
    }

    /** The file's sha256, recomputed only when its size, mtime or inode changed. */
    private HashStamp stamp(Path p) {
        try {
            BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
            long mtime = a.lastModifiedTime().toMillis() * 1000 + a.lastModifiedTime().toInstant().getNano() / 1000 % 1000;
            HashStamp old = hashes.get(p);
            if (old != null && old.size() == a.size() && old.mtime() == mtime && java.util.Objects.equals(old.key(), a.fileKey())) {
                return old;
            }
            HashStamp fresh = new HashStamp(a.size(), mtime, a.fileKey(), FileRoots.sha256(p));
            hashes.put(p, fresh);
            return fresh;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stat " + p, e);
        }
    }


    private CompletableFuture<Object> async(java.util.function.Supplier<Object> s) {
        return CompletableFuture.supplyAsync(s, workers);
    }

    private static String env(Map<String, Object> a) {
        String e = str(a, "saltenv");
        return e == null || e.isEmpty() ? "base" : e;
    }

    private static String path(Map<String, Object> a) {
        String p = str(a, "path");
        if (p == null) {
            throw new IllegalArgumentException("missing 'path'");
        }
        return p;
    }

    private static String str(Map<String, Object> a, String k) {
        Object v = a.get(k);
        return v == null ? null : String.valueOf(v);
    }

    @Override
    public void close() {
        workers.shutdownNow();
    }
}
