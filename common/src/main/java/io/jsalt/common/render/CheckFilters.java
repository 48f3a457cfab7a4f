package io.jsalt.common.render;

import com.hubspot.jinjava.lib.filter.Filter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Salt's small type, check and lookup filters (salt/utils/data.py, salt/utils/stringutils.py,
 * salt/utils/jinja.py): is_list, is_iter, is_hex, contains_whitespace, substring_in_list,
 * exactly_n_true, exactly_one_true, to_num, is_sorted, compare_lists, compare_dicts and traverse.
 */
final class CheckFilters {
    private CheckFilters() {}

    static List<Filter> all() {
        return List.of(
                new SaltFilters.Named("is_list", (v, a, k) -> PyValues.unwrap(v) instanceof List),
                new SaltFilters.Named("is_iter", (v, a, k) -> {
                    Object u = PyValues.unwrap(v);
                    return u instanceof Iterable || u instanceof Map;
                }),
                new SaltFilters.Named("is_hex", (v, a, k) -> PyValues.unwrap(v) instanceof String s
                        && s.strip().matches("[+-]?(0[xX])?_?[0-9a-fA-F]+(_[0-9a-fA-F]+)*")),
                new SaltFilters.Named("contains_whitespace", (v, a, k) -> PyValues.str(v).chars()
                        .anyMatch(Character::isWhitespace)),
                new SaltFilters.Named("substring_in_list", (v, a, k) -> SaltFilters.toList(a.get(0)).stream()
                        .anyMatch(s -> PyValues.str(s).contains(PyValues.str(v)))),
                new SaltFilters.Named("exactly_n_true", (v, a, k) -> SaltFilters.toList(v).stream()
                        .filter(PyValues::truthy).count()
                        == Long.parseLong(PyValues.str(SaltFilters.arg(a, k, 0, "amount", 1L)))),
                new SaltFilters.Named("exactly_one_true", (v, a, k) -> SaltFilters.toList(v).stream()
                        .filter(PyValues::truthy).count() == 1),
                new SaltFilters.Named("to_num", (v, a, k) -> toNum(v)),
                new SaltFilters.Named("is_sorted", (v, a, k) -> isSorted(v, a, k)),
                new SaltFilters.Named("compare_lists", (v, a, k) -> compareLists(v, SaltFilters.arg(a, k, 0, "new", null))),
                new SaltFilters.Named("compare_dicts", (v, a, k) -> compareDicts(v, SaltFilters.arg(a, k, 0, "new", null))),
                new SaltFilters.Named("traverse", (v, a, k) -> traverse(v, PyValues.str(SaltFilters.arg(a, k, 0, "key", "")),
                        SaltFilters.arg(a, k, 1, "default", null), PyValues.str(SaltFilters.arg(a, k, 2, "delimiter", ":")))));
    }

    /** salt.utils.stringutils.to_num: int(text), else float(text), else the text unchanged. */
    static Object toNum(Object v) {
        Object u = PyValues.unwrap(v);
        if (!(u instanceof String s)) {
            return u;
        }
        String t = s.strip().replace("_", "");
        try {
            return Long.parseLong(t.startsWith("+") ? t.substring(1) : t);
        } catch (NumberFormatException e) {
            try {
                if (t.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?|[+-]?(inf|infinity|nan)")) {
                    return Double.parseDouble(t.replaceAll("(?i)inf(inity)?", "Infinity").replace("nan", "NaN"));
                }
            } catch (NumberFormatException ignored) {
                // falls through to the text, as Salt does
            }
            return u;
        }
    }

    /** salt.utils.data.is_sorted-like: sorted(value, reverse=...) == value. */
    private static Object isSorted(Object v, List<Object> a, Map<String, Object> k) {
        List<Object> l = SaltFilters.toList(v);
        List<Object> sorted = new ArrayList<>(l);
        sorted.sort(PyValues.truthy(SaltFilters.arg(a, k, 1, "reverse", false))
                ? SaltFilters.PY_ORDER.reversed() : SaltFilters.PY_ORDER);
        return PyValues.toData(sorted).equals(PyValues.toData(l));
    }

    /** salt.utils.data.compare_lists: the items only in new and only in old, keys only when not empty. */
    private static Object compareLists(Object old, Object neu) {
        List<Object> o = SaltFilters.toList(old);
        List<Object> n = SaltFilters.toList(neu);
        Map<String, Object> ret = new LinkedHashMap<>();
        List<Object> added = n.stream().filter(x -> !DataFilters.pyContains(o, x)).toList();
        List<Object> removed = o.stream().filter(x -> !DataFilters.pyContains(n, x)).toList();
        if (!added.isEmpty()) {
            ret.put("new", new ArrayList<>(added));
        }
        if (!removed.isEmpty()) {
            ret.put("old", new ArrayList<>(removed));
        }
        return ret;
    }

    /** salt.utils.data.compare_dicts: {key: {'new': ..., 'old': ...}}, '' for a side without the key. */
    private static Object compareDicts(Object old, Object neu) {
        Map<?, ?> o = old instanceof Map<?, ?> m ? m : Map.of();
        Map<?, ?> n = neu instanceof Map<?, ?> m ? m : Map.of();
        Map<Object, Object> ret = new LinkedHashMap<>();
        List<Object> keys = new ArrayList<>(o.keySet());
        n.keySet().stream().filter(x -> !o.containsKey(x)).forEach(keys::add);
        for (Object key : keys) {
            Object ov = o.containsKey(key) ? o.get(key) : "";
            Object nv = n.containsKey(key) ? n.get(key) : "";
            if (!o.containsKey(key) || !n.containsKey(key) || !PyValues.toData(ov).equals(PyValues.toData(nv))) {
                Map<String, Object> change = new LinkedHashMap<>();
                change.put("new", nv); // Salt's order: {'new': ..., 'old': ...}
                change.put("old", ov);
                ret.put(key, change);
            }
        }
        return ret;
    }

    /**
     * salt.utils.data.traverse_dict_and_list: follows the delimited key through dicts (by key)
     * and lists (by index); the default when a step is missing.
     */
    static Object traverse(Object data, String key, Object dflt, String delimiter) {
        Object cur = data;
        for (String part : key.split(java.util.regex.Pattern.quote(delimiter), -1)) {
            if (cur instanceof Map<?, ?> m) {
                if (!m.containsKey(part)) {
                    return dflt;
                }
                cur = m.get(part);
            } else if (cur instanceof List<?> l) {
                try {
                    int i = Integer.parseInt(part);
                    cur = l.get(i < 0 ? l.size() + i : i);
                } catch (RuntimeException e) {
                    return dflt;
                }
            } else {
                return dflt;
            }
        }
        return cur;
    }
}
