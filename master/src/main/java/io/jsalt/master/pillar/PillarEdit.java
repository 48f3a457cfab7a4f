package io.jsalt.master.pillar;

import io.jsalt.common.data.Data;
import io.jsalt.common.data.Yaml;
import io.jsalt.common.files.AtomicFiles;
import io.jsalt.common.text.Printable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The {@code pillar.edit} runner's work: change the value of one nested key (such as
 * {@code infra:hosts_entries:masterdb}) in the one pillar file that defines it, as an
 * operator would with an editor. Only the value's text on the key's line changes: every
 * other line, comment and the value's trailing comment stay as they were, and the file is
 * replaced through a temporary file and a rename, so the master's pillar compiler never
 * reads half a file.
 *
 * <p>The key is looked up in the files' text, not in the rendered pillar: a key is found
 * where each part of its path is a block-style mapping key on its own line under the
 * previous part, and its value is a single scalar on the same line. A key whose line, or
 * the line of any key above it, holds Jinja, or that sits inside a Jinja block
 * ({@code {% if %}}, {@code {% for %}} ...), is refused: the text there is not what the
 * pillar holds, so editing it would be a guess.
 */
public final class PillarEdit {
    /** A block mapping key line: indent, key (plain or quoted), then the rest after the colon. */
    private static final Pattern KEY_LINE = Pattern.compile(
            "^( *)((?:'(?:[^']|'')*')|(?:\"(?:[^\"\\\\]|\\\\.)*\")|(?:[^\\s#'\"\\-?:,\\[\\]{}&*!|>%@`][^:#]*?)) *:(?: +(.*))?$");
    private static final Pattern JINJA_DELIMITER = Pattern.compile("\\{[{%#]");
    private static final Pattern BLOCK_OPEN = Pattern.compile("\\{%-?\\s*(if|for|macro|call|filter|raw|block|set\\s+\\w+\\s*%)");
    private static final Pattern BLOCK_CLOSE = Pattern.compile("\\{%-?\\s*end(if|for|macro|call|filter|raw|block|set)\\b");

    /** What one edit did: the file, the key, the value's text before and after. */
    public record Result(Path file, String key, String old, String value) {
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("file", file.toString());
            m.put("key", key);
            m.put("old", old);
            m.put("new", value);
            return m;
        }
    }

    /** Where a file defines the key: its line (0-based), the value's text span, or why it cannot be edited. */
    record Found(Path file, String text, int line, int valueStart, int valueEnd, String refusal) { }

    /** One edit at a time in this master (two reactions editing at once would lose one). */
    private static final Object LOCK = new Object();

    private PillarEdit() {}

    /**
     * Sets {@code key} (colon-separated) to {@code value} in the one .sls file under
     * {@code roots} that defines it; throws IllegalArgumentException with a one-line reason
     * naming the key when no file, several files, or a Jinja-rendered line defines it.
     */
    public static Result edit(List<Path> roots, String key, String value) {
        List<String> path = splitKey(key);
        if (value == null || !Printable.isLine(value)) {
            throw new IllegalArgumentException("pillar.edit: the new value of " + key
                    + " must be one line of text without control characters");
        }
        if (JINJA_DELIMITER.matcher(value).find()) {
            // Pillar files are Jinja templates rendered on the master: a value from an
            // orchestration's or a reactor's data must never become template code there.
            throw new IllegalArgumentException("pillar.edit: the new value of " + key
                    + " may not contain a Jinja delimiter ({{, {%, {#)");
        }
        synchronized (LOCK) {
            return editLocked(roots, path, key, value);
        }
    }

    private static Result editLocked(List<Path> roots, List<String> path, String key, String value) {
        List<Found> found = new ArrayList<>();
        for (Path file : slsFiles(roots)) {
            Found f = find(file, read(file), path);
            if (f != null) {
                found.add(f);
            }
        }
        if (found.isEmpty()) {
            throw new IllegalArgumentException("pillar.edit: no pillar file under pillar_roots (base) defines " + key
                    + " as a key on its own line");
        }
        if (found.size() > 1) {
            List<String> where = new ArrayList<>();
            found.forEach(f -> where.add(f.file() + " line " + (f.line() + 1)));
            throw new IllegalArgumentException("pillar.edit: " + key + " is defined in several pillar files ("
                    + String.join(", ", where) + "); refusing to guess which one to edit");
        }
        Found f = found.get(0);
        if (f.refusal() != null) {
            throw new IllegalArgumentException("pillar.edit: " + key + " in " + f.file() + " line " + (f.line() + 1)
                    + " " + f.refusal() + "; edit it by hand");
        }
        return write(f, key, value);
    }

    /** The key's parts; an empty part is refused. */
    static List<String> splitKey(String key) {
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("pillar.edit: a key is required, e.g. infra:hosts_entries:masterdb");
        }
        List<String> parts = List.of(key.split(Data.DEFAULT_DELIMITER, -1));
        if (parts.stream().anyMatch(String::isEmpty)) {
            throw new IllegalArgumentException("pillar.edit: '" + key + "' has an empty part; write it as a:b:c");
        }
        return parts;
    }

    private static List<Path> slsFiles(List<Path> roots) {
        List<Path> out = new ArrayList<>();
        for (Path root : roots) {
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (Stream<Path> s = Files.walk(root)) {
                s.filter(p -> p.getFileName().toString().endsWith(".sls") && Files.isRegularFile(p))
                        .sorted().forEach(out::add);
            } catch (IOException e) {
                throw new UncheckedIOException("pillar.edit: cannot read pillar_roots " + root + ": " + e.getMessage(), e);
            }
        }
        return out;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("pillar.edit: cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Walks the file's lines keeping the chain of enclosing block keys (by indent), and
     * returns where the key path is defined, or null when it is not. A found key whose
     * value is not a scalar on its line, or whose path is touched by Jinja, comes back with
     * the reason it cannot be edited.
     */
    static Found find(Path file, String text, List<String> path) {
        String[] lines = text.split("\n", -1);
        List<int[]> indents = new ArrayList<>(); // indent of each open key, parallel to keys
        List<String> keys = new ArrayList<>();
        List<Boolean> jinjaKeys = new ArrayList<>();
        int jinjaDepth = 0;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].endsWith("\r") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
            boolean jinja = line.contains("{{") || line.contains("{%") || line.contains("{#");
            int depthBefore = jinjaDepth;
            jinjaDepth += count(BLOCK_OPEN, line) - count(BLOCK_CLOSE, line);
            jinjaDepth = Math.max(0, jinjaDepth);
            String stripped = line.strip();
            if (stripped.isEmpty() || stripped.startsWith("#") || (jinja && stripped.startsWith("{"))) {
                continue;
            }
            Matcher m = KEY_LINE.matcher(line);
            boolean listItem = stripped.startsWith("- ") || stripped.equals("-");
            if (!m.matches() && !listItem) {
                continue;
            }
            int indent = line.length() - line.stripLeading().length();
            while (!indents.isEmpty() && indents.get(indents.size() - 1)[0] >= indent) {
                indents.remove(indents.size() - 1);
                keys.remove(keys.size() - 1);
                jinjaKeys.remove(jinjaKeys.size() - 1);
            }
            indents.add(new int[] {indent});
            if (listItem) {
                // Keys under a list item are not reachable by a:b:c; the marker keeps them off every path.
                keys.add(null);
                jinjaKeys.add(false);
                continue;
            }
            keys.add(unquote(m.group(2).strip()));
            jinjaKeys.add(jinja || depthBefore > 0);
            if (!keys.equals(path)) {
                continue;
            }
            if (jinjaKeys.contains(true)) {
                return new Found(file, text, i, -1, -1, "is rendered by Jinja (a template line on its path)");
            }
            String rest = m.group(3);
            int[] span = rest == null ? null : valueSpan(line, m.start(3));
            if (span == null) {
                return new Found(file, text, i, -1, -1, "holds a mapping or a list, not a single value");
            }
            return new Found(file, text, i, span[0], span[1], null);
        }
        return null;
    }

    private static int count(Pattern p, String line) {
        Matcher m = p.matcher(line);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    /** The value's span on the line from {@code start}, less a trailing comment; null for a block or flow collection. */
    private static int[] valueSpan(String line, int start) {
        char first = line.charAt(start);
        if (first == '#') {
            return null;
        }
        if (first == '{' || first == '[' || first == '|' || first == '>' || first == '&' || first == '*'
                || first == '!') {
            return null;
        }
        if (first == '\'' || first == '"') {
            int end = closingQuote(line, start);
            return end < 0 ? null : new int[] {start, end + 1};
        }
        int end = line.length();
        int hash = line.indexOf(" #", start);
        if (hash >= 0) {
            end = hash;
        }
        while (end > start && Character.isWhitespace(line.charAt(end - 1))) {
            end--;
        }
        return new int[] {start, end};
    }

    private static int closingQuote(String line, int start) {
        char q = line.charAt(start);
        for (int i = start + 1; i < line.length(); i++) {
            char c = line.charAt(i);
            if (q == '"' && c == '\\') {
                i++;
            } else if (c == q) {
                if (q == '\'' && i + 1 < line.length() && line.charAt(i + 1) == '\'') {
                    i++;
                } else {
                    return i;
                }
            }
        }
        return -1;
    }

    private static String unquote(String key) {
        if (key.length() >= 2 && (key.startsWith("'") || key.startsWith("\""))) {
            Object v = Yaml.load(key, "pillar key");
            return String.valueOf(v);
        }
        return key;
    }

    /** Replaces the value's text, checks the line still reads as the new value, and swaps the file in. */
    private static Result write(Found f, String key, String value) {
        // The offsets are the text's that was searched: the same text is edited.
        String[] lines = f.text().split("\n", -1);
        String line = lines[f.line()];
        String oldText = line.substring(f.valueStart(), f.valueEnd());
        String newText = scalar(value, oldText.charAt(0));
        lines[f.line()] = line.substring(0, f.valueStart()) + newText + line.substring(f.valueEnd());
        Object check = Yaml.load("v: " + newText, "new value");
        if (!(check instanceof Map<?, ?> m) || !value.equals(String.valueOf(m.get("v")))) {
            throw new IllegalArgumentException("pillar.edit: '" + value + "' cannot be written as a YAML value of "
                    + key);
        }
        Object old = Yaml.load("v: " + oldText, "old value") instanceof Map<?, ?> om ? om.get("v") : oldText;
        String edited = String.join("\n", lines);
        try {
            Path tmp = Files.createTempFile(f.file().toAbsolutePath().getParent(), ".pillar-edit-", ".tmp");
            AtomicFiles.replace(tmp, f.file(), t -> {
                Files.writeString(t, edited, StandardCharsets.UTF_8);
                // The edited file keeps the original's mode (a temporary file starts private).
                Files.setPosixFilePermissions(t, Files.getPosixFilePermissions(f.file()));
            });
        } catch (IOException e) {
            throw new UncheckedIOException("pillar.edit: cannot write " + f.file() + ": " + e.getMessage(), e);
        }
        return new Result(f.file(), key, old == null ? "" : String.valueOf(old), value);
    }

    /**
     * The new value as YAML text: in the old value's quotes when it had them, plain when
     * YAML reads it back as the same string, else single-quoted.
     */
    private static String scalar(String value, char oldFirst) {
        String single = "'" + value.replace("'", "''") + "'";
        if (oldFirst == '\'') {
            return single;
        }
        if (oldFirst == '"') {
            return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        }
        if (value.isEmpty() || value.contains(" #") || value.contains(": ")) {
            return single;
        }
        try {
            Object plain = Yaml.load("v: " + value, "new value");
            if (plain instanceof Map<?, ?> m && m.get("v") instanceof String s && s.equals(value)) {
                return value;
            }
        } catch (Yaml.DataException e) {
            // Not a plain scalar (a stray quote or bracket): quoted below.
        }
        return single;
    }
}
