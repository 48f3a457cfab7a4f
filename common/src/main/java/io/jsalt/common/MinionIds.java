package io.jsalt.common;

import io.jsalt.common.text.Printable;
import java.nio.charset.StandardCharsets;

/**
 * The one rule for minion ids, checked wherever an id enters: the master's Hello, key files
 * on disk, the minion's own {@code id} option and the command line.
 *
 * <p>Salt's rule (salt/utils/verify.py {@code valid_id}) only refuses {@code /}, {@code \}
 * and NUL and ids that leave the pki dir. jsalt is stricter on purpose: an id is printed in
 * logs and on terminals, becomes file names under the pki dir and the caches, and is pasted
 * into reactor templates, so it is short and printable: letters and digits of any script,
 * {@code . - _ @}, combining marks after a letter, nothing else (no whitespace, no control or
 * format characters, no glob characters), not starting with {@code .} or {@code -}, no
 * {@code ..}, at most {@value #MAX_BYTES} UTF-8 bytes, which leaves room for every suffix a
 * store adds within the usual 255-byte file-name limit. FQDNs, {@code web_01} and
 * {@code db-1.example.com} are all ids.
 */
public final class MinionIds {
    public static final int MAX_BYTES = 128;
    /** How much of a refused id a message shows; the rest is elided. */
    private static final int SHOWN = 80;
    private static final String ALLOWED = "letters, digits, '.', '-', '_' and '@'";

    private MinionIds() {}

    /** Null when the id is usable, otherwise why not: one line naming the id, escaped. */
    public static String problem(String id) {
        if (id == null || id.isEmpty()) {
            return "the minion id is empty";
        }
        String shown = "minion id '" + shown(id) + "'";
        int bytes = id.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_BYTES) {
            return shown + " is longer than " + MAX_BYTES + " bytes (" + bytes + ")";
        }
        if (id.startsWith(".") || id.startsWith("-")) {
            return shown + " starts with '" + id.charAt(0) + "'";
        }
        if (id.contains("..")) {
            return shown + " contains '..'";
        }
        int prev = -1;
        for (int i = 0; i < id.length(); ) {
            int cp = id.codePointAt(i);
            i += Character.charCount(cp);
            String bad = characterProblem(cp, prev);
            if (bad != null) {
                return shown + " contains " + bad;
            }
            prev = cp;
        }
        return null;
    }

    public static boolean valid(String id) {
        return problem(id) == null;
    }

    /**
     * For a command-line argument that is a key glob or a target ({@code web*},
     * {@code web1,web2}): null when usable, otherwise why not, naming the option. Glob
     * characters are allowed; a part without any must be a valid id; control characters,
     * whitespace and path separators are never allowed.
     */
    public static String argumentProblem(String option, String value) {
        if (value == null || value.isEmpty()) {
            return option + ": the argument is empty";
        }
        for (String part : value.split(",", -1)) {
            String p = part.isEmpty() ? "an empty id in the list"
                    : literal(part) ? problem(part) : patternProblem(part);
            if (p != null) {
                return "invalid " + option + " argument '" + shown(value) + "': " + p;
            }
        }
        return null;
    }

    /** The id (or anything else from a peer) as a refusal may show it: escaped and cut short. */
    public static String shown(String s) {
        String cut = s.length() > SHOWN ? s.substring(0, s.offsetByCodePoints(0, Math.min(SHOWN,
                s.codePointCount(0, s.length())))) : s;
        return Printable.line(cut) + (cut.length() < s.length() ? "..." : "");
    }

    private static boolean literal(String part) {
        return part.chars().noneMatch(c -> c == '*' || c == '?' || c == '[' || c == ']');
    }

    private static String patternProblem(String pattern) {
        for (int i = 0; i < pattern.length(); ) {
            int cp = pattern.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == '*' || cp == '?' || cp == '[' || cp == ']' || cp == '!') {
                continue;
            }
            String bad = characterProblem(cp, 'a');
            if (bad != null) {
                return "the pattern contains " + bad;
            }
        }
        return pattern.getBytes(StandardCharsets.UTF_8).length > 4 * MAX_BYTES
                ? "the pattern is longer than " + (4 * MAX_BYTES) + " bytes" : null;
    }

    /** What is wrong with one character of an id, or null; prev is the character before (or -1). */
    private static String characterProblem(int cp, int prev) {
        if (Character.isLetterOrDigit(cp) || cp == '.' || cp == '-' || cp == '_' || cp == '@') {
            return null;
        }
        int type = Character.getType(cp);
        if ((type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK)
                && prev >= 0 && !isPunct(prev)) {
            return null; // vowel signs and viramas of Indic scripts, accents written apart
        }
        String ch = "'" + Printable.line(new String(Character.toChars(cp))) + "'";
        if (cp == '/' || cp == '\\') {
            return ch + " (a path separator)";
        }
        if (!Printable.isLine(new String(Character.toChars(cp)))) {
            return "a control or format character (" + ch.substring(1, ch.length() - 1) + ")";
        }
        if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
            return "whitespace (" + (cp == ' ' ? "' '" : String.format("U+%04X", cp)) + ")";
        }
        return ch + "; an id may contain only " + ALLOWED;
    }

    private static boolean isPunct(int cp) {
        return cp == '.' || cp == '-' || cp == '_' || cp == '@';
    }
}
