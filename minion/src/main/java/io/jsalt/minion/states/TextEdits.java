package io.jsalt.minion.states;

import io.jsalt.common.data.Data;
import io.jsalt.common.plugin.Call;
import io.jsalt.common.py.PyRegex;
import io.jsalt.common.py.PyRepr;
import io.jsalt.minion.files.Diffs;
import io.jsalt.minion.files.FileIo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The file states that edit text in place: append, replace, blockreplace, line, comment and
 * uncomment. Each computes the new text from the old; {@link #finish} reports or writes it.
 */
final class TextEdits {
    private TextEdits() {}

    /** Messages of one edit state: unchanged, would change (test), changed. */
    record Words(String same, String would, String done) {}

    static final Words CHANGES = new Words("No changes needed to be made", "Changes would be made", "Changes were made");

    /** Reports (test) or writes the new text; changes are {@code {diff: ...}}. */
    static Map<String, Object> finish(Call c, Ret ret, Path p, String before, String after, Words w,
                                      String backup, boolean showChanges) {
        return plan(c, p, before, after, w, backup, showChanges, () -> { }).run(c, ret);
    }

    /** The plan of an edit: nothing when the text is unchanged, else prepare, back up and write. */
    private static Plan plan(Call c, Path p, String before, String after, Words w, String backup,
                             boolean showChanges, Plan.Action prepare) {
        if (before.equals(after)) {
            return Plan.nothing(w.same());
        }
        return Plan.change(w.would(), w.done(), () -> {
            prepare.run();
            if (backup != null && !backup.isEmpty() && !backup.equalsIgnoreCase("false") && Files.exists(p)) {
                if (backup.equals("minion")) {
                    FileIo.backupToCache(p, Managed.cachedir(c));
                } else {
                    FileIo.backupBeside(p, backup);
                }
            }
            FileIo.writeText(p, after);
        }).showing(Data.map("diff", showChanges ? Diffs.unified(before, after) : "<show_changes=False>"));
    }

    static String backup(Call c, String dflt) {
        Object b = c.arg(-1, "backup", dflt);
        if (b == null || Boolean.FALSE.equals(b)) {
            return null;
        }
        return String.valueOf(b);
    }

    // ---- file.append ----

    static Map<String, Object> append(Call c, Ret ret, Path p) {
        List<String> chunks = chunks(c.arg(1, "text", null));
        if (chunks.isEmpty()) {
            return ret.fail("No text to append");
        }
        boolean makedirs = !Files.isDirectory(p.toAbsolutePath().getParent());
        if (makedirs && !c.bool(-1, "makedirs", false)) {
            return ret.fail("Directory " + p.getParent() + " does not exist");
        }
        String before = Files.exists(p) ? FileIo.readText(p) : "";
        boolean ignoreWs = c.bool(-1, "ignore_whitespace", true);
        StringBuilder after = new StringBuilder(before);
        int count = 0;
        for (String chunk : chunks) {
            boolean present = ignoreWs ? whitespaceSplit(chunk).matcher(after).find() : after.indexOf(chunk) >= 0;
            if (present) {
                continue;
            }
            if (after.length() > 0 && after.charAt(after.length() - 1) != '\n') {
                after.append('\n');
            }
            after.append(chunk).append('\n');
            count++;
        }
        if (count == 0 && Files.exists(p)) {
            return ret.done("File " + p + " is in correct state");
        }
        return plan(c, p, before, after.toString(), new Words("File " + p + " is in correct state",
                "File " + p + " is set to be updated", "Appended " + count + " lines"), null, true, () -> {
                    if (makedirs) {
                        FileIo.makeParents(p);
                    }
                }).run(c, ret);
    }

    private static List<String> chunks(Object text) {
        List<String> out = new ArrayList<>();
        if (text instanceof List<?> l) {
            l.forEach(x -> out.add(PyRepr.str(x)));
        } else if (text != null) {
            out.add(PyRepr.str(text));
        }
        return out;
    }

    // ---- file.replace ----

    static Map<String, Object> replace(Call c, Ret ret, Path p) {
        String pattern = c.requiredStr(1, "pattern");
        String repl = c.requiredStr(2, "repl");
        if (!Files.isRegularFile(p)) {
            if (c.bool(-1, "ignore_if_missing", false)) {
                return ret.done("No changes needed to be made since file not present");
            }
            return ret.fail(p + ": file not found");
        }
        String before = FileIo.readText(p);
        int flags;
        try {
            flags = PyRegex.flags(c.arg(-1, "flags", 8L));
        } catch (IllegalArgumentException e) {
            throw new Ret.Failure(e.getMessage());
        }
        Pattern re = regex(pattern, flags);
        long count = c.integer(3, "count", 0);
        boolean found = re.matcher(before).find();
        String after = PyRegex.sub(re, repl, before, (int) Math.min(count, Integer.MAX_VALUE));
        if (!found) {
            String content = c.str(-1, "not_found_content", repl);
            boolean append = c.bool(-1, "append_if_not_found", false);
            boolean prepend = c.bool(-1, "prepend_if_not_found", false);
            if ((append || prepend) && !before.contains(content)) {
                String line = content.endsWith("\n") ? content : content + "\n";
                if (prepend) {
                    after = line + before;
                } else {
                    after = before + (before.isEmpty() || before.endsWith("\n") ? "" : "\n") + line;
                }
            }
        }
        return finish(c, ret, p, before, after, new Words("No changes needed to be made",
                "Changes would have been made", "Changes were made"), backup(c, ".bak"), c.bool(-1, "show_changes", true));
    }

    // ---- file.blockreplace ----

    static Map<String, Object> blockreplace(Call c, Ret ret, Path p) {
        String start = c.str(1, "marker_start", "#-- start managed zone --").strip();
        String end = c.str(2, "marker_end", "#-- end managed zone --").strip();
        String content = c.str(3, "content", "");
        Object appendNewline = c.arg(-1, "append_newline", null);
        if (!content.isEmpty() && !content.endsWith("\n") && !Boolean.FALSE.equals(appendNewline)) {
            content += "\n";
        }
        if (!Files.isRegularFile(p)) {
            return ret.fail("Encountered error managing block: Filesystem path " + p + " does not exist.");
        }
        String before = FileIo.readText(p);
        List<String> out = new ArrayList<>();
        boolean inBlock = false;
        boolean found = false;
        for (String line : Diffs.linesOf(before)) {
            if (!inBlock && line.contains(start)) {
                inBlock = true;
                found = true;
                out.add(line.endsWith("\n") ? line : line + "\n");
                continue;
            }
            if (inBlock) {
                if (line.contains(end)) {
                    inBlock = false;
                    out.add(content);
                    out.add(line);
                }
                continue;
            }
            out.add(line);
        }
        if (inBlock) {
            return ret.fail("Encountered error managing block: Unterminated marked block. End of file reached "
                    + "before marker_end.");
        }
        String after = String.join("", out);
        if (!found) {
            String block = start + "\n" + content + end + "\n";
            if (c.bool(-1, "prepend_if_not_found", false)) {
                after = block + before;
            } else if (c.bool(-1, "append_if_not_found", false)) {
                after = before + (before.isEmpty() || before.endsWith("\n") ? "" : "\n") + block;
            } else {
                return ret.fail("Encountered error managing block: Cannot edit marked block. Markers were not found "
                        + "in file.");
            }
        }
        return finish(c, ret, p, before, after, CHANGES, backup(c, ".bak"), c.bool(-1, "show_changes", true));
    }

    // ---- file.line ----

    static Map<String, Object> line(Call c, Ret ret, Path p) {
        String mode = c.str(-1, "mode", null);
        if (mode == null) {
            return ret.fail("Mode was not defined. How to process the file?");
        }
        String content = c.str(1, "content", null);
        if (content == null && !mode.equals("delete")) {
            return ret.fail("Content can only be empty if mode is \"delete\"");
        }
        String matchSrc = c.str(-1, "match", null);
        if (matchSrc == null) {
            matchSrc = content == null ? null : PyRegex.escape(content);
        }
        if (!Files.isRegularFile(p)) {
            if (!c.bool(-1, "create", false)) {
                return ret.fail("File \"" + p + "\" does not exists or is not a file.");
            }
        }
        String before = Files.isRegularFile(p) ? FileIo.readText(p) : "";
        List<String> lines = new ArrayList<>(before.isEmpty() ? List.of() : List.of(before.split("\n", -1)));
        boolean trailingNl = before.endsWith("\n");
        if (trailingNl) {
            lines.remove(lines.size() - 1);
        }
        Pattern match = matchSrc == null ? null : regex(matchSrc, 0);
        String before_ = c.str(-1, "before", null);
        String after_ = c.str(-1, "after", null);
        Pattern bre = before_ == null ? null : regex(before_, 0);
        Pattern are = after_ == null ? null : regex(after_, 0);
        boolean indent = c.bool(-1, "indent", true);
        switch (mode) {
            case "delete" -> lines.removeIf(l -> match.matcher(l).find());
            case "replace" -> {
                for (int i = 0; i < lines.size(); i++) {
                    if (match.matcher(lines.get(i)).find()) {
                        lines.set(i, indented(lines.get(i), content, indent));
                    }
                }
            }
            case "insert" -> insert(lines, content, c.str(-1, "location", null), bre, are, indent);
            case "ensure" -> ensure(ret, lines, content, bre, are, match, indent);
            default -> throw new Ret.Failure("Unknown mode '" + mode + "': use ensure, replace, delete or insert");
        }
        String after = String.join("\n", lines) + (lines.isEmpty() || !trailingNl && !before.isEmpty() ? "" : "\n");
        return finish(c, ret, p, before, after, CHANGES, backup(c, null), c.bool(-1, "show_changes", true));
    }

    private static void insert(List<String> lines, String content, String location, Pattern bre, Pattern are,
                               boolean indent) {
        for (String l : lines) {
            if (l.strip().equals(content.strip())) {
                return;
            }
        }
        if (location != null || (bre == null && are == null)) {
            if ("start".equals(location)) {
                lines.add(0, content);
            } else {
                lines.add(content);
            }
            return;
        }
        for (int i = 0; i < lines.size(); i++) {
            if (are != null && are.matcher(lines.get(i)).find()) {
                lines.add(i + 1, indented(lines.get(i), content, indent));
                return;
            }
            if (bre != null && are == null && bre.matcher(lines.get(i)).find()) {
                lines.add(i, indented(lines.get(i), content, indent));
                return;
            }
        }
        throw new Ret.Failure("Neither before or after was found in file");
    }

    private static void ensure(Ret ret, List<String> lines, String content, Pattern bre, Pattern are,
                               Pattern match, boolean indent) {
        if (bre == null && are == null) {
            // Without anchors, ensure replaces the matching line, or leaves the file as it is.
            for (int i = 0; i < lines.size(); i++) {
                if (match.matcher(lines.get(i)).find()) {
                    lines.set(i, indented(lines.get(i), content, indent));
                }
            }
            return;
        }
        for (int i = 0; i < lines.size(); i++) {
            if (are != null && are.matcher(lines.get(i)).find()) {
                boolean next = i + 1 < lines.size() && lines.get(i + 1).strip().equals(content.strip());
                if (!next) {
                    if (i + 1 < lines.size() && bre == null && match.matcher(lines.get(i + 1)).find()) {
                        lines.set(i + 1, indented(lines.get(i), content, indent));
                    } else {
                        lines.add(i + 1, indented(lines.get(i), content, indent));
                    }
                }
                return;
            }
            if (are == null && bre.matcher(lines.get(i)).find()) {
                boolean prev = i > 0 && lines.get(i - 1).strip().equals(content.strip());
                if (!prev) {
                    lines.add(i, indented(lines.get(i), content, indent));
                }
                return;
            }
        }
        throw new Ret.Failure("Neither before or after was found in file");
    }

    private static String indented(String model, String content, boolean indent) {
        if (!indent) {
            return content;
        }
        int k = 0;
        while (k < model.length() && Character.isWhitespace(model.charAt(k))) {
            k++;
        }
        return model.substring(0, k) + content.stripLeading();
    }

    // ---- file.comment / file.uncomment ----

    static Map<String, Object> comment(Call c, Ret ret, Path p, boolean comment) {
        String regex = c.requiredStr(1, "regex");
        String ch = c.str(2, "char", "#");
        if (!Files.isRegularFile(p)) {
            return ret.fail(p + ": file not found");
        }
        String before = FileIo.readText(p);
        String bare = regex.replaceFirst("^(\\(\\?[iLmsux]\\))?\\^?", "$1").replaceFirst("\\$$", "");
        String anchorEnd = regex.endsWith("$") ? "$" : "";
        Pattern active = regex("^[ \\t]*" + bare.replaceFirst("^(\\(\\?[iLmsux]\\))", ""), Pattern.MULTILINE);
        Pattern commented = regex(PyRegex.escape(ch) + "[ \\t]*" + bare, Pattern.MULTILINE);
        if (comment) {
            if (!regex(regex, Pattern.MULTILINE).matcher(before).find()) {
                if (commented.matcher(before).find()) {
                    return ret.done("Pattern already commented");
                }
                return ret.fail(bare + ": Pattern not found");
            }
        } else if (!commented.matcher(before).find()) {
            if (active.matcher(before).find()) {
                return ret.done("Pattern already uncommented");
            }
            return ret.fail(regex + ": Pattern not found");
        }
        return Plan.change("File " + p + " is set to be updated", r -> {
            Pattern line = comment ? regex((regex.startsWith("^") ? "^" : "") + "(" + bare + ")" + anchorEnd, 0)
                    : regex("^" + PyRegex.escape(ch) + "\\s*(" + bare + ")" + anchorEnd, 0);
            StringBuilder after = new StringBuilder();
            for (String l : Diffs.linesOf(before)) {
                String body = l.endsWith("\n") ? l.substring(0, l.length() - 1) : l;
                if (line.matcher(body).lookingAt()) {
                    after.append(comment ? ch + l : stripLeading(l, ch));
                } else {
                    after.append(l);
                }
            }
            finish(c, r, p, before, after.toString(), CHANGES, backup(c, ".bak"), true);
            String now = FileIo.readText(p);
            boolean ok = comment ? commented.matcher(now).find() : active.matcher(now).find();
            r.result = ok;
            r.comment = comment ? (ok ? "Commented lines successfully" : "Expected commented lines not found")
                    : (ok ? "Uncommented lines successfully" : "Expected uncommented lines not found");
            return r.toMap();
        }).showing(Data.map(p.toString(), "updated")).run(c, ret);
    }

    /** Python's str.lstrip(chars). */
    private static String stripLeading(String l, String chars) {
        int k = 0;
        while (k < l.length() && chars.indexOf(l.charAt(k)) >= 0) {
            k++;
        }
        return l.substring(k);
    }

    /**
     * A Python pattern compiled as everywhere else in jsalt ({@link PyRegex}); a pattern
     * Python would reject fails the state with the reason, as Salt's does.
     */
    static Pattern regex(String py, int flags) {
        try {
            return PyRegex.compile(py, flags);
        } catch (PatternSyntaxException e) {
            throw new Ret.Failure("Invalid regular expression '" + py + "': " + e.getDescription());
        }
    }

    /** Salt's build_whitespace_split_regex: the text's words, any whitespace around and between. */
    static Pattern whitespaceSplit(String text) {
        StringBuilder b = new StringBuilder();
        for (String line : text.split("\n")) {
            StringBuilder l = new StringBuilder();
            for (String w : line.strip().split("\\s+")) {
                if (!w.isEmpty()) {
                    l.append(l.length() == 0 ? "" : "(?:[\\s]+)?").append(Pattern.quote(w));
                }
            }
            b.append("(?:[\\s]+)?").append(l).append("(?:[\\s]+)?");
        }
        return Pattern.compile("^" + b + "$", Pattern.MULTILINE);
    }
}
