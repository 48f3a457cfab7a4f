package io.jsalt.common.py;

import io.jsalt.common.data.Data;
import java.util.List;
import java.util.Map;

/**
 * Python's repr() of model data: what Salt prints when a template prints a dict or list
 * (its PrintableDict) and what the raw outputter shows. {@code {'a': 'b', 'n': None}},
 * {@code ['x', 1, True]}.
 */
public final class PyRepr {
    private PyRepr() {}

    /** A list that is a Python tuple, printed as ('a', 'b') or ('a',). */
    public interface Tuple {}

    public static String repr(Object o) {
        StringBuilder sb = new StringBuilder();
        append(sb, o);
        return sb.toString();
    }

    /** Python's str(): like repr but strings print bare at the top level. */
    public static String str(Object o) {
        if (o instanceof String s) {
            return s;
        }
        return repr(o);
    }

    private static void append(StringBuilder sb, Object o) {
        if (o == null) {
            sb.append("None");
        } else if (o instanceof Boolean b) {
            sb.append(b ? "True" : "False");
        } else if (o instanceof Double d) {
            sb.append(floatRepr(d));
        } else if (o instanceof Float f) {
            sb.append(floatRepr(f.doubleValue()));
        } else if (o instanceof Number n) {
            sb.append(n.toString());
        } else if (o instanceof CharSequence s) {
            quote(sb, s.toString());
        } else if (o instanceof byte[] b) {
            quoteBytes(sb, b);
        } else if (o instanceof Map<?, ?> m) {
            sb.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (!first) {
                    sb.append(", ");
                }
                first = false;
                append(sb, e.getKey());
                sb.append(": ");
                append(sb, e.getValue());
            }
            sb.append('}');
        } else if (o instanceof Tuple && o instanceof List<?> t) {
            sb.append('(');
            for (int i = 0; i < t.size(); i++) {
                sb.append(i > 0 ? ", " : "");
                append(sb, t.get(i));
            }
            sb.append(t.size() == 1 ? ",)" : ")");
        } else if (o instanceof List<?> l) {
            sb.append('[');
            for (int i = 0; i < l.size(); i++) {
                if (i > 0) {
                    sb.append(", ");
                }
                append(sb, l.get(i));
            }
            sb.append(']');
        } else if (o instanceof Iterable<?> it) {
            append(sb, Data.normalize(it));
        } else {
            quote(sb, o.toString());
        }
    }

    /** Python float repr: shortest round-trip digits, '1.0', '1e+16', 'inf', 'nan'. */
    static String floatRepr(double d) {
        if (Double.isNaN(d)) {
            return "nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        if (d == Math.rint(d) && Math.abs(d) < 1e16) {
            return String.format("%.1f", d);
        }
        String s = Double.toString(d);
        int e = s.indexOf('E');
        if (e < 0) {
            return s;
        }
        String mant = s.substring(0, e);
        int exp = Integer.parseInt(s.substring(e + 1));
        if (exp >= -4 && exp < 16) {
            return new java.math.BigDecimal(s).toPlainString();
        }
        if (mant.endsWith(".0")) {
            mant = mant.substring(0, mant.length() - 2);
        }
        return mant + "e" + (exp < 0 ? "-" : "+") + String.format("%02d", Math.abs(exp));
    }

    /** Python's string quoting: single quotes unless the text has ' and no ". */
    static void quote(StringBuilder sb, String s) {
        char q = (s.indexOf('\'') >= 0 && s.indexOf('"') < 0) ? '"' : '\'';
        sb.append(q);
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            i += Character.charCount(c);
            if (simpleEscape(sb, c, q)) {
                continue;
            } else if (!printable(c)) {
                // str.isprintable() is false: repr escapes by size, as Python does.
                sb.append(c < 0x100 ? String.format("\\x%02x", c)
                        : c < 0x10000 ? String.format("\\u%04x", c) : String.format("\\U%08x", c));
            } else {
                sb.appendCodePoint(c);
            }
        }
        sb.append(q);
    }

    /**
     * The escapes str and bytes repr share: the quote in use and the backslash get a
     * backslash, newline, carriage return and tab their letters. False for any other character.
     */
    private static boolean simpleEscape(StringBuilder sb, int c, char q) {
        switch (c) {
            case '\n' -> sb.append("\\n");
            case '\r' -> sb.append("\\r");
            case '\t' -> sb.append("\\t");
            default -> {
                if (c != q && c != '\\') {
                    return false;
                }
                sb.append('\\').appendCodePoint(c);
            }
        }
        return true;
    }

    /** Python's str.isprintable() for one code point: not Cc, Cf, Cs, Co, Cn, Zl, Zp, Zs but ' '. */
    private static boolean printable(int c) {
        if (c == ' ') {
            return true;
        }
        switch (Character.getType(c)) {
            case Character.CONTROL, Character.FORMAT, Character.SURROGATE, Character.PRIVATE_USE,
                    Character.UNASSIGNED, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                    Character.SPACE_SEPARATOR:
                return false;
            default:
                return true;
        }
    }

    /** Python's bytes repr: b'...', everything outside printable ASCII as \\xNN. */
    static void quoteBytes(StringBuilder sb, byte[] b) {
        boolean hasSingle = false;
        boolean hasDouble = false;
        for (byte x : b) {
            hasSingle |= x == '\'';
            hasDouble |= x == '"';
        }
        char q = hasSingle && !hasDouble ? '"' : '\'';
        sb.append('b').append(q);
        for (byte x : b) {
            int c = x & 0xff;
            if (simpleEscape(sb, c, q)) {
                continue;
            } else if (c < 0x20 || c >= 0x7f) {
                sb.append(String.format("\\x%02x", c));
            } else {
                sb.append((char) c);
            }
        }
        sb.append(q);
    }

    /** Python's type name of a model value, as its error messages print it. */
    public static String typeName(Object v) {
        if (v == null) {
            return "NoneType";
        }
        if (v instanceof Boolean) {
            return "bool";
        }
        if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte
                || v instanceof java.math.BigInteger) {
            return "int";
        }
        if (v instanceof Number) {
            return "float";
        }
        if (v instanceof CharSequence) {
            return "str";
        }
        if (v instanceof Map) {
            return "dict";
        }
        if (v instanceof List) {
            return "list";
        }
        return "object";
    }
}
