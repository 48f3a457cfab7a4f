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
            List<Object> args = new ArrayList<>();
            for (Object a : varArgs) {
                args.add(Data.normalize(PyValues.unwrap(a)));
            }
            Map<String, Object> kwargs = (Map<String, Object>) Data.normalize(PyValues.unwrap(kwargMap));
            return functions.call(fun, args, kwargs);
        }

        @Override
        public String toString() {
            return "<function " + fun + ">";
        }
    }
}
