package io.jsalt.common.render;

import com.hubspot.jinjava.interpret.NullValue;
import com.hubspot.jinjava.objects.SafeString;
import io.jsalt.common.data.Data;
import io.jsalt.common.py.PyRepr;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Template values seen as Python sees them: str(), truthiness, and unwrapped model data. */
final class PyValues {
    private PyValues() {}

    /**
     * Python's str() of a template value, which is what Salt prints for {{ x }}: None, True,
     * 1.0, and dicts and lists in repr form ({'a': None}) so YAML reads them back as data.
     */
    static String str(Object o) {
        if (o instanceof SaltFilters.PyTuple || o instanceof DataFilters.PySet) {
            return o.toString();
        }
        Object v = unwrap(o);
        if (v instanceof String s) {
            return s;
        }
        if (v instanceof Map || v instanceof List || v == null || v instanceof Boolean
                || v instanceof Double || v instanceof Float) {
            return PyRepr.str(v);
        }
        if (v instanceof Number) {
            return v.toString();
        }
        if (v instanceof Iterable<?> it) {
            return PyRepr.repr(Data.normalize(it));
        }
        return v.toString();
    }

    /** Strips Jinjava's wrappers (SafeString, NullValue), recursively through maps and lists. */
    static Object unwrap(Object o) {
        if (o == null || o instanceof NullValue) {
            return null;
        }
        if (o instanceof SafeString s) {
            return s.getValue();
        }
        if (o instanceof Map<?, ?> m) {
            Map<Object, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put(unwrap(k), unwrap(v)));
            return out;
        }
        if (o instanceof List<?> l) {
            List<Object> out = o instanceof SaltFilters.PyTuple ? new SaltFilters.PyTuple() : new ArrayList<>(l.size());
            for (Object x : l) {
                out.add(unwrap(x));
            }
            return out;
        }
        if (o instanceof Integer || o instanceof Short || o instanceof Byte) {
            return ((Number) o).longValue();
        }
        return o;
    }

    /** Plain model data (LinkedHashMap, ArrayList, Long...) from a template value. */
    static Object toData(Object o) {
        return Data.normalize(unwrap(o));
    }

    static boolean truthy(Object o) {
        return Data.truthy(unwrap(o));
    }
}
