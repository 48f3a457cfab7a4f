package io.jsalt.common.py;

import io.jsalt.common.data.Data;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Python's json.loads (strict JSON, as Salt's load_json and import_json read it), and
 * Python's json.dumps of plain data (maps, lists, strings, numbers, booleans, null), the one
 * JSON writer behind Salt's {@code json} filter and its json outputter: ", " and ": "
 * separators on one line, or indent spaces a level with "," ending the lines; keys as json
 * spells them; NaN and Infinity as Python writes them.
 */
public final class PyJson {
    private static final com.fasterxml.jackson.databind.ObjectMapper READER =
            com.fasterxml.jackson.databind.json.JsonMapper.builder()
                    // json.loads reads NaN, Infinity and -Infinity; everything else is strict JSON.
                    .enable(com.fasterxml.jackson.core.json.JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                    .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                    .build();

    private PyJson() {}

    /** Thrown for text json.loads refuses; the message is the parser's, without its source echo. */
    public static final class JsonError extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final int line;

        JsonError(String message, int line) {
            super(message);
            this.line = line;
        }

        /** The 1-based line of the problem, or -1. */
        public int line() {
            return line;
        }
    }

    /**
     * Python's json.loads, brought into the data model ({@link Data#normalize}): objects as
     * ordered maps, arrays as lists, integers as Long, other numbers as Double. Single quotes, bare words, comments
     * and trailing commas are errors, as in Python.
     */
    public static Object loads(String text) {
        try {
            return Data.normalize(READER.readValue(text, Object.class));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            var loc = e.getLocation();
            throw new JsonError(e.getOriginalMessage(), loc == null ? -1 : loc.getLineNr());
        }
    }

    /**
     * json.dumps' arguments that differ between Salt's callers.
     *
     * @param ensureAscii escape every character past '~' (json.dumps' default)
     * @param sortKeys    sort map keys by code point
     * @param indent      spaces a level, or null for one line
     * @param fallback    json.dumps' default: the text of a value JSON cannot hold
     */
    public record Style(boolean ensureAscii, boolean sortKeys, Integer indent, Function<Object, String> fallback) {}

    /** Salt's json filter: ensure_ascii, optional sort_keys and indent; bytes as their UTF-8 text. */
    public static String dumps(Object o, boolean sortKeys, Integer indent) {
        return dumps(o, new Style(true, sortKeys, indent,
                v -> v instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : v.toString()));
    }

    public static String dumps(Object o, Style style) {
        StringBuilder sb = new StringBuilder();
        write(sb, o, style, style.indent() == null ? null : " ".repeat(style.indent()), 0);
        return sb.toString();
    }

    private static void write(StringBuilder sb, Object o, Style style, String indent, int depth) {
        if (o == null) {
            sb.append("null");
        } else if (o instanceof Boolean b) {
            sb.append(b ? "true" : "false");
        } else if (o instanceof Double || o instanceof Float) {
            double d = ((Number) o).doubleValue();
            sb.append(Double.isNaN(d) ? "NaN" : Double.isInfinite(d) ? (d > 0 ? "Infinity" : "-Infinity")
                    : PyRepr.repr(d));
        } else if (o instanceof Number n) {
            sb.append(n);
        } else if (o instanceof String s) {
            quote(sb, s, style.ensureAscii());
        } else if (o instanceof Map<?, ?> m) {
            List<Map.Entry<?, ?>> entries = new ArrayList<>(m.entrySet());
            if (style.sortKeys()) {
                entries.sort((a, b) -> PyText.CODE_POINT_ORDER.compare(key(a.getKey()), key(b.getKey())));
            }
            container(sb, '{', '}', entries, indent, depth, e -> {
                quote(sb, key(e.getKey()), style.ensureAscii());
                sb.append(": ");
                write(sb, e.getValue(), style, indent, depth + 1);
            });
        } else if (o instanceof List<?> l) {
            container(sb, '[', ']', l, indent, depth, item -> write(sb, item, style, indent, depth + 1));
        } else {
            quote(sb, style.fallback().apply(o), style.ensureAscii());
        }
    }

    /** json turns None/True/False/floats used as keys into their JSON spelling. */
    private static String key(Object k) {
        if (k == null) {
            return "null";
        }
        if (k instanceof Boolean b) {
            return b ? "true" : "false";
        }
        if (k instanceof Double d) {
            return PyRepr.repr(d);
        }
        return k.toString();
    }

    /**
     * An object or array as json writes it: empty it is just the brackets; otherwise each item
     * on its own line when indenting, with the closing bracket back at the outer depth.
     */
    private static <T> void container(StringBuilder sb, char open, char close, List<T> items, String indent,
            int depth, Consumer<T> item) {
        sb.append(open);
        if (items.isEmpty()) {
            sb.append(close);
            return;
        }
        for (int i = 0; i < items.size(); i++) {
            separate(sb, indent, depth + 1, i == 0);
            item.accept(items.get(i));
        }
        newline(sb, indent, depth);
        sb.append(close);
    }

    private static void separate(StringBuilder sb, String indent, int depth, boolean first) {
        if (!first) {
            sb.append(indent == null ? ", " : ",");
        }
        newline(sb, indent, depth);
    }

    private static void newline(StringBuilder sb, String indent, int depth) {
        if (indent != null) {
            sb.append('\n').append(indent.repeat(depth));
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
