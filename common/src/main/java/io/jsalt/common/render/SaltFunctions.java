package io.jsalt.common.render;

import com.hubspot.jinjava.el.ext.AbstractCallableMethod;
import io.jsalt.common.data.Data;
import io.jsalt.common.plugin.Functions;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code salt} variable: {@code salt['pillar.get']('a:b', 'dflt')} and
 * {@code salt.pillar.get('a:b')} both call {@code Functions.call("pillar.get", ...)}.
 * Values are Jinjava callables, which Jinjava invokes with positional and keyword
 * arguments when they are indexed from a map. Template values are copied into plain model
 * data before the call, so functions never see Jinjava's wrappers.
 */
final class SaltFunctions extends AbstractMap<String, Object> {
    private final Functions functions;

    SaltFunctions(Functions functions) {
        this.functions = functions;
    }

    @Override
    public Object get(Object key) {
        String name = String.valueOf(key);
        if (name.indexOf('.') >= 0) {
            return new Call(functions, name);
        }
        return new Module(functions, name);
    }

    @Override
    public boolean containsKey(Object key) {
        return key != null && functions.has(String.valueOf(key));
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        return Set.of(); // the table is not enumerable from templates
    }

    @Override
    public String toString() {
        return "<salt functions>";
    }

    /** {@code salt.cmd}: a module whose attributes are its functions. */
    private static final class Module extends AbstractMap<String, Object> {
        private final Functions functions;
        private final String module;

        Module(Functions functions, String module) {
            this.functions = functions;
            this.module = module;
        }

        @Override
        public Object get(Object key) {
            return new Call(functions, module + "." + key);
        }

        @Override
        public boolean containsKey(Object key) {
            return functions.has(module + "." + key);
        }

        @Override
        public Set<Entry<String, Object>> entrySet() {
            return Set.of();
        }
    }

    /** One function of the table, callable from a template. */
    static final class Call extends AbstractCallableMethod {
        private final Functions functions;
        private final String fun;

        Call(Functions functions, String fun) {
            super(fun, new LinkedHashMap<>());
            this.functions = functions;
            this.fun = fun;
        }

        @Override
        @SuppressWarnings("unchecked")
        public Object doEvaluate(Map<String, Object> argMap, Map<String, Object> kwargMap, List<Object> varArgs) {
            // A Salt function cannot do anything with an undefined value but fail on it.
            Undefined.checkDeep(varArgs);
            Undefined.checkDeep(kwargMap);
            if (fun.equals("defaults.merge") && functions.has(fun)) {
                Object merged = mergeInPlace(kwargMap, varArgs);
                if (merged != null) {
                    return merged;
                }
            }
            List<Object> args = new ArrayList<>();
            for (Object a : varArgs) {
                args.add(Data.normalize(PyValues.unwrap(a)));
            }
            Map<String, Object> kwargs = (Map<String, Object>) Data.normalize(PyValues.unwrap(kwargMap));
            // f(a, **opts): PySyntax passed the mapping as one named argument; Python spreads it.
            if (kwargs.remove(PySyntax.KWARGS_NAME) instanceof Map<?, ?> spread) {
                spread.forEach((k, v) -> kwargs.put(String.valueOf(k), v));
            }
            PyMethods.spreadArgs(args, kwargs);
            return functions.call(fun, args, kwargs);
        }

        /**
         * defaults.merge(dest, src, merge_lists=False, in_place=True) on the template's own dest
         * dict: Salt hands the function the template's Python object, and formulas rely on it
         * ({@code {% do salt['defaults.merge'](defaults, osmap) %}} changes defaults). Null when
         * the call is not an in-place merge of two dicts; the module then answers it.
         */
        @SuppressWarnings({"unchecked", "rawtypes"})
        private static Object mergeInPlace(Map<String, Object> kwargs, List<Object> varArgs) {
            Object dest = varArgs.size() > 0 ? varArgs.get(0) : kwargs.get("dest");
            Object src = varArgs.size() > 1 ? varArgs.get(1) : kwargs.get("src");
            Object mergeLists = varArgs.size() > 2 ? varArgs.get(2) : kwargs.get("merge_lists");
            Object inPlace = varArgs.size() > 3 ? varArgs.get(3) : kwargs.getOrDefault("in_place", true);
            if (!(dest instanceof Map d) || !(src instanceof Map<?, ?> s) || !Data.truthy(PyValues.unwrap(inPlace))) {
                return null;
            }
            return Data.update(d, (Map<?, ?>) PyValues.unwrap(s), Data.truthy(PyValues.unwrap(mergeLists)));
        }

        /** Whether the function exists: salt['mod.fun'] of a missing one is not callable in Salt. */
        boolean available() {
            return functions.has(fun);
        }

        @Override
        public String toString() {
            return "<function " + fun + ">";
        }
    }
}
