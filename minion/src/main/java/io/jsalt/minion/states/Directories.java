package io.jsalt.minion.states;

import io.jsalt.common.plugin.Call;
import io.jsalt.minion.files.FileIo;
import io.jsalt.minion.files.Perms;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** file.directory: the directory, its permissions, and optionally everything below it. */
final class Directories {
    private Directories() {}

    static Map<String, Object> directory(Call c, Ret ret, Path p) {
        String name = ret.name;
        Object user = c.arg(-1, "user", null);
        Object group = c.arg(-1, "group", null);
        Object dirMode = c.arg(-1, "dir_mode", c.arg(-1, "mode", null));
        Perms.Want dirWant = Perms.Want.of(user, group, dirMode);
        Perms.Want fileWant = Perms.Want.of(user, group, c.arg(-1, "file_mode", null));
        String missing = Perms.missingPrincipals(c, dirWant);
        if (missing != null) {
            return ret.fail(missing);
        }
        if (Files.isSymbolicLink(p) && !Files.isDirectory(p)) {
            return ret.fail("Specified location " + name + " exists and is a symlink");
        }
        if (Files.exists(p) && !Files.isDirectory(p)) {
            return ret.fail("Specified location " + name + " exists and is a file");
        }
        boolean exists = Files.isDirectory(p);
        boolean makedirs = c.bool(-1, "makedirs", false);
        List<Object> recurse = c.list(-1, "recurse", List.of());
        Perms.Want rDir = restrict(dirWant, recurse);
        Perms.Want rFile = restrict(fileWant, recurse);
        boolean ignoreFiles = recurse.contains("ignore_files");
        boolean ignoreDirs = recurse.contains("ignore_dirs");

        // The plan is Perms' view of what differs; applying it reports what Perms changed, as
        // salt/states/file.py's directory does with _check_directory (test) and check_perms.
        Map<String, Object> would = new LinkedHashMap<>();
        if (!exists) {
            would.put(name, new LinkedHashMap<>(Map.of("directory", "new")));
        } else {
            Map<String, Object> d = Perms.diff(p, dirWant);
            if (!d.isEmpty()) {
                would.put(name, d);
            }
            if (!recurse.isEmpty()) {
                for (Path child : below(p)) {
                    boolean dir = Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS);
                    if (dir ? ignoreDirs : ignoreFiles) {
                        continue;
                    }
                    Map<String, Object> cd = Perms.diff(child, dir ? rDir : rFile);
                    if (!cd.isEmpty()) {
                        would.put(child.toString(), cd);
                    }
                }
            }
        }
        if (would.isEmpty()) {
            return ret.done("Directory " + name + " is in the correct state");
        }
        StringBuilder b = new StringBuilder("The following files will be changed:\n");
        would.forEach((path, attrs) -> ((Map<?, ?>) attrs).forEach((k, v) ->
                b.append(path).append(": ").append(k).append(" - ").append(v).append('\n')));
        return Plan.change(b.toString(), r -> {
            // Salt's file.directory returns its test=True report before it looks at the parent
            // (salt/states/file.py): an earlier state may still create it.
            if (!exists && !Files.isDirectory(p.getParent()) && !makedirs) {
                return r.fail("No directory to create " + name + " in");
            }
            if (!exists) {
                for (Path d : FileIo.makeParents(p)) {
                    Perms.apply(d, dirWant);
                }
                try {
                    Files.createDirectory(p);
                    // As FileIo's new directories: Salt's mode under its umask 022, whatever this process's umask.
                    Perms.setMode(p, "0755");
                } catch (IOException e) {
                    return r.fail("Unable to create directory " + name + ": " + e);
                }
                // Salt's makedirs_perms sets the permissions as it creates: only "New Dir" is reported.
                Perms.apply(p, dirWant);
                r.changes.put(name, "New Dir");
            } else {
                r.changes.putAll(Perms.apply(p, dirWant));
            }
            if (!recurse.isEmpty()) {
                for (Path child : below(p)) {
                    boolean dir = Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS);
                    if (dir ? ignoreDirs : ignoreFiles) {
                        continue;
                    }
                    // Salt's check_perms shares one ret: recursion reports under the same keys.
                    r.changes.putAll(Perms.apply(child, dir ? rDir : rFile));
                }
            }
            return r.done(r.changes.isEmpty() ? "Directory " + name + " is in the correct state"
                    : "Directory " + name + " updated");
        }).showing(would).run(c, ret);
    }

    /** Only the parts recurse names: user, group, mode. */
    private static Perms.Want restrict(Perms.Want w, List<Object> recurse) {
        return new Perms.Want(recurse.contains("user") ? w.user() : null, recurse.contains("group") ? w.group() : null,
                recurse.contains("mode") ? w.mode() : null);
    }

    /** Everything below p (not p itself); links are not followed. */
    private static List<Path> below(Path p) {
        try (Stream<Path> s = Files.walk(p)) {
            List<Path> out = new ArrayList<>(s.filter(x -> !x.equals(p)).toList());
            out.removeIf(x -> Files.isSymbolicLink(x));
            return out;
        } catch (IOException e) {
            throw new Ret.Failure("Unable to walk " + p + ": " + e);
        }
    }
}
