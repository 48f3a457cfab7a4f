package io.jsalt.minion.states;

import io.jsalt.common.plugin.Call;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Python regular expressions on Java's engine: named-group syntax, flags and replacement strings. */
final class PyRe {
    private PyRe() {}

    static Pattern compile(String py, int flags) {
        String j = py.replace("(?P<", "(?<").replaceAll("\\(\\?P=(\\w+)\\)", "\\\\k<$1>");
        try {
            return Pattern.compile(j, flags);
        } catch (PatternSyntaxException e) {
            throw new Ret.Failure("Invalid regular expression '" + py + "': " + e.getDescription());
        }
    }

    /** Python's re flags (an int, a name, or a list of names) as java.util.regex flags. */
    static int flags(Object f) {
        if (f == null) {
            return Pattern.MULTILINE;
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
                    default -> throw new Ret.Failure("Invalid regex flag '" + o + "'");
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

    static int flags(Call c) {
        return flags(c.arg(-1, "flags", 8L));
    }

    /** A Python replacement (\1, \g<1>, \g<name>, \n) as a Java one ($1, ${name}, literal $). */
    static String replacement(String py) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < py.length(); i++) {
            char ch = py.charAt(i);
            if (ch == '$') {
                b.append("\\$");
            } else if (ch == '\\' && i + 1 < py.length()) {
                char n = py.charAt(++i);
                if (Character.isDigit(n)) {
                    b.append('$').append(n);
                } else if (n == 'g' && i + 1 < py.length() && py.charAt(i + 1) == '<') {
                    int close = py.indexOf('>', i);
                    String g = py.substring(i + 2, close);
                    b.append(g.matches("\\d+") ? "$" + g : "${" + g + "}");
                    i = close;
                } else if (n == 'n') {
                    b.append('\n');
                } else if (n == 't') {
                    b.append('\t');
                } else if (n == '\\') {
                    b.append("\\\\");
                } else {
                    b.append("\\\\").append(n);
                }
            } else {
                b.append(ch);
            }
        }
        return b.toString();
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
