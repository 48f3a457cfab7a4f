package io.jsalt.minion.modules;

import io.jsalt.common.data.Data;
import io.jsalt.common.pillar.PillarGet;
import io.jsalt.common.plugin.Call;
import io.jsalt.common.plugin.CommandExecutionError;
import io.jsalt.common.plugin.ExecutionPlugin;
import io.jsalt.common.plugin.Fn;
import io.jsalt.minion.pillar.MinionPillar;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Salt's pillar module. pillar.get, pillar.item and pillar.raw read the pillar this minion
 * holds (refreshed by saltutil.refresh_pillar); pillar.items and pillar.ls ask for a fresh
 * compile, as Salt's do, without replacing the held copy.
 */
public final class PillarModule implements ExecutionPlugin {
    @Override
    public String name() {
        return "pillar";
    }

    @Override
    public String doc() {
        return "Read this minion's pillar: the data the master compiled for this minion only.";
    }

    @Fn(doc = """
            Attempt to retrieve the named value from pillar; if it is not there return the default (an empty string). \
            Nested values are reached with ':', e.g. pkg:apache.

            default
                Returned when the key is missing.
            merge
                With a dict (or list) default, merge the found dict (list) over the default.
            delimiter
                Use another delimiter than ':' for nested keys.""",
            example = """
            jsalt '*' pillar.get pkg:apache
            jsalt '*' pillar.get users default='{}' merge=True
            jsalt '*' pillar.get abc|def delimiter='|'""")
    public Object get(Call c) {
        return PillarGet.get(c.ctx().pillar(), c.requiredStr(0, "key"), c.arg(1, "default", ""),
                c.bool(2, "merge", false), c.str(4, "delimiter", Data.DEFAULT_DELIMITER));
    }

    @Fn(doc = """
            Return one or more pillar entries as a dictionary; nested keys with ':'.

            default
                Value for missing keys ("").
            delimiter
                Nested key delimiter (':').""",
            example = """
            jsalt '*' pillar.item foo
            jsalt '*' pillar.item foo bar baz
            jsalt '*' pillar.item foo:bar""")
    public Object item(Call c) {
        return PillarGet.item(c.ctx().pillar(), argNames(c), c.kwargs().getOrDefault("default", ""),
                String.valueOf(c.kwargs().getOrDefault("delimiter", Data.DEFAULT_DELIMITER)));
    }

    @Fn(name = "items", doc = """
            Return the minion's pillar, freshly compiled by the master (or locally when masterless). With key names, \
            the same as pillar.item.""",
            example = """
            jsalt '*' pillar.items
            jsalt '*' pillar.items foo bar""")
    @Fn(name = "data", doc = "Alias of pillar.items.", example = "jsalt '*' pillar.data")
    public Object items(Call c) {
        if (!c.args().isEmpty()) {
            return item(c);
        }
        return Data.deepCopy(c.ctx().service(MinionPillar.class).fresh());
    }

    @Fn(doc = "List the top-level pillar keys, freshly compiled.", example = "jsalt '*' pillar.ls")
    public Object ls(Call c) {
        Object p = items(c);
        return new ArrayList<Object>(((Map<?, ?>) p).keySet());
    }

    @Fn(doc = """
            Return the pillar this minion holds in memory, without compiling it again. With a key, return that \
            top-level key's value (or {} when it is missing).""",
            example = """
            jsalt '*' pillar.raw
            jsalt '*' pillar.raw key='roles'""")
    public Object raw(Call c) {
        String key = c.str(0, "key", null);
        Map<String, Object> p = c.ctx().pillar();
        if (key != null) {
            return Data.deepCopy(p.containsKey(key) ? p.get(key) : new java.util.LinkedHashMap<>());
        }
        return Data.deepCopy(p);
    }

    @Fn(doc = """
            Return the keys of the dictionary at the given (nested) pillar key.

            delimiter
                Nested key delimiter (':').""",
            example = "jsalt '*' pillar.keys web:sites")
    public Object keys(Call c) {
        String key = c.requiredStr(0, "key");
        Object v = Data.get(c.ctx().pillar(), key, null, c.str(1, "delimiter", Data.DEFAULT_DELIMITER));
        if (v == null) {
            throw new CommandExecutionError("Pillar key not found: " + key);
        }
        if (!(v instanceof Map<?, ?> m)) {
            throw new CommandExecutionError("Pillar value in key " + key + " is not a dict");
        }
        return new ArrayList<Object>(m.keySet());
    }

    private static List<String> argNames(Call c) {
        List<String> out = new ArrayList<>();
        for (Object a : c.args()) {
            out.add(String.valueOf(a));
        }
        return out;
    }
}
