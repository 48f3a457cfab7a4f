package io.jsalt.common.py;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Python {@code re} patterns on Java's regex engine. Salt's pcre targets are Python regexes,
 * so the syntax that differs and shows up in real targets is rewritten: named groups
 * {@code (?P<name>...)} and {@code (?P=name)}, {@code \Z} (end of string), {@code (?#...)}
 * comments, {@code x{,n}}, a '{' that is not a quantifier, and '[' or '&' inside a set
 * (literal in Python, nested class / intersection in Java). Flags give Python 3's defaults:
 * Unicode classes, '.' and '$' aware of '\n' only.
 *
 * <p>This is the one translation of Python regexes in jsalt: targeting ({@code -E}, grain and
 * pillar pcre), the Jinja regex filters and tests, and the file states' patterns all compile
 * through it, so one pattern means the same thing wherever a user writes it.
 */
public final class PyRegex {
    private PyRegex() {}

    public static final int FLAGS = Pattern.UNICODE_CHARACTER_CLASS | Pattern.UNIX_LINES;

    /** Compiles a Python pattern; the caller matches with lookingAt() for re.match. */
    public static Pattern compile(String python, int extraFlags) {
        return Pattern.compile(translate(python), FLAGS | extraFlags);
    }

    public static String translate(String py) {
        StringBuilder out = new StringBuilder(py.length() + 8);
        Set<String> names = new HashSet<>();
        int n = py.length();
        int i = 0;
        boolean inSet = false;
        while (i < n) {
            char c = py.charAt(i);
            if (c == '\\') {
                if (i + 1 >= n) {
                    throw new PatternSyntaxException("bad escape (end of pattern)", py, i);
                }
                char d = py.charAt(i + 1);
                out.append(!inSet && d == 'Z' ? "\\z" : "\\" + d);
                i += 2;
            } else if (inSet) {
                if (c == ']') {
                    inSet = false;
                    out.append(']');
                } else if (c == '[' || c == '&') {
                    out.append('\\').append(c);
                } else {
                    out.append(c);
                }
                i++;
            } else if (c == '[') {
                inSet = true;
                out.append('[');
                i++;
                if (i < n && py.charAt(i) == '^') {
                    out.append('^');
                    i++;
                }
                // A ']' first in a set is a literal in Python.
                if (i < n && py.charAt(i) == ']') {
                    out.append("\\]");
                    i++;
                }
            } else if (py.startsWith("(?P<", i)) {
                int end = py.indexOf('>', i);
                if (end < 0) {
                    throw new PatternSyntaxException("missing >, unterminated name", py, i);
                }
                String name = py.substring(i + 4, end);
                names.add(name);
                out.append("(?<").append(groupName(py.substring(i + 4, end))).append('>');
                i = end + 1;
            } else if (py.startsWith("(?P=", i)) {
                int end = py.indexOf(')', i);
                if (end < 0) {
                    throw new PatternSyntaxException("missing ), unterminated name", py, i);
                }
                String name = py.substring(i + 4, end);
                if (!names.contains(name)) {
                    throw new PatternSyntaxException("unknown group name '" + name + "'", py, i);
                }
                out.append("\\k<").append(groupName(name)).append('>');
                i = end + 1;
            } else if (py.startsWith("(?#", i)) {
                int end = py.indexOf(')', i);
                if (end < 0) {
                    throw new PatternSyntaxException("missing ), unterminated comment", py, i);
                }
                i = end + 1;
            } else if (c == '{') {
                i = quantifierOrLiteral(py, i, out);
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    /**
     * Python's re flags (an int, a name such as "IGNORECASE" or "I", or a list of names joined
     * by '|' or ',') as java.util.regex flags to pass to {@link #compile}. Null means none.
     * An unknown name throws IllegalArgumentException naming it.
     */
    public static int flags(Object f) {
        if (f == null) {
            return 0;
        }
        int py = 0;
        if (f instanceof Number n) {
            py = n.intValue();
        } else {
            List<?> names = f instanceof List<?> l ? l : List.of(String.valueOf(f).split("[|,]"));
            for (Object o : names) {
                String s = String.valueOf(o).strip().toUpperCase(Locale.ROOT);
                py |= switch (s) {
                    case "I", "IGNORECASE" -> 2;
                    case "L", "LOCALE" -> 4;
                    case "M", "MULTILINE" -> 8;
                    case "S", "DOTALL" -> 16;
                    case "U", "UNICODE" -> 32;
                    case "X", "VERBOSE" -> 64;
                    default -> throw new IllegalArgumentException("Invalid regex flag '" + o + "'");
                };
            }
        }
        int j = 0;
        j |= (py & 2) != 0 ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0;
        j |= (py & 8) != 0 ? Pattern.MULTILINE : 0;
        j |= (py & 16) != 0 ? Pattern.DOTALL : 0;
        j |= (py & 64) != 0 ? Pattern.COMMENTS : 0;
        return j;
    }

    /**
     * Python's re.sub replacement for one match: {@code \1}, {@code \g<1>}, {@code \g<name>}
     * become the group's text (an unmatched group, nothing), {@code \n}, {@code \t} and
     * {@code \\} their characters; any other backslash stays as written. The result is
     * literal text, for Matcher.quoteReplacement.
     */
    public static String expand(String repl, java.util.regex.Matcher m) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < repl.length(); i++) {
            char c = repl.charAt(i);
            if (c != '\\' || i + 1 >= repl.length()) {
                out.append(c);
                continue;
            }
            char n = repl.charAt(++i);
            if (Character.isDigit(n)) {
                int j = i + 1;
                if (j < repl.length() && Character.isDigit(repl.charAt(j))) {
                    j++;
                }
                String g = m.group(Integer.parseInt(repl.substring(i, j)));
                out.append(g == null ? "" : g);
                i = j - 1;
            } else if (n == 'g' && i + 1 < repl.length() && repl.charAt(i + 1) == '<') {
                int end = repl.indexOf('>', i);
                String name = repl.substring(i + 2, end);
                String g = name.chars().allMatch(Character::isDigit) ? m.group(Integer.parseInt(name))
                        : m.group(groupName(name));
                out.append(g == null ? "" : g);
                i = end;
            } else if (n == 'n') {
                out.append('\n');
            } else if (n == 't') {
                out.append('\t');
            } else if (n == '\\') {
                out.append('\\');
            } else {
                out.append('\\').append(n);
            }
        }
        return out.toString();
    }

    /** Python's re.sub(pattern, repl, text, count): count 0 replaces every match. */
    public static String sub(Pattern p, String repl, String text, int count) {
        java.util.regex.Matcher m = p.matcher(text);
        StringBuilder sb = new StringBuilder();
        int done = 0;
        while ((count <= 0 || done < count) && m.find()) {
            m.appendReplacement(sb, java.util.regex.Matcher.quoteReplacement(expand(repl, m)));
            done++;
        }
        m.appendTail(sb);
        return sb.toString();
    }

    /** The characters Python 3.7+ re.escape puts a backslash before. */
    private static final String ESCAPED = "()[]{}?*+-|^$\\.&~# \t\n\r\u000b\f";

    /**
     * Salt's regex_escape, re.escape as Python 3.7 and later do it: a backslash before each
     * character that has a meaning in a pattern (and whitespace), nothing else. The result
     * means the literal text both to Python and to {@link #compile}.
     */
    public static String escape(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (ESCAPED.indexOf(c) >= 0) {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.toString();
    }

    /** Python accepts {,n} and treats a '{' that starts no valid quantifier as a literal. */
    private static int quantifierOrLiteral(String py, int i, StringBuilder out) {
        int j = i + 1;
        int loStart = j;
        while (j < py.length() && Character.isDigit(py.charAt(j))) {
            j++;
        }
        String lo = py.substring(loStart, j);
        String hi = null;
        if (j < py.length() && py.charAt(j) == ',') {
            int hiStart = ++j;
            while (j < py.length() && Character.isDigit(py.charAt(j))) {
                j++;
            }
            hi = py.substring(hiStart, j);
        }
        boolean closed = j < py.length() && py.charAt(j) == '}';
        if (!closed || (lo.isEmpty() && hi == null)) {
            out.append("\\{");
            return i + 1;
        }
        out.append('{').append(lo.isEmpty() ? "0" : lo);
        if (hi != null) {
            out.append(',').append(hi);
        }
        out.append('}');
        return j + 1;
    }

    /**
     * Java group names are letters and digits only; Python's may hold underscores. A name Java
     * accepts stays as it is; any other is spelled out in hex, so the same Python name always
     * maps to the same Java name (which {@link #expand} relies on for {@code \\g<name>}).
     */
    public static String groupName(String py) {
        if (py.matches("[A-Za-z][A-Za-z0-9]*")) {
            return py;
        }
        StringBuilder b = new StringBuilder("pyg");
        for (int i = 0; i < py.length(); i++) {
            b.append(String.format("%04x", (int) py.charAt(i)));
        }
        return b.toString();
    }
}
