package io.jsalt.minion.states;

import io.jsalt.common.data.Data;
import io.jsalt.common.files.FileClient;
import io.jsalt.common.plugin.Call;
import io.jsalt.minion.files.FileIo;
import io.jsalt.minion.files.Perms;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** file.recurse: a directory tree mirrored from salt:// (or a local directory), file by file. */
final class Recurse {
    private Recurse() {}

    static Map<String, Object> recurse(Call c, Ret ret, Path dest) {
        String name = ret.name;
        String source = c.requiredStr(1, "source");
        String env = Sources.saltenv(c);
        // file_mode: keep gives each copy its source's mode (salt/states/file.py, recurse passes
        // it to managed, whose keep_mode takes cp.stat_file of the source).
        boolean keepMode = "keep".equals(String.valueOf(c.arg(-1, "file_mode", null)));
        Perms.Want fileWant = Perms.Want.of(c.arg(-1, "user", null), c.arg(-1, "group", null),
                keepMode ? null : c.arg(-1, "file_mode", null));
        Perms.Want dirWant = Perms.Want.of(c.arg(-1, "user", null), c.arg(-1, "group", null), c.arg(-1, "dir_mode", null));
        String missing = Perms.missingPrincipals(c, fileWant);
        if (missing != null) {
            return ret.fail(missing);
        }
        if (Files.exists(dest) && !Files.isDirectory(dest)) {
            return ret.fail("The path " + name + " exists and is not a directory");
        }
        Tree tree = source.startsWith("salt://") ? saltTree(c, source, env) : localTree(source);
        Pattern exclude = exclude(c.str(-1, "exclude_pat", null));
        boolean template = c.str(-1, "template", null) != null;
        boolean includeEmpty = c.bool(-1, "include_empty", false);
        ret.result = true;
        Map<String, List<String>> comments = new LinkedHashMap<>();
        Set<Path> keep = new LinkedHashSet<>();
        keep.add(dest);

        if (!Files.isDirectory(dest)) {
            merge(ret, comments, name, dirResult(c, dest, dirWant));
        }
        for (String rel : tree.files()) {
            if (exclude != null && exclude.matcher(rel).matches()) {
                continue;
            }
            Path target = dest.resolve(rel);
            for (Path d = target.getParent(); d != null && !d.equals(dest); d = d.getParent()) {
                keep.add(d);
            }
            keep.add(target);
            Map<String, Object> r;
            try {
                byte[] raw = tree.read(rel);
                Sources.Content content = new Sources.Content(raw, tree.url(rel));
                if (template) {
                    content = new Sources.Content(Sources.render(c, new String(raw, StandardCharsets.UTF_8),
                            tree.relPath(rel)).getBytes(StandardCharsets.UTF_8), tree.url(rel));
                }
                Perms.Want want = keepMode ? new Perms.Want(fileWant.user(), fileWant.group(), tree.mode(rel)) : fileWant;
                r = Managed.run(c, new Managed.Spec(target.toString(), target, content, want, dirWant, true, true, true,
                        c.str(-1, "backup", null), null, c.bool(-1, "show_changes", true)));
            } catch (Ret.Failure f) {
                r = new Ret(target.toString()).fail(f.getMessage());
            }
            merge(ret, comments, target.toString(), r);
        }
        if (includeEmpty) {
            for (String rel : tree.dirs()) {
                Path d = dest.resolve(rel);
                for (Path x = d; x != null && !x.equals(dest); x = x.getParent()) {
                    keep.add(x);
                }
                if (!Files.isDirectory(d)) {
                    merge(ret, comments, d.toString(), dirResult(c, d, dirWant));
                }
            }
        }
        if (c.bool(-1, "clean", false) && Files.isDirectory(dest)) {
            clean(c, ret, comments, dest, keep);
        }
        StringBuilder b = new StringBuilder();
        comments.forEach((k, v) -> b.append("\n#### ").append(k).append(" ####\n").append(String.join("\n", v)));
        ret.comment = b.toString().strip();
        if (ret.comment.isEmpty()) {
            ret.comment = "Recursively updated " + name;
        }
        if (ret.changes.isEmpty() && Boolean.TRUE.equals(ret.result)) {
            ret.comment = "The directory " + name + " is in the correct state";
        }
        return ret.toMap();
    }

    /** Salt's merge_ret: the most negative result wins; comments of non-True results are kept. */
    @SuppressWarnings("unchecked")
    private static void merge(Ret ret, Map<String, List<String>> comments, String path, Map<String, Object> r) {
        Boolean result = (Boolean) r.get("result");
        if (Boolean.FALSE.equals(result) || Boolean.TRUE.equals(ret.result)) {
            ret.result = result;
        }
        String comment = (String) r.get("comment");
        if (!Boolean.TRUE.equals(result) && comment != null && !comment.isEmpty()) {
            comments.computeIfAbsent(comment, k -> new ArrayList<>()).add(path);
        }
        Map<String, Object> ch = (Map<String, Object>) r.get("changes");
        if (ch != null && !ch.isEmpty()) {
            ret.changes.put(path, ch);
        }
    }

    private static Map<String, Object> dirResult(Call c, Path d, Perms.Want want) {
        return Plan.change("The directory " + d + " is set to be created", "Directory " + d + " updated", () -> {
            for (Path p : FileIo.makeParents(d.resolve("x"))) {
                Perms.apply(p, want);
            }
        }).showing(Data.map(d.toString(), "New Dir")).run(c, new Ret(d.toString()));
    }

    private static void clean(Call c, Ret ret, Map<String, List<String>> comments, Path dest, Set<Path> keep) {
        List<Path> extra;
        try (Stream<Path> s = Files.walk(dest)) {
            extra = new ArrayList<>(s.filter(p -> !keep.contains(p)).sorted(Comparator.reverseOrder()).toList());
        } catch (IOException e) {
            throw new Ret.Failure("Unable to walk " + dest + ": " + e);
        }
        for (Path p : extra) {
            if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS) || (p.getParent() != null && extra.contains(p.getParent()))) {
                // Gone already, or removed with its directory, whose plan deletes the whole tree and
                // reports it.
                continue;
            }
            merge(ret, comments, p.toString(), Plan.change("File " + p + " is set for removal", "Removed " + p,
                    () -> FileIo.deleteTree(p)).showing(Data.map("removed", p.toString())).run(c, new Ret(p.toString())));
        }
    }

    private static Pattern exclude(String pat) {
        if (pat == null) {
            return null;
        }
        if (pat.startsWith("E@")) {
            return TextEdits.regex(".*(?:" + pat.substring(2) + ").*", 0);
        }
        return Pattern.compile("(?:.*/)?" + globToRegex(pat));
    }

    private static String globToRegex(String glob) {
        StringBuilder b = new StringBuilder();
        for (char ch : glob.toCharArray()) {
            switch (ch) {
                case '*' -> b.append("[^/]*");
                case '?' -> b.append("[^/]");
                default -> b.append(Pattern.quote(String.valueOf(ch)));
            }
        }
        return b.toString();
    }

    /** The source tree: relative file and directory names and how to read them. */
    /** A source directory tree: its files and directories (relative, sorted) and how to read them. */
    private abstract static class Tree {
        private final List<String> files;
        private final List<String> dirs;

        Tree(List<String> files, List<String> dirs) {
            this.files = files;
            this.dirs = dirs;
        }

        List<String> files() {
            return files;
        }

        List<String> dirs() {
            return dirs;
        }

        abstract byte[] read(String rel);

        abstract String url(String rel);

        abstract String relPath(String rel);

        /** The source file's mode ("0755"), for file_mode: keep. */
        abstract String mode(String rel);
    }

    private static Tree saltTree(Call c, String source, String env) {
        String base = Sources.relPath(source).replaceAll("/+$", "");
        String prefix = base.isEmpty() ? "" : base + "/";
        FileClient fc = c.ctx().service(FileClient.class);
        List<String> files = new ArrayList<>();
        for (String f : fc.listFiles(env)) {
            if (f.startsWith(prefix)) {
                files.add(f.substring(prefix.length()));
            }
        }
        List<String> dirs = new ArrayList<>();
        for (String d : fc.listDirs(env)) {
            if (d.startsWith(prefix)) {
                dirs.add(d.substring(prefix.length()));
            }
        }
        if (files.isEmpty() && dirs.isEmpty()) {
            throw new Ret.Failure("The directory '" + source + "' does not exist on the salt fileserver in saltenv '"
                    + env + "'");
        }
        return new Tree(files, dirs) {
            byte[] read(String rel) {
                return fc.cacheFile("salt://" + prefix + rel, env).map(FileIo::read)
                        .orElseThrow(() -> new Ret.Failure("Source file salt://" + prefix + rel + " not found"));
            }

            String url(String rel) {
                return "salt://" + prefix + rel;
            }

            String relPath(String rel) {
                return prefix + rel;
            }

            String mode(String rel) {
                return fc.mode("salt://" + prefix + rel, env)
                        .orElseThrow(() -> new Ret.Failure("Source file salt://" + prefix + rel + " not found"));
            }
        };
    }

    private static Tree localTree(String source) {
        Path root = Path.of(source.startsWith("file://") ? source.substring(7) : source);
        if (!root.isAbsolute() || !Files.isDirectory(root)) {
            throw new Ret.Failure("The directory '" + source + "' does not exist");
        }
        List<String> files = new ArrayList<>();
        List<String> dirs = new ArrayList<>();
        try (Stream<Path> s = Files.walk(root)) {
            s.filter(p -> !p.equals(root)).sorted().forEach(p ->
                    (Files.isDirectory(p) ? dirs : files).add(root.relativize(p).toString()));
        } catch (IOException e) {
            throw new Ret.Failure("Unable to walk " + root + ": " + e);
        }
        return new Tree(files, dirs) {
            byte[] read(String rel) {
                return FileIo.read(root.resolve(rel));
            }

            String url(String rel) {
                return root.resolve(rel).toString();
            }

            String relPath(String rel) {
                return root.resolve(rel).toString();
            }

            String mode(String rel) {
                return Perms.mode(root.resolve(rel));
            }
        };
    }
}
