package io.jsalt.common.py;

import io.jsalt.common.py.PyRepr;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Python's json.dumps of plain data (maps, lists, strings, numbers, booleans, null): ", " and
 * ": " separators, ensure_ascii escaping, optional sort_keys and indent, as Salt's {@code json}
 * filter produces it. {@link #quote} is json's string encoding, which the json outputter shares.
 */
public final class PyJson {
    private PyJson() {}

    public static String dumps(Object o, boolean sortKeys, Integer indent) {
        StringBuilder sb = new StringBuilder();
        write(sb, o, sortKeys, indent, 0);
        return sb.toString();
    }

    private static void write(StringBuilder sb, Object o, boolean sort, Integer indent, int depth) {
        if (o == null) {
            sb.append("null");
        } else if (o instanceof Boolean b) {
            sb.append(b ? "true" : "false");
        } else if (o instanceof Double d) {
            sb.append(Double.isNaN(d) ? "NaN" : Double.isInfinite(d) ? (d > 0 ? "Infinity" : "-Infinity")
                    : PyRepr.repr(d));
        } else if (o instanceof Number n) {
            sb.append(n);
        } else if (o instanceof Map<?, ?> m) {
            List<Map.Entry<?, ?>> entries = new ArrayList<>(m.entrySet());
            if (sort) {
                entries.sort((a, b) -> String.valueOf(a.getKey()).compareTo(String.valueOf(b.getKey())));
            }
            if (entries.isEmpty()) {
                sb.append("{}");
                return;
            }
            sb.append('{');
            for (int i = 0; i < entries.size(); i++) {
                sb.append(i > 0 ? (indent == null ? ", " : ",") : "");
                newline(sb, indent, depth + 1);
                quote(sb, String.valueOf(entries.get(i).getKey()), true);
                sb.append(": ");
                write(sb, entries.get(i).getValue(), sort, indent, depth + 1);
            }
            newline(sb, indent, depth);
            sb.append('}');
        } else if (o instanceof List<?> l) {
            if (l.isEmpty()) {
                sb.append("[]");
                return;
            }
            sb.append('[');
            for (int i = 0; i < l.size(); i++) {
                sb.append(i > 0 ? (indent == null ? ", " : ",") : "");
                newline(sb, indent, depth + 1);
                write(sb, l.get(i), sort, indent, depth + 1);
            }
            newline(sb, indent, depth);
            sb.append(']');
        } else {
            quote(sb, o instanceof byte[] b ? new String(b, java.nio.charset.StandardCharsets.UTF_8) : o.toString(),
                    true);
        }
    }

    private static void newline(StringBuilder sb, Integer indent, int depth) {
        if (indent != null) {
            sb.append('\n').append(" ".repeat(indent * depth));
        }
    }

    /**
     * A JSON string as Python's json writes it: '"', '\\' and control characters escaped,
     * and with ensureAscii (json.dumps' default) every character past '~' as \\uXXXX,
     * surrogate pairs included; without it (Salt's json outputter) such characters stay as
     * they are.
     */
    public static void quote(StringBuilder sb, String s, boolean ensureAscii) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> {
                    if (c < 0x20 || (ensureAscii && c > 0x7e)) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
