package io.jsalt.minion.modules;

import io.jsalt.common.data.Data;
import io.jsalt.common.plugin.Call;
import io.jsalt.common.plugin.ExecutionPlugin;
import io.jsalt.common.plugin.Fn;
import java.util.Map;

/**
 * Salt's slsutil module (salt/modules/slsutil.py): the merge helper formulas' map files
 * call (the saltstack-formulas libmapstack.jinja layers its YAML files with it), and the
 * serializer their _mapdata states write the map with.
 */
public final class SlsutilModule implements ExecutionPlugin {
    @Override
    public String name() {
        return "slsutil";
    }

    @Override
    public String doc() {
        return "Utility functions for SLS and map files: merging dicts, serializing data.";
    }

    @Fn(doc = """
            Merge obj_b into a copy of obj_a and return it.

            strategy
                smart (the default: recurse), recurse, overwrite or none.
            renderer
                Accepted for Salt's signature; smart merging with the yaml renderer recurses.
            merge_lists
                If True, lists present in both are merged instead of replaced.""",
            example = "jsalt '*' slsutil.merge '{a: {b: 1}}' '{a: {c: 2}}'")
    public Object merge(Call c) {
        return Data.merge(dict(c, 0, "obj_a"), dict(c, 1, "obj_b"), c.str(2, "strategy", "smart"),
                c.bool(4, "merge_lists", false));
    }

    @Fn(doc = """
            Serialize obj with one of Salt's serializers and return the text.

            serializer
                yaml (PyYAML's safe dump; default_flow_style: true, false, or unset for flow
                style on collections of scalars only) or json (sort_keys, indent).
            Other keyword arguments of the Python serializers (allow_unicode, ...) are accepted
            and change nothing.""",
            example = "jsalt '*' slsutil.serialize json '{foo: Foo}'")
    public Object serialize(Call c) {
        String serializer = c.requiredStr(0, "serializer");
        Object obj = c.required(1, "obj");
        // salt/serializers/yaml.py and json.py: yaml.dump with default_flow_style None unless
        // given, json.dumps with Python's defaults (keys as they come, on one line).
        return switch (serializer) {
            case "yaml" -> io.jsalt.common.py.PyYaml.dump(obj, flowStyle(c.kwargs().get("default_flow_style")));
            case "json" -> io.jsalt.common.py.PyJson.dumps(obj, c.bool(-1, "sort_keys", false),
                    c.kwargs().get("indent") == null ? null : (int) c.integer(-1, "indent", 0));
            // salt/modules/slsutil.py _get_serialize_fn's message for a serializer it lacks.
            default -> throw new IllegalArgumentException("Serializer '" + serializer + "' not found.");
        };
    }

    private static Boolean flowStyle(Object v) {
        if (v == null) {
            return null;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        throw new IllegalArgumentException("slsutil.serialize: default_flow_style must be true, false or None, not "
                + v);
    }

    /** A dict argument the merge functions (here and in defaults) cannot do without. */
    static Map<String, Object> dict(Call c, int pos, String name) {
        Map<String, Object> m = c.map(pos, name, null);
        if (m == null) {
            throw new IllegalArgumentException(c.fun() + ": " + name + " must be a dict");
        }
        return m;
    }
}
