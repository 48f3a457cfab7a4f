package io.jsalt.common.render;

import com.hubspot.jinjava.lib.filter.Filter;
import io.jsalt.common.py.PyPformat;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Jinja2's own builtin filters where Jinjava's differ from them, written after
 * jinja2/filters.py (3.1) with Python's semantics: what a string's first item is, how round()
 * rounds, what int() and float() accept, how slice and batch fill, what sum adds. The
 * differential suite (JinjaDifferentialTest) found each of these.
 */
final class Jinja2Filters {
    private Jinja2Filters() {}

    static List<Filter> all() {
        return List.of(
                new SaltFilters.Named("reverse", (v, a, k) -> reverse(v)),
                new SaltFilters.Named("first", (v, a, k) -> edge(v, true)),
                new SaltFilters.Named("last", (v, a, k) -> edge(v, false)),
                new SaltFilters.Named("round", (v, a, k) -> round(v, SaltFilters.arg(a, k, 0, "precision", 0L),
                        PyValues.str(SaltFilters.arg(a, k, 1, "method", "common")))),
                new SaltFilters.Named("int", (v, a, k) -> toInt(v, SaltFilters.arg(a, k, 0, "default", 0L),
                        num(SaltFilters.arg(a, k, 1, "base", 10L)))),
                new SaltFilters.Named("float", (v, a, k) -> toFloat(v, SaltFilters.arg(a, k, 0, "default", 0.0))),
                new SaltFilters.Named("slice", (v, a, k) -> slice(SaltFilters.toList(v),
                        num(SaltFilters.arg(a, k, 0, "slices", 1L)),
                        SaltFilters.arg(a, k, 1, "fill_with", null))),
                new SaltFilters.Named("batch", (v, a, k) -> batch(SaltFilters.toList(v),
                        num(SaltFilters.arg(a, k, 0, "linecount", 1L)),
                        SaltFilters.arg(a, k, 1, "fill_with", null))),
                new SaltFilters.Named("sum", (v, a, k) -> sum(SaltFilters.toList(v),
                        SaltFilters.arg(a, k, 0, "attribute", null), SaltFilters.arg(a, k, 1, "start", 0L))),
                new SaltFilters.Named("trim", (v, a, k) -> trim(PyValues.str(v), SaltFilters.arg(a, k, 0, "chars", null))),
                new SaltFilters.Named("center", (v, a, k) -> PyStrMethods.center(PyValues.str(v),
                        num(SaltFilters.arg(a, k, 0, "width", 80L)), " ")),
                new SaltFilters.Named("title", (v, a, k) -> title(PyValues.str(v))),
                // do_lower/do_upper take any value as text (soft_str), so True|lower is 'true':
                // Jinjava's leave a non-string alone (the dnsmasq formula's value|lower == "true").
                new SaltFilters.Named("lower", (v, a, k) -> PyValues.str(v).toLowerCase(Locale.ROOT)),
                new SaltFilters.Named("upper", (v, a, k) -> PyValues.str(v).toUpperCase(Locale.ROOT)),
                new SaltFilters.Named("striptags", (v, a, k) -> striptags(PyValues.str(v))),
                new SaltFilters.Named("pprint", (v, a, k) -> PyPformat.pformat(PyValues.toData(v))),
                new SaltFilters.Named("urlencode", (v, a, k) -> urlencode(v)),
                new SaltFilters.Named("xmlattr", (v, a, k) -> xmlattr(v, PyValues.truthy(SaltFilters.arg(a, k, 0, "autospace", true)))),
                new SaltFilters.Named("groupby", (v, a, k) -> groupby(SaltFilters.toList(v), SaltFilters.arg(a, k, 0, "attribute", null),
                        SaltFilters.arg(a, k, 1, "default", null), PyValues.truthy(SaltFilters.arg(a, k, 2, "case_sensitive", false)))));
    }

    /** An int argument, also when it arrives as text. */
    private static int num(Object o) {
        Object u = PyValues.unwrap(o);
        return u instanceof Number n ? n.intValue() : Integer.parseInt(PyValues.str(u).strip());
    }

    /** do_urlencode: text quoted with '/' kept and %20 for a space; a dict or pairs as a query string. */
    private static String urlencode(Object v) {
        Object u = PyValues.unwrap(v);
        if (u instanceof String || !(u instanceof Iterable || u instanceof Map)) {
            return urlQuote(u, false);
        }
        List<String> parts = new ArrayList<>();
        if (u instanceof Map<?, ?> m) {
            m.forEach((key, val) -> parts.add(urlQuote(key, true) + "=" + urlQuote(val, true)));
        } else {
            for (Object pair : (Iterable<?>) u) {
                List<Object> kv = SaltFilters.toList(pair);
                parts.add(urlQuote(kv.get(0), true) + "=" + urlQuote(kv.get(1), true));
            }
        }
        return String.join("&", parts);
    }

    /** jinja2.utils.url_quote: urllib's quote of the UTF-8 bytes; in a query '/' is quoted and a space is '+'. */
    private static String urlQuote(Object o, boolean forQuery) {
        StringBuilder sb = new StringBuilder();
        for (byte b : PyValues.str(o).getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "_.-~".indexOf(c) >= 0
                    || (c == '/' && !forQuery)) {
                sb.append((char) c);
            } else if (c == ' ' && forQuery) {
                sb.append('+');
            } else {
                sb.append('%').append(String.format("%02X", c));
            }
        }
        return sb.toString();
    }

    /** do_xmlattr: key="value" for each item that is not None, escaped as markupsafe does, a space first. */
    private static String xmlattr(Object v, boolean autospace) {
        List<String> parts = new ArrayList<>();
        for (Map.Entry<?, ?> e : ((Map<?, ?>) PyValues.unwrap(v)).entrySet()) {
            if (e.getValue() == null) {
                continue;
            }
            String key = PyValues.str(e.getKey());
            if (!key.matches("[^\\s/>=]+")) {
                throw new IllegalArgumentException("Invalid character in attribute name: " + key);
            }
            parts.add(escape(key) + "=\"" + escape(PyValues.str(e.getValue())) + "\"");
        }
        String out = String.join(" ", parts);
        return autospace && !out.isEmpty() ? " " + out : out;
    }

    /** markupsafe.escape. */
    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&#34;")
                .replace("'", "&#39;");
    }

    /** do_groupby: sorted by the attribute (strings ignoring case unless told), then runs of equal keys. */
    private static List<Object> groupby(List<Object> seq, Object attribute, Object dflt, boolean caseSensitive) {
        java.util.function.Function<Object, Object> value = x -> {
            Object a = PyValues.unwrap(SaltFilters.attr(x, attribute));
            return a == null ? dflt : a;
        };
        java.util.function.Function<Object, Object> key = x -> {
            Object a = value.apply(x);
            return !caseSensitive && a instanceof String s ? s.toLowerCase(Locale.ROOT) : a;
        };
        List<Object> sorted = new ArrayList<>(seq);
        sorted.sort((x, y) -> SaltFilters.PY_ORDER.compare(key.apply(x), key.apply(y)));
        List<Object> out = new ArrayList<>();
        List<Object> run = new ArrayList<>();
        for (Object x : sorted) {
            if (!run.isEmpty() && !PyOperators.eq(key.apply(run.get(0)), key.apply(x))) {
                out.add(group(value.apply(run.get(0)), run));
                run = new ArrayList<>();
            }
            run.add(x);
        }
        if (!run.isEmpty()) {
            out.add(group(value.apply(run.get(0)), run));
        }
        return out;
    }

    /** One group of do_groupby: the tuple (grouper, list). */
    private static SaltFilters.PyTuple group(Object grouper, List<Object> items) {
        SaltFilters.PyTuple t = new SaltFilters.PyTuple();
        t.add(grouper);
        t.add(items);
        return t;
    }

    /** reversed(): a string backwards, any other iterable as a list backwards. */
    private static Object reverse(Object v) {
        Object u = PyValues.unwrap(v);
        if (u instanceof String s) {
            return new StringBuilder(s).reverse().toString();
        }
        List<Object> out = new ArrayList<>(SaltFilters.toList(v));
        Collections.reverse(out);
        return out;
    }

    /** first/last: the first or last item of any iterable (a string's character); None when empty. */
    private static Object edge(Object v, boolean first) {
        List<Object> items = SaltFilters.toList(PyValues.unwrap(v) instanceof String s ? s : v);
        if (items.isEmpty()) {
            return null;
        }
        return items.get(first ? 0 : items.size() - 1);
    }

    /**
     * do_round: 'common' is Python's round(), which rounds the float's exact binary value half
     * to even (2.675 is 2.67) and keeps an int an int; 'floor' and 'ceil' give a float.
     */
    static Object round(Object v, Object precision, String method) {
        Object u = PyValues.unwrap(v);
        int p = num(precision);
        if (!method.equals("common") && !method.equals("floor") && !method.equals("ceil")) {
            throw new IllegalArgumentException("method must be common, ceil or floor");
        }
        if (u instanceof Boolean b) {
            u = b ? 1L : 0L;
        }
        if (!(u instanceof Number n)) {
            throw new IllegalArgumentException("type " + PyOperators.typeName(u) + " doesn't define __round__ method");
        }
        boolean integral = !(n instanceof Double || n instanceof Float);
        BigDecimal exact = integral ? new BigDecimal(n.toString()) : new BigDecimal(n.doubleValue());
        RoundingMode mode = switch (method) {
            case "floor" -> RoundingMode.FLOOR;
            case "ceil" -> RoundingMode.CEILING;
            default -> RoundingMode.HALF_EVEN;
        };
        // A template's precision is hostile input: at or past the value's own scale rounding
        // changes nothing (setScale would build a number with that many digits), and far below
        // a double's range every value rounds to the same end.
        BigDecimal r = p >= exact.scale() ? exact : exact.setScale(Math.max(p, -400), mode);
        if (integral && method.equals("common")) {
            return r.toBigInteger().longValue();
        }
        return r.doubleValue();
    }

    /** do_int: int(value) (text in the given base, Python's prefixes and underscores), else int(float(text)), else default. */
    static Object toInt(Object v, Object dflt, int base) {
        Object u = PyValues.unwrap(v);
        if (u instanceof String s) {
            Long parsed = parseInt(s, base);
            if (parsed != null) {
                return parsed;
            }
            Object f = CheckFilters.toNum(s);
            return f instanceof Double d && !d.isNaN() && !d.isInfinite() ? (Object) (long) d.doubleValue() : dflt;
        }
        if (u instanceof Boolean b) {
            return b ? 1L : 0L;
        }
        if (u instanceof Double d) {
            return d.isNaN() || d.isInfinite() ? dflt : (Object) (long) d.doubleValue();
        }
        return u instanceof Number n ? (Object) n.longValue() : dflt;
    }

    private static final Pattern DIGITS = Pattern.compile("[0-9a-zA-Z]+(_[0-9a-zA-Z]+)*");

    /** Python's int(text, base) for base 0 and 2..36, or null where Python raises ValueError. */
    private static Long parseInt(String text, int base) {
        String t = text.strip();
        boolean negative = t.startsWith("-");
        if (t.startsWith("-") || t.startsWith("+")) {
            t = t.substring(1);
        }
        String lower = t.toLowerCase(Locale.ROOT);
        int b = base;
        for (Object[] prefix : new Object[][] {{"0x", 16}, {"0o", 8}, {"0b", 2}}) {
            if (lower.startsWith((String) prefix[0]) && (base == 0 || base == (int) prefix[1])) {
                b = (int) prefix[1];
                t = t.substring(2).replaceFirst("^_", "");
            }
        }
        if (b == 0) {
            b = 10;
            if (t.length() > 1 && t.replace("_", "").matches("0+")) {
                t = "0";
            } else if (t.startsWith("0") && t.length() > 1) {
                return null; // base 0 refuses leading zeros, as Python's literals do
            }
        }
        if (b < 2 || b > 36 || !DIGITS.matcher(t).matches()) {
            return null;
        }
        try {
            BigInteger i = new BigInteger(t.replace("_", ""), b);
            return (negative ? i.negate() : i).longValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            return null;
        }
    }

    /** do_float: float(value) (text as Python reads it: spaces, exponents, inf, nan), else default. */
    static Object toFloat(Object v, Object dflt) {
        Object u = PyValues.unwrap(v);
        if (u instanceof String s) {
            Object n = CheckFilters.toNum(s);
            return n instanceof Number x ? (Object) x.doubleValue() : dflt;
        }
        if (u instanceof Boolean b) {
            return b ? 1.0 : 0.0;
        }
        return u instanceof Number n ? (Object) n.doubleValue() : dflt;
    }

    /** do_slice: n columns, the first len % n one item longer, the others filled when asked. */
    private static List<Object> slice(List<Object> seq, int slices, Object fill) {
        List<Object> out = new ArrayList<>();
        int per = seq.size() / slices;
        int extra = seq.size() % slices;
        int offset = 0;
        for (int i = 0; i < slices; i++) {
            int start = offset + i * per;
            if (i < extra) {
                offset++;
            }
            int end = offset + (i + 1) * per;
            List<Object> part = new ArrayList<>(seq.subList(start, end));
            if (fill != null && i >= extra) {
                part.add(fill);
            }
            out.add(part);
        }
        return out;
    }

    /** do_batch: rows of n items; only the last row is filled, and only when fill_with is given. */
    private static List<Object> batch(List<Object> seq, int n, Object fill) {
        List<Object> out = new ArrayList<>();
        List<Object> row = new ArrayList<>();
        for (Object x : seq) {
            if (row.size() == n) {
                out.add(row);
                row = new ArrayList<>();
            }
            row.add(x);
        }
        if (!row.isEmpty()) {
            while (fill != null && row.size() < n) {
                row.add(fill);
            }
            out.add(row);
        }
        return out;
    }

    /** do_sum: Python's sum(items, start): numbers add (int stays int), lists concatenate. */
    private static Object sum(List<Object> seq, Object attribute, Object start) {
        Object acc = PyValues.unwrap(start);
        for (Object x : seq) {
            Object y = PyValues.unwrap(SaltFilters.attr(x, attribute));
            acc = add(acc, y);
        }
        return acc;
    }

    private static Object add(Object a, Object b) {
        Object x = a instanceof Boolean t ? (Object) (t ? 1L : 0L) : a;
        Object y = b instanceof Boolean t ? (Object) (t ? 1L : 0L) : b;
        if (x instanceof List<?> l && y instanceof List<?> m) {
            List<Object> out = new ArrayList<>(l);
            out.addAll(m);
            return out;
        }
        if (x instanceof Number n && y instanceof Number m) {
            if (n instanceof Double || m instanceof Double || n instanceof Float || m instanceof Float) {
                return n.doubleValue() + m.doubleValue();
            }
            return Math.addExact(n.longValue(), m.longValue());
        }
        throw new IllegalArgumentException("unsupported operand type(s) for +: '" + PyOperators.typeName(x)
                + "' and '" + PyOperators.typeName(y) + "'");
    }

    /** do_trim: str.strip(chars), whitespace when no chars are given. */
    private static String trim(String s, Object chars) {
        if (chars == null) {
            return s.strip();
        }
        String c = PyValues.str(chars);
        return PyStrMethods.rstrip(PyStrMethods.lstrip(s, c), c);
    }

    private static final Pattern WORD_BEGINNING = Pattern.compile("([-\\s({\\[<]+)");

    /** do_title: each piece after a space, hyphen or opening bracket capitalized, the rest lowercased. */
    private static String title(String s) {
        StringBuilder sb = new StringBuilder();
        java.util.regex.Matcher m = WORD_BEGINNING.matcher(s);
        int at = 0;
        while (m.find()) {
            sb.append(capitalize(s.substring(at, m.start()))).append(m.group());
            at = m.end();
        }
        return sb.append(capitalize(s.substring(at))).toString();
    }

    private static String capitalize(String w) {
        if (w.isEmpty()) {
            return w;
        }
        int first = w.codePointAt(0);
        int n = Character.charCount(first);
        return new String(Character.toChars(Character.toUpperCase(first))) + w.substring(n).toLowerCase(Locale.ROOT);
    }

    private static final Pattern COMMENT = Pattern.compile("<!--.*?-->", Pattern.DOTALL);
    private static final Pattern TAG = Pattern.compile("<.*?>", Pattern.DOTALL);
    private static final Pattern ENTITY = Pattern.compile("&(#[0-9]+|#[xX][0-9a-fA-F]+|amp|lt|gt|quot|apos|nbsp);");

    /** markupsafe's Markup.striptags: comments and tags removed, whitespace runs one space, entities decoded. */
    private static String striptags(String s) {
        String text = TAG.matcher(COMMENT.matcher(s).replaceAll("")).replaceAll("");
        text = String.join(" ", text.strip().split("\\s+"));
        return ENTITY.matcher(text).replaceAll(m -> java.util.regex.Matcher.quoteReplacement(entity(m.group(1))));
    }

    private static String entity(String name) {
        return switch (name) {
            case "amp" -> "&";
            case "lt" -> "<";
            case "gt" -> ">";
            case "quot" -> "\"";
            case "apos" -> "'";
            case "nbsp" -> "\u00a0";
            default -> new String(Character.toChars(name.startsWith("#x") || name.startsWith("#X")
                    ? Integer.parseInt(name.substring(2), 16) : Integer.parseInt(name.substring(1))));
        };
    }
}
