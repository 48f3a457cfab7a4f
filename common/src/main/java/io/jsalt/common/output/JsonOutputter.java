package io.jsalt.common.output;

import io.jsalt.common.py.PyJson;
import io.jsalt.common.py.PyRepr;
import java.util.List;
import java.util.Map;

/**
 * Salt's json outputter (salt/output/json_out.py): Python's json.dumps with
 * ensure_ascii=False (salt.utils.json.dumps) and default=repr, keys in map order.
 * Without {@code --out-indent} it indents 4; {@code --out-indent N} indents N (0 still
 * breaks lines), a negative N puts everything on one line with ", " and ": ".
 */
public final class JsonOutputter implements Outputter {

    @Override
    public String name() {
        return "json";
    }

    @Override
    public String format(Object data, OutputOptions opts) {
        Integer indent = opts.outputIndent() == null ? Integer.valueOf(4)
                : opts.outputIndent() >= 0 ? opts.outputIndent() : null;
        StringBuilder sb = new StringBuilder();
        write(sb, data, indent == null ? null : " ".repeat(indent), 0);
        return sb.toString();
    }

    /** json.dumps(o, ensure_ascii=False, indent=None): one line, as Salt's compact form. */
    public static String dumps(Object o) {
        StringBuilder sb = new StringBuilder();
        write(sb, o, null, 0);
        return sb.toString();
    }

    private static void write(StringBuilder sb, Object o, String indent, int level) {
        if (o == null) {
            sb.append("null");
        } else if (o instanceof Boolean b) {
            sb.append(b ? "true" : "false");
        } else if (o instanceof Double || o instanceof Float) {
            double d = ((Number) o).doubleValue();
            if (Double.isNaN(d)) {
                sb.append("NaN");
            } else if (Double.isInfinite(d)) {
                sb.append(d > 0 ? "Infinity" : "-Infinity");
            } else {
                sb.append(PyRepr.repr(d));
            }
        } else if (o instanceof Number n) {
            sb.append(n.toString());
        } else if (o instanceof String s) {
            PyJson.quote(sb, s, false);
        } else if (o instanceof Map<?, ?> m) {
            if (m.isEmpty()) {
                sb.append("{}");
                return;
            }
            sb.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                separate(sb, indent, level + 1, first);
                first = false;
                PyJson.quote(sb, key(e.getKey()), false);
                sb.append(": ");
                write(sb, e.getValue(), indent, level + 1);
            }
            close(sb, indent, level);
            sb.append('}');
        } else if (o instanceof List<?> l) {
            if (l.isEmpty()) {
                sb.append("[]");
                return;
            }
            sb.append('[');
            boolean first = true;
            for (Object item : l) {
                separate(sb, indent, level + 1, first);
                first = false;
                write(sb, item, indent, level + 1);
            }
            close(sb, indent, level);
            sb.append(']');
        } else {
            // default=repr: bytes and anything else JSON cannot hold become their repr.
            PyJson.quote(sb, PyRepr.repr(o), false);
        }
    }

    /** json turns None/True/False/numbers used as keys into their JSON spelling. */
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

    private static void separate(StringBuilder sb, String indent, int level, boolean first) {
        if (indent == null) {
            if (!first) {
                sb.append(", ");
            }
        } else {
            if (!first) {
                sb.append(',');
            }
            sb.append('\n').append(indent.repeat(level));
        }
    }

    private static void close(StringBuilder sb, String indent, int level) {
        if (indent != null) {
            sb.append('\n').append(indent.repeat(level));
        }
    }
}
