package io.jsalt.common.render;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.exptest.ExpTest;
import com.hubspot.jinjava.lib.filter.Filter;
import java.lang.reflect.Array;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Map;
import jinjava.javax.el.ELContext;
import jinjava.javax.el.ELException;
import jinjava.javax.el.MethodNotFoundException;

/**
 * Filters and tests, called as Jinjava's parser writes them: {@code x|f(a, b=1)} is the method
 * call {@code filter:f.filter(x, interpreter, [a], {b: 1})}, {@code x is t(a)} is
 * {@code exptest:t.evaluate(x, interpreter, a)} ({@code evaluateNegated} after {@code is not}).
 * Jinjava answers both with its bean resolver: it first reads a property of the method's name
 * from the filter (a class check that looks up the object's package by name, then a property
 * that no filter has), then finds the method by reflection over all of the class's methods
 * and calls it through reflection; that was a fifth of a render's time. This resolver calls
 * the interfaces' methods directly, with the bean resolver's outcome: no such property, the
 * same method (Jinjava's classes and jsalt's declare no other four-argument filter method),
 * a thrown exception wrapped in an ELException as reflection's is, and a result of a class
 * that Jinjava keeps from templates refused with its message.
 */
final class CallResolver extends ValueResolver {

    @Override
    public Object getValue(ELContext context, Object base, Object property) {
        if (base instanceof Filter && "filter".equals(property)
                || base instanceof ExpTest && ("evaluate".equals(property) || "evaluateNegated".equals(property))) {
            // Jinjava asks for a callable property of the method's name before every call.
            context.setPropertyResolved(true);
        }
        return null;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Object invoke(ELContext context, Object base, Object method, Class<?>[] types, Object[] params) {
        if (types != null || params == null || params.length < 2 || !(params[1] instanceof JinjavaInterpreter in)) {
            return null;
        }
        Object result;
        try {
            if (base instanceof Filter f && "filter".equals(method)) {
                if (params.length != 4 || !(params[2] instanceof Object[] args) || !(params[3] instanceof Map<?, ?> kw)) {
                    return null;
                }
                result = f.filter(params[0], in, args, (Map<String, Object>) kw);
            } else if (base instanceof ExpTest t && "evaluate".equals(method)) {
                result = t.evaluate(params[0], in, varargs(params));
            } else if (base instanceof ExpTest t && "evaluateNegated".equals(method)) {
                result = t.evaluateNegated(params[0], in, varargs(params));
            } else {
                return null;
            }
        } catch (RuntimeException | Error e) {
            // What reflection's InvocationTargetException becomes in Jinjava's bean resolver.
            throw new ELException(e);
        }
        if (result != null && RESTRICTED.get(result.getClass())) {
            throw new MethodNotFoundException("Cannot find method '" + method + "' in " + base.getClass());
        }
        context.setPropertyResolved(true);
        return result;
    }

    /**
     * A test's arguments after the value and the interpreter, as the bean resolver passes a
     * variable-arity call: one array argument is the array itself, anything else is packed.
     */
    private static Object[] varargs(Object[] params) {
        if (params.length == 3 && params[2] != null && params[2].getClass().isArray()) {
            if (params[2] instanceof Object[] a) {
                return a;
            }
            Object[] out = new Object[Array.getLength(params[2])];
            for (int i = 0; i < out.length; i++) {
                out[i] = Array.get(params[2], i);
            }
            return out;
        }
        return Arrays.copyOfRange(params, 2, params.length);
    }

    /**
     * The classes Jinjava's bean resolver never hands to a template (JinjavaBeanELResolver's
     * isRestrictedClass: reflection, Jackson's databind, class loaders, threads, interpreters),
     * decided once per class.
     */
    private static final ClassValue<Boolean> RESTRICTED = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> c) {
            // An array has no package for Jinjava (Class.getPackage), whatever its elements.
            String pkg = c.isArray() || c.isPrimitive() ? "" : c.getPackageName();
            return pkg.startsWith("java.lang.reflect") || pkg.startsWith("com.fasterxml.jackson.databind")
                    || c == Class.class || ClassLoader.class.isAssignableFrom(c) || Thread.class.isAssignableFrom(c)
                    || Method.class.isAssignableFrom(c) || Field.class.isAssignableFrom(c)
                    || Constructor.class.isAssignableFrom(c) || JinjavaInterpreter.class.isAssignableFrom(c);
        }
    };
}
