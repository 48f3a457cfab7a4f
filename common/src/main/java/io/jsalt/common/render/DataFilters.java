package io.jsalt.common.render;

import com.hubspot.jinjava.lib.filter.Filter;
import io.jsalt.common.data.Yaml;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Salt's data filters: the set operations, unique and avg of salt/utils/jinja.py, flatten
 * and the dict key-path filters of salt/utils/data.py, the itertools filters and
 * dict_to_sls_yaml_params. Python's hashable/unhashable split decides the result type as in
 * Salt: two strings give a set, lists give an order-keeping list without duplicates.
 */
final class DataFilters {
    private DataFilters() {}

    /** A Python set: prints as {'a', 'b'} (set() when empty); iteration keeps insertion order. */
    static final class PySet extends LinkedHashSet<Object> {
        private static final long serialVersionUID = 1L;

        PySet(Iterable<?> items) {
            items.forEach(this::add);
        }

        @Override
        public String toString() {
            if (isEmpty()) {
                return "set()";
            }
            StringBuilder sb = new StringBuilder("{");
            for (Object o : this) {
                sb.append(sb.length() > 1 ? ", " : "").append(io.jsalt.common.py.PyRepr.repr(PyValues.unwrap(o)));
            }
            return sb.append('}').toString();
        }
    }

    /**
     * Salt's json_query (salt/utils/data.py): {@code jmespath.search(expr, data)}. A query
     * that does not parse is the filter's error, naming the expression. The JMESPath runtime
     * and its function registry (86 classes) live in this holder, so that a render that never
     * calls json_query, as nearly every state run, does not load them into the minion.
     */
    static final class JsonQuery {
        private JsonQuery() {}

        private static final io.burt.jmespath.JmesPath<Object> JMESPATH = new io.burt.jmespath.jcf.JcfRuntime();

        static Object search(Object data, String expr) {
            io.burt.jmespath.Expression<Object> e;
            try {
                e = JMESPATH.compile(expr);
            } catch (io.burt.jmespath.parser.ParseException ex) {
                throw new RenderErrors.TemplateProblem("json_query: '" + expr + "' is not a JMESPath expression: "
                        + ex.getMessage().lines().findFirst().orElse(""));
            }
            Object r = e.search(io.jsalt.common.data.Data.normalize(PyValues.unwrap(data)));
            // JMESPath's numbers are doubles; Python's jmespath keeps an int an int.
            return r instanceof Double d && d == Math.rint(d) && !d.isInfinite() && Math.abs(d) < 1e15
                    ? (Object) d.longValue() : r;
        }
    }

    static List<Filter> all() {
        return List.of(
                new SaltFilters.Named("unique", (v, a, k) -> unique(v)),
                new SaltFilters.Named("union", (v, a, k) -> setOp(v, a.get(0), '|')),
                new SaltFilters.Named("intersect", (v, a, k) -> setOp(v, a.get(0), '&')),
                new SaltFilters.Named("difference", (v, a, k) -> setOp(v, a.get(0), '-')),
                new SaltFilters.Named("symmetric_difference", (v, a, k) -> setOp(v, a.get(0), '^')),
                new SaltFilters.Named("avg", (v, a, k) -> avg(v)),
                new SaltFilters.Named("json_query", (v, a, k) -> JsonQuery.search(v,
                        PyValues.str(SaltFilters.arg(a, k, 0, "expr", null)))),
                new SaltFilters.Named("flatten", (v, a, k) -> flatten(SaltFilters.toList(v),
                        intOrNull(SaltFilters.arg(a, k, 0, "levels", null)),
                        PyValues.truthy(SaltFilters.arg(a, k, 1, "preserve_nulls", false)))),
                new SaltFilters.Named("set_dict_key_value", (v, a, k) -> keyPath(v, a, k, "set")),
                new SaltFilters.Named("update_dict_key_value", (v, a, k) -> keyPath(v, a, k, "update")),
                new SaltFilters.Named("append_dict_key_value", (v, a, k) -> keyPath(v, a, k, "append")),
                new SaltFilters.Named("extend_dict_key_value", (v, a, k) -> keyPath(v, a, k, "extend")),
                new SaltFilters.Named("dict_to_sls_yaml_params", (v, a, k) -> slsParams(v, a, k)),
                new SaltFilters.Named("combinations", (v, a, k) -> IterTools.combinations(SaltFilters.toList(v),
                        intArg(a, k, 0, "r"), false)),
                new SaltFilters.Named("combinations_with_replacement", (v, a, k) -> IterTools.combinations(
                        SaltFilters.toList(v), intArg(a, k, 0, "r"), true)),
                new SaltFilters.Named("permutations", (v, a, k) -> IterTools.permutations(SaltFilters.toList(v),
                        intOrNull(SaltFilters.arg(a, k, 0, "r", null)))),
                new SaltFilters.Named("compress", (v, a, k) -> IterTools.compress(SaltFilters.toList(v),
                        SaltFilters.toList(SaltFilters.arg(a, k, 0, "selectors", List.of())))),
                new SaltFilters.Named("product", (v, a, k) -> IterTools.product(lists(v, a),
                        intOrNull(k.get("repeat")))),
                new SaltFilters.Named("zip", (v, a, k) -> IterTools.zip(lists(v, a), false, null)),
                new SaltFilters.Named("zip_longest", (v, a, k) -> IterTools.zip(lists(v, a), true, k.get("fillvalue"))));
    }

    private static Integer intOrNull(Object o) {
        return o == null ? null : Integer.valueOf(PyValues.str(o));
    }

    private static int intArg(List<Object> a, Map<String, Object> k, int i, String name) {
        Object o = SaltFilters.arg(a, k, i, name, null);
        if (o == null) {
            throw new IllegalArgumentException("missing required argument '" + name + "'");
        }
        return Integer.parseInt(PyValues.str(o));
    }

    private static List<List<Object>> lists(Object v, List<Object> a) {
        List<List<Object>> out = new ArrayList<>();
        out.add(SaltFilters.toList(v));
        for (Object o : a) {
            out.add(SaltFilters.toList(o));
        }
        return out;
    }

    /** Python's Hashable as far as template values go: strings and numbers, not lists, dicts or sets. */
    private static boolean hashable(Object v) {
        Object u = PyValues.unwrap(v);
        // A tuple is Hashable as a type, whatever it holds (collections.abc.Hashable).
        return u instanceof String || u instanceof Number || u instanceof Boolean || u == null
                || u instanceof SaltFilters.PyTuple;
    }

    /** Python's {@code x in list}: equal values, numbers by value (1 == 1.0). */
    static boolean pyContains(List<Object> l, Object x) {
        Object u = PyValues.toData(x);
        for (Object o : l) {
            Object w = PyValues.toData(o);
            if (java.util.Objects.equals(u, w)
                    || (u instanceof Number n && w instanceof Number m && n.doubleValue() == m.doubleValue())) {
                return true;
            }
        }
        return false;
    }

    /** salt.utils.jinja.unique: set(values) for a hashable value, else the items without repeats. */
    static Object unique(Object v) {
        if (hashable(v)) {
            return new PySet(SaltFilters.toList(v));
        }
        List<Object> out = new ArrayList<>();
        for (Object o : SaltFilters.toList(v)) {
            if (!pyContains(out, o)) {
                out.add(o);
            }
        }
        return out;
    }

    /** union, intersect, difference and symmetric_difference of salt/utils/jinja.py. */
    private static Object setOp(Object x, Object y, char op) {
        List<Object> l1 = SaltFilters.toList(x);
        List<Object> l2 = SaltFilters.toList(y);
        List<Object> out = new ArrayList<>();
        switch (op) {
            case '|' -> {
                out.addAll(l1);
                out.addAll(l2);
            }
            case '&' -> l1.stream().filter(e -> pyContains(l2, e)).forEach(out::add);
            case '-' -> l1.stream().filter(e -> !pyContains(l2, e)).forEach(out::add);
            default -> {
                List<Object> both = SaltFilters.toList(setOp(x, y, '&'));
                for (Object e : SaltFilters.toList(setOp(x, y, '|'))) {
                    if (!pyContains(both, e)) {
                        out.add(e);
                    }
                }
            }
        }
        return hashable(x) && hashable(y) ? new PySet(out) : unique(out);
    }

    /** salt.utils.jinja.lst_avg: the mean of a list as a float, or float(value). */
    private static Object avg(Object v) {
        if (hashable(v)) {
            return Double.parseDouble(PyValues.str(v));
        }
        List<Object> l = SaltFilters.toList(v);
        double sum = 0;
        for (Object o : l) {
            sum += ((Number) PyValues.unwrap(o)).doubleValue();
        }
        return sum / l.size();
    }

    /** salt.utils.data.flatten: nested lists (not strings) spliced in; None, "None", "null" dropped. */
    static List<Object> flatten(List<Object> data, Integer levels, boolean preserveNulls) {
        List<Object> out = new ArrayList<>();
        for (Object e : data) {
            Object u = PyValues.unwrap(e);
            if (!preserveNulls && (u == null || "None".equals(u) || "null".equals(u))) {
                continue;
            }
            if (u instanceof List || u instanceof Map || u instanceof Iterable) {
                if (levels == null) {
                    out.addAll(flatten(SaltFilters.toList(e), null, preserveNulls));
                } else if (levels >= 1) {
                    out.addAll(flatten(SaltFilters.toList(e), levels - 1, preserveNulls));
                } else {
                    out.add(e);
                }
            } else {
                out.add(e);
            }
        }
        return out;
    }

    /**
     * salt.utils.data's set/update/append/extend_dict_key_value: walks (creating dicts) to the
     * parent of the last key of the delimited path and changes that key in place, returning
     * the whole dict, with Salt's messages when the value does not fit.
     */
    @SuppressWarnings("unchecked")
    private static Object keyPath(Object v, List<Object> a, Map<String, Object> k, String how) {
        Map<Object, Object> root = (Map<Object, Object>) v;
        String keys = PyValues.str(SaltFilters.arg(a, k, 0, "keys", ""));
        Object value = SaltFilters.arg(a, k, 1, "value", null);
        String delimiter = PyValues.str(SaltFilters.arg(a, k, 2, "delimiter", ":"));
        String[] parts = keys.split(java.util.regex.Pattern.quote(delimiter), -1);
        Map<Object, Object> cur = root;
        for (int i = 0; i < parts.length - 1; i++) {
            Object next = cur.get(parts[i]);
            if (!(next instanceof Map)) {
                next = new LinkedHashMap<>();
                cur.put(parts[i], next);
            }
            cur = (Map<Object, Object>) next;
        }
        String last = parts[parts.length - 1];
        if (how.equals("set")) {
            cur.put(last, value);
            return root;
        }
        Object target = cur.get(last);
        if (target == null) {
            target = how.equals("update") ? new LinkedHashMap<>() : new ArrayList<>();
            cur.put(last, target);
        }
        Object val = PyValues.unwrap(value);
        switch (how) {
            case "update" -> {
                if (!(target instanceof Map<?, ?> m)) {
                    throw new RenderErrors.TemplateProblem("The last key contains a " + pyType(target)
                            + ", which cannot update.");
                }
                if (!(val instanceof Map<?, ?> other)) {
                    throw new RenderErrors.TemplateProblem("Cannot update " + pyType(target) + " with a "
                            + pyType(val) + ".");
                }
                ((Map<Object, Object>) m).putAll(other);
            }
            case "append" -> {
                if (!(target instanceof List<?> l)) {
                    throw new RenderErrors.TemplateProblem("The last key contains a " + pyType(target)
                            + ", which cannot append.");
                }
                ((List<Object>) l).add(value);
            }
            default -> {
                if (!(target instanceof List<?> l)) {
                    throw new RenderErrors.TemplateProblem("The last key contains a " + pyType(target)
                            + ", which cannot extend.");
                }
                if (!(val instanceof Iterable || val instanceof String || val instanceof Map)) {
                    throw new RenderErrors.TemplateProblem("Cannot extend " + pyType(target) + " with a "
                            + pyType(val) + ".");
                }
                ((List<Object>) l).addAll(SaltFilters.toList(value));
            }
        }
        return root;
    }

    /** Python's str(type(x)): {@code <class 'dict'>}. */
    static String pyType(Object o) {
        return "<class '" + Yaml.typeName(PyValues.unwrap(o)) + "'>";
    }

    /**
     * salt.utils.jinja.dict_to_sls_yaml_params: a dict as the list of one-key dicts an SLS
     * function takes, dumped as block YAML (flow_style False) without the trailing newline.
     */
    private static Object slsParams(Object v, List<Object> a, Map<String, Object> k) {
        List<Object> params = new ArrayList<>();
        ((Map<?, ?>) PyValues.toData(v)).forEach((key, val) -> {
            Map<Object, Object> one = new LinkedHashMap<>();
            one.put(key, val);
            params.add(one);
        });
        return SaltFilters.yaml(params, PyValues.truthy(SaltFilters.arg(a, k, 0, "flow_style", false)));
    }
}
