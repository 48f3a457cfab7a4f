package io.jsalt.common.render;

import io.jsalt.common.py.PyPercent;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import jinjava.de.odysseus.el.misc.NumberOperations;
import jinjava.de.odysseus.el.misc.TypeConverter;
import jinjava.de.odysseus.el.tree.Bindings;
import jinjava.de.odysseus.el.tree.impl.ast.AstNode;
import jinjava.de.odysseus.el.tree.impl.ast.AstRightValue;
import jinjava.javax.el.ELContext;
import jinjava.de.odysseus.el.tree.impl.ast.AstBinary;

/**
 * Jinja2's comparison and {@code %} operators, which are Python's: {@code ==} between unlike
 * types is False (never a coercion error), {@code <} between unlike types is a TypeError,
 * lists and tuples compare item by item, and a string on the left of {@code %} is
 * printf-style formatting; {@code and} gives an operand, {@code ~} joins Python's str() of
 * both sides, and a string or list times an int repeats it. JUEL's operators coerce both
 * sides to one type instead.
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
    static final AstBinary.Operator MOD = operator("%", PyOperators::mod);

    /** {@code and}: the left operand when it is false, else the right one (Python's and). */
    static final AstBinary.Operator AND = new AstBinary.Operator() {
        @Override
        public Object eval(Bindings bindings, ELContext context, AstNode left, AstNode right) {
            Object l = left.eval(bindings, context);
            return bindings.convert(l, Boolean.class) ? right.eval(bindings, context) : l;
        }

        @Override
        public String toString() {
            return "and";
        }
    };

    /** {@code ~}: both sides as Python's str() prints them, joined. */
    static final AstBinary.Operator CONCAT = operator("~", (converter, a, b) -> {
        Undefined.check(a);
        Undefined.check(b);
        return PyValues.str(a) + PyValues.str(b);
    });

    /** {@code *}: a string or list times an int repeats it (nothing for n <= 0), else JUEL's product. */
    static final AstBinary.Operator MUL = operator("*", PyOperators::mul);

    private static Object mul(TypeConverter converter, Object a, Object b) {
        Undefined.check(a);
        Undefined.check(b);
        Object x = plain(a);
        Object y = plain(b);
        // A bool is an int in Python: "sub key " * is_sub_key repeats once or not at all.
        if ((isInteger(y) || y instanceof Boolean) && (x instanceof String || x instanceof List)) {
            return repeat(x, ((Number) numeric(y)).longValue());
        }
        if ((isInteger(x) || x instanceof Boolean) && (y instanceof String || y instanceof List)) {
            return repeat(y, ((Number) numeric(x)).longValue());
        }
        return NumberOperations.mul(converter, numeric(x), numeric(y));
    }

    /** {@code **}: Python's power; an int to a negative power is a float, an int result stays an int. */
    static final AstBinary.Operator POW = operator("**", PyOperators::pow);

    /** {@code /}: Python's true division, whose zero divisor is a ZeroDivisionError, not inf. */
    static final AstBinary.Operator DIV = operator("/", PyOperators::div);

    /** {@code //}: Python's floor division (int for two ints, float otherwise), with bools as ints. */
    static final AstBinary.Operator FLOORDIV = boolsAsInts(operator("//", (converter, a, b) -> floorDiv(a, b)));

    static Object div(TypeConverter converter, Object a, Object b) {
        Object x = plain(a);
        Object y = plain(b);
        if (isNumber(x) && isNumber(y) && ((Number) numeric(y)).doubleValue() == 0) {
            throw problem(isInteger(x) && isInteger(y) ? "division by zero" : "float division by zero");
        }
        return NumberOperations.div(converter, a, b);
    }

    private static final Map<AstBinary.Operator, AstBinary.Operator> PYTHON = Map.ofEntries(
            Map.entry(AstBinary.EQ, EQ), Map.entry(AstBinary.NE, NE), Map.entry(AstBinary.LT, LT),
            Map.entry(AstBinary.LE, LE), Map.entry(AstBinary.GT, GT), Map.entry(AstBinary.GE, GE),
            Map.entry(AstBinary.MOD, MOD), Map.entry(AstBinary.MUL, MUL),
            Map.entry(com.hubspot.jinjava.el.ext.AdditionOperator.OP,
                    boolsAsInts(com.hubspot.jinjava.el.ext.AdditionOperator.OP)),
            Map.entry(AstBinary.SUB, boolsAsInts(AstBinary.SUB)), Map.entry(AstBinary.DIV, boolsAsInts(DIV)));

    /**
     * Python's bool is an int: with a number on the other side True and False count as 1 and 0
     * ({@code true + 1} is 2), where JUEL refuses to coerce a Boolean. The operator itself stays
     * JUEL's (Jinjava's), given the values already evaluated.
     */
    static AstBinary.Operator boolsAsInts(AstBinary.Operator op) {
        return new AstBinary.Operator() {
            @Override
            public Object eval(Bindings bindings, ELContext context, AstNode left, AstNode right) {
                Object x = left.eval(bindings, context);
                Object y = right.eval(bindings, context);
                if ((x instanceof Boolean || y instanceof Boolean) && isNumber(plain(x)) && isNumber(plain(y))) {
                    x = numeric(x);
                    y = numeric(y);
                }
                return op.eval(bindings, context, new Value(x), new Value(y));
            }

            @Override
            public String toString() {
                return op.toString();
            }
        };
    }

    /** An operand already evaluated, handed to an operator that evaluates its nodes. */
    private static final class Value extends AstRightValue {
        private final Object value;

        Value(Object value) {
            this.value = value;
        }

        @Override
        public Object eval(Bindings bindings, ELContext context) {
            return value;
        }

        @Override
        public void appendStructure(StringBuilder b, Bindings bindings) {
            b.append(value);
        }

        @Override
        public int getCardinality() {
            return 0;
        }

        @Override
        public AstNode getChild(int i) {
            return null;
        }

        @Override
        public String toString() {
            return String.valueOf(value);
        }
    }

    private static Object pow(TypeConverter converter, Object a, Object b) {
        Undefined.check(a);
        Undefined.check(b);
        Object x = numeric(plain(a));
        Object y = numeric(plain(b));
        if (!(x instanceof Number base) || !(y instanceof Number exp)) {
            throw problem("unsupported operand type(s) for ** or pow(): '" + typeName(a) + "' and '" + typeName(b) + "'");
        }
        if (base.doubleValue() == 0 && exp.doubleValue() < 0) {
            throw problem("0.0 cannot be raised to a negative power");
        }
        if (isInteger(x) && isInteger(y) && exp.longValue() >= 0) {
            long n = base.longValue();
            long e = exp.longValue();
            if (Math.abs(n) > 1 && e > 63) {
                throw problem("integer result too large (jsalt's integers are 64-bit)");
            }
            java.math.BigInteger r = java.math.BigInteger.valueOf(n).pow((int) Math.min(e, 64));
            if (r.bitLength() > 63) {
                throw problem("integer result too large (jsalt's integers are 64-bit)");
            }
            return r.longValue();
        }
        return Math.pow(base.doubleValue(), exp.doubleValue());
    }

    /** Limits a repetition as Jinjava limits a string it builds: larger is an error, not a hung render. */
    private static final long MAX_REPEAT_ITEMS = 10_000_000L;

    private static Object repeat(Object seq, long times) {
        long n = Math.max(0, times);
        long size = seq instanceof String s ? s.length() : ((List<?>) seq).size();
        if (size > 0 && n > MAX_REPEAT_ITEMS / size) {
            throw problem("repetition too large: " + size + " * " + n);
        }
        if (seq instanceof String s) {
            return s.repeat((int) n);
        }
        List<Object> out = new java.util.ArrayList<>();
        for (long i = 0; i < n; i++) {
            out.addAll((List<?>) seq);
        }
        return out;
    }

    /** The operator Jinja2 uses in place of JUEL's {@code op}, or {@code op} itself. */
    static AstBinary.Operator replace(AstBinary.Operator op) {
        return PYTHON.getOrDefault(op, op);
    }

    private static AstBinary.Operator simple(java.util.function.BiPredicate<Object, Object> test, String symbol) {
        return operator(symbol, (converter, a, b) -> test.test(a, b));
    }

    /** An operator on both sides' values (JUEL's SimpleOperator) that prints as {@code symbol}. */
    private interface Apply {
        Object apply(TypeConverter converter, Object a, Object b);
    }

    private static AstBinary.Operator operator(String symbol, Apply f) {
        return new AstBinary.SimpleOperator() {
            @Override
            protected Object apply(TypeConverter converter, Object a, Object b) {
                return f.apply(converter, a, b);
            }

            @Override
            public String toString() {
                return symbol;
            }
        };
    }

    /** Python's {@code ==}: numbers by value (True == 1), containers item by item, else False. */
    static boolean eq(Object a, Object b) {
        Undefined.check(a);
        Undefined.check(b);
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
        Undefined.check(a);
        Undefined.check(b);
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

    /**
     * Python's {@code a // b}, with Python 3.10's messages (the Python of Salt 3006's packages)
     * for a zero divisor: {@code integer division or modulo by zero}, {@code float divmod()}.
     */
    static Object floorDiv(Object a, Object b) {
        Undefined.check(a);
        Undefined.check(b);
        Object x = plain(a);
        Object y = plain(b);
        if (!isNumber(x) || !isNumber(y)) {
            throw problem("unsupported operand type(s) for //: '" + typeName(a) + "' and '" + typeName(b) + "'");
        }
        if (isInteger(x) && isInteger(y)) {
            return Math.floorDiv(((Number) numeric(x)).longValue(), intDivisor(y));
        }
        return Math.floor(((Number) numeric(x)).doubleValue() / floatDivisor(y, "float divmod()"));
    }

    /** An int divisor; zero is Python's ZeroDivisionError for // and %. */
    private static long intDivisor(Object y) {
        long d = ((Number) numeric(y)).longValue();
        if (d == 0) {
            throw problem("integer division or modulo by zero");
        }
        return d;
    }

    /** A float divisor; zero is Python's ZeroDivisionError with the operator's message. */
    private static double floatDivisor(Object y, String zeroMessage) {
        double d = ((Number) numeric(y)).doubleValue();
        if (d == 0) {
            throw problem(zeroMessage);
        }
        return d;
    }

    static Object mod(TypeConverter converter, Object a, Object b) {
        Undefined.check(a);
        Undefined.check(b);
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
                return Math.floorMod(((Number) numeric(x)).longValue(), intDivisor(y));
            }
            double d = floatDivisor(y, "float modulo");
            double r = ((Number) numeric(x)).doubleValue() % d;
            if (r == 0) {
                return Math.copySign(0.0, d); // Python's float % gives the divisor's sign, zero included
            }
            return (r < 0) != (d < 0) ? r + d : r;
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
