package io.jsalt.common.render;

import io.jsalt.common.data.Data;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Jinja2 environment settings a render uses, from the options {@code jinja_sls_env} (for
 * an sls file) or {@code jinja_env} (for any other template) and the deprecated
 * {@code jinja_trim_blocks} / {@code jinja_lstrip_blocks}, read as Salt's render_jinja_tmpl
 * reads them (salt/utils/templates.py): a key Jinja2 does not know is logged and ignored,
 * and a value that is not a mapping counts as no settings. Salt has no per-template
 * {@code #jinja2:} header, so neither has jsalt. Jinjava's scanner knows only the default
 * delimiters, so another delimiter, a line statement or comment prefix or another newline
 * sequence is refused with the option named rather than rendered wrongly.
 */
record JinjaEnv(boolean trimBlocks, boolean lstripBlocks, boolean keepTrailingNewline) {
    private static final Logger LOG = LoggerFactory.getLogger(JinjaEnv.class);

    static final JinjaEnv DEFAULT = new JinjaEnv(false, false, false);

    /** jinja2.defaults' settings jsalt renders only with their default value. */
    private static final Map<String, Object> FIXED = Map.of(
            "block_start_string", "{%", "block_end_string", "%}",
            "variable_start_string", "{{", "variable_end_string", "}}",
            "comment_start_string", "{#", "comment_end_string", "#}",
            "newline_sequence", "\n");

    /** The settings for a render of {@code ctx}: an sls file's or a template's. */
    static JinjaEnv of(RenderContext ctx) {
        Map<String, Object> opts = ctx.opts();
        boolean sls = ctx.sls() != null && !ctx.sls().isEmpty();
        String option = sls ? "jinja_sls_env" : "jinja_env";
        boolean trim = Data.truthy(opts.get("jinja_trim_blocks"));
        boolean lstrip = Data.truthy(opts.get("jinja_lstrip_blocks"));
        boolean keep = false;
        if (opts.get(option) instanceof Map<?, ?> settings) {
            for (Map.Entry<?, ?> e : settings.entrySet()) {
                String key = String.valueOf(e.getKey()).toLowerCase(Locale.ROOT);
                Object v = e.getValue();
                switch (key) {
                    case "trim_blocks" -> trim = Data.truthy(v);
                    case "lstrip_blocks" -> lstrip = Data.truthy(v);
                    case "keep_trailing_newline" -> keep = Data.truthy(v);
                    case "line_statement_prefix", "line_comment_prefix" -> {
                        if (v != null) {
                            throw unsupported(option, key, v);
                        }
                    }
                    default -> {
                        if (!FIXED.containsKey(key)) {
                            LOG.warn("Jinja2 environment {} is not recognized", key);
                        } else if (!FIXED.get(key).equals(v)) {
                            throw unsupported(option, key, v);
                        }
                    }
                }
            }
        }
        if (!trim && !lstrip && !keep) {
            return DEFAULT;
        }
        return new JinjaEnv(trim, lstrip, keep);
    }

    /** The text without its last newline, as Jinja2's lexer reads a template by default. */
    static String withoutTrailingNewline(String text) {
        if (text.endsWith("\r\n")) {
            return text.substring(0, text.length() - 2);
        }
        if (text.endsWith("\n") || text.endsWith("\r")) {
            return text.substring(0, text.length() - 1);
        }
        return text;
    }

    private static RenderErrors.TemplateProblem unsupported(String option, String key, Object v) {
        return new RenderErrors.TemplateProblem("option " + option + ": " + key + " "
                + io.jsalt.common.py.PyRepr.repr(v) + " is not supported; jsalt renders Jinja with "
                + "the default delimiters, newlines and no line statements", true);
    }
}
