package io.jsalt.common.render;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import jinjava.de.odysseus.el.tree.Bindings;
import jinjava.de.odysseus.el.tree.impl.ast.AstNode;
import jinjava.de.odysseus.el.tree.impl.ast.AstRightValue;
import jinjava.javax.el.ELContext;

/**
 * Python's slices, {@code x[start:stop:step]}, on strings, lists and tuples, as Jinja2 hands
 * them to Python (jinja2/parser.py parse_subscript builds a slice of up to three parts, each
 * optional): negative bounds count from the end, bounds past either end are clamped, a
 * negative step walks backwards ({@code x[::-1]} reverses), and the result has the type of
 * what was sliced. Python's rules are those of PySlice_AdjustIndices (Objects/sliceobject.c).
 */
final class PySlice {
    private PySlice() {}

    /**
     * The slice of {@code base}; {@code start}, {@code stop} and {@code step} are ints, bools or
     * None (null) and fail as Python's TypeError otherwise, a zero step as its ValueError.
     */
    static Object slice(Object base, Object start, Object stop, Object step) {
        Undefined.check(base);
        long by = step == null ? 1 : index(step);
        if (by == 0) {
            throw problem("slice step cannot be zero");
        }
        Object seq = base instanceof com.hubspot.jinjava.objects.SafeString safe ? safe.getValue() : base;
        if (seq instanceof CharSequence text) {
            int[] cps = text.toString().codePoints().toArray();
            int[] picked = pick(cps.length, start, stop, by).stream().mapToInt(i -> cps[i]).toArray();
            return new String(picked, 0, picked.length);
        }
        if (seq instanceof List<?> list) {
            List<Object> out = seq instanceof SaltFilters.PyTuple ? new SaltFilters.PyTuple() : new ArrayList<>();
            for (int i : pick(list.size(), start, stop, by)) {
                out.add(list.get(i));
            }
            return out;
        }
        if (seq instanceof java.util.Map) {
            throw problem("unhashable type: 'slice'");
        }
        throw problem("'" + PyOperators.typeName(base) + "' object is not subscriptable");
    }

    /** The indexes a slice of a sequence of {@code length} items takes, in order. */
    private static List<Integer> pick(int length, Object start, Object stop, long step) {
        long from;
        long to;
        if (step > 0) {
            from = start == null ? 0 : clamp(index(start), length, 0, length);
            to = stop == null ? length : clamp(index(stop), length, 0, length);
        } else {
            from = start == null ? length - 1 : clamp(index(start), length, -1, length - 1);
            to = stop == null ? -1 : clamp(index(stop), length, -1, length - 1);
        }
        List<Integer> out = new ArrayList<>();
        for (long i = from; step > 0 ? i < to : i > to; i += step) {
            out.add((int) i);
        }
        return out;
    }

    /** A bound counted from the end when negative, then kept within {@code [low, high]}. */
    private static long clamp(long bound, int length, long low, long high) {
        long b = bound < 0 ? bound + length : bound;
        return Math.max(low, Math.min(high, b));
    }

    /** A slice index as Python takes it: an int or a bool, nothing else. */
    private static long index(Object v) {
        Undefined.check(v);
        if (v instanceof Boolean b) {
            return b ? 1 : 0;
        }
        if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte
                || v instanceof java.math.BigInteger) {
            return ((Number) v).longValue();
        }
        throw problem("slice indices must be integers or None or have an __index__ method");
    }

    private static RuntimeException problem(String message) {
        return new jinjava.javax.el.ELException(message, new RenderErrors.TemplateProblem(message));
    }

    /** {@code base[start:stop:step]} in an expression; a missing part is None. */
    static final class Node extends AstRightValue {
        private final AstNode base;
        private final AstNode start;
        private final AstNode stop;
        private final AstNode step;

        Node(AstNode base, AstNode start, AstNode stop, AstNode step) {
            this.base = base;
            this.start = start;
            this.stop = stop;
            this.step = step;
        }

        @Override
        public Object eval(Bindings bindings, ELContext context) {
            return slice(part(base, bindings, context), part(start, bindings, context),
                    part(stop, bindings, context), part(step, bindings, context));
        }

        private static Object part(AstNode node, Bindings bindings, ELContext context) {
            Object v = node == null ? null : node.eval(bindings, context);
            return v instanceof com.hubspot.jinjava.interpret.NullValue ? null : v;
        }

        @Override
        public void appendStructure(StringBuilder b, Bindings bindings) {
            base.appendStructure(b, bindings);
            b.append('[');
            appendPart(b, start, bindings);
            b.append(':');
            appendPart(b, stop, bindings);
            if (step != null) {
                b.append(':');
                step.appendStructure(b, bindings);
            }
            b.append(']');
        }

        private static void appendPart(StringBuilder b, AstNode node, Bindings bindings) {
            if (node != null) {
                node.appendStructure(b, bindings);
            }
        }

        @Override
        public String toString() {
            return "[...:...]";
        }

        @Override
        public int getCardinality() {
            return children().size();
        }

        @Override
        public AstNode getChild(int i) {
            List<AstNode> c = children();
            return i >= 0 && i < c.size() ? c.get(i) : null;
        }

        private List<AstNode> children() {
            return Arrays.stream(new AstNode[] {base, start, stop, step}).filter(Objects::nonNull).toList();
        }
    }
}
