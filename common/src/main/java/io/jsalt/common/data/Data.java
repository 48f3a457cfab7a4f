package io.jsalt.common.data;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The in-memory data model: plain Java objects. Maps are {@link LinkedHashMap} (order
 * matters: state order follows it), lists are {@link ArrayList}, integers are {@link Long},
 * floats {@link Double}, plus String, Boolean, byte[] and null. {@link #normalize} brings
 * anything YAML or Jinja produced into that shape.
 */
public final class Data {
    public static final String DEFAULT_DELIMITER = ":";

    private Data() {}

    /** Salt's traverse_dict_and_list: 'a:b:0:c' walks maps by key and lists by index. */
    public static Object get(Object root, String path, Object dflt) {
        return get(root, path, dflt, DEFAULT_DELIMITER);
    }

    public static Object get(Object root, String path, Object dflt, String delimiter) {
        if (path == null || path.isEmpty()) {
            return root == null ? dflt : root;
        }
        Object cur = root;
        for (String part : split(path, delimiter)) {
            if (cur instanceof Map<?, ?> m) {
                if (!m.containsKey(part)) {
                    return dflt;
                }
                cur = m.get(part);
            } else if (cur instanceof List<?> l) {
                Object found = null;
                boolean ok = false;
                try {
                    int idx = Integer.parseInt(part);
                    if (idx >= 0 && idx < l.size()) {
                        found = l.get(idx);
                        ok = true;
                    }
                } catch (NumberFormatException e) {
                    // Salt also matches a list of single-key dicts by key.
                    for (Object item : l) {
                        if (item instanceof Map<?, ?> im && im.containsKey(part)) {
                            found = im.get(part);
                            ok = true;
                            break;
                        }
                    }
                }
                if (!ok) {
                    return dflt;
                }
                cur = found;
            } else {
                return dflt;
            }
        }
        return cur;
    }

    /** Whether {@link #get} would find something at path. */
    public static boolean has(Object root, String path, String delimiter) {
        Object marker = new Object();
        return get(root, path, marker, delimiter) != marker;
    }

    static List<String> split(String path, String delimiter) {
        List<String> parts = new ArrayList<>();
        int start = 0;
        while (true) {
            int i = path.indexOf(delimiter, start);
            if (i < 0) {
                parts.add(path.substring(start));
                return parts;
            }
            parts.add(path.substring(start, i));
            start = i + delimiter.length();
        }
    }

    /**
     * Sets a nested key, creating maps on the way ('a:b:c' = v). Used by grains.setval
     * with nested keys and by pillar overrides.
     */
    @SuppressWarnings("unchecked")
    public static void put(Map<String, Object> root, String path, Object value, String delimiter) {
        List<String> parts = split(path, delimiter);
        Map<String, Object> cur = root;
        for (int i = 0; i < parts.size() - 1; i++) {
            Object next = cur.get(parts.get(i));
            if (!(next instanceof Map)) {
                next = new LinkedHashMap<String, Object>();
                cur.put(parts.get(i), next);
            }
            cur = (Map<String, Object>) next;
        }
        cur.put(parts.get(parts.size() - 1), value);
    }

    /**
     * Salt's default pillar merge ("smart"/recurse): maps merge recursively, everything
     * else (lists included) is replaced by the later value. Returns a new structure; the
     * inputs are not modified.
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> deepMerge(Map<String, Object> base, Map<String, Object> over) {
        Map<String, Object> out = (Map<String, Object>) deepCopy(base);
        for (Map.Entry<String, Object> e : over.entrySet()) {
            Object mine = out.get(e.getKey());
            Object theirs = e.getValue();
            if (mine instanceof Map && theirs instanceof Map) {
                out.put(e.getKey(), deepMerge((Map<String, Object>) mine, (Map<String, Object>) theirs));
            } else {
                out.put(e.getKey(), deepCopy(theirs));
            }
        }
        return out;
    }

    /**
     * Salt's {@code salt.utils.dictupdate.update}: merges {@code upd} into {@code dest} in
     * place and returns {@code dest}. Maps present on both sides merge recursively; with
     * {@code mergeLists}, a list on both sides becomes a copy of dest's list followed by
     * upd's items it lacks; everything else is replaced by upd's value (shared, not copied, as
     * in Python). When the two maps share no key at all, upd's entries are simply put.
     * defaults.merge, in templates and on the command line, is this.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static Map update(Map dest, Map<?, ?> upd, boolean mergeLists) {
        boolean shared = false;
        for (Object k : upd.keySet()) {
            if (dest.containsKey(k)) {
                shared = true;
                break;
            }
        }
        for (Map.Entry<?, ?> e : upd.entrySet()) {
            Object mine = shared ? dest.get(e.getKey()) : null;
            Object theirs = e.getValue();
            if (mine instanceof Map m && theirs instanceof Map t) {
                dest.put(e.getKey(), update(m, t, mergeLists));
            } else if (mergeLists && mine instanceof List<?> m && theirs instanceof List<?> t) {
                List<Object> merged = (List<Object>) deepCopy(m);
                for (Object x : t) {
                    if (!merged.contains(x)) {
                        merged.add(x);
                    }
                }
                dest.put(e.getKey(), merged);
            } else {
                dest.put(e.getKey(), theirs);
            }
        }
        return dest;
    }

    /**
     * Salt's {@code salt.utils.dictupdate.merge(a, b, strategy, renderer='yaml', merge_lists)},
     * which slsutil.merge is: a new dict, a's copy with b merged in. "smart" (the default, for
     * the yaml renderer), "recurse" and "none" merge recursively ("none" never merges lists);
     * "overwrite" first replaces a's keys that b has, then merges. yamlex's "aggregate" and
     * "list" are not supported.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static Map<String, Object> merge(Map<String, Object> a, Map<String, Object> b, String strategy,
            boolean mergeLists) {
        Map copy = (Map) deepCopy(a);
        switch (strategy == null ? "smart" : strategy) {
            case "smart", "recurse" -> {
                return update(copy, b, mergeLists);
            }
            case "none" -> {
                return update(copy, b, false);
            }
            case "overwrite" -> {
                for (Map.Entry<String, Object> e : b.entrySet()) {
                    if (copy.containsKey(e.getKey())) {
                        copy.put(e.getKey(), e.getValue());
                    }
                }
                return update(copy, b, mergeLists);
            }
            default -> throw new IllegalArgumentException("merge strategy '" + strategy
                    + "' is not supported (smart, recurse, overwrite, none)");
        }
    }

    /** Copies maps and lists all the way down; leaves immutable scalars shared. */
    public static Object deepCopy(Object o) {
        if (o instanceof Map<?, ?> m) {
            Map<String, Object> copy = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                copy.put(String.valueOf(e.getKey()), deepCopy(e.getValue()));
            }
            return copy;
        }
        if (o instanceof List<?> l) {
            return mapItems(l, Data::deepCopy);
        }
        return o;
    }

    /**
     * A new list of each item through {@code f}: the list step of every walk that rebuilds
     * nested data (copying, sorting, unwrapping, escaping, freezing).
     */
    public static List<Object> mapItems(List<?> l, Function<Object, Object> f) {
        List<Object> out = new ArrayList<>(l.size());
        for (Object item : l) {
            out.add(f.apply(item));
        }
        return out;
    }

    /**
     * Brings any value into the model: Integer/Short/Byte/BigInteger in range to Long,
     * Float to Double, non-string map keys to strings (as Salt's msgpack would),
     * other collections and arrays to lists.
     */
    public static Object normalize(Object o) {
        if (o == null || o instanceof String || o instanceof Boolean || o instanceof Long
                || o instanceof Double || o instanceof byte[]) {
            return o;
        }
        if (o instanceof Integer || o instanceof Short || o instanceof Byte) {
            return ((Number) o).longValue();
        }
        if (o instanceof java.math.BigInteger b) {
            return b.bitLength() < 64 ? (Object) b.longValue() : b.toString();
        }
        if (o instanceof Float f) {
            return f.doubleValue();
        }
        if (o instanceof java.math.BigDecimal d) {
            return d.doubleValue();
        }
        if (o instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                out.put(keyString(e.getKey()), normalize(e.getValue()));
            }
            return out;
        }
        if (o instanceof Iterable<?> it) {
            List<Object> out = new ArrayList<>();
            for (Object item : it) {
                out.add(normalize(item));
            }
            return out;
        }
        if (o instanceof Object[] arr) {
            List<Object> out = new ArrayList<>(arr.length);
            for (Object item : arr) {
                out.add(normalize(item));
            }
            return out;
        }
        if (o instanceof CharSequence cs) {
            return cs.toString();
        }
        if (o instanceof java.util.Date d) {
            return d.toInstant().toString();
        }
        return o.toString();
    }

    /** A map key as the model holds it: what {@link #normalize} makes of a non-string key. */
    static String keyString(Object k) {
        if (k == null) {
            return "None";
        }
        if (k instanceof Boolean b) {
            return b ? "True" : "False";
        }
        return String.valueOf(k);
    }

    /** Salt's truthiness: None, False, 0, "", [], {} are false. */
    public static boolean truthy(Object o) {
        if (o == null) {
            return false;
        }
        if (o instanceof Boolean b) {
            return b;
        }
        if (o instanceof Number n) {
            return n.doubleValue() != 0;
        }
        if (o instanceof CharSequence s) {
            return s.length() > 0;
        }
        if (o instanceof Map<?, ?> m) {
            return !m.isEmpty();
        }
        if (o instanceof java.util.Collection<?> c) {
            return !c.isEmpty();
        }
        return true;
    }

    /** A fresh ordered map from alternating key/value arguments. */
    public static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i + 1 < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }
}
