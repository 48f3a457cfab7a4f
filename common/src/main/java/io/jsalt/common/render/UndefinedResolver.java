package io.jsalt.common.render;

import com.hubspot.jinjava.el.JinjavaInterpreterResolver;
import com.hubspot.jinjava.interpret.NullValue;
import com.hubspot.jinjava.lib.filter.Filter;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jinjava.javax.el.ELContext;
import jinjava.javax.el.ELResolver;

/**
 * Where Jinja2's StrictUndefined ({@link Undefined}) comes from and where it stops: a missing
 * dict key or list index reads as an undefined value (Jinja2's getitem/getattr fallback), and
 * reading from, calling a method of or filtering an undefined value fails. {@code default}
 * takes it, as Jinja2's does; Salt's serializing filters refuse one anywhere inside their
 * value (salt/utils/jinja.py _handle_strict_undefined). The first resolver of the chain, so it
 * sees every property read and method call before Jinjava's own.
 */
final class UndefinedResolver extends ValueResolver {
    /** Filters that accept an undefined value (jinja2/filters.py do_default). */
    private static final Set<String> TAKES_UNDEFINED = Set.of("default", "d");
    /** Filters that refuse one anywhere inside their value. */
    private static final Set<String> SERIALIZERS = Set.of("yaml", "json", "python", "tojson",
            "yaml_encode", "yaml_dquote", "yaml_squote");

    /** The rest of the chain's reading: Python's keys first, then Jinjava's. */
    private final ELResolver lookup = lookup();

    private static ELResolver lookup() {
        jinjava.javax.el.CompositeELResolver c = new jinjava.javax.el.CompositeELResolver();
        c.add(new PyMethods());
        c.add(JinjavaInterpreterResolver.DEFAULT_RESOLVER_READ_WRITE);
        return c;
    }

    @Override
    public Object getValue(ELContext context, Object base, Object property) {
        if (base instanceof Undefined u) {
            throw u.error();
        }
        if (!(base instanceof Map || base instanceof List)) {
            return base instanceof NullValue ? noneAttribute(context, property) : null;
        }
        if (!Undefined.strict()) {
            return null;
        }
        Object value = lookup.getValue(context, base, property);
        if (value == null && missing(base, property)) {
            context.setPropertyResolved(true);
            return Undefined.member(base, property);
        }
        return value;
    }

    /**
     * None has no attributes: Jinja2's getattr gives an undefined value for any name
     * (jinja2/environment.py getattr), which fails when used, as Salt's StrictUndefined does.
     */
    private static Object noneAttribute(ELContext context, Object property) {
        if (property == null || !Undefined.strict()) {
            return null;
        }
        context.setPropertyResolved(true);
        return Undefined.member(null, property);
    }

    /** Whether {@code base} has no such key or index (a None value is there). */
    private static boolean missing(Object base, Object property) {
        if (base instanceof Map<?, ?> m) {
            if (m.containsKey(property)) {
                return false;
            }
            // Jinjava hands every subscript over as text, so an int or bool key matches by its text.
            String text = String.valueOf(property);
            for (Object k : m.keySet()) {
                if (k != null && !(k instanceof String) && PyValues.str(k).equals(text)) {
                    return false;
                }
            }
            return true;
        }
        List<?> l = (List<?>) base;
        try {
            long i = Long.parseLong(String.valueOf(property));
            return i >= l.size() || i < -l.size();
        } catch (NumberFormatException e) {
            return false; // a name on a list is a method, resolved elsewhere
        }
    }

    @Override
    public Object invoke(ELContext context, Object base, Object method, Class<?>[] paramTypes, Object[] params) {
        if (base instanceof Undefined u) {
            throw u.error();
        }
        if (base instanceof NullValue && method != null && Undefined.strict()) {
            // A method of None is an undefined attribute, and calling it fails (the apache
            // formula's rule_details.get(...) where the pillar has None): 'None' has no attribute 'get'.
            throw Undefined.member(null, String.valueOf(method)).error();
        }
        if (base instanceof Filter f && "filter".equals(String.valueOf(method)) && params != null
                && params.length > 0 && !TAKES_UNDEFINED.contains(f.getName())) {
            if (SERIALIZERS.contains(f.getName())) {
                Undefined.checkDeep(params[0]);
            } else {
                Undefined.check(params[0]);
            }
        }
        return null;
    }

    @Override
    public void setValue(ELContext context, Object base, Object property, Object value) {
        if (base instanceof Undefined u) {
            throw u.error();
        }
    }

    @Override
    public boolean isReadOnly(ELContext context, Object base, Object property) {
        return false;
    }
}
