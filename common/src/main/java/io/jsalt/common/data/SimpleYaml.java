package io.jsalt.common.data;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The plain YAML most configuration files are, read without SnakeYAML: block mappings with
 * keys of letters, digits, '_', '.' and '-', block and flow ({@code [a, b]}) sequences of
 * scalars, and scalars that are unambiguous in YAML 1.1 (decimal ints without leading zeros,
 * true and false in their three spellings, unquoted text that no YAML 1.1 rule reads as
 * anything else), comments. Anything more (quotes, yes/no/on/off, null, floats, anchors,
 * tabs, a key without a value, a duplicate key ...) gives null: the caller loads the text
 * with {@link Yaml}, which then decides and reports errors. Building SnakeYAML's loader and
 * running it once in a fresh JVM was the largest part of a jsalt command's own time
 * (docs/performance.md); SimpleYamlTest checks both read every such text alike.
 */
public final class SimpleYaml {
    private SimpleYaml() {}

    /** Not plain: leave it to {@link Yaml}. */
    private static final class NotPlain extends Exception {
        private static final long serialVersionUID = 1L;

        NotPlain() {
            super(null, null, false, false);
        }
    }

    private static final NotPlain NOT_PLAIN = new NotPlain();

    /** A line with content: its indentation and its text without a trailing comment. */
    private record Line(int indent, String text) {}

    private final List<Line> lines = new ArrayList<>();
    private int next;

    /** The mapping the text holds, as {@link Yaml#loadMap} reads it; null when it is not plain. */
    public static Map<String, Object> loadMap(String text) {
        SimpleYaml y = new SimpleYaml();
        try {
            y.split(text);
            if (y.lines.isEmpty()) {
                return new LinkedHashMap<>();
            }
            if (y.lines.get(0).indent != 0) {
                return null;
            }
            Map<String, Object> map = y.map(0);
            return y.next == y.lines.size() ? map : null;
        } catch (NotPlain e) {
            return null;
        }
    }

    private void split(String text) throws NotPlain {
        int start = 0;
        while (start <= text.length()) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                end = text.length();
            }
            String raw = text.substring(start, end);
            start = end + 1;
            int indent = 0;
            while (indent < raw.length() && raw.charAt(indent) == ' ') {
                indent++;
            }
            String t = raw.substring(indent);
            int hash = t.startsWith("#") ? 0 : t.indexOf(" #");
            if (hash >= 0) {
                t = t.substring(0, hash);
            }
            t = t.stripTrailing();
            for (int i = 0; i < t.length(); i++) {
                char c = t.charAt(i);
                if (c < ' ' || c > '~' || c == '"' || c == '\'' || c == '\\' || c == '#' || c == '&'
                        || c == '!' || c == '|' || c == '>' || c == '%' || c == '`' || c == '{' || c == '}'
                        || c == '?') {
                    throw NOT_PLAIN;
                }
            }
            if (!t.isEmpty()) {
                lines.add(new Line(indent, t));
            }
        }
    }

    private static boolean isItem(Line l) {
        return l.text.startsWith("- ") || l.text.equals("-");
    }

    /** The block mapping whose keys are at this indentation. */
    private Map<String, Object> map(int indent) throws NotPlain {
        Map<String, Object> map = new LinkedHashMap<>();
        while (next < lines.size() && lines.get(next).indent >= indent) {
            Line l = lines.get(next);
            if (l.indent != indent || isItem(l)) {
                throw NOT_PLAIN;
            }
            next++;
            int colon = l.text.indexOf(':');
            if (colon <= 0 || (colon + 1 < l.text.length() && l.text.charAt(colon + 1) != ' ')) {
                throw NOT_PLAIN;
            }
            String key = l.text.substring(0, colon);
            if (!isKey(key) || map.containsKey(key)) {
                throw NOT_PLAIN;
            }
            String rest = l.text.substring(colon + 1).strip();
            Object value;
            if (!rest.isEmpty()) {
                value = value(rest);
            } else if (next < lines.size() && isItem(lines.get(next)) && lines.get(next).indent >= indent) {
                value = sequence(lines.get(next).indent);
            } else if (next < lines.size() && lines.get(next).indent > indent) {
                value = map(lines.get(next).indent);
            } else {
                throw NOT_PLAIN; // null, which Salt's options treat in ways of their own
            }
            map.put(key, value);
        }
        return map;
    }

    /** The block sequence of scalars whose "- " marks are at this indentation. */
    private List<Object> sequence(int indent) throws NotPlain {
        List<Object> list = new ArrayList<>();
        while (next < lines.size() && lines.get(next).indent == indent && isItem(lines.get(next))) {
            String item = lines.get(next).text.substring(1).strip();
            next++;
            if (item.isEmpty() || item.startsWith("[")) {
                throw NOT_PLAIN;
            }
            list.add(scalar(item, false));
        }
        if (next < lines.size() && lines.get(next).indent > indent) {
            throw NOT_PLAIN;
        }
        return list;
    }

    private static Object value(String text) throws NotPlain {
        if (!text.startsWith("[")) {
            return scalar(text, false);
        }
        if (!text.endsWith("]")) {
            throw NOT_PLAIN;
        }
        List<Object> list = new ArrayList<>();
        String inner = text.substring(1, text.length() - 1).strip();
        if (inner.isEmpty()) {
            return list;
        }
        for (String item : inner.split(",", -1)) {
            list.add(scalar(item.strip(), true));
        }
        return list;
    }

    /** Letters, digits, '_', '.', '-', starting with a letter or '_'; no YAML word. */
    private static boolean isKey(String key) {
        char first = key.charAt(0);
        if (!(Character.isLetter(first) || first == '_') || isYamlWord(key)) {
            return false;
        }
        for (int i = 1; i < key.length(); i++) {
            char c = key.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '-')) {
                return false;
            }
        }
        return true;
    }

    /** Words YAML 1.1 reads as booleans or null in some spelling: left to SnakeYAML. */
    private static boolean isYamlWord(String s) {
        return switch (s.toLowerCase(java.util.Locale.ROOT)) {
            case "y", "n", "yes", "no", "on", "off", "true", "false", "null", "nan", "inf" -> true;
            default -> false;
        };
    }

    private static Object scalar(String s, boolean inFlow) throws NotPlain {
        if (s.isEmpty()) {
            throw NOT_PLAIN;
        }
        switch (s) {
            case "true", "True", "TRUE" -> {
                return Boolean.TRUE;
            }
            case "false", "False", "FALSE" -> {
                return Boolean.FALSE;
            }
            default -> { }
        }
        if (isYamlWord(s)) {
            throw NOT_PLAIN;
        }
        char first = s.charAt(0);
        if (first >= '0' && first <= '9') {
            if (s.equals("0") || (first != '0' && s.length() <= 18 && allDigits(s))) {
                return Long.valueOf(s);
            }
            if (!isDottedNumbers(s)) {
                throw NOT_PLAIN;
            }
            return s;
        }
        if (!(Character.isLetter(first) || first == '_' || first == '/')) {
            throw NOT_PLAIN;
        }
        for (int i = 1; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '/' || c == '-' || c == '+'
                    || c == '@' || c == '*' || c == '=' || (c == ',' && !inFlow)
                    || (c == ':' && i + 1 < s.length() && s.charAt(i + 1) != ' ')
                    || (c == ' ' && !inFlow && s.charAt(i - 1) != ' ');
            if (!ok || c == '[' || c == ']') {
                throw NOT_PLAIN;
            }
        }
        return s;
    }

    private static boolean allDigits(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** Three or more groups of digits joined by single dots (an IPv4 address, a version): text in YAML. */
    private static boolean isDottedNumbers(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length < 3) {
            return false;
        }
        for (String p : parts) {
            if (p.isEmpty() || !allDigits(p)) {
                return false;
            }
        }
        return true;
    }
}
