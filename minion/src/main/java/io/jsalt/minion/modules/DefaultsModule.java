package io.jsalt.minion.modules;

import io.jsalt.common.data.Data;
import io.jsalt.common.plugin.Call;
import io.jsalt.common.plugin.ExecutionPlugin;
import io.jsalt.common.plugin.Fn;

/**
 * Salt's defaults module (salt/modules/defaults.py): the deep merge formulas' map.jinja files
 * use to layer OS maps and pillar over their defaults. In a template, defaults.merge merges
 * into the template's own dict (SaltFunctions does that, as Salt hands the function the same
 * Python object); called as a job, it returns the merged dict.
 */
public final class DefaultsModule implements ExecutionPlugin {
    @Override
    public String name() {
        return "defaults";
    }

    @Override
    public String doc() {
        return "Work with formula defaults: deep merge and deep copy of dicts.";
    }

    @Fn(doc = """
            Deep-merge src into dest and return the result.

            merge_lists
                If True, lists present in both are merged (dest's items, then src's new ones) instead of replaced.
            in_place
                If True (the default), a template's dest dict is updated itself.""",
            example = "jsalt '*' defaults.merge '{a: {b: 1}}' '{a: {c: 2}}'")
    public Object merge(Call c) {
        // Called as a job there is no caller's dict to change: the merge of a copy (Salt's
        // in_place=False, salt.utils.dictupdate.merge_recurse).
        return Data.merge(SlsutilModule.dict(c, 0, "dest"), SlsutilModule.dict(c, 1, "src"), "recurse",
                c.bool(2, "merge_lists", false));
    }

    @Fn(doc = "Return a deep copy of source.", example = "jsalt '*' defaults.deepcopy '{a: [1, 2]}'")
    public Object deepcopy(Call c) {
        return Data.deepCopy(c.required(0, "source"));
    }
}
