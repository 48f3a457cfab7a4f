package io.jsalt.common.files;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Salt's file_roots (and pillar_roots): for each saltenv, a list of directories searched in
 * order; the first root holding a file wins. Every name given to this class is checked
 * before it touches the disk: {@code ..} segments, absolute paths, backslashes, NUL and
 * percent-encoded separators are refused, and so is a symlink whose target leaves its root.
 */
public final class FileRoots {
    private static final String SALT_SCHEME = "salt://";

    private final Map<String, List<Path>> roots;

    public FileRoots(Map<String, List<Path>> roots) {
        Map<String, List<Path>> copy = new LinkedHashMap<>();
        roots.forEach((env, dirs) -> copy.put(env, List.copyOf(dirs.stream()
                .map(p -> p.toAbsolutePath().normalize()).toList())));
        this.roots = Map.copyOf(copy);
    }

    /** One saltenv ({@code base}) with the given roots. */
    public static FileRoots base(Path... dirs) {
        return new FileRoots(Map.of("base", List.of(dirs)));
    }

    public Set<String> saltenvs() {
        return new TreeSet<>(roots.keySet());
    }

    /** The roots of a saltenv, in search order (empty for an unknown saltenv). */
    public List<Path> roots(String saltenv) {
        return roots.getOrDefault(saltenv, List.of());
    }

    /**
     * The file {@code relPath} ({@code x/y} or {@code salt://x/y}) in the first root that holds
     * it, as a real path inside that root.
     *
     * @throws UnsafePathException if the name could leave the roots
     */
    public Optional<Path> find(String saltenv, String relPath) {
        String rel = normalize(relPath);
        for (Path root : roots(saltenv)) {
            // A missing candidate (or a dangling link) has no real path: the next root is asked.
            Path real = realInside(root, root.resolve(rel), relPath);
            if (real != null && Files.isRegularFile(real)) {
                return Optional.of(real);
            }
        }
        return Optional.empty();
    }

    /** The file {@link #find} finds; a missing one is a {@link NoSuchFileException} naming it. */
    public Path require(String saltenv, String relPath) throws NoSuchFileException {
        return find(saltenv, relPath).orElseThrow(() -> new NoSuchFileException(
                "'" + relPath + "' is not in the file roots of saltenv '" + saltenv + "'"));
    }

    /** Reads a file found by {@link #find}; missing files are a {@link NoSuchFileException}. */
    public String read(String saltenv, String relPath) throws IOException {
        return Files.readString(require(saltenv, relPath));
    }

    /** Every file of a saltenv, relative with '/' separators, sorted, each name once. */
    public List<String> listFiles(String saltenv) {
        return list(saltenv, true);
    }

    /** Every directory of a saltenv (not the roots themselves), relative, sorted. */
    public List<String> listDirs(String saltenv) {
        return list(saltenv, false);
    }

    /** The sha256 (lower-case hex) of the file {@code relPath} in {@code saltenv}. */
    public String hash(String saltenv, String relPath) {
        try {
            return sha256(require(saltenv, relPath));
        } catch (NoSuchFileException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The sha256 (lower-case hex) of a file's bytes. */
    public static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[65536];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Checks a name and returns it relative, without {@code salt://}, empty and {@code .}
     * segments.
     *
     * @throws UnsafePathException naming the path and the reason
     */
    public static String normalize(String relPath) {
        if (relPath == null || relPath.isEmpty()) {
            throw new UnsafePathException(String.valueOf(relPath), "empty path");
        }
        String p = relPath.startsWith(SALT_SCHEME) ? relPath.substring(SALT_SCHEME.length()) : relPath;
        if (p.indexOf('\0') >= 0) {
            throw new UnsafePathException(relPath, "NUL characters are not allowed");
        }
        if (p.indexOf('\\') >= 0) {
            throw new UnsafePathException(relPath, "backslashes are not allowed");
        }
        String lower = p.toLowerCase(Locale.ROOT);
        if (lower.contains("%2f") || lower.contains("%5c") || lower.contains("%00") || lower.contains("%2e")) {
            throw new UnsafePathException(relPath, "percent-encoded separators or dots are not allowed");
        }
        if (p.startsWith("/") || (p.length() > 1 && p.charAt(1) == ':')) {
            throw new UnsafePathException(relPath, "absolute paths are not allowed");
        }
        StringBuilder out = new StringBuilder();
        for (String seg : p.split("/")) {
            if (seg.equals("..")) {
                throw new UnsafePathException(relPath, "'..' segments are not allowed");
            }
            if (seg.isEmpty() || seg.equals(".")) {
                continue;
            }
            if (out.length() > 0) {
                out.append('/');
            }
            out.append(seg);
        }
        if (out.length() == 0) {
            throw new UnsafePathException(relPath, "empty path");
        }
        return out.toString();
    }

    /** The real path of candidate, null if it is missing or dangles; refuses one that leaves its root. */
    private static Path realInside(Path root, Path candidate, String asked) {
        try {
            Path real = candidate.toRealPath(); // first: a missing file costs one lookup
            Path realRoot = root.toRealPath();
            if (!real.startsWith(realRoot)) {
                throw new UnsafePathException(asked, "it is a symlink leading outside its root " + root);
            }
            return real;
        } catch (IOException e) {
            return null;
        }
    }

    private List<String> list(String saltenv, boolean files) {
        Set<String> out = new TreeSet<>();
        for (Path root : roots(saltenv)) {
            if (!Files.isDirectory(root)) {
                continue;
            }
            Path realRoot;
            try {
                realRoot = root.toRealPath();
            } catch (IOException e) {
                continue;
            }
            try (Stream<Path> walk = Files.find(realRoot, Integer.MAX_VALUE, (p, attrs) -> !p.equals(realRoot)
                    && listed(realRoot, p, attrs, files))) {
                walk.forEach(p -> out.add(realRoot.relativize(p).toString().replace('\\', '/')));
            } catch (IOException | UncheckedIOException e) {
                throw new UncheckedIOException("cannot list file root " + root,
                        e instanceof IOException io ? io : ((UncheckedIOException) e).getCause());
            }
        }
        return new ArrayList<>(out);
    }

    /**
     * Whether the walk's entry p is a file (or a directory) of the tree. The walk starts at the
     * real root and follows no link, so an entry that is no link is inside the root as it is,
     * and its attributes, read by the walk, say what it is; a link is followed, and counts
     * only when it leads inside the root.
     */
    private static boolean listed(Path realRoot, Path p, BasicFileAttributes attrs, boolean files) {
        if (!attrs.isSymbolicLink()) {
            return files ? attrs.isRegularFile() : attrs.isDirectory();
        }
        if (!insideAfterLinks(realRoot, p)) {
            return false; // symlinks out of the root are not part of the tree
        }
        return files ? Files.isRegularFile(p) : !Files.isRegularFile(p) && Files.isDirectory(p);
    }

    private static boolean insideAfterLinks(Path realRoot, Path p) {
        try {
            return p.toRealPath().startsWith(realRoot);
        } catch (IOException e) {
            return false;
        }
    }

    /** A name refused because it could reach outside the roots; the message names it. */
    public static final class UnsafePathException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        private final String path;

        public UnsafePathException(String path, String reason) {
            super("refusing path '" + path + "': " + reason);
            this.path = path;
        }

        public String path() {
            return path;
        }
    }
}
