package io.jsalt.common.render;

import io.jsalt.common.py.PyPercent;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import jinjava.de.odysseus.el.misc.TypeConverter;
import jinjava.de.odysseus.el.tree.impl.ast.AstBinary;

/**
 * Jinja2's comparison and {@code %} operators, which are Python's: {@code ==} between unlike
 * types is False (never a coercion error), {@code <} between unlike types is a TypeError,
 * lists and tuples compare item by item, and a string on the left of {@code %} is
 * printf-style formatting. JUEL's operators coerce both sides to one type instead.
 */
final class PyOperators {
    private PyOperators() {}

    static final AstBinary.Operator EQ = simple((a, b) -> eq(a, b), "==");
    static final AstBinary.Operator NE = simple((a, b) -> !eq(a, b), "!=");
    static final AstBinary.Operator LT = simple((a, b) -> compare(a, b, "<") < 0, "<");
    static final AstBinary.Operator LE = simple((a, b) -> compare(a, b, "<=") <= 0, "<=");
    static final AstBinary.Operator GT = simple((a, b) -> compare(a, b, ">") > 0, ">");
    static final AstBinary.Operator GE = simple((a, b) -> compare(a, b, ">=") >= 0, ">=");

    /** {@code %}: string formatting with a string on the left, else Python's modulo. */
    static final AstBinary.Operator MOD = new AstBinary.SimpleOperator() {
        @Override
        protected Object apply(TypeConverter converter, Object a, Object b) {
            return mod(converter, a, b);
        }

        @Override
        public String toString() {
            return "%";
        }
    };

    /**
     * {@code *}: a string or list times an integer (or a bool, which is one) repeats it, as in
     * Python ({@code "sub key " * is_sub_key}); numbers multiply as JUEL multiplies them.
     */
    static final AstBinary.Operator MUL = new AstBinary.SimpleOperator() {
        @Override
        protected Object apply(TypeConverter converter, Object a, Object b) {
            Object x = plain(a);
            Object y = plain(b);
            if ((x instanceof String || x instanceof List) && times(y) != null) {
                return repeat(x, times(y));
            }
            if ((y instanceof String || y instanceof List) && times(x) != null) {
                return repeat(y, times(x));
            }
            return jinjava.de.odysseus.el.misc.NumberOperations.mul(converter, a, b);
        }

        @Override
        public String toString() {
            return "*";
        }
    };

    private static Long times(Object o) {
        if (o instanceof Boolean bool) {
            return bool ? 1L : 0L;
        }
        return o instanceof Long || o instanceof Integer ? ((Number) o).longValue() : null;
    }

    private static Object repeat(Object seq, long n) {
        if (seq instanceof String str) {
            return n <= 0 ? "" : str.repeat(Math.toIntExact(n));
        }
        List<Object> out = new java.util.ArrayList<>();
        for (long i = 0; i < n; i++) {
            out.addAll((List<?>) seq);
        }
        return out;
    }

    private static final Map<AstBinary.Operator, AstBinary.Operator> PYTHON = Map.of(
            AstBinary.EQ, EQ, AstBinary.NE, NE, AstBinary.LT, LT, AstBinary.LE, LE,
            AstBinary.GT, GT, AstBinary.GE, GE, AstBinary.MOD, MOD, AstBinary.MUL, MUL);

    /** The operator Jinja2 uses in place of JUEL's {@code op}, or {@code op} itself. */
    static AstBinary.Operator replace(AstBinary.Operator op) {
        return PYTHON.getOrDefault(op, op);
    }

    private static AstBinary.Operator simple(java.util.function.BiPredicate<Object, Object> test, String symbol) {
        return new AstBinary.SimpleOperator() {
            @Override
            protected Object apply(TypeConverter converter, Object a, Object b) {
                return test.test(a, b);
            }

            @Override
            public String toString() {
                return symbol;
            }
        };
    }

    /** Python's {@code ==}: numbers by value (True == 1), containers item by item, else False. */
    static boolean eq(Object a, Object b) {
        Object x = plain(a);
        Object y = plain(b);
        if (x == y) {
            return true;
        }
        if (x == null || y == null) {
            return false;
        }
        if (isNumber(x) && isNumber(y)) {
            return numberCompare(x, y) == 0;
        }
        if (x instanceof String s && y instanceof String t) {
            return s.equals(t);
        }
        if (x instanceof List<?> l && y instanceof List<?> k) {
            if (l.size() != k.size()) {
                return false;
            }
            Iterator<?> i = l.iterator();
            Iterator<?> j = k.iterator();
            while (i.hasNext()) {
                if (!eq(i.next(), j.next())) {
                    return false;
                }
            }
            return true;
        }
        if (x instanceof Map<?, ?> m && y instanceof Map<?, ?> n) {
            if (m.size() != n.size()) {
                return false;
            }
            for (Map.Entry<?, ?> e : m.entrySet()) {
                Object key = plain(e.getKey());
                if (!n.containsKey(key) || !eq(e.getValue(), n.get(key))) {
                    return false;
                }
            }
            return true;
        }
        return x.equals(y);
    }

    /**
     * Python's ordering: numbers by value, strings by code point, lists and tuples item by
     * item; anything else is Python's TypeError {@code '<' not supported between instances
     * of 'int' and 'str'}.
     */
    static int compare(Object a, Object b, String op) {
        Object x = plain(a);
        Object y = plain(b);
        if (isNumber(x) && isNumber(y)) {
            return numberCompare(x, y);
        }
        if (x instanceof String s && y instanceof String t) {
            return io.jsalt.common.py.PyText.CODE_POINT_ORDER.compare(s, t);
        }
        if (x instanceof List<?> l && y instanceof List<?> k) {
            for (int i = 0; i < Math.min(l.size(), k.size()); i++) {
                if (!eq(l.get(i), k.get(i))) {
                    return compare(l.get(i), k.get(i), op);
                }
            }
            return Integer.compare(l.size(), k.size());
        }
        throw problem("'" + op + "' not supported between instances of '"
                + typeName(a) + "' and '" + typeName(b) + "'");
    }

    static Object mod(TypeConverter converter, Object a, Object b) {
        Object x = plain(a);
        if (x instanceof String fmt) {
            boolean tuple = b instanceof SaltFilters.PyTuple;
            try {
                return PyPercent.format(fmt, PyValues.toData(b), tuple);
            } catch (PyPercent.FormatError e) {
                throw problem(e.getMessage());
            }
        }
        Object y = plain(b);
        if (isNumber(x) && isNumber(y)) {
            if (isInteger(x) && isInteger(y)) {
                long d = ((Number) numeric(y)).longValue();
                if (d == 0) {
                    throw problem("integer division or modulo by zero");
                }
                return Math.floorMod(((Number) numeric(x)).longValue(), d);
            }
            double d = ((Number) numeric(y)).doubleValue();
            if (d == 0) {
                throw problem("float modulo");
            }
            double r = ((Number) numeric(x)).doubleValue() % d;
            return r != 0 && (r < 0) != (d < 0) ? r + d : r;
        }
        throw problem("unsupported operand type(s) for %: '" + typeName(a) + "' and '"
                + typeName(b) + "'");
    }

    /**
     * A Python error raised inside an expression. Jinjava formats the messages of most
     * exceptions with String.format, which a '%' in them breaks; its ELException path keeps
     * them as they are, and the TemplateProblem inside carries the message out.
     */
    private static RuntimeException problem(String message) {
        return new jinjava.javax.el.ELException(message, new RenderErrors.TemplateProblem(message));
    }

    /** Python's type name of a template value, for error messages. */
    static String typeName(Object v) {
        if (v instanceof SaltFilters.PyTuple) {
            return "tuple";
        }
        return io.jsalt.common.py.PyRepr.typeName(plain(v));
    }

    private static Object plain(Object o) {
        if (o instanceof com.hubspot.jinjava.objects.SafeString s) {
            return s.getValue();
        }
        if (o instanceof com.hubspot.jinjava.interpret.NullValue) {
            return null;
        }
        if (o instanceof Character c) {
            return String.valueOf(c);
        }
        return o;
    }

    private static boolean isNumber(Object o) {
        return o instanceof Number || o instanceof Boolean;
    }

    private static boolean isInteger(Object o) {
        return o instanceof Long || o instanceof Integer || o instanceof Short || o instanceof Byte
                || o instanceof Boolean || o instanceof java.math.BigInteger;
    }

    private static Object numeric(Object o) {
        return o instanceof Boolean b ? (b ? 1L : 0L) : o;
    }

    private static int numberCompare(Object a, Object b) {
        Object x = numeric(a);
        Object y = numeric(b);
        if (isInteger(x) && isInteger(y)) {
            return new java.math.BigInteger(x.toString()).compareTo(new java.math.BigInteger(y.toString()));
        }
        return Double.compare(((Number) x).doubleValue(), ((Number) y).doubleValue());
    }
}
