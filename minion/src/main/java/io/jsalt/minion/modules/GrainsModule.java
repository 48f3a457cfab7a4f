package io.jsalt.minion.modules;

import io.jsalt.common.data.Data;
import io.jsalt.common.plugin.Call;
import io.jsalt.common.plugin.CommandExecutionError;
import io.jsalt.common.plugin.ExecutionPlugin;
import io.jsalt.common.plugin.Fn;
import io.jsalt.minion.grains.GrainsStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

/**
 * Salt's grains module: read grains, and set them in the grains file (CONFIG_DIR/grains)
 * through the {@link GrainsStore} service. Grains set in the minion config still win.
 */
public final class GrainsModule implements ExecutionPlugin {
    private static final String DELIM = ":";
    private static final Map<String, UnaryOperator<Object>> SANITIZERS = Map.of(
            "serialnumber", v -> {
                String s = String.valueOf(v);
                int keep = (int) Math.floor(s.length() * 0.75);
                return s.substring(0, keep) + "X".repeat(s.length() - keep);
            },
            "domain", v -> "DOMAINNAME",
            "fqdn", v -> "MINION.DOMAINNAME",
            "id", v -> "MINION.DOMAINNAME",
            "host", v -> "MINION",
            "localhost", v -> "MINION",
            "nodename", v -> "MINION");

    @Override
    public String name() {
        return "grains";
    }

    @Override
    public String doc() {
        return """
                Return/control aspects of the grains data. Grains set with this module are stored in the grains file \
                beside the minion config; they do not override grains set in the minion config file.""";
    }

    @Fn(name = "get", doc = """
            Attempt to retrieve the named value from grains; if it is not available return the default (an empty \
            string). Nested values are reached with ':', e.g. pkg:apache.

            default
                Returned when the key is missing.
            delimiter
                Use another delimiter than ':' for nested keys.""",
            example = """
            jsalt '*' grains.get pkg:apache
            jsalt '*' grains.get abc::def|ghi delimiter='|'""")
    @Fn(name = "fetch", doc = "Alias of grains.get, for Jinja: salt['grains.fetch']('os').", example = "jsalt '*' grains.fetch os")
    public Object get(Call c) {
        return Data.deepCopy(Data.get(c.ctx().grains(), c.requiredStr(0, "key"), c.arg(1, "default", ""),
                c.str(2, "delimiter", DELIM)));
    }

    @Fn(doc = "Determine whether a key exists in the grains dictionary; nested keys with ':'.",
            example = "jsalt '*' grains.has_value pkg:apache")
    public Object has_value(Call c) {
        return Data.has(c.ctx().grains(), c.requiredStr(0, "key"), DELIM);
    }

    @Fn(doc = """
            Return all of the minion's grains.

            sanitize
                Mask host names and serial numbers.""",
            example = """
            jsalt '*' grains.items
            jsalt '*' grains.items sanitize=True""")
    public Object items(Call c) {
        @SuppressWarnings("unchecked")
        Map<String, Object> out = (Map<String, Object>) Data.deepCopy(c.ctx().grains());
        if (c.bool(0, "sanitize", false)) {
            sanitize(out);
        }
        return out;
    }

    @Fn(doc = """
            Return one or more grains as a dictionary.

            default
                Value for missing grains ("").
            delimiter
                Nested key delimiter (':').
            sanitize
                Mask host names and serial numbers.""",
            example = """
            jsalt '*' grains.item os
            jsalt '*' grains.item os osrelease oscodename""")
    public Object item(Call c) {
        Object dflt = c.kwargs().getOrDefault("default", "");
        String delim = String.valueOf(c.kwargs().getOrDefault("delimiter", DELIM));
        Map<String, Object> out = new LinkedHashMap<>();
        for (Object key : c.args()) {
            String k = String.valueOf(key);
            out.put(k, Data.deepCopy(Data.get(c.ctx().grains(), k, dflt, delim)));
        }
        if (c.bool(-1, "sanitize", false)) {
            sanitize(out);
        }
        return out;
    }

    @Fn(doc = "Return a sorted list of all available grain names.", example = "jsalt '*' grains.ls")
    public Object ls(Call c) {
        return new ArrayList<Object>(new TreeSet<>(c.ctx().grains().keySet()));
    }

    @Fn(doc = """
            Set new grains values in the grains file; returns the values set.

            grains
                A dictionary of grain names and values.
            destructive
                A None value removes the key instead. Defaults to False.""",
            example = "jsalt '*' grains.setvals \"{'key1': 'val1', 'key2': 'val2'}\"")
    public Object setvals(Call c) {
        return store(c).setvals(dictArg(c, "setvals", 0, "grains"), c.bool(1, "destructive", false));
    }

    @Fn(doc = """
            Set a grain value in the grains file; returns {key: val}.

            destructive
                A None value removes the key instead. Defaults to False.""",
            example = """
            jsalt '*' grains.setval key val
            jsalt '*' grains.setval key "{'sub-key': 'val', 'sub-key2': 'val2'}\"""")
    public Object setval(Call c) {
        return store(c).setval(c.requiredStr(0, "key"), c.required(1, "val"), c.bool(2, "destructive", false));
    }

    @Fn(doc = """
            Append a value to a list grain, creating the list when the grain does not exist.

            convert
                Turn a non-list grain into a list first (default False: error).
            delimiter
                Nested key delimiter (':'): the list may live inside a dictionary grain.""",
            example = "jsalt '*' grains.append key val")
    public Object append(Call c) {
        String key = c.requiredStr(0, "key");
        Object val = c.required(1, "val");
        boolean convert = c.bool(2, "convert", false);
        String delim = c.str(3, "delimiter", DELIM);
        Object list = GrainsStore.appended(key, Data.get(c.ctx().grains(), key, new ArrayList<>(), delim), val, convert);
        return list instanceof List ? setNested(c, key, list, delim) : list;
    }

    @Fn(doc = """
            Remove a value from a list grain.

            delimiter
                Nested key delimiter (':').""",
            example = "jsalt '*' grains.remove key val")
    public Object remove(Call c) {
        String key = c.requiredStr(0, "key");
        Object val = c.required(1, "val");
        String delim = c.str(2, "delimiter", DELIM);
        Object current = Data.deepCopy(Data.get(c.ctx().grains(), key, new ArrayList<>(), delim));
        if (!(current instanceof List<?> list)) {
            return "The key " + key + " is not a valid list";
        }
        if (!list.contains(val)) {
            return "The val " + val + " was not in the list " + key;
        }
        list.remove(val);
        return setNested(c, key, list, delim);
    }

    /** Rebuilds the enclosing dictionaries of a nested key, as Salt's append/remove do. */
    @SuppressWarnings("unchecked")
    private Object setNested(Call c, String key, Object value, String delim) {
        while (key.contains(delim)) {
            Level up = Level.above(c, key, delim);
            key = up.key();
            if (up.parent() instanceof Map) {
                ((Map<String, Object>) up.parent()).put(up.rest(), value);
            }
            value = up.parent();
        }
        return store(c).setval(key, value, false);
    }

    /**
     * One step up a nested key, as Salt's {@code key.rsplit(delimiter, 1)} followed by
     * {@code get(key, {}, delimiter)}: the enclosing key, the last part, and a copy of the
     * enclosing grain value (an empty dict when it is missing) to put the new value into.
     */
    private record Level(String key, String rest, Object parent) {
        static Level above(Call c, String key, String delim) {
            int i = key.lastIndexOf(delim);
            String up = key.substring(0, i);
            return new Level(up, key.substring(i + delim.length()),
                    Data.deepCopy(Data.get(c.ctx().grains(), up, new LinkedHashMap<>(), delim)));
        }
    }

    @Fn(doc = """
            Set a key to an arbitrary value; works with nested keys. Conservative: a dict or list is only overwritten \
            with force=True. Returns {comment, changes, result}.

            force
                Overwrite even when the existing or new value is a dict or list.
            destructive
                A None value removes the key.
            delimiter
                Nested key delimiter (':').""",
            example = """
            jsalt '*' grains.set 'apps:myApp:port' 2209
            jsalt '*' grains.set 'apps:myApp' '{port: 2209}'""")
    public Object set(Call c) {
        return setGrain(c, c.requiredStr(0, "key"), c.arg(1, "val", ""), c.bool(2, "force", false),
                c.bool(3, "destructive", false), c.str(4, "delimiter", DELIM));
    }

    @Fn(doc = """
            Delete a grain value from the grains file: sets it to None. To remove the key too, use grains.delkey or \
            destructive=True.

            force
                Also when the value is a dict or list.""",
            example = "jsalt '*' grains.delval key")
    public Object delval(Call c) {
        return setGrain(c, c.requiredStr(0, "key"), null, c.bool(2, "force", false),
                c.bool(1, "destructive", false), DELIM);
    }

    @Fn(doc = """
            Remove a grain completely from the grains file: key and value.

            force
                Also when the value is a dict or list.""",
            example = "jsalt '*' grains.delkey key")
    public Object delkey(Call c) {
        return setGrain(c, c.requiredStr(0, "key"), null, c.bool(1, "force", false), true, DELIM);
    }

    /** Salt's grains.set. */
    @SuppressWarnings("unchecked")
    private Object setGrain(Call c, String key, Object val, boolean force, boolean destructive, String delim) {
        Map<String, Object> ret = new LinkedHashMap<>();
        ret.put("comment", "");
        ret.put("changes", new LinkedHashMap<>());
        ret.put("result", true);
        Object missing = new Object();
        Object existing = Data.deepCopy(Data.get(c.ctx().grains(), key, missing, delim));
        boolean newComplex = val instanceof Map || val instanceof List;
        String existingType = existing == missing ? null
                : existing instanceof Map || existing instanceof List ? "complex" : "simple";
        if (existingType != null && Objects.equals(existing, val) && (val != null || !destructive)) {
            ret.put("comment", "Grain is already set");
            return ret;
        }
        Object value = val;
        if (existing != missing && existing != null && !force) {
            if ("complex".equals(existingType)) {
                ret.put("comment", "The key '" + key + "' exists but is a dict or a list. Use 'force=True' to overwrite.");
                ret.put("result", false);
                return ret;
            } else if (newComplex) {
                ret.put("comment", "The key '" + key + "' exists and the given value is a dict or a list. "
                        + "Use 'force=True' to overwrite.");
                ret.put("result", false);
                return ret;
            }
        }
        while (key.contains(delim)) {
            Level up = Level.above(c, key, delim);
            key = up.key();
            String rest = up.rest();
            Object parent = up.parent();
            if (parent instanceof Map) {
                Map<String, Object> m = (Map<String, Object>) parent;
                if (value == null && destructive) {
                    m.remove(rest);
                } else {
                    m.put(rest, value);
                }
            } else if (parent instanceof List) {
                List<Object> l = (List<Object>) parent;
                boolean updated = false;
                for (int j = 0; j < l.size(); j++) {
                    Object item = l.get(j);
                    if (rest.equals(item)) {
                        l.set(j, Data.map(rest, value));
                        updated = true;
                    } else if (item instanceof Map && ((Map<String, Object>) item).containsKey(rest)) {
                        ((Map<String, Object>) item).put(rest, value);
                        updated = true;
                    }
                }
                if (!updated) {
                    l.add(Data.map(rest, value));
                }
            } else if (rest.equals(parent) || force) {
                parent = Data.map(rest, value);
            } else {
                ret.put("comment", "The key '" + key + "' value is '" + parent + "', which is different from "
                        + "the provided key '" + rest + "'. Use 'force=True' to overwrite.");
                ret.put("result", false);
                return ret;
            }
            value = parent;
        }
        ret.put("changes", store(c).setval(key, value, destructive));
        return ret;
    }

    @Fn(doc = """
            Look up the given grain in a dictionary keyed by grain value (glob patterns allowed) and return the match; \
            for OS-specific data in templates.

            lookup_dict
                Dictionary keyed by grain values.
            grain
                The grain to match (default os_family); a list grain matches on its first hit.
            merge
                A dictionary merged over the result (e.g. pillar overrides).
            default
                The lookup_dict key used when nothing matches (default 'default').
            base
                A lookup_dict key whose value the selection is merged over.""",
            example = "jsalt '*' grains.filter_by '{Debian: Debheads rule, RedHat: I love my hat}'")
    public Object filter_by(Call c) {
        return FilterBy.apply(dictArg(c, "filter_by", 0, "lookup_dict"), c.str(1, "grain", "os_family"), c.ctx().grains(), c.arg(2, "merge", null),
                c.str(3, "default", "default"), c.str(4, "base", null));
    }

    @Fn(name = "equals", doc = "True when the grain's value, as a string, equals the given value.",
            example = """
            jsalt '*' grains.equals fqdn <expected_fqdn>
            jsalt '*' grains.equals systemd:version 219""")
    public Object equals_(Call c) {
        Object v = Data.get(c.ctx().grains(), c.requiredStr(0, "key"), "");
        return pyStr(c.required(1, "value")).equals(pyStr(v));
    }

    private static String pyStr(Object o) {
        if (o instanceof Boolean b) {
            return b ? "True" : "False";
        }
        return o == null ? "None" : o.toString();
    }

    private static void sanitize(Map<String, Object> out) {
        SANITIZERS.forEach((k, f) -> {
            if (out.containsKey(k)) {
                out.put(k, f.apply(out.get(k)));
            }
        });
    }

    /** A required dictionary argument; anything else fails with Salt's "<fun> <arg> must be a dictionary." */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> dictArg(Call c, String fun, int pos, String name) {
        Object v = c.required(pos, name);
        if (!(v instanceof Map)) {
            throw new CommandExecutionError(fun + " " + name + " must be a dictionary.");
        }
        return (Map<String, Object>) v;
    }

    private static GrainsStore store(Call c) {
        return c.ctx().service(GrainsStore.class);
    }
}
