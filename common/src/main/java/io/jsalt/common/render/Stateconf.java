package io.jsalt.common.render;

import io.jsalt.common.data.Data;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Salt's {@code stateconf} renderer (salt/renderers/stateconf.py), for SLS files whose shebang
 * is {@code #!stateconf [-Gs] [yaml . jinja]}: a template renderer's output fed to a data
 * renderer (default {@code yaml . jinja}: Jinja first, then YAML), and then
 *
 * <ul>
 *   <li>state IDs and requisite targets with a leading dot are local to the SLS:
 *       {@code .x} in {@code a.b} becomes {@code a.b::x}, {@code ..x} {@code a::x}; a local
 *       state without {@code - name} gets its ID without the dot as its name;</li>
 *   <li>includes and excludes with a leading dot are relative to the SLS's package;</li>
 *   <li>a goal state {@code .goal} ({@code stateconf.set}) requires every state of the SLS
 *       (not with {@code -G}); with {@code -s}, a start state {@code .start} is required by its
 *       first state;</li>
 *   <li>the arguments of {@code stateconf.set} states above the line
 *       {@code # --- end of state config ---} are rendered first and given to the whole
 *       file's template as variables named after their IDs ({@code .sls_params} with
 *       {@code - parent: x} is {@code sls_params.parent}), with {@code sls_dir}.</li>
 * </ul>
 *
 * <p>Not supported, each refused with a message: {@code -o} (implicit ordering) and {@code -p}
 * (high data piped in). Salt keeps the extracted {@code stateconf.set} arguments in a module
 * global for the life of the process, so an SLS may see those of SLS files rendered before it;
 * here each render sees only its own file's.
 */
final class Stateconf {
    private Stateconf() {}

    /** Salt's {@code stateconf_end_marker}. */
    private static final Pattern END_MARKER = Pattern.compile("#\\s*-+\\s*end of state config\\s*-+");
    private static final String STATE_NAME = "stateconf";
    private static final String STATE_FUNC = "stateconf.set";
    private static final Set<String> REQUISITES = Set.of("require", "require_in", "watch", "watch_in", "use", "use_in",
            "listen", "listen_in");
    private static final Set<String> NOT_STATES = Set.of("include", "exclude", "extend");
    private static final Pattern RELATIVE = Pattern.compile("^(\\.+)(.*)$", Pattern.DOTALL);

    /** Whether an SLS file's shebang names this renderer; its argument line, or null. */
    static String argline(String text) {
        int nl = text.indexOf('\n');
        String first = (nl < 0 ? text : text.substring(0, nl)).strip();
        if (!first.startsWith("#!") || first.startsWith("#!/")) {
            return null;
        }
        String pipe = first.substring(2).strip();
        String[] parts = pipe.split("\\s+", 2);
        if (!parts[0].equals(STATE_NAME)) {
            return null;
        }
        return parts.length > 1 ? parts[1] : "";
    }

    /**
     * Renders {@code text} (whose shebang names stateconf with {@code argline}) for SLS
     * {@code sls}; {@code pipe} renders text through the named data and template renderers
     * with extra template variables.
     */
    static Object render(String text, String relPath, String sls, String saltenv, String argline,
                         Pipe pipe) {
        boolean noGoal = false;
        boolean start = false;
        List<String> rest = new ArrayList<>();
        boolean optionsDone = false;
        for (String word : argline.strip().isEmpty() ? new String[0] : argline.strip().split("\\s+")) {
            if (!optionsDone && word.startsWith("-") && word.length() > 1) {
                for (char c : word.substring(1).toCharArray()) {
                    switch (c) {
                        case 'G' -> noGoal = true;
                        case 's' -> start = true;
                        case 'o', 'p' -> throw error(relPath, "the stateconf option -" + c + " is not supported by jsalt"
                                + " (it supports -G and -s)");
                        default -> throw error(relPath, "Invalid use of stateconf renderer! Unknown option -" + c);
                    }
                }
            } else {
                optionsDone = true;
                rest.add(word);
            }
        }
        String renderers = rest.isEmpty() ? "yaml . jinja" : String.join(" ", rest);
        // Salt splits on the first dot surrounded by blanks and not preceded by a backslash.
        String[] split = renderers.split("\\s+(?<!\\\\)\\.\\s+", 2);
        if (split.length < 2) {
            throw error(relPath, "Invalid use of stateconf renderer! Usage: #!stateconf [-Gs] "
                    + "[<data_renderer> [options] . <template_renderer> [options]]");
        }
        String data = split[0].strip().replace("\\.", ".").split("\\s+", 2)[0];
        String template = split[1].strip().replace("\\.", ".").split("\\s+", 2)[0];
        if (!data.equals("yaml") && !data.equals("json")) {
            throw error(relPath, "Renderer: '" + data + "' is not available! (as stateconf's data renderer jsalt has yaml and json)");
        }
        if (!template.equals("jinja")) {
            throw error(relPath, "Renderer: '" + template + "' is not available! (as stateconf's template renderer jsalt has jinja)");
        }
        Options o = new Options(relPath, sls, saltenv, noGoal, start, data, template, pipe);

        Map<String, Object> context = new LinkedHashMap<>();
        Matcher m = END_MARKER.matcher(text);
        if (m.find()) {
            Map<String, Map<String, Object>> conf = new LinkedHashMap<>();
            o.process(text.substring(0, m.start()), Map.of(), true, conf);
            // The extracted arguments, with the SLS's own prefix taken off their IDs.
            String prefix = sls + "::";
            for (Map.Entry<String, Map<String, Object>> e : conf.entrySet()) {
                String k = e.getKey().startsWith(prefix) ? e.getKey().substring(prefix.length()) : e.getKey();
                context.put(k, e.getValue());
            }
        }
        return o.process(text, context, false, new LinkedHashMap<>());
    }

    /** Renders text with the data and the template renderer named, with extra variables. */
    interface Pipe {
        Object render(String text, List<String> steps, Map<String, Object> variables);
    }

    private record Options(String relPath, String sls, String saltenv, boolean noGoal, boolean start, String data,
                           String template, Pipe pipe) {

        /** Salt's process_sls_data and process_high_data. */
        Map<String, Object> process(String text, Map<String, Object> context, boolean extract,
                                    Map<String, Map<String, Object>> conf) {
            Map<String, Object> vars = new LinkedHashMap<>();
            String slsDir = sls.contains(".") ? parent(sls.replace('.', '/')) : sls;
            vars.put("sls_dir", slsDir.isEmpty() ? "." : slsDir);
            vars.putAll(context);
            Object high = pipe.render(text, List.of(template, data), vars);
            if (high == null) {
                high = new LinkedHashMap<String, Object>();
            }
            if (!(high instanceof Map<?, ?>)) {
                throw error(relPath, "SLS file rendered to " + PyOperators.typeName(high) + ", not a dict of states");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> out = (Map<String, Object>) Data.deepCopy(high);
            rewriteShorthand(out);
            rewriteIncludes(out);
            if (start) {
                addStart(out);
            }
            if (!extract && !noGoal) {
                addGoal(out);
            }
            renameIds(out, false);
            extract(out, conf);
            return out;
        }

        /** {@code id: state.func} is {@code id: {state.func: []}}. */
        private static void rewriteShorthand(Map<String, Object> data) {
            for (Map.Entry<String, Object> e : data.entrySet()) {
                if (e.getValue() instanceof String s) {
                    Map<String, Object> decl = new LinkedHashMap<>();
                    decl.put(s, new ArrayList<>());
                    e.setValue(decl);
                }
            }
        }

        private void rewriteIncludes(Map<String, Object> data) {
            if (data.get("include") instanceof List<?> includes) {
                @SuppressWarnings("unchecked")
                List<Object> list = (List<Object>) includes;
                for (int i = 0; i < list.size(); i++) {
                    Object each = list.get(i);
                    String env = saltenv;
                    Object incl = each;
                    if (each instanceof Map<?, ?> m && !m.isEmpty()) {
                        Map.Entry<?, ?> last = null;
                        for (Map.Entry<?, ?> x : m.entrySet()) {
                            last = x; // Python's popitem() takes the last item
                        }
                        env = String.valueOf(last.getKey());
                        incl = last.getValue();
                    }
                    if (incl instanceof String s && s.startsWith(".")) {
                        Map<String, Object> abs = new LinkedHashMap<>();
                        abs.put(env, relativeToAbs(s, sls));
                        list.set(i, abs);
                    }
                }
            }
            if (data.get("exclude") instanceof List<?> excludes) {
                for (Object x : excludes) {
                    if (x instanceof Map<?, ?> m && m.get("sls") instanceof String s && s.startsWith(".")) {
                        @SuppressWarnings("unchecked")
                        Map<String, Object> mm = (Map<String, Object>) m;
                        mm.put("sls", relativeToAbs(s, sls));
                    }
                }
            }
        }

        /** Salt's _relative_to_abs_sls: one dot is the SLS's package, each further dot one level up. */
        private String relativeToAbs(String relative, String base) {
            Matcher m = RELATIVE.matcher(relative);
            m.matches();
            int levels = m.group(1).length();
            List<String> comps = List.of(base.split("\\.", -1));
            if (levels > comps.size()) {
                throw error(relPath, "Attempted relative include goes beyond top level package");
            }
            List<String> parts = new ArrayList<>(comps.subList(0, comps.size() - levels));
            parts.add(m.group(2));
            return String.join(".", parts);
        }

        /** Salt's _local_to_abs_sid: {@code .x} in SLS {@code a.b} is {@code a.b::x}. */
        private String localToAbs(String sid) {
            if (sid.contains("::")) {
                return relativeToAbs(sid, sls);
            }
            String abs = relativeToAbs(sid, sls + ".");
            int dot = abs.lastIndexOf('.');
            return dot < 0 ? abs : abs.substring(0, dot) + "::" + abs.substring(dot + 1);
        }

        private void addStart(Map<String, Object> data) {
            String startId = ".start";
            if (data.containsKey(startId)) {
                throw error(relPath, "Can't generate start state(" + startId + ")! The same state id already exists!");
            }
            if (data.isEmpty()) {
                return;
            }
            for (Map.Entry<String, Object> e : data.entrySet()) {
                if (NOT_STATES.contains(e.getKey()) || e.getKey().startsWith("__") || !(e.getValue() instanceof Map<?, ?> states)) {
                    continue;
                }
                if (!states.containsKey("__sls__") || sls.equals(states.get("__sls__"))) {
                    String first = String.valueOf(states.keySet().iterator().next());
                    Map<String, Object> reqIn = new LinkedHashMap<>();
                    reqIn.put(stateName(first), e.getKey());
                    data.put(startId, decl(Map.of("require_in", new ArrayList<>(List.of(reqIn)))));
                    return;
                }
            }
            throw error(relPath, "Can't determine the first state in the sls file!");
        }

        private void addGoal(Map<String, Object> data) {
            String goalId = ".goal";
            if (data.containsKey(goalId)) {
                throw error(relPath, "Can't generate goal state(" + goalId + ")! The same state id already exists!");
            }
            List<Object> reqs = new ArrayList<>();
            states(data, NOT_STATES, (sid, sname) -> {
                Map<String, Object> req = new LinkedHashMap<>();
                req.put(stateName(sname), sid);
                reqs.add(req);
                return null;
            });
            data.put(goalId, decl(Map.of("require", reqs)));
        }

        /** A stateconf.set declaration with one argument. */
        private static Map<String, Object> decl(Map<String, Object> arg) {
            Map<String, Object> decl = new LinkedHashMap<>();
            decl.put(STATE_FUNC, new ArrayList<>(List.of(new LinkedHashMap<>(arg))));
            return decl;
        }

        /** Salt's rename_state_ids: local IDs and local requisite targets made absolute. */
        private void renameIds(Map<String, Object> data, boolean isExtend) {
            if (!isExtend && data.get("extend") instanceof Map<?, ?> ext) {
                @SuppressWarnings("unchecked")
                Map<String, Object> extend = (Map<String, Object>) ext;
                renameIds(extend, true);
            }
            for (Map.Entry<String, Object> e : data.entrySet()) {
                if (NOT_STATES.contains(e.getKey()) && !isExtend || e.getKey().startsWith("__")
                        || !(e.getValue() instanceof Map<?, ?> states)) {
                    continue;
                }
                for (Map.Entry<?, ?> s : states.entrySet()) {
                    if (String.valueOf(s.getKey()).startsWith("__") || !(s.getValue() instanceof List<?> args)) {
                        continue;
                    }
                    for (Object arg : args) {
                        if (!(arg instanceof Map<?, ?> a) || a.isEmpty()) {
                            continue;
                        }
                        Map.Entry<?, ?> first = a.entrySet().iterator().next();
                        if (!REQUISITES.contains(String.valueOf(first.getKey())) || !(first.getValue() instanceof List<?> reqs)) {
                            continue;
                        }
                        for (Object r : reqs) {
                            if (r instanceof Map<?, ?> rm && !rm.isEmpty()) {
                                @SuppressWarnings("unchecked")
                                Map.Entry<Object, Object> target = (Map.Entry<Object, Object>) rm.entrySet().iterator().next();
                                if (target.getValue() instanceof String t && t.startsWith(".")) {
                                    target.setValue(localToAbs(t));
                                }
                            }
                        }
                    }
                }
            }
            for (String sid : new ArrayList<>(data.keySet())) {
                if (!sid.startsWith(".")) {
                    continue;
                }
                String newId = localToAbs(sid);
                if (data.containsKey(newId)) {
                    throw error(relPath, "Can't rename state id(" + sid + ") into " + newId
                            + " because the later already exists!");
                }
                Object states = data.remove(sid);
                if (states instanceof Map<?, ?> sm) {
                    for (Map.Entry<?, ?> s : sm.entrySet()) {
                        if (stateName(String.valueOf(s.getKey())).equals(STATE_NAME) || !(s.getValue() instanceof List<?> args)) {
                            continue;
                        }
                        boolean named = args.stream().anyMatch(a -> a instanceof Map<?, ?> am && !am.isEmpty()
                                && "name".equals(am.keySet().iterator().next()));
                        if (!named) {
                            @SuppressWarnings("unchecked")
                            List<Object> list = (List<Object>) args;
                            Map<String, Object> name = new LinkedHashMap<>();
                            name.put("name", sid.substring(1));
                            list.add(0, name);
                        }
                    }
                }
                data.put(newId, states);
            }
        }

        /** Salt's extract_state_confs: each stateconf.set state's arguments, by state ID. */
        private static void extract(Map<String, Object> data, Map<String, Map<String, Object>> conf) {
            for (Map.Entry<String, Object> e : data.entrySet()) {
                if (e.getKey().equals("extend") || !(e.getValue() instanceof Map<?, ?> states)) {
                    continue;
                }
                Object args = states.containsKey(STATE_NAME) ? states.get(STATE_NAME) : states.get(STATE_FUNC);
                if (!states.containsKey(STATE_NAME) && !states.containsKey(STATE_FUNC) || !(args instanceof List<?> list)) {
                    continue;
                }
                Map<String, Object> values = conf.computeIfAbsent(e.getKey(), k -> new LinkedHashMap<>());
                for (Object a : list) {
                    if (a instanceof Map<?, ?> am && !am.isEmpty()) {
                        Map.Entry<?, ?> first = am.entrySet().iterator().next();
                        values.put(String.valueOf(first.getKey()), first.getValue());
                    }
                }
            }
        }

        /** Salt's statelist: each (ID, state) of the SLS but the IDs in {@code skip} and dunder names. */
        private static void states(Map<String, Object> data, Set<String> skip, BiFunction<String, String, Void> each) {
            for (Map.Entry<String, Object> e : data.entrySet()) {
                if (e.getKey().startsWith("__") || skip.contains(e.getKey()) || !(e.getValue() instanceof Map<?, ?> states)) {
                    continue;
                }
                if (states.containsKey("__sls__")) {
                    continue; // included from a rendered SLS (pydsl only), as Salt skips it
                }
                for (Object sname : states.keySet()) {
                    if (!String.valueOf(sname).startsWith("__")) {
                        each.apply(e.getKey(), String.valueOf(sname));
                    }
                }
            }
        }
    }

    /** A state's module: {@code file} of {@code file.managed}. */
    private static String stateName(String sname) {
        int dot = sname.indexOf('.');
        return dot < 0 ? sname : sname.substring(0, dot);
    }

    private static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }

    private static RenderException error(String relPath, String message) {
        return new RenderException(relPath, -1, message, null);
    }
}
