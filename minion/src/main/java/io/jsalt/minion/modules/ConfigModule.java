package io.jsalt.minion.modules;

import io.jsalt.common.data.Data;
import io.jsalt.common.pillar.PillarGet;
import io.jsalt.common.plugin.Call;
import io.jsalt.common.plugin.ExecutionPlugin;
import io.jsalt.common.plugin.Fn;

/**
 * Salt's config module: one lookup over the minion options, grains, pillar, the master
 * config and Salt's defaults. The lookup itself lives in PillarGet, which the master's pillar
 * rendering shares.
 */
public final class ConfigModule implements ExecutionPlugin {
    @Override
    public String name() {
        return "config";
    }

    @Override
    public String doc() {
        return "Return config information.";
    }

    @Fn(doc = """
            Attempt to retrieve the named value from the minion config file, pillar, grains or the master config. If \
            the named value is not available, return the value specified by the default argument (an empty string). \
            Nested values are reached with ':', e.g. pkg:apache.

            The stores are searched in this order, the first match winning: minion configuration, grains, pillar, \
            master configuration (pillar's 'master' key, present with pillar_opts), Salt's built-in defaults.

            delimiter
                Override the delimiter used to separate nested levels.
            merge
                'recurse' or 'overwrite': merge the stores first (master config, then pillar, grains and minion config
                over it) and search the result. recurse merges nested dictionaries; overwrite replaces top-level keys
                whole.""",
            example = """
            jsalt '*' config.get pkg:apache
            jsalt '*' config.get lxc.container_profile:centos merge=recurse""")
    public Object get(Call c) {
        return PillarGet.config(c.ctx().opts(), c.ctx().grains(), c.ctx().pillar(), c.requiredStr(0, "key"),
                c.arg(1, "default", ""), c.str(2, "delimiter", Data.DEFAULT_DELIMITER), c.str(3, "merge", null));
    }

    @Fn(doc = """
            Returns the setting for the specified config value. The priority is the same as for config.get, only this \
            function does not recurse into nested data structures.

            default
                Returned when no store has the value (an empty string).""",
            example = "jsalt '*' config.option redis.host")
    public Object option(Call c) {
        return PillarGet.option(c.ctx().opts(), c.ctx().grains(), c.ctx().pillar(), c.requiredStr(0, "value"),
                c.arg(1, "default", ""));
    }
}
