package io.jsalt.common.py;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Python's pprint.pformat(o) with its defaults (width 80, indent 1, dicts sorted): what the
 * txt outputter prints for data that is neither a dict nor a string. Follows pprint's
 * _format / _pprint_dict / _pprint_list / _pprint_str; bytes are never split.
 */
public final class PyPformat {
    private static final int WIDTH = 80;
    private static final Pattern WORD = Pattern.compile("\\S*\\s*");

    private PyPformat() {}

    public static String pformat(Object o) {
        StringBuilder sb = new StringBuilder();
        format(sb, o, 0, 0, 0);
        return sb.toString();
    }

    /** pprint's saferepr: repr with dict keys sorted. */
    static String safeRepr(Object o) {
        if (o instanceof Map<?, ?> m) {
            StringBuilder sb = new StringBuilder("{");
            boolean first = true;
            for (Map.Entry<?, ?> e : sortedEntries(m)) {
                if (!first) {
                    sb.append(", ");
                }
                first = false;
                sb.append(safeRepr(e.getKey())).append(": ").append(safeRepr(e.getValue()));
            }
            return sb.append('}').toString();
        }
        if (o instanceof List<?> l) {
            StringBuilder sb = new StringBuilder("[");
            for (int i = 0; i < l.size(); i++) {
                if (i > 0) {
                    sb.append(", ");
                }
                sb.append(safeRepr(l.get(i)));
            }
            return sb.append(']').toString();
        }
        return PyRepr.repr(o);
    }

    private static List<Map.Entry<?, ?>> sortedEntries(Map<?, ?> m) {
        List<Map.Entry<?, ?>> entries = new ArrayList<>(m.entrySet());
        entries.sort((a, b) -> PyText.CODE_POINT_ORDER.compare(
                String.valueOf(a.getKey()), String.valueOf(b.getKey())));
        return entries;
    }

    private static void format(StringBuilder sb, Object o, int indent, int allowance, int level) {
        String rep = safeRepr(o);
        int maxWidth = WIDTH - indent - allowance;
        if (PyText.len(rep) > maxWidth) {
            if (o instanceof Map<?, ?> m) {
                dict(sb, m, indent, allowance);
                return;
            }
            if (o instanceof List<?> l) {
                list(sb, l, indent, allowance);
                return;
            }
            if (o instanceof String s) {
                str(sb, s, indent, allowance, level + 1);
                return;
            }
        }
        sb.append(rep);
    }

    private static void dict(StringBuilder sb, Map<?, ?> m, int indent, int allowance) {
        sb.append('{');
        List<Map.Entry<?, ?>> items = sortedEntries(m);
        int in = indent + 1;
        for (int i = 0; i < items.size(); i++) {
            boolean last = i == items.size() - 1;
            String rep = safeRepr(items.get(i).getKey());
            sb.append(rep).append(": ");
            format(sb, items.get(i).getValue(), in + PyText.len(rep) + 2, last ? allowance + 1 : 1, 1);
            if (!last) {
                sb.append(",\n").append(" ".repeat(in));
            }
        }
        sb.append('}');
    }

    private static void list(StringBuilder sb, List<?> l, int indent, int allowance) {
        sb.append('[');
        int in = indent + 1;
        for (int i = 0; i < l.size(); i++) {
            boolean last = i == l.size() - 1;
            if (i > 0) {
                sb.append(",\n").append(" ".repeat(in));
            }
            format(sb, l.get(i), in, last ? allowance + 1 : 1, 1);
        }
        sb.append(']');
    }

    private static void str(StringBuilder sb, String s, int indent, int allowance, int level) {
        List<String> chunks = new ArrayList<>();
        List<String> lines = splitlinesKeepEnds(s);
        if (level == 1) {
            indent += 1;
            allowance += 1;
        }
        int maxWidth = WIDTH - indent;
        int maxWidth1 = maxWidth;
        String rep = "";
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            rep = PyRepr.repr(line);
            if (i == lines.size() - 1) {
                maxWidth1 -= allowance;
            }
            if (PyText.len(rep) <= maxWidth1) {
                chunks.add(rep);
                continue;
            }
            List<String> parts = new ArrayList<>();
            Matcher m = WORD.matcher(line);
            while (m.find()) {
                if (!m.group().isEmpty()) {
                    parts.add(m.group());
                }
            }
            int maxWidth2 = maxWidth;
            String current = "";
            for (int j = 0; j < parts.size(); j++) {
                String candidate = current + parts.get(j);
                if (j == parts.size() - 1 && i == lines.size() - 1) {
                    maxWidth2 -= allowance;
                }
                if (PyText.len(PyRepr.repr(candidate)) > maxWidth2) {
                    if (!current.isEmpty()) {
                        chunks.add(PyRepr.repr(current));
                    }
                    current = parts.get(j);
                } else {
                    current = candidate;
                }
            }
            if (!current.isEmpty()) {
                chunks.add(PyRepr.repr(current));
            }
        }
        if (chunks.size() == 1) {
            sb.append(rep);
            return;
        }
        if (level == 1) {
            sb.append('(');
        }
        for (int i = 0; i < chunks.size(); i++) {
            if (i > 0) {
                sb.append('\n').append(" ".repeat(indent));
            }
            sb.append(chunks.get(i));
        }
        if (level == 1) {
            sb.append(')');
        }
    }

    private static List<String> splitlinesKeepEnds(String s) {
        List<String> out = new ArrayList<>();
        int pos = 0;
        for (String line : PyText.splitlines(s)) {
            int end = pos + line.length();
            int next = end;
            if (next < s.length()) {
                next += (s.charAt(next) == '\r' && next + 1 < s.length() && s.charAt(next + 1) == '\n') ? 2 : 1;
            }
            out.add(s.substring(pos, next));
            pos = next;
        }
        return out;
    }
}
