package io.jsalt.common.render;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jinjava.javax.el.ELException;

/** Python's str methods that Salt trees use, with Python's semantics (split(), strip(chars)). */
final class PyStrMethods {
    private PyStrMethods() {}

    static Object call(String s, String name, List<Object> a, Map<String, Object> kw) {
        switch (name) {
            case "startswith":
                return anyOf(a.get(0), p -> s.startsWith(p));
            case "endswith":
                return anyOf(a.get(0), p -> s.endsWith(p));
            case "lower":
                return s.toLowerCase(Locale.ROOT);
            case "upper":
                return s.toUpperCase(Locale.ROOT);
            case "strip":
                return rstrip(lstrip(s, chars(a)), chars(a));
            case "lstrip":
                return lstrip(s, chars(a));
            case "rstrip":
                return rstrip(s, chars(a));
            case "split":
                return split(s, str(arg(a, kw, 0, "sep")), maxsplit(arg(a, kw, 1, "maxsplit")));
            case "rsplit":
                return rsplit(s, str(arg(a, kw, 0, "sep")), maxsplit(arg(a, kw, 1, "maxsplit")));
            case "splitlines":
                return splitlines(s);
            case "replace": {
                long count = a.size() > 2 ? ((Number) a.get(2)).longValue() : -1;
                return replace(s, str(a.get(0)), str(a.get(1)), count);
            }
            case "join":
                return join(s, a.get(0));
            case "format":
                return format(s, a, kw);
            case "title":
                return SaltFilters.title(s);
            case "capitalize":
                return s.isEmpty() ? s : s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1).toLowerCase(Locale.ROOT);
            case "isdigit":
                return !s.isEmpty() && s.chars().allMatch(Character::isDigit);
            case "isalpha":
                return !s.isEmpty() && s.chars().allMatch(Character::isLetter);
            case "isalnum":
                return !s.isEmpty() && s.chars().allMatch(Character::isLetterOrDigit);
            case "isspace":
                return !s.isEmpty() && s.chars().allMatch(Character::isWhitespace);
            case "islower":
                return s.chars().anyMatch(Character::isLetter) && s.equals(s.toLowerCase(Locale.ROOT));
            case "isupper":
                return s.chars().anyMatch(Character::isLetter) && s.equals(s.toUpperCase(Locale.ROOT));
            case "count":
                return (long) count(s, str(a.get(0)));
            case "find":
                return (long) s.indexOf(str(a.get(0)));
            case "rfind":
                return (long) s.lastIndexOf(str(a.get(0)));
            case "index": {
                int i = s.indexOf(str(a.get(0)));
                if (i < 0) {
                    throw new ELException("ValueError: substring not found");
                }
                return (long) i;
            }
            case "zfill": {
                int w = ((Number) a.get(0)).intValue();
                StringBuilder sb = new StringBuilder(s);
                int at = s.startsWith("-") || s.startsWith("+") ? 1 : 0;
                while (sb.length() < w) {
                    sb.insert(at, '0');
                }
                return sb.toString();
            }
            case "ljust":
                return pad(s, ((Number) a.get(0)).intValue(), a.size() > 1 ? str(a.get(1)) : " ", false);
            case "rjust":
                return pad(s, ((Number) a.get(0)).intValue(), a.size() > 1 ? str(a.get(1)) : " ", true);
            case "center":
                return center(s, ((Number) a.get(0)).intValue(), a.size() > 1 ? str(a.get(1)) : " ");
            case "swapcase":
                return swapcase(s);
            case "partition": {
                String sep = str(a.get(0));
                int i = s.indexOf(sep);
                SaltFilters.PyTuple parts = new SaltFilters.PyTuple();
                parts.addAll(i < 0 ? List.of(s, "", "") : List.of(s.substring(0, i), sep, s.substring(i + sep.length())));
                return parts;
            }
            case "rpartition": {
                // Python: without the separator, the string is the last of the three.
                String sep = str(a.get(0));
                int i = s.lastIndexOf(sep);
                return i < 0 ? List.of("", "", s) : List.of(s.substring(0, i), sep, s.substring(i + sep.length()));
            }
            default:
                throw PyMethods.noAttribute(s, name);
        }
    }

    private static String join(String sep, Object iterable) {
        StringBuilder sb = new StringBuilder();
        boolean first = true;
        for (Object x : (Iterable<?>) iterable) {
            if (!first) {
                sb.append(sep);
            }
            first = false;
            sb.append(PyValues.str(x));
        }
        return sb.toString();
    }

    private static Object arg(List<Object> a, Map<String, Object> kw, int i, String name) {
        if (kw.containsKey(name)) {
            return kw.get(name);
        }
        return i < a.size() ? a.get(i) : null;
    }

    private static int maxsplit(Object o) {
        return o == null ? -1 : ((Number) o).intValue();
    }

    private static String str(Object o) {
        return o == null ? null : PyValues.str(o);
    }

    private static boolean anyOf(Object prefixes, java.util.function.Predicate<String> test) {
        if (prefixes instanceof List<?> l) {
            for (Object p : l) {
                if (test.test(PyValues.str(p))) {
                    return true;
                }
            }
            return false;
        }
        return test.test(PyValues.str(prefixes));
    }

    private static String chars(List<Object> a) {
        return a.isEmpty() || a.get(0) == null ? null : PyValues.str(a.get(0));
    }

    static String lstrip(String s, String chars) {
        int i = 0;
        while (i < s.length() && (chars == null ? Character.isWhitespace(s.charAt(i)) : chars.indexOf(s.charAt(i)) >= 0)) {
            i++;
        }
        return s.substring(i);
    }

    static String rstrip(String s, String chars) {
        int j = s.length();
        while (j > 0 && (chars == null ? Character.isWhitespace(s.charAt(j - 1)) : chars.indexOf(s.charAt(j - 1)) >= 0)) {
            j--;
        }
        return s.substring(0, j);
    }

    /** Python's str.split: no separator splits on whitespace runs and drops empty parts. */
    static List<Object> split(String s, String sep, int max) {
        List<Object> out = new ArrayList<>();
        if (sep == null) {
            int i = 0;
            int n = s.length();
            while (true) {
                while (i < n && Character.isWhitespace(s.charAt(i))) {
                    i++;
                }
                if (i >= n) {
                    break;
                }
                if (max >= 0 && out.size() == max) {
                    out.add(rstrip(s.substring(i), null));
                    break;
                }
                int j = i;
                while (j < n && !Character.isWhitespace(s.charAt(j))) {
                    j++;
                }
                out.add(s.substring(i, j));
                i = j;
            }
            return out;
        }
        if (sep.isEmpty()) {
            throw new ELException("ValueError: empty separator");
        }
        int start = 0;
        while (max < 0 || out.size() < max) {
            int i = s.indexOf(sep, start);
            if (i < 0) {
                break;
            }
            out.add(s.substring(start, i));
            start = i + sep.length();
        }
        out.add(s.substring(start));
        return out;
    }

    static List<Object> rsplit(String s, String sep, int max) {
        if (max < 0 || sep == null) {
            if (sep == null && max >= 0) {
                // Whitespace rsplit with a limit: split from the right on runs of whitespace.
                List<Object> out = new ArrayList<>();
                String rest = rstrip(s, null);
                while (out.size() < max) {
                    int j = rest.length() - 1;
                    while (j >= 0 && !Character.isWhitespace(rest.charAt(j))) {
                        j--;
                    }
                    if (j < 0) {
                        break;
                    }
                    out.add(0, rest.substring(j + 1));
                    rest = rstrip(rest.substring(0, j + 1), null);
                }
                if (!rest.isEmpty()) {
                    out.add(0, lstrip(rest, null));
                }
                return out;
            }
            return split(s, sep, -1);
        }
        List<Object> out = new ArrayList<>();
        int end = s.length();
        while (out.size() < max) {
            int i = s.lastIndexOf(sep, end - sep.length());
            if (i < 0 || end - sep.length() < 0) {
                break;
            }
            out.add(0, s.substring(i + sep.length(), end));
            end = i;
        }
        out.add(0, s.substring(0, end));
        return out;
    }

    static List<Object> splitlines(String s) {
        List<Object> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\n' || c == '\r') {
                out.add(s.substring(start, i));
                if (c == '\r' && i + 1 < s.length() && s.charAt(i + 1) == '\n') {
                    i++;
                }
                start = i + 1;
            }
        }
        if (start < s.length()) {
            out.add(s.substring(start));
        }
        return out;
    }

    static String replace(String s, String old, String neu, long count) {
        if (count < 0) {
            return s.replace(old, neu);
        }
        StringBuilder sb = new StringBuilder();
        int start = 0;
        for (long n = 0; n < count; n++) {
            int i = s.indexOf(old, start);
            if (i < 0) {
                break;
            }
            sb.append(s, start, i).append(neu);
            start = i + old.length();
        }
        return sb.append(s.substring(start)).toString();
    }

    private static int count(String s, String sub) {
        if (sub.isEmpty()) {
            return s.length() + 1;
        }
        int n = 0;
        for (int i = s.indexOf(sub); i >= 0; i = s.indexOf(sub, i + sub.length())) {
            n++;
        }
        return n;
    }

    /** str.center: the odd pad goes left only when both the pad and the width are odd (CPython's pad()). */
    static String center(String s, int width, String fill) {
        int pad = width - s.length();
        if (pad <= 0) {
            return s;
        }
        int left = pad / 2 + (pad & width & 1);
        return fill.repeat(left) + s + fill.repeat(pad - left);
    }

    private static String swapcase(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        s.codePoints().forEach(c -> sb.appendCodePoint(Character.isUpperCase(c) ? Character.toLowerCase(c)
                : Character.isLowerCase(c) ? Character.toUpperCase(c) : c));
        return sb.toString();
    }

    private static String pad(String s, int width, String fill, boolean left) {
        StringBuilder sb = new StringBuilder();
        for (int i = s.length(); i < width; i++) {
            sb.append(fill);
        }
        return left ? sb + s : s + sb;
    }

    /**
     * str.format with {}, {0} and {name} fields, each with an optional format spec ({0:<7},
     * {:>5.2f}: {@link #formatSpec}); conversions (!r) are not supported.
     */
    static String format(String s, List<Object> a, Map<String, Object> kw) {
        StringBuilder out = new StringBuilder();
        int auto = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '{' && i + 1 < s.length() && s.charAt(i + 1) == '{') {
                out.append('{');
                i++;
            } else if (c == '}' && i + 1 < s.length() && s.charAt(i + 1) == '}') {
                out.append('}');
                i++;
            } else if (c == '{') {
                int end = s.indexOf('}', i);
                if (end < 0) {
                    throw new ELException("ValueError: Single '{' encountered in format string");
                }
                String field = s.substring(i + 1, end);
                String spec = null;
                int colon = field.indexOf(':');
                if (colon >= 0) {
                    spec = field.substring(colon + 1);
                    field = field.substring(0, colon);
                }
                if (field.contains("!")) {
                    throw new ELException("str.format: the conversion in '{" + field + "}' is not supported");
                }
                Object v;
                if (field.isEmpty()) {
                    v = a.get(auto++);
                } else if (field.chars().allMatch(Character::isDigit)) {
                    v = a.get(Integer.parseInt(field));
                } else if (kw.containsKey(field)) {
                    v = kw.get(field);
                } else {
                    throw new ELException("KeyError: '" + field + "'");
                }
                out.append(spec == null ? PyValues.str(v) : formatSpec(v, spec));
                i = end;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static final java.util.regex.Pattern SPEC = java.util.regex.Pattern.compile(
            "(?:(.)?([<>=^]))?([-+ ])?(#)?(0)?(\\d+)?(?:\\.(\\d+))?([bcdeEfFgGosxX%])?");

    /**
     * Python's format(value, spec) for str.format's fields: [[fill]align][sign][#][0][width]
     * [.precision][type] (the format specification mini-language of Python's string module;
     * no grouping). Strings are left-aligned and cut to the precision; numbers are right-aligned
     * and converted as printf-style formatting converts them, which the types share with it.
     */
    static String formatSpec(Object v, String spec) {
        java.util.regex.Matcher m = SPEC.matcher(spec);
        if (!m.matches()) {
            throw new ELException("ValueError: Invalid format specifier '" + spec + "'");
        }
        String fill = m.group(1) != null ? m.group(1) : m.group(5) != null && m.group(2) == null ? "0" : " ";
        String align = m.group(2) != null ? m.group(2) : m.group(5) != null ? "=" : null;
        String sign = m.group(3) == null || m.group(3).equals("-") ? "" : m.group(3);
        int width = m.group(6) != null ? Integer.parseInt(m.group(6)) : 0;
        String precision = m.group(7);
        String type = m.group(8);
        Object value = PyValues.unwrap(v);
        boolean number = value instanceof Number || value instanceof Boolean;
        String text;
        if (!number || "s".equals(type)) {
            if (type != null && !type.equals("s")) {
                throw new ELException("ValueError: Unknown format code '" + type + "' for object of type '"
                        + PyOperators.typeName(value) + "'");
            }
            text = PyValues.str(value);
            if (precision != null && text.length() > Integer.parseInt(precision)) {
                text = text.substring(0, Integer.parseInt(precision));
            }
        } else if (type == null && precision == null) {
            String plain = PyValues.str(value instanceof Boolean b ? (b ? 1L : 0L) : value);
            text = !sign.isEmpty() && !plain.startsWith("-") ? sign + plain : plain;
        } else {
            String conv = type == null ? "g" : type.equals("%") ? "f" : type.equals("b") ? "d" : type;
            Number num = value instanceof Boolean b ? Long.valueOf(b ? 1 : 0) : (Number) value;
            Object x = "%".equals(type) ? num.doubleValue() * 100 : value;
            text = io.jsalt.common.py.PyPercent.format("%" + sign + (m.group(4) != null ? "#" : "")
                    + (precision != null ? "." + precision : "") + conv, x, false);
            if ("b".equals(type)) {
                long n = num.longValue();
                text = (n < 0 ? "-" : sign) + (m.group(4) != null ? "0b" : "") + Long.toBinaryString(Math.abs(n));
            } else if ("%".equals(type)) {
                text += "%";
            }
        }
        int pad = width - text.codePointCount(0, text.length());
        if (pad <= 0) {
            return text;
        }
        String a = align != null ? align : number ? ">" : "<";
        return switch (a) {
            case "<" -> text + fill.repeat(pad);
            case "^" -> fill.repeat(pad / 2) + text + fill.repeat(pad - pad / 2);
            case "=" -> {
                int signLen = !text.isEmpty() && "+- ".indexOf(text.charAt(0)) >= 0 ? 1 : 0;
                yield text.substring(0, signLen) + fill.repeat(pad) + text.substring(signLen);
            }
            default -> fill.repeat(pad) + text;
        };
    }
}
