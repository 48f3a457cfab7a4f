package io.jsalt.minion.states;

import io.jsalt.common.data.Data;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Coercions every state class needs for what execution functions return and what SLS
 * arguments hold; the one home for them, so no state class borrows a sibling's helpers.
 */
final class StateSupport {
    private StateSupport() {}

    /** A copy of a returned dict; anything else (False, None, a string) is an empty one. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> asMap(Object o) {
        return o instanceof Map ? new LinkedHashMap<>((Map<String, Object>) o) : new LinkedHashMap<>();
    }

    /** A returned dict with its values as strings (versions, repo fields). */
    static Map<String, String> asStrings(Object o) {
        Map<String, String> out = new LinkedHashMap<>();
        asMap(o).forEach((k, v) -> out.put(k, String.valueOf(v)));
        return out;
    }

    /** A returned list; anything else is an empty one. */
    static List<?> asList(Object o) {
        return o instanceof List<?> l ? l : List.of();
    }

    /** Items joined with commas, as the group and user functions take member lists. */
    static String csv(List<?> items) {
        List<String> s = new ArrayList<>();
        items.forEach(u -> s.add(String.valueOf(u)));
        return String.join(",", s);
    }

    /**
     * An optional boolean argument: null when not given, else its truth, where the strings
     * true, yes and 1 count as true (as the minion's argument parsing does).
     */
    static Boolean truth(Object o) {
        if (o == null) {
            return null;
        }
        if (o instanceof String s) {
            return s.equalsIgnoreCase("true") || s.equalsIgnoreCase("yes") || s.equals("1");
        }
        return Data.truthy(o);
    }

    /**
     * Salt's return dict as a plain mutable map, for states that rework it after building it
     * (cmd's stateful reinterpretation) or pass a None comment through as Salt does; the
     * others build theirs with {@link Ret}.
     */
    static Map<String, Object> ret(String name, Boolean result, Map<String, Object> changes, String comment) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("name", name);
        r.put("changes", changes);
        r.put("result", result);
        r.put("comment", comment);
        return r;
    }
}
