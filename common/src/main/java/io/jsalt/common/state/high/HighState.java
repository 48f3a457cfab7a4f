package io.jsalt.common.state.high;

import io.jsalt.common.data.Data;
import io.jsalt.common.match.Matcher;
import io.jsalt.common.match.MinionData;
import io.jsalt.common.render.RenderContext;
import io.jsalt.common.render.RenderException;
import io.jsalt.common.render.Renderer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds high data from SLS files as Salt 3006's BaseHighState does (salt/state.py
 * render_state, render_highstate, compile_highstate): each SLS is rendered with the
 * minion's grains and pillar, {@code include:} is followed (globs, {@code saltenv:}
 * dicts, relative {@code .name} includes), every state gets {@code __sls__} and
 * {@code __env__} (and {@code __sls_included_from__} when it came in by include),
 * {@code extend:} and {@code exclude:} are collected into {@code __extend__} and
 * {@code __exclude__} untouched, and with {@code state_auto_order} every state
 * declaration gets Salt's {@code order: 10000+n}. Errors are Salt's messages, collected,
 * never thrown. The low-data compiler (requisites, extend, exclude) runs after this.
 *
 * <p>One instance serves one call (it numbers states as it renders); build a new one per
 * show/apply. Not thread-safe.
 */
public final class HighState {
    private static final Logger log = LoggerFactory.getLogger(HighState.class);
    private static final Pattern RELATIVE = Pattern.compile("^(\\.+)(.*)$");
    private static final int FIRST_AUTO_ORDER = 10000;

    /** High data and the errors met building it (Salt returns the errors alone when there are any). */
    public record Compiled(Map<String, Object> high, List<String> errors) {
        public boolean ok() {
            return errors.isEmpty();
        }
    }

    /** What the top file gives this minion ({@code saltenv -> [sls]}), and errors. */
    public record TopMatches(Map<String, List<String>> matches, List<String> errors) { }

    private final SlsTree tree;
    private final Renderer renderer;
    private final RenderContext base;
    private final Matcher matcher;
    private final MinionData minion;
    private final Map<String, Object> opts;
    private long iorder = FIRST_AUTO_ORDER;

    /**
     * @param tree     the state tree (file_roots)
     * @param renderer a renderer over the same roots (its template cache may be shared)
     * @param base     grains, pillar, opts and the {@code salt} function table for templates
     * @param matcher  for top file targets (with the nodegroups the minion knows)
     * @param minion   this minion's id, grains and pillar, for top file targets
     */
    public HighState(SlsTree tree, Renderer renderer, RenderContext base, Matcher matcher, MinionData minion) {
        this.tree = Objects.requireNonNull(tree);
        this.renderer = Objects.requireNonNull(renderer);
        this.base = Objects.requireNonNull(base);
        this.matcher = matcher == null ? new Matcher() : matcher;
        this.minion = minion;
        this.opts = base.opts();
    }

    /** The saltenvs, base first (Salt's _get_envs without env_order). */
    public List<String> envs() {
        List<String> envs = new ArrayList<>(List.of("base"));
        for (String e : tree.roots().saltenvs()) {
            if (!envs.contains(e)) {
                envs.add(e);
            }
        }
        return envs;
    }

    /** Salt's get_top + verify_tops + top_matches: what {@code state.show_top} returns. */
    public TopMatches top() {
        String topName = topName();
        String only = stringOpt("saltenv");
        List<String> envs = only != null ? List.of(only) : envs();
        Tops.Merged merged = Tops.gather(tree, renderer, base, envs, topName, Tops.Kind.STATE);
        List<String> errors = new ArrayList<>(merged.errors());
        errors.addAll(Tops.verify(merged.top()));
        Map<String, List<String>> matches = Tops.matches(merged.top(), matcher, minion, only, Tops.Kind.STATE,
                envs(), errors);
        return new TopMatches(matches, errors);
    }

    /** Salt's compile_highstate: the top file's SLS for this minion, rendered and merged. */
    public Compiled highstate() {
        TopMatches top = top();
        Compiled c = render(top.matches());
        List<String> errors = new ArrayList<>(top.errors());
        errors.addAll(c.errors());
        return new Compiled(c.high(), errors);
    }

    /** Salt's render_highstate({saltenv: mods}): what {@code state.show_sls} starts from. */
    public Compiled sls(String saltenv, List<String> mods) {
        Map<String, List<String>> m = new LinkedHashMap<>();
        m.put(saltenv, new ArrayList<>(mods));
        return render(m);
    }

    /** Salt's render_highstate: renders every matched SLS once, merging into one high data. */
    public Compiled render(Map<String, List<String>> matches) {
        iorder = FIRST_AUTO_ORDER;
        Map<String, Object> high = new LinkedHashMap<>();
        List<String> all = new ArrayList<>();
        Set<String> mods = new LinkedHashSet<>();
        for (Map.Entry<String, List<String>> e : matches.entrySet()) {
            String saltenv = e.getKey();
            for (String slsMatch : e.getValue()) {
                List<String> files = envs().contains(saltenv) ? tree.filter(saltenv, slsMatch) : List.of();
                if (!envs().contains(saltenv)) {
                    all.add("No matching salt environment for environment '" + saltenv + "' found");
                }
                if (files.isEmpty()) {
                    files = List.of(slsMatch); // rendering it reports the missing SLS
                }
                for (String sls : files) {
                    if (mods.contains(saltenv + ":" + sls)) {
                        continue;
                    }
                    List<String> errors = new ArrayList<>();
                    Map<String, Object> state = renderState(sls, saltenv, mods, matches, errors);
                    if (!state.isEmpty()) {
                        mergeIncluded(high, state, errors);
                    }
                    String thisSls = "SLS " + slsMatch + " in saltenv";
                    for (int i = 0; i < errors.size(); i++) {
                        if (errors.get(i).contains("is not available") && errors.get(i).contains(thisSls)) {
                            errors.set(i, "No matching sls found for '" + slsMatch + "' in env '" + saltenv + "'");
                        }
                    }
                    all.addAll(errors);
                }
            }
        }
        cleanDuplicateExtends(high);
        return new Compiled(high, all);
    }

    /**
     * Salt's render_state: one SLS and, recursively, what it includes. Its steps: render the
     * file; take its include list; turn extend, exclude and the state declarations into
     * high data; render and merge each include; number the declarations (auto order).
     */
    private Map<String, Object> renderState(String sls, String saltenv, Set<String> mods,
                                            Map<String, List<String>> matches, List<String> errors) {
        Optional<SlsTree.Source> source = tree.find(saltenv, sls);
        Map<String, Object> state = renderFile(source, sls, saltenv, mods, errors);
        if (state.isEmpty()) {
            return state;
        }
        List<Object> include = takeInclude(state, sls, errors);
        handleExtend(state, sls, saltenv, errors);
        handleExclude(state, sls, errors);
        handleStateDecls(state, sls, saltenv, errors);
        for (Object inc : include) {
            include(state, inc, source.get(), sls, saltenv, mods, matches, errors);
        }
        handleIorder(state);
        return state;
    }

    /**
     * The rendered SLS file as a mutable map: empty when it is missing, failed to render,
     * rendered to nothing or to something else than a dictionary (each but the empty
     * render with Salt's message). A file that was found counts as rendered in mods.
     */
    @SuppressWarnings("unchecked")
    private Map<String, Object> renderFile(Optional<SlsTree.Source> source, String sls, String saltenv,
                                           Set<String> mods, List<String> errors) {
        if (source.isEmpty()) {
            errors.add("Specified SLS " + sls + " in saltenv " + saltenv + " is not available on the salt master "
                    + "or through a configured fileserver");
            return new LinkedHashMap<>();
        }
        Object rendered = null;
        try {
            RenderContext ctx = RenderContext.builder().from(base).saltenv(saltenv).sls(sls).build();
            rendered = renderer.renderSlsFile(source.get().relPath(), ctx);
        } catch (RenderException e) {
            String msg = "Rendering SLS '" + saltenv + ":" + sls + "' failed: " + e.getMessage();
            log.error(msg);
            errors.add(msg);
        } catch (RuntimeException e) {
            String msg = "Rendering SLS " + sls + " failed, render error: " + e;
            log.error(msg, e);
            errors.add(msg);
        }
        mods.add(saltenv + ":" + sls);
        if (rendered == null || (rendered instanceof Map<?, ?> m && m.isEmpty())) {
            return new LinkedHashMap<>();
        }
        if (!(rendered instanceof Map)) {
            errors.add("SLS " + sls + " does not render to a dictionary");
            return new LinkedHashMap<>();
        }
        return (Map<String, Object>) rendered;
    }

    /** Removes and returns the SLS's {@code include:} list (Salt's message when it is not a list). */
    private static List<Object> takeInclude(Map<String, Object> state, String sls, List<String> errors) {
        List<Object> include = new ArrayList<>();
        if (state.containsKey("include")) {
            if (state.get("include") instanceof List<?> l) {
                include.addAll(l);
                state.remove("include");
            } else {
                errors.add("Include Declaration in SLS " + sls + " is not formed as a list");
            }
        }
        return include;
    }

    /**
     * One include of an SLS: a name (relative with leading dots) or {@code {saltenv: name}}
     * ({@code _xenv} for whichever saltenv has it). It is resolved to one saltenv, rendered
     * and merged into the including SLS, each of its IDs marked as included from it.
     */
    private void include(Map<String, Object> state, Object inc, SlsTree.Source source, String sls, String saltenv,
                         Set<String> mods, Map<String, List<String>> matches, List<String> errors) {
        String envKey = saltenv;
        String incSls;
        if (inc instanceof Map<?, ?> m && !m.isEmpty()) {
            Map.Entry<?, ?> last = null;
            for (Map.Entry<?, ?> x : m.entrySet()) {
                last = x; // Python's popitem() takes the last item
            }
            envKey = String.valueOf(last.getKey());
            incSls = String.valueOf(last.getValue());
        } else {
            incSls = String.valueOf(inc);
        }
        boolean xenv = envKey.equals("_xenv");
        if (!xenv && !envs().contains(envKey)) {
            logError(errors, "Nonexistent saltenv '" + envKey + "' found in include of '" + incSls + "' within SLS '"
                    + saltenv + ":" + sls + "'");
            return;
        }
        if (incSls.startsWith(".")) {
            incSls = absoluteInclude(incSls, source, sls, saltenv, errors);
            if (incSls == null) {
                return;
            }
        }
        List<String> resolvedEnvs = includeEnvs(envKey, incSls, xenv, matches);
        if (resolvedEnvs.size() == 1 || resolvedEnvs.contains(saltenv)) {
            String rEnv = resolvedEnvs.size() == 1 ? resolvedEnvs.get(0) : saltenv;
            renderIncluded(state, incSls, rEnv, sls, saltenv, mods, matches, errors);
        } else if (resolvedEnvs.isEmpty()) {
            logError(errors, "Unknown include: Specified SLS " + envKey + ": " + incSls + " is not available on the "
                    + "salt master in saltenv(s): " + (xenv ? String.join(", ", matches.keySet()) : envKey) + " ");
        } else {
            logError(errors, "Ambiguous include: Specified SLS " + envKey + ": " + incSls + " is available on the "
                    + "salt master in multiple available saltenvs: " + String.join(", ", resolvedEnvs));
        }
    }

    /**
     * A relative include ({@code .name}, {@code ..name}) as an absolute SLS name: one dot is
     * the including SLS's package, each further dot one level up. Null, with Salt's message,
     * when it climbs past the top.
     */
    private static String absoluteInclude(String incSls, SlsTree.Source source, String sls, String saltenv,
                                          List<String> errors) {
        var rm = RELATIVE.matcher(incSls);
        rm.matches();
        int levels = rm.group(1).length();
        List<String> comps = new ArrayList<>(List.of(sls.split("\\.", -1)));
        if (source.init()) {
            comps.add("init");
        }
        if (levels > comps.size()) {
            logError(errors, "Attempted relative include of '" + incSls + "' within SLS '" + saltenv + ":" + sls
                    + "' goes beyond top level package ");
            return null;
        }
        List<String> parts = new ArrayList<>(comps.subList(0, comps.size() - levels));
        parts.add(rm.group(2));
        return String.join(".", parts);
    }

    /** The saltenvs an include could come from: the one named, or with _xenv every one that has it. */
    private List<String> includeEnvs(String envKey, String incSls, boolean xenv, Map<String, List<String>> matches) {
        List<String> resolvedEnvs = new ArrayList<>();
        if (!xenv) {
            List<String> envMatches = matches.getOrDefault(envKey, List.of());
            if (matches.containsKey(envKey) || !tree.filter(envKey, incSls).isEmpty() || envMatches.contains(incSls)) {
                resolvedEnvs.add(envKey);
            }
        } else {
            for (String aenv : matches.keySet()) {
                if (!tree.filter(aenv, incSls).isEmpty()) {
                    resolvedEnvs.add(aenv);
                }
            }
        }
        return resolvedEnvs;
    }

    /**
     * Renders every SLS an include names (a glob may name several) not rendered yet, marks
     * its IDs with {@code __sls_included_from__} and merges it into the including SLS.
     */
    @SuppressWarnings("unchecked")
    private void renderIncluded(Map<String, Object> state, String incSls, String rEnv, String sls, String saltenv,
                                Set<String> mods, Map<String, List<String>> matches, List<String> errors) {
        List<String> targets = tree.filter(saltenv, incSls);
        if (targets.isEmpty()) {
            targets = List.of(incSls);
        }
        for (String target : targets) {
            if (mods.contains(rEnv + ":" + target)) {
                continue;
            }
            List<String> err = new ArrayList<>();
            Map<String, Object> nstate = renderState(target, rEnv, mods, matches, err);
            if (!nstate.isEmpty()) {
                for (Map.Entry<String, Object> item : nstate.entrySet()) {
                    if (item.getKey().startsWith("__") || !(item.getValue() instanceof Map)) {
                        continue;
                    }
                    Map<String, Object> body = (Map<String, Object>) item.getValue();
                    Object from = body.get("__sls_included_from__");
                    List<Object> list = from instanceof List<?> fl ? (List<Object>) fl : new ArrayList<>();
                    list.add(sls);
                    body.put("__sls_included_from__", list);
                }
                mergeIncluded(state, nstate, errors);
            }
            errors.addAll(err);
        }
    }

    private static void logError(List<String> errors, String msg) {
        log.error(msg);
        errors.add(msg);
    }

    /** Salt's _handle_iorder: with state_auto_order, each declaration without order gets the next one. */
    @SuppressWarnings("unchecked")
    private void handleIorder(Map<String, Object> state) {
        Object auto = opts.get("state_auto_order");
        if (auto != null && !Data.truthy(auto)) {
            return;
        }
        for (Object body : state.values()) {
            if (!(body instanceof Map<?, ?> decls)) {
                continue;
            }
            for (Map.Entry<String, Object> decl : ((Map<String, Object>) decls).entrySet()) {
                if (decl.getKey().startsWith("_") || !(decl.getValue() instanceof List<?> args)) {
                    continue;
                }
                boolean found = false;
                for (Object arg : args) {
                    if (arg instanceof Map<?, ?> m && !m.isEmpty() && "order".equals(m.keySet().iterator().next())) {
                        found = true;
                    }
                }
                if (!found) {
                    Map<String, Object> order = new LinkedHashMap<>();
                    order.put("order", iorder++);
                    ((List<Object>) args).add(order);
                }
            }
        }
    }

    /** Salt's _handle_state_decls: pads short forms, splits {@code pkg.installed}, adds __sls__/__env__. */
    @SuppressWarnings("unchecked")
    private static void handleStateDecls(Map<String, Object> state, String sls, String saltenv, List<String> errors) {
        for (Map.Entry<String, Object> e : state.entrySet()) {
            String name = e.getKey();
            if (!(e.getValue() instanceof Map)) {
                if (name.equals("__extend__") || name.equals("__exclude__")) {
                    continue;
                }
                if (e.getValue() instanceof String s && s.contains(".")) {
                    String[] comps = s.split("\\.", -1);
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("__sls__", sls);
                    body.put("__env__", saltenv);
                    body.put(comps[0], new ArrayList<>(List.of(comps[1])));
                    e.setValue(body);
                    continue;
                }
                errors.add("ID " + name + " in SLS " + sls + " is not a dictionary");
                continue;
            }
            Map<String, Object> body = (Map<String, Object>) e.getValue();
            splitDottedKeys(body, name, sls, errors, true);
            body.putIfAbsent("__sls__", sls);
            body.putIfAbsent("__env__", saltenv);
        }
    }

    /**
     * {@code file.managed: [...]} becomes {@code file: [..., managed]}. The key moves to the end
     * of the body, as Python's {@code d[k] = d.pop(key)} does.
     */
    @SuppressWarnings("unchecked")
    private static void splitDottedKeys(Map<String, Object> body, String name, String sls, List<String> errors,
                                        boolean checkDuplicates) {
        Set<String> skeys = new LinkedHashSet<>();
        for (String key : new ArrayList<>(body.keySet())) {
            if (key.startsWith("_") || !(body.get(key) instanceof List)) {
                continue;
            }
            if (key.contains(".")) {
                String[] comps = key.split("\\.", -1);
                if (checkDuplicates && skeys.contains(comps[0])) {
                    errors.add("ID '" + name + "' in SLS '" + sls + "' contains multiple state declarations of the "
                            + "same type");
                    continue;
                }
                List<Object> args = (List<Object>) body.remove(key);
                args.add(comps[1]);
                body.put(comps[0], args);
                skeys.add(comps[0]);
                continue;
            }
            skeys.add(key);
        }
    }

    /** Salt's _handle_extend: {@code extend:} becomes an entry of {@code __extend__}. */
    @SuppressWarnings("unchecked")
    private static void handleExtend(Map<String, Object> state, String sls, String saltenv, List<String> errors) {
        if (!state.containsKey("extend")) {
            return;
        }
        Object ext = state.remove("extend");
        if (!(ext instanceof Map<?, ?> extMap)) {
            errors.add("Extension value in SLS '" + sls + "' is not a dictionary");
            return;
        }
        for (Map.Entry<String, Object> e : ((Map<String, Object>) extMap).entrySet()) {
            if (!(e.getValue() instanceof Map)) {
                errors.add("Extension name '" + e.getKey() + "' in SLS '" + sls + "' is not a dictionary");
                continue;
            }
            Map<String, Object> body = (Map<String, Object>) e.getValue();
            body.putIfAbsent("__sls__", sls);
            body.putIfAbsent("__env__", saltenv);
            splitDottedKeys(body, e.getKey(), sls, errors, false);
        }
        ((List<Object>) state.computeIfAbsent("__extend__", k -> new ArrayList<>())).add(ext);
    }

    /** Salt's _handle_exclude: {@code exclude:} items are appended to {@code __exclude__}. */
    @SuppressWarnings("unchecked")
    private static void handleExclude(Map<String, Object> state, String sls, List<String> errors) {
        if (!state.containsKey("exclude")) {
            return;
        }
        Object exc = state.remove("exclude");
        List<Object> target = (List<Object>) state.computeIfAbsent("__exclude__", k -> new ArrayList<>());
        if (exc instanceof List<?> l) {
            target.addAll(l);
        } else {
            errors.add("Exclude Declaration in SLS " + sls + " is not formed as a list");
        }
    }

    /** Salt's merge_included_states: extends and excludes accumulate; a repeated ID must be identical. */
    @SuppressWarnings("unchecked")
    static void mergeIncluded(Map<String, Object> high, Map<String, Object> state, List<String> errors) {
        if (state.containsKey("__extend__")) {
            ((List<Object>) high.computeIfAbsent("__extend__", k -> new ArrayList<>()))
                    .addAll((List<Object>) state.remove("__extend__"));
        }
        if (state.containsKey("__exclude__")) {
            ((List<Object>) high.computeIfAbsent("__exclude__", k -> new ArrayList<>()))
                    .addAll((List<Object>) state.remove("__exclude__"));
        }
        for (Map.Entry<String, Object> e : state.entrySet()) {
            Object mine = high.get(e.getKey());
            if (mine != null && !mine.equals(e.getValue()) && mine instanceof Map<?, ?> a
                    && e.getValue() instanceof Map<?, ?> b) {
                errors.add("Detected conflicting IDs, SLS IDs need to be globally unique.\n    The conflicting ID is '"
                        + e.getKey() + "' and is found in SLS '" + a.get("__env__") + ":" + a.get("__sls__")
                        + "' and SLS '" + b.get("__env__") + ":" + b.get("__sls__") + "'");
            }
        }
        high.putAll(state);
    }

    /** Salt's clean_duplicate_extends: one single-ID dict per distinct (ID, body). */
    @SuppressWarnings("unchecked")
    private static void cleanDuplicateExtends(Map<String, Object> high) {
        if (!(high.get("__extend__") instanceof List<?> exts)) {
            return;
        }
        List<Map.Entry<String, Object>> items = new ArrayList<>();
        for (Object ext : exts) {
            if (ext instanceof Map<?, ?> m) {
                for (Map.Entry<String, Object> item : ((Map<String, Object>) m).entrySet()) {
                    if (!items.contains(item)) {
                        items.add(Map.entry(item.getKey(), item.getValue()));
                    }
                }
            }
        }
        List<Object> cleaned = new ArrayList<>();
        for (Map.Entry<String, Object> item : items) {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put(item.getKey(), item.getValue());
            cleaned.add(one);
        }
        high.put("__extend__", cleaned);
    }

    private String topName() {
        String t = stringOpt("state_top");
        if (t == null || t.isEmpty()) {
            return "top.sls";
        }
        return t.startsWith("salt://") ? t.substring(7) : t.startsWith("/") ? t.substring(1) : t;
    }

    private String stringOpt(String key) {
        Object v = opts.get(key);
        return v == null || String.valueOf(v).isEmpty() ? null : String.valueOf(v);
    }
}
