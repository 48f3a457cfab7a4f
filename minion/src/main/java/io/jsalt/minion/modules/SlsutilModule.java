package io.jsalt.minion.modules;

import io.jsalt.common.data.Data;
import io.jsalt.common.plugin.Call;
import io.jsalt.common.plugin.ExecutionPlugin;
import io.jsalt.common.plugin.Fn;
import java.util.Map;

/**
 * Salt's slsutil module (salt/modules/slsutil.py): the merge helper formulas' map files
 * call (the saltstack-formulas libmapstack.jinja layers its YAML files with it).
 */
public final class SlsutilModule implements ExecutionPlugin {
    @Override
    public String name() {
        return "slsutil";
    }

    @Override
    public String doc() {
        return "Utility functions for SLS and map files: merging dicts.";
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

    /** A dict argument the merge functions (here and in defaults) cannot do without. */
    static Map<String, Object> dict(Call c, int pos, String name) {
        Map<String, Object> m = c.map(pos, name, null);
        if (m == null) {
            throw new IllegalArgumentException(c.fun() + ": " + name + " must be a dict");
        }
        return m;
    }
}
