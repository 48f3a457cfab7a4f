package io.jsalt.common.render;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.util.HasObjectTruthValue;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Jinja2's StrictUndefined, which Salt renders with unless the option {@code allow_undefined}
 * is True (salt/utils/templates.py render_jinja_tmpl). An unknown name, a missing dict key or
 * a list index out of range evaluates to one of these; {@code is defined} and the
 * {@code default} filter look at it, and printing, iterating, testing for truth, comparing,
 * calculating with it or reading from it fails the render with Jinja2's message, which Salt
 * reports as {@code Jinja variable 'x' is undefined}.
 */
final class Undefined implements HasObjectTruthValue {
    private final String message;

    private Undefined(String message) {
        this.message = message;
    }

    /** An unknown name: Jinja2's {@code 'x' is undefined}. */
    static Undefined name(String name) {
        return new Undefined("'" + name + "' is undefined");
    }

    /**
     * A key or attribute {@code base} lacks: Jinja2's {@code 'dict object' has no attribute 'x'}
     * for a name, {@code 'list object' has no element 5} for anything else
     * (jinja2/runtime.py Undefined._undefined_message with object_type_repr).
     */
    static Undefined member(Object base, Object key) {
        if (base == null || base instanceof com.hubspot.jinjava.interpret.NullValue) {
            // Jinja2's object_type_repr of None is 'None', without " object".
            return new Undefined("'None' has no attribute '" + PyValues.str(key) + "'");
        }
        String type = base instanceof Map ? "dict" : base instanceof SaltFilters.PyTuple ? "tuple"
                : base instanceof List ? "list" : PyOperators.typeName(base);
        if ((base instanceof List || base instanceof String) && key instanceof String s && INDEX.matcher(s).matches()) {
            return new Undefined("'" + type + " object' has no element " + s);
        }
        if (key instanceof String s) {
            return new Undefined("'" + type + " object' has no attribute '" + s + "'");
        }
        return new Undefined("'" + type + " object' has no element " + PyValues.str(key));
    }

    /** An index as Jinjava hands it over, as text (compiled once: a list's method names come here). */
    private static final java.util.regex.Pattern INDEX = java.util.regex.Pattern.compile("-?\\d+");

    /** Whether undefined values are strict in the render running now (Salt's allow_undefined is off). */
    static boolean strict() {
        JinjavaInterpreter interpreter = JinjavaInterpreter.getCurrent();
        if (interpreter instanceof SaltInterpreter s && s.state != null) {
            return s.state.strictUndefined();
        }
        return false;
    }

    /** The error that using this value raises. */
    RuntimeException error() {
        return new jinjava.javax.el.ELException(message, new Problem(message));
    }

    /** Fails with {@code value}'s error if it is undefined. */
    static void check(Object value) {
        if (value instanceof Undefined u) {
            throw u.error();
        }
    }

    /**
     * Fails if {@code value} holds an undefined value anywhere inside its lists and dicts, as
     * Salt's serializing filters do before they write data out (salt/utils/jinja.py
     * _handle_strict_undefined).
     */
    static void checkDeep(Object value) {
        check(value);
        if (value instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                checkDeep(e.getKey());
                checkDeep(e.getValue());
            }
        } else if (value instanceof Collection<?> c) {
            for (Object o : c) {
                checkDeep(o);
            }
        }
    }

    /** Python's truth of a StrictUndefined is an error. */
    @Override
    public boolean getObjectTruthValue() {
        throw error();
    }

    /** Jinja2's repr() of an undefined value, which is what a list holding one prints. */
    @Override
    public String toString() {
        return "Undefined";
    }

    /** Jinja2's UndefinedError; the header Salt gives it is "Jinja variable". */
    static final class Problem extends RenderErrors.TemplateProblem {
        private static final long serialVersionUID = 1L;

        Problem(String message) {
            super(message);
        }
    }
}
