package io.jsalt.common.pillar;

import io.jsalt.common.data.Data;
import io.jsalt.common.files.FileRoots;
import io.jsalt.common.match.Matcher;
import io.jsalt.common.match.MinionData;
import io.jsalt.common.render.RenderContext;
import io.jsalt.common.render.RenderException;
import io.jsalt.common.render.Renderer;
import io.jsalt.common.state.high.SlsTree;
import io.jsalt.common.state.high.Tops;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compiles one minion's pillar from pillar_roots, as Salt's salt/pillar/__init__.py does:
 * the pillar top file(s) pick SLS files by target (compound unless {@code - match:} says
 * otherwise; {@code order:} and {@code ignore_missing:} honoured), each SLS is rendered with
 * the minion's grains, {@code include:} pulls in other SLS files (plain, relative
 * {@code .name}, or {@code {name: {defaults: ..., key: 'a:b'}}}), and results are deep-merged
 * in listed order: later files win, dicts merge recursively, lists are replaced.
 *
 * <p>Problems never throw: they are logged (with file and line) and listed under the
 * pillar's {@code _errors} key, as Salt does. With {@code pillar_safe_render_error} (the
 * default) a render error's details stay in the log and the minion sees Salt's "Please see
 * master log for details." Thread-safe: it runs on the master for many minions at once, and
 * masterless on the minion.
 */
public final class PillarCompiler {
    private static final Logger log = LoggerFactory.getLogger(PillarCompiler.class);

    private final FileRoots roots;
    private final Renderer renderer;
    private final Map<String, Object> opts;
    private final Matcher matcher;

    /**
     * @param roots   pillar_roots
     * @param opts    the compiling daemon's options (templates see them as {@code opts})
     * @param matcher top file matcher, with the master's nodegroups
     */
    public PillarCompiler(FileRoots roots, Map<String, Object> opts, Matcher matcher) {
        this.roots = roots;
        this.renderer = new Renderer(roots);
        this.opts = opts;
        this.matcher = matcher == null ? new Matcher() : matcher;
    }

    public FileRoots roots() {
        return roots;
    }

    /** The pillar of minion {@code id} with these grains; never null, maybe with {@code _errors}. */
    public Map<String, Object> compile(String id, Map<String, Object> grains) {
        Run run = new Run(id, grains);
        Map<String, Object> pillar = run.compile();
        if (!run.errors.isEmpty()) {
            for (String e : run.errors) {
                log.error("Pillar render error for minion {}: {}", id, e);
            }
            pillar.put("_errors", new ArrayList<Object>(run.errors));
        }
        return pillar;
    }

    /**
     * The errors a compiled pillar carries under {@code _errors}, as text; empty when it
     * compiled well (or is null). Every reader of a pillar that must not use a broken one (the
     * state runs, the orchestrations, the master's hubs) asks here.
     */
    public static List<String> errors(Map<String, Object> pillar) {
        if (pillar == null || !(pillar.get("_errors") instanceof List<?> errs)) {
            return List.of();
        }
        return errs.stream().map(String::valueOf).toList();
    }

    /**
     * What a state run returns instead of running on a pillar with errors: Salt's list,
     * "Pillar failed to render with the following messages:" and the errors
     * (salt/modules/state.py sls and highstate, _get_pillar_errors); null when the pillar has
     * none.
     */
    public static List<Object> stateRunFailure(Map<String, Object> pillar) {
        List<String> errs = errors(pillar);
        if (errs.isEmpty()) {
            return null;
        }
        List<Object> out = new ArrayList<>();
        out.add("Pillar failed to render with the following messages:");
        out.addAll(errs);
        return out;
    }

    /** One compile: its errors, its pillar so far, its listing of the tree. */
    private final class Run {
        private final String id;
        private final Map<String, Object> grains;
        private final SlsTree tree = new SlsTree(roots);
        private final List<String> errors = new ArrayList<>();
        private final Map<String, Object> runOpts;
        private Map<String, Object> pillar = new LinkedHashMap<>();
        private Map<String, Set<String>> ignoreMissing = Map.of();

        Run(String id, Map<String, Object> grains) {
            this.id = id;
            this.grains = grains == null ? new LinkedHashMap<>() : grains;
            this.runOpts = new LinkedHashMap<>(opts);
            runOpts.put("id", id);
            runOpts.put("grains", this.grains);
        }

        Map<String, Object> compile() {
            String pillarenv = str(opts.get("pillarenv"));
            List<String> envs = new ArrayList<>();
            if (pillarenv != null) {
                if (roots.saltenvs().contains(pillarenv)) {
                    envs.add(pillarenv);
                }
            } else {
                envs.add("base");
                roots.saltenvs().stream().filter(e -> !envs.contains(e)).forEach(envs::add);
            }
            Tops.Merged merged = Tops.gather(tree, renderer, context("base", null, Map.of()), envs, topName(),
                    Tops.Kind.PILLAR);
            errors.addAll(merged.errors());
            ignoreMissing = merged.ignoreMissing();
            // Pillar targets match on id and grains only: the pillar being compiled does not exist yet.
            Map<String, List<String>> matches = Tops.matches(merged.top(), matcher,
                    new MinionData(id, grains, Map.of()), pillarenv, Tops.Kind.PILLAR, envs, errors);
            for (Map.Entry<String, List<String>> e : matches.entrySet()) {
                String env = e.getKey();
                Map<String, Object> mods = new LinkedHashMap<>();
                List<String> files = new ArrayList<>();
                for (String match : e.getValue()) {
                    List<String> found = roots.saltenvs().contains(env) ? tree.filter(env, match) : List.of();
                    if (!roots.saltenvs().contains(env)) {
                        errors.add("No matching pillar environment for environment '" + env + "' found");
                    }
                    files.addAll(found.isEmpty() ? List.of(match) : found);
                }
                for (String sls : files) {
                    Map<String, Object> pstate = renderPstate(sls, env, mods, Map.of());
                    if (pstate != null) {
                        pillar = Data.deepMerge(pillar, pstate);
                    }
                }
            }
            return pillar;
        }

        /** Salt's render_pstate: one pillar SLS with its includes merged under it. */
        @SuppressWarnings("unchecked")
        private Map<String, Object> renderPstate(String sls, String env, Map<String, Object> mods,
                                                 Map<String, Object> defaults) {
            var source = tree.find(env, sls);
            if (source.isEmpty()) {
                if (ignoreMissing.getOrDefault(env, Set.of()).contains(sls)) {
                    log.debug("Skipping ignored and missing SLS '{}' in environment '{}'", sls, env);
                } else if (!roots.roots(env).isEmpty()) {
                    String msg = "Specified SLS '" + sls + "' in environment '" + env
                            + "' is not available on the salt master";
                    log.error(msg);
                    errors.add(msg);
                } else {
                    log.debug("Specified SLS '{}' in environment '{}' was not found: '{}' is not in pillar_roots",
                            sls, env, env);
                }
                return null;
            }
            Object state = null;
            try {
                state = renderer.renderSlsFile(source.get().relPath(), context(env, sls, defaults));
            } catch (RenderException e) {
                log.error("Rendering SLS '{}' failed, render error:\n{}", sls, e.getMessage());
                errors.add(safeErrors() ? "Rendering SLS '" + sls + "' failed. Please see master log for details."
                        : "Rendering SLS '" + sls + "' failed, render error:\n" + e.getMessage());
            }
            mods.put(sls, state);
            if (state == null || (state instanceof Map<?, ?> m && m.isEmpty())) {
                return state instanceof Map ? (Map<String, Object>) state : null;
            }
            if (!(state instanceof Map)) {
                String msg = "SLS '" + sls + "' does not render to a dictionary";
                log.error(msg);
                errors.add(msg);
                return null;
            }
            Map<String, Object> pstate = (Map<String, Object>) state;
            if (!pstate.containsKey("include")) {
                return pstate;
            }
            if (!(pstate.get("include") instanceof List<?> includes)) {
                String msg = "Include Declaration in SLS '" + sls + "' is not formed as a list";
                log.error(msg);
                errors.add(msg);
                return pstate;
            }
            pstate.remove("include");
            List<Map<String, Object>> layers = new ArrayList<>();
            for (Object inc : includes) {
                String sub;
                Map<String, Object> subDefaults = Map.of();
                String key = null;
                if (inc instanceof Map<?, ?> m && !m.isEmpty()) {
                    Map.Entry<?, ?> first = m.entrySet().iterator().next();
                    sub = String.valueOf(first.getKey());
                    if (first.getValue() instanceof Map<?, ?> opt) {
                        if (opt.get("defaults") instanceof Map<?, ?> d) {
                            subDefaults = (Map<String, Object>) d;
                        }
                        key = opt.get("key") == null ? null : String.valueOf(opt.get("key"));
                    }
                } else {
                    sub = String.valueOf(inc);
                }
                Set<String> matched = new LinkedHashSet<>(tree.filter(env, stripDots(sub).replace('/', '.')));
                if (sub.startsWith(".")) {
                    List<String> parts = new ArrayList<>(List.of(sls.split("\\.", -1)));
                    if (!source.get().init()) {
                        parts.remove(parts.size() - 1);
                    }
                    parts.add(sub.substring(1));
                    sub = String.join(".", parts);
                }
                matched.addAll(tree.filter(env, sub));
                if (matched.isEmpty()) {
                    matched.add(sub);
                }
                for (String m : matched) {
                    Object nstate = mods.containsKey(m) ? mods.get(m) : renderPstate(m, env, mods, subDefaults);
                    if (nstate instanceof Map<?, ?> nm && !nm.isEmpty()) {
                        Object layer = nstate;
                        if (key != null) {
                            List<String> frags = List.of(key.split(":", -1));
                            for (int i = frags.size() - 1; i >= 0; i--) {
                                Map<String, Object> wrap = new LinkedHashMap<>();
                                wrap.put(frags.get(i), layer);
                                layer = wrap;
                            }
                        }
                        layers.add((Map<String, Object>) layer);
                    }
                }
            }
            // The including file is merged last, so its own values win.
            layers.add(pstate);
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map<String, Object> layer : layers) {
                out = Data.deepMerge(out, layer);
            }
            return out;
        }

        private RenderContext context(String env, String sls, Map<String, Object> defaults) {
            return RenderContext.builder()
                    .salt(new PillarFunctions(runOpts, grains, () -> pillar))
                    .grains(grains)
                    .pillar(pillar)
                    .opts(runOpts)
                    .saltenv(env)
                    .sls(sls)
                    .extra(defaults)
                    .build();
        }
    }

    private boolean safeErrors() {
        Object v = opts.get("pillar_safe_render_error");
        return v == null || Data.truthy(v);
    }

    private String topName() {
        String t = str(opts.get("state_top"));
        if (t == null) {
            return "top.sls";
        }
        return t.startsWith("salt://") ? t.substring(7) : t.startsWith("/") ? t.substring(1) : t;
    }

    private static String stripDots(String s) {
        int i = 0;
        while (i < s.length() && s.charAt(i) == '.') {
            i++;
        }
        return s.substring(i);
    }

    private static String str(Object o) {
        return o == null || String.valueOf(o).isEmpty() ? null : String.valueOf(o);
    }
}
