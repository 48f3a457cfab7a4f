package io.jsalt.common.py;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Python's printf-style string formatting, {@code 'fmt' % args}: conversion specifiers
 * {@code %[(key)][flags][width][.precision]type} with the types d i u o x X e E f F g G c r s a
 * and {@code %%}. The arguments are a tuple (positional), a mapping (for {@code %(key)s}) or
 * one value, as Python's {@code str.__mod__} takes them. Values are model data (Long, Double,
 * String, Boolean, List, Map, null). Mismatches throw {@link FormatError} with Python's message.
 */
public final class PyPercent {
    private PyPercent() {}

    /** A format string and its arguments do not fit; the message is Python's TypeError/ValueError text. */
    public static final class FormatError extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public FormatError(String message) {
            super(message);
        }
    }

    /**
     * Formats {@code fmt % right}. {@code tuple} says whether {@code right} is a Python tuple
     * (a list of positional arguments); any other value, a list included, is one argument.
     */
    public static String format(String fmt, Object right, boolean tuple) {
        List<?> args = tuple ? (List<?>) right : java.util.Collections.singletonList(right);
        Map<?, ?> mapping = !tuple && right instanceof Map<?, ?> m ? m : null;
        StringBuilder out = new StringBuilder(fmt.length() + 16);
        int next = 0;
        int n = fmt.length();
        int i = 0;
        while (i < n) {
            char c = fmt.charAt(i);
            if (c != '%') {
                out.append(c);
                i++;
                continue;
            }
            i++;
            if (i >= n) {
                throw new FormatError("incomplete format");
            }
            Object value = null;
            boolean haveValue = false;
            if (fmt.charAt(i) == '(') {
                if (mapping == null) {
                    throw new FormatError("format requires a mapping");
                }
                int depth = 1;
                int k = i + 1;
                while (k < n && depth > 0) {
                    char d = fmt.charAt(k);
                    if (d == '(') {
                        depth++;
                    } else if (d == ')') {
                        depth--;
                    }
                    k++;
                }
                if (depth > 0) {
                    throw new FormatError("incomplete format key");
                }
                String key = fmt.substring(i + 1, k - 1);
                if (!mapping.containsKey(key)) {
                    throw new FormatError("KeyError: " + PyRepr.repr(key));
                }
                value = mapping.get(key);
                haveValue = true;
                i = k;
            }
            boolean left = false;
            boolean zero = false;
            boolean plus = false;
            boolean space = false;
            boolean alt = false;
            for (; i < n && "-+ #0".indexOf(fmt.charAt(i)) >= 0; i++) {
                switch (fmt.charAt(i)) {
                    case '-' -> left = true;
                    case '+' -> plus = true;
                    case ' ' -> space = true;
                    case '#' -> alt = true;
                    default -> zero = true;
                }
            }
            int width = -1;
            if (i < n && fmt.charAt(i) == '*') {
                Object w = nextArg(args, next++);
                if (!(w instanceof Long || w instanceof Integer)) {
                    throw new FormatError("* wants int");
                }
                width = ((Number) w).intValue();
                if (width < 0) {
                    left = true;
                    width = -width;
                }
                i++;
            } else {
                int s = i;
                while (i < n && Character.isDigit(fmt.charAt(i))) {
                    i++;
                }
                width = i > s ? Integer.parseInt(fmt.substring(s, i)) : -1;
            }
            int precision = -1;
            if (i < n && fmt.charAt(i) == '.') {
                i++;
                if (i < n && fmt.charAt(i) == '*') {
                    Object p = nextArg(args, next++);
                    if (!(p instanceof Long || p instanceof Integer)) {
                        throw new FormatError("* wants int");
                    }
                    precision = Math.max(0, ((Number) p).intValue());
                    i++;
                } else {
                    int s = i;
                    while (i < n && Character.isDigit(fmt.charAt(i))) {
                        i++;
                    }
                    precision = i > s ? Integer.parseInt(fmt.substring(s, i)) : 0;
                }
            }
            while (i < n && "hlL".indexOf(fmt.charAt(i)) >= 0) {
                i++; // length modifiers are accepted and ignored, as in Python
            }
            if (i >= n) {
                throw new FormatError("incomplete format");
            }
            char type = fmt.charAt(i++);
            if (type == '%') {
                out.append('%');
                continue;
            }
            if ("diuoxXeEfFgGcrsa".indexOf(type) < 0) {
                throw new FormatError(String.format("unsupported format character '%s' (0x%x) at index %d",
                        type, (int) type, i - 1));
            }
            if (!haveValue) {
                if (mapping != null && !tuple) {
                    value = mapping; // '%s' % {'a': 1} prints the dict
                } else {
                    value = nextArg(args, next++);
                }
            }
            String body = convert(type, value, precision, alt, plus, space);
            out.append(pad(body, width, left, zero && "diuoxXeEfFgG".indexOf(type) >= 0 && !left));
        }
        if (mapping == null && next < args.size()) {
            throw new FormatError("not all arguments converted during string formatting");
        }
        return out.toString();
    }

    private static Object nextArg(List<?> args, int index) {
        if (args == null || index >= args.size()) {
            throw new FormatError("not enough arguments for format string");
        }
        return args.get(index);
    }

    private static String convert(char type, Object v, int precision, boolean alt, boolean plus, boolean space) {
        switch (type) {
            case 's', 'r', 'a' -> {
                String s = type == 's' ? PyRepr.str(v) : PyRepr.repr(v);
                return precision >= 0 && precision < s.length() ? s.substring(0, precision) : s;
            }
            case 'c' -> {
                if (v instanceof String s && s.codePointCount(0, s.length()) == 1) {
                    return s;
                }
                if (v instanceof Long || v instanceof Integer) {
                    return new String(Character.toChars(((Number) v).intValue()));
                }
                throw new FormatError("%c requires int or char");
            }
            case 'd', 'i', 'u', 'o', 'x', 'X' -> {
                long x = integer(type, v);
                String digits = switch (type) {
                    case 'o' -> Long.toOctalString(Math.abs(x));
                    case 'x' -> Long.toHexString(Math.abs(x));
                    case 'X' -> Long.toHexString(Math.abs(x)).toUpperCase(Locale.ROOT);
                    default -> Long.toString(Math.abs(x));
                };
                if (x == Long.MIN_VALUE) {
                    digits = type == 'o' || type == 'x' || type == 'X'
                            ? new java.math.BigInteger(Long.toString(x)).abs().toString(type == 'o' ? 8 : 16)
                            : Long.toString(x).substring(1);
                }
                if (precision > digits.length()) {
                    digits = "0".repeat(precision - digits.length()) + digits;
                }
                if (alt && type == 'o') {
                    digits = "0o" + digits;
                } else if (alt && (type == 'x' || type == 'X')) {
                    digits = (type == 'x' ? "0x" : "0X") + digits;
                }
                return sign(x < 0, plus, space) + digits;
            }
            default -> {
                double d = real(type, v);
                if (Double.isNaN(d) || Double.isInfinite(d)) {
                    String s = Double.isNaN(d) ? "nan" : "inf";
                    s = Character.isUpperCase(type) ? s.toUpperCase(Locale.ROOT) : s;
                    return sign(d < 0, plus, space) + s;
                }
                int p = precision < 0 ? 6 : precision;
                String body = switch (Character.toLowerCase(type)) {
                    case 'f' -> new BigDecimal(Math.abs(d)).setScale(p, RoundingMode.HALF_EVEN).toPlainString();
                    case 'e' -> exponent(Math.abs(d), p);
                    default -> general(Math.abs(d), p == 0 ? 1 : p, alt);
                };
                if (alt && p == 0 && body.indexOf('.') < 0 && Character.toLowerCase(type) != 'g') {
                    int e = body.indexOf('e');
                    body = e < 0 ? body + "." : body.substring(0, e) + "." + body.substring(e);
                }
                body = Character.isUpperCase(type) ? body.toUpperCase(Locale.ROOT) : body;
                boolean negative = d < 0 || (d == 0 && 1 / d < 0);
                return sign(negative, plus, space) + body;
            }
        }
    }

    private static String sign(boolean negative, boolean plus, boolean space) {
        return negative ? "-" : plus ? "+" : space ? " " : "";
    }

    /** C's %e with Python's at-least-two-digit exponent. */
    private static String exponent(double d, int p) {
        if (d == 0) {
            return (p > 0 ? "0." + "0".repeat(p) : "0") + "e+00";
        }
        BigDecimal b = new BigDecimal(d).round(new MathContext(p + 1, RoundingMode.HALF_EVEN));
        int exp = b.precision() - b.scale() - 1;
        String digits = b.unscaledValue().abs().toString();
        digits = (digits + "0".repeat(p + 1)).substring(0, p + 1);
        String mant = p > 0 ? digits.charAt(0) + "." + digits.substring(1) : digits.substring(0, 1);
        return mant + "e" + (exp < 0 ? "-" : "+") + (Math.abs(exp) < 10 ? "0" : "") + Math.abs(exp);
    }

    /** C's %g: %e or %f by the exponent, trailing zeros dropped unless {@code alt}. */
    private static String general(double d, int p, boolean alt) {
        int exp;
        if (d == 0) {
            exp = 0;
        } else {
            BigDecimal b = new BigDecimal(d).round(new MathContext(p, RoundingMode.HALF_EVEN));
            exp = b.precision() - b.scale() - 1;
        }
        String s;
        if (exp < -4 || exp >= p) {
            s = exponent(d, p - 1);
            if (!alt) {
                int e = s.indexOf('e');
                s = stripZeros(s.substring(0, e)) + s.substring(e);
            }
        } else {
            s = new BigDecimal(d).setScale(Math.max(0, p - 1 - exp), RoundingMode.HALF_EVEN).toPlainString();
            if (!alt) {
                s = stripZeros(s);
            }
        }
        return s;
    }

    private static String stripZeros(String s) {
        if (s.indexOf('.') < 0) {
            return s;
        }
        s = s.replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    private static long integer(char type, Object v) {
        if (v instanceof Boolean b) {
            return b ? 1 : 0;
        }
        if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof Number num && (type == 'd' || type == 'i' || type == 'u')) {
            return (long) num.doubleValue();
        }
        String need = type == 'd' || type == 'i' || type == 'u' ? "a real number" : "an integer";
        throw new FormatError("%" + type + " format: " + need + " is required, not " + PyRepr.typeName(v));
    }

    private static double real(char type, Object v) {
        if (v instanceof Boolean b) {
            return b ? 1 : 0;
        }
        if (v instanceof Number num) {
            return num.doubleValue();
        }
        throw new FormatError("must be real number, not " + PyRepr.typeName(v));
    }

    private static String pad(String s, int width, boolean left, boolean zero) {
        if (width <= s.length()) {
            return s;
        }
        if (zero) {
            int signLen = !s.isEmpty() && "+- ".indexOf(s.charAt(0)) >= 0 ? 1 : 0;
            if (s.startsWith("0x", signLen) || s.startsWith("0X", signLen) || s.startsWith("0o", signLen)) {
                signLen += 2;
            }
            return s.substring(0, signLen) + "0".repeat(width - s.length()) + s.substring(signLen);
        }
        String fill = " ".repeat(width - s.length());
        return left ? s + fill : fill + s;
    }
}
