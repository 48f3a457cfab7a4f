package io.jsalt.common.match;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Python {@code re} patterns on Java's regex engine. Salt's pcre targets are Python regexes,
 * so the syntax that differs and shows up in real targets is rewritten: named groups
 * {@code (?P<name>...)} and {@code (?P=name)}, {@code \Z} (end of string), {@code (?#...)}
 * comments, {@code x{,n}}, a '{' that is not a quantifier, and '[' or '&' inside a set
 * (literal in Python, nested class / intersection in Java). Flags give Python 3's defaults:
 * Unicode classes, '.' and '$' aware of '\n' only.
 */
final class PyRegex {
    private PyRegex() {}

    static final int FLAGS = Pattern.UNICODE_CHARACTER_CLASS | Pattern.UNIX_LINES;

    /** Compiles a Python pattern; the caller matches with lookingAt() for re.match. */
    static Pattern compile(String python, int extraFlags) {
        return Pattern.compile(translate(python), FLAGS | extraFlags);
    }

    static String translate(String py) {
        StringBuilder out = new StringBuilder(py.length() + 8);
        Map<String, String> names = new HashMap<>();
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
                out.append("(?<").append(javaName(names, py.substring(i + 4, end))).append('>');
                i = end + 1;
            } else if (py.startsWith("(?P=", i)) {
                int end = py.indexOf(')', i);
                if (end < 0) {
                    throw new PatternSyntaxException("missing ), unterminated name", py, i);
                }
                String name = py.substring(i + 4, end);
                if (!names.containsKey(name)) {
                    throw new PatternSyntaxException("unknown group name '" + name + "'", py, i);
                }
                out.append("\\k<").append(names.get(name)).append('>');
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

    /** Java group names are letters and digits only; Python's may hold underscores. */
    private static String javaName(Map<String, String> names, String py) {
        return names.computeIfAbsent(py, k -> k.matches("[A-Za-z][A-Za-z0-9]*") ? k : "pyg" + names.size());
    }
}
