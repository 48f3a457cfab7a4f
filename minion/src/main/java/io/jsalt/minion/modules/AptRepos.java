package io.jsalt.minion.modules;

import io.jsalt.common.plugin.CommandExecutionError;
import io.jsalt.common.plugin.InvocationError;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One-line apt sources ({@code deb [opts] uri dist comps...}) in sources.list and
 * sources.list.d/*.list: parse, find, add, change and delete. Two lines name the same
 * repository when type, options, uri (without a trailing slash), dist and components match.
 */
final class AptRepos {
    static final Path SOURCES = Path.of("/etc/apt/sources.list");
    static final Path SOURCES_D = Path.of("/etc/apt/sources.list.d");

    /** One parsed source line. */
    record Entry(String type, String options, String uri, String dist, List<String> comps,
                 boolean disabled, String comment, Path file, String line) {
        String key() {
            return type + " " + options + " " + uri.replaceAll("/+$", "") + " " + dist + " " + String.join(" ", comps);
        }

        Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("line", line);
            m.put("file", file.toString());
            m.put("type", type);
            m.put("architectures", architectures());
            m.put("uri", uri);
            m.put("dist", dist);
            m.put("comps", new ArrayList<Object>(comps));
            m.put("disabled", disabled);
            m.put("comments", comment == null ? "" : comment);
            return m;
        }

        private List<Object> architectures() {
            List<Object> out = new ArrayList<>();
            for (String o : options.replaceAll("^\\[|\\]$", "").split("\\s+")) {
                if (o.startsWith("arch=")) {
                    out.addAll(List.of(o.substring(5).split(",")));
                }
            }
            return out;
        }
    }

    private AptRepos() {}

    /** Parses a source line; null for anything that is not a deb/deb-src line. */
    static Entry parse(String raw, Path file) {
        String line = raw.strip();
        boolean disabled = false;
        if (line.startsWith("#")) {
            disabled = true;
            line = line.replaceFirst("^#+\\s*", "");
        }
        String comment = null;
        int hash = line.indexOf('#');
        if (hash >= 0) {
            comment = line.substring(hash + 1).strip();
            line = line.substring(0, hash).strip();
        }
        String options = "";
        String rest;
        String[] head = line.split("\\s+", 2);
        if (head.length < 2 || !(head[0].equals("deb") || head[0].equals("deb-src"))) {
            return null;
        }
        rest = head[1].strip();
        if (rest.startsWith("[")) {
            int close = rest.indexOf(']');
            if (close < 0) {
                return null;
            }
            options = "[" + rest.substring(1, close).strip().replaceAll("\\s+", " ") + "]";
            rest = rest.substring(close + 1).strip();
        }
        String[] w = rest.split("\\s+");
        if (w.length < 2) {
            return null;
        }
        List<String> comps = new ArrayList<>(List.of(w).subList(2, w.length));
        return new Entry(head[0], options, w[0], w[1], comps, disabled, comment, file, raw);
    }

    static List<Path> sourceFiles(String extra) {
        LinkedHashSet<Path> out = new LinkedHashSet<>();
        out.add(SOURCES);
        if (Files.isDirectory(SOURCES_D)) {
            try (Stream<Path> s = Files.list(SOURCES_D)) {
                s.filter(p -> p.toString().endsWith(".list")).sorted().forEach(out::add);
            } catch (IOException e) {
                throw new CommandExecutionError("Cannot list " + SOURCES_D + ": " + e.getMessage(), e);
            }
        }
        if (extra != null) {
            out.add(Path.of(extra));
        }
        return new ArrayList<>(out);
    }

    static List<Entry> entries(List<Path> files) {
        List<Entry> out = new ArrayList<>();
        for (Path f : files) {
            for (String line : readLines(f)) {
                Entry e = parse(line, f);
                if (e != null) {
                    out.add(e);
                }
            }
        }
        return out;
    }

    static Map<String, Object> listRepos(List<Path> files) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Entry e : entries(files)) {
            @SuppressWarnings("unchecked")
            List<Object> l = (List<Object>) out.computeIfAbsent(e.uri(), k -> new ArrayList<Object>());
            l.add(e.toMap());
        }
        return out;
    }

    static Map<String, Object> getRepo(String repo, List<Path> files) {
        Entry want = require(repo);
        for (Entry e : entries(files)) {
            if (e.key().equals(want.key())) {
                return e.toMap();
            }
        }
        return new LinkedHashMap<>();
    }

    /** Adds the line or updates it where it is; returns {repo: entry}. */
    static Map<String, Object> modRepo(String repo, String file, boolean disabled, String comment) {
        Entry want = require(repo);
        String wanted = render(want, disabled, comment);
        Path target = file == null ? SOURCES : Path.of(file);
        Entry found = entries(sourceFiles(file)).stream().filter(e -> e.key().equals(want.key()))
                .findFirst().orElse(null);
        if (found != null) {
            List<String> lines = readLines(found.file());
            lines.replaceAll(l -> l.equals(found.line()) ? wanted : l);
            writeLines(found.file(), lines);
            target = found.file();
        } else {
            List<String> lines = readLines(target);
            lines.add(wanted);
            writeLines(target, lines);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put(repo, parse(wanted, target).toMap());
        return out;
    }

    static String delRepo(String repo, List<Path> files) {
        Entry want = require(repo);
        List<String> removedFrom = new ArrayList<>();
        for (Path f : files) {
            List<String> lines = readLines(f);
            boolean changed = lines.removeIf(l -> {
                Entry e = parse(l, f);
                return e != null && e.key().equals(want.key());
            });
            if (changed) {
                removedFrom.add(f.toString());
                if (!f.equals(SOURCES) && lines.stream().allMatch(String::isBlank)) {
                    try {
                        Files.delete(f);
                    } catch (IOException e) {
                        throw new CommandExecutionError("Cannot delete " + f + ": " + e.getMessage(), e);
                    }
                } else {
                    writeLines(f, lines);
                }
            }
        }
        if (removedFrom.isEmpty()) {
            throw new CommandExecutionError("Repo '" + repo + "' has not been configured");
        }
        return "Repo '" + repo + "' has been removed from " + String.join(", ", removedFrom);
    }

    /** How a line is written: options, uri, dist and comps as given, disabled as '# '. */
    static String render(Entry e, boolean disabled, String comment) {
        StringBuilder b = new StringBuilder();
        if (disabled) {
            b.append("# ");
        }
        b.append(e.type());
        if (!e.options().isEmpty()) {
            b.append(' ').append(e.options());
        }
        b.append(' ').append(e.uri()).append(' ').append(e.dist());
        e.comps().forEach(c -> b.append(' ').append(c));
        if (comment != null && !comment.isBlank()) {
            b.append(" # ").append(comment.strip());
        }
        return b.toString();
    }

    static Entry require(String repo) {
        Entry e = parse(repo, SOURCES);
        if (e == null || e.disabled()) {
            throw new InvocationError("'" + repo + "' is not a valid apt source line "
                    + "(expected: deb [options] uri dist [components])");
        }
        return e;
    }

    private static List<String> readLines(Path f) {
        if (!Files.exists(f)) {
            return new ArrayList<>();
        }
        try {
            return new ArrayList<>(Files.readAllLines(f, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new CommandExecutionError("Cannot read " + f + ": " + e.getMessage(), e);
        }
    }

    private static void writeLines(Path f, List<String> lines) {
        try {
            if (f.getParent() != null) {
                Files.createDirectories(f.getParent());
            }
            Files.writeString(f, lines.isEmpty() ? "" : String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CommandExecutionError("Cannot write " + f + ": " + e.getMessage(), e);
        }
    }
}
