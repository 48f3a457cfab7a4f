package io.jsalt.common.render;

import io.jsalt.common.plugin.Context;
import io.jsalt.common.plugin.Functions;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a template sees: Salt's {@code salt}, {@code grains}, {@code pillar}, {@code opts},
 * {@code saltenv} and {@code sls}, plus extra variables (file.managed's {@code defaults}
 * and {@code context}, which win over the rest as in Salt). Made by {@link #builder}.
 *
 * @param sls              the SLS name being rendered ({@code redis.server}), or null for a
 *                         plain template
 * @param yamlScalarOutput whether {@code {{ }}} prints values as YAML scalars
 *                         ({@link YamlScalars})
 */
public record RenderContext(Functions salt, Map<String, Object> grains, Map<String, Object> pillar,
        Map<String, Object> opts, String saltenv, String sls, Map<String, Object> extra,
        boolean yamlScalarOutput) {
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Names where the template is, never the data: the record's own toString would print the
     * pillar (secrets) and the options into whatever message or log line shows a context.
     */
    @Override
    public String toString() {
        return "RenderContext[saltenv=" + saltenv + ", sls=" + sls + "]";
    }

    /**
     * A builder already holding what a template rendered for a plugin call sees of that call:
     * its function table as {@code salt}, the grains, the pillar and the options. Salt passes
     * the same four to every template a minion function renders (salt/modules/cp.py
     * get_template, salt/states/file.py _get_template_texts, salt/state.py's renderers),
     * so cp, state and file.managed all start from here and add only what is theirs.
     */
    public static Builder builder(Context ctx) {
        return builder().salt(ctx.functions()).grains(ctx.grains()).pillar(ctx.pillar()).opts(ctx.opts());
    }

    /**
     * Salt's {@code allow_undefined} option: True renders undefined names and missing keys
     * as None instead of failing (salt/utils/templates.py render_jinja_tmpl picks
     * jinja2.Undefined over StrictUndefined with it). The minion's or master's options decide.
     */
    public boolean allowUndefined() {
        Object v = opts.get("allow_undefined");
        return v != null && io.jsalt.common.data.Data.truthy(v);
    }

    /** A copy with another sls name: each file of a tree gets its own. */
    public RenderContext withSls(String newSls) {
        return new Builder().from(this).sls(newSls).build();
    }

    /**
     * The variables a template named {@code relPath} sees, with Salt's sls/tpl variables
     * (salt/utils/templates.py generate_sls_context). {@code fullPath} is its file, if any.
     */
    Map<String, Object> variables(String relPath, Path fullPath) {
        Map<String, Object> vars = new LinkedHashMap<>();
        vars.put("salt", new SaltFunctions(salt));
        vars.put("grains", grains);
        vars.put("pillar", pillar);
        vars.put("opts", opts);
        vars.put("saltenv", saltenv);
        if (sls != null) {
            vars.put("sls", sls);
        }
        if (sls != null) {
            vars.putAll(extra);
            vars.putAll(slsVariables(sls, relPath, fullPath));
        } else {
            // A file template's explicit context overwrites everything else, tpldir included:
            // Salt's render_tmpl does kws.update(context) and adds the tpl variables only
            // for an sls (salt/utils/templates.py wrap_tmpl_func).
            vars.putAll(templateVariables(relPath, fullPath));
            vars.putAll(extra);
        }
        return vars;
    }

    /** Salt's generate_sls_context, with the template path known relative to its root. */
    static Map<String, Object> slsVariables(String sls, String relPath, Path fullPath) {
        Map<String, Object> out = new LinkedHashMap<>();
        String slspath = sls.replace('.', '/');
        if (relPath != null) {
            String template = relPath;
            if (sls.isEmpty()) {
                template = template.substring(template.lastIndexOf('/') + 1);
            } else if (template.endsWith(slspath + ".sls")) {
                template = template.substring(template.length() - (4 + slspath.length()));
            } else if (template.endsWith(slspath + "/init.sls")) {
                template = template.substring(template.length() - (9 + slspath.length()));
            }
            int slash = template.lastIndexOf('/');
            slspath = slash >= 0 ? template.substring(0, slash) : "";
            out.put("tplpath", fullPath != null ? fullPath.toString() : relPath);
            out.put("tplfile", template);
            out.put("tpldir", slspath.isEmpty() ? "." : slspath);
            out.put("tpldot", slspath.replace('/', '.'));
        }
        out.put("slspath", slspath);
        out.put("slsdotpath", slspath.replace('/', '.'));
        out.put("slscolonpath", slspath.replace('/', ':'));
        out.put("sls_path", slspath.replace('/', '_'));
        return out;
    }

    /**
     * For a file.managed template without an sls: tplfile is the file's name under the
     * root and tpldir its directory, which is what relative imports resolve against.
     */
    static Map<String, Object> templateVariables(String relPath, Path fullPath) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (relPath == null) {
            return out;
        }
        int slash = relPath.lastIndexOf('/');
        String dir = slash >= 0 ? relPath.substring(0, slash) : "";
        out.put("tplpath", fullPath != null ? fullPath.toString() : relPath);
        out.put("tplfile", relPath);
        out.put("tpldir", dir.isEmpty() ? "." : dir);
        out.put("tpldot", dir.replace('/', '.'));
        return out;
    }

    /** Builds a context; unset maps are empty, saltenv defaults to {@code base}. */
    public static final class Builder {
        private Functions salt = NoFunctions.INSTANCE;
        private Map<String, Object> grains = new LinkedHashMap<>();
        private Map<String, Object> pillar = new LinkedHashMap<>();
        private Map<String, Object> opts = new LinkedHashMap<>();
        private String saltenv = "base";
        private String sls;
        private Map<String, Object> extra = new LinkedHashMap<>();
        private boolean yamlScalarOutput;

        public Builder from(RenderContext c) {
            salt = c.salt;
            grains = c.grains;
            pillar = c.pillar;
            opts = c.opts;
            saltenv = c.saltenv;
            sls = c.sls;
            extra = c.extra;
            yamlScalarOutput = c.yamlScalarOutput;
            return this;
        }

        public Builder salt(Functions v) {
            salt = v;
            return this;
        }

        public Builder grains(Map<String, Object> v) {
            grains = v;
            return this;
        }

        public Builder pillar(Map<String, Object> v) {
            pillar = v;
            return this;
        }

        public Builder opts(Map<String, Object> v) {
            opts = v;
            return this;
        }

        public Builder saltenv(String v) {
            saltenv = v;
            return this;
        }

        public Builder sls(String v) {
            sls = v;
            return this;
        }

        /** Adds variables (file.managed defaults, then context: later calls win). */
        public Builder extra(Map<String, Object> v) {
            Map<String, Object> merged = new LinkedHashMap<>(extra);
            merged.putAll(v);
            extra = merged;
            return this;
        }

        /**
         * Prints every {@code {{ }}} value as a YAML scalar that cannot add structure (see
         * {@link YamlScalars}): for templates that paste untrusted data into YAML, such as
         * reactor files rendering event data.
         */
        public Builder yamlScalarOutput(boolean v) {
            yamlScalarOutput = v;
            return this;
        }

        public RenderContext build() {
            return new RenderContext(salt, grains, pillar, opts, saltenv, sls, extra, yamlScalarOutput);
        }
    }

    /** The function table of a context without one: every call is "not available". */
    private enum NoFunctions implements Functions {
        INSTANCE;

        @Override
        public Object call(String fun, java.util.List<Object> args, Map<String, Object> kwargs) {
            throw new io.jsalt.common.plugin.FunctionNotAvailable("'" + fun + "' is not available.");
        }

        @Override
        public boolean has(String fun) {
            return false;
        }
    }
}
