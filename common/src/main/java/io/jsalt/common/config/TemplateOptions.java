package io.jsalt.common.config;

import java.util.Map;

/**
 * The template options the master and the minion both read, Salt's {@code renderer},
 * {@code allow_undefined} and {@code jinja_*}: one table block in {@link OptionTable} with
 * the same defaults for both daemons, typed once here for {@code MasterOptions} and
 * {@code MinionOptions}.
 */
public record TemplateOptions(
        String renderer,
        boolean allowUndefined,
        Map<String, Object> jinjaEnv,
        Map<String, Object> jinjaSlsEnv,
        boolean jinjaTrimBlocks,
        boolean jinjaLstripBlocks) {

    /** Types the template options of a loaded config ({@link Config} has checked each value). */
    public static TemplateOptions from(Config c) {
        return new TemplateOptions(
                c.str("renderer"),
                c.bool("allow_undefined"),
                c.map("jinja_env"),
                c.map("jinja_sls_env"),
                c.bool("jinja_trim_blocks"),
                c.bool("jinja_lstrip_blocks"));
    }
}
