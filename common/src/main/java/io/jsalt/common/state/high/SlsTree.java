package io.jsalt.common.state.high;

import io.jsalt.common.files.FileRoots;
import io.jsalt.common.py.Fnmatch;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The SLS files of a tree of roots (file_roots or pillar_roots): which SLS names exist
 * (Salt's fileclient {@code list_states}) and which file holds a name
 * ({@code get_state}: {@code a/b.sls} before {@code a/b/init.sls}).
 */
public final class SlsTree {

    private final FileRoots roots;
    private final Map<String, List<String>> avail = new ConcurrentHashMap<>();

    public SlsTree(FileRoots roots) {
        this.roots = roots;
    }

    public FileRoots roots() {
        return roots;
    }

    /** Where an SLS name lives: its path under the root, and whether it is a package's init.sls. */
    public record Source(String relPath, boolean init) { }

    /** Every SLS name in a saltenv, sorted ({@code redis}, {@code redis.server}, {@code top}). */
    public List<String> states(String saltenv) {
        return avail.computeIfAbsent(saltenv, env -> names(roots.listFiles(env)));
    }

    /**
     * The SLS names of a list of file paths, sorted and without duplicates: {@code a/init.sls}
     * is {@code a}, {@code a/b.sls} is {@code a.b} (salt/fileclient.py list_states; cp.list_states
     * of a minion asks its file client for the paths).
     */
    public static List<String> names(List<String> paths) {
        TreeSet<String> out = new TreeSet<>();
        for (String path : paths) {
            if (path.endsWith("/init.sls")) {
                out.add(path.replace('/', '.').substring(0, path.length() - 9));
            } else if (path.endsWith(".sls")) {
                out.add(path.replace('/', '.').substring(0, path.length() - 4));
            }
        }
        return List.copyOf(out);
    }

    /** The SLS names of a saltenv matching a glob, in sorted order (Salt's fnmatch.filter). */
    public List<String> filter(String saltenv, String pattern) {
        List<String> out = new ArrayList<>();
        for (String s : states(saltenv)) {
            if (Fnmatch.matches(s, pattern)) {
                out.add(s);
            }
        }
        return out;
    }

    /** The file of an SLS name, empty when the saltenv has none (or the name is unsafe). */
    public Optional<Source> find(String saltenv, String sls) {
        String base = sls.replace('.', '/');
        try {
            if (roots.find(saltenv, base + ".sls").isPresent()) {
                return Optional.of(new Source(base + ".sls", false));
            }
            if (roots.find(saltenv, base + "/init.sls").isPresent()) {
                return Optional.of(new Source(base + "/init.sls", true));
            }
        } catch (FileRoots.UnsafePathException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }
}
