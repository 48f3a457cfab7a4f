package io.jsalt.common.state;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Salt's requisite_in: {@code require_in}, {@code watch_in}, {@code onfail_in},
 * {@code onchanges_in} and {@code prereq_in} become the plain requisite on their target;
 * {@code prereq} marks its target {@code prerequired}; {@code use} and {@code use_in} copy
 * arguments. The additions are merged with {@link Extend} in strict mode, so an
 * {@code _in} naming a state that does not exist is a compile error, as in Salt.
 */
final class RequisiteIn {
    private static final Logger log = LoggerFactory.getLogger(RequisiteIn.class);

    private static final Set<String> REQ_IN = Set.of(
            "require_in", "watch_in", "onfail_in", "onchanges_in", "use", "use_in", "prereq", "prereq_in");
    private static final Set<String> REQ_IN_ALL;

    static {
        Set<String> all = new LinkedHashSet<>(REQ_IN);
        all.addAll(List.of("require", "watch", "onfail", "onfail_stop", "onchanges"));
        REQ_IN_ALL = all;
    }

    private RequisiteIn() {}

    @SuppressWarnings("unchecked")
    static List<String> apply(Map<String, Object> high, Set<String> disabled) {
        Map<String, Map<String, Object>> extend = new LinkedHashMap<>();
        List<String> errors = new ArrayList<>();
        for (Map.Entry<String, Object> idEntry : high.entrySet()) {
            String id = idEntry.getKey();
            if (id.startsWith("__") || !(idEntry.getValue() instanceof Map)) {
                continue;
            }
            Map<String, Object> body = (Map<String, Object>) idEntry.getValue();
            Object env = body.getOrDefault("__env__", "base");
            Object sls = body.getOrDefault("__sls__", "");
            for (Map.Entry<String, Object> st : body.entrySet()) {
                String state = st.getKey();
                if (state.startsWith("__") || !(st.getValue() instanceof List<?> run)) {
                    continue;
                }
                for (Object arg : run) {
                    if (!(arg instanceof Map<?, ?> am) || am.isEmpty()) {
                        continue;
                    }
                    String key = Low.firstKey(am);
                    if (!REQ_IN.contains(key)) {
                        continue;
                    }
                    if (disabled.contains(key)) {
                        log.warn("The {} requisite has been disabled, Ignoring.", key);
                        continue;
                    }
                    String rkey = key.split("_")[0];
                    Object items = am.get(key);
                    if (items instanceof Map<?, ?> single) {
                        // Formed as a single requisite_in.
                        for (Map.Entry<?, ?> se : single.entrySet()) {
                            String target = Low.str(se.getValue());
                            String tState = String.valueOf(se.getKey());
                            if (tState.contains(".")) {
                                errors.add(dotError(rkey, tState, target, sls));
                                tState = tState.substring(0, tState.indexOf('.'));
                            }
                            Map<String, Object> ext = extend.computeIfAbsent(target, k -> new LinkedHashMap<>());
                            List<Object> decl = declOf(ext, tState);
                            ext.put("__env__", env);
                            ext.put("__sls__", sls);
                            addRequisite(decl, rkey, state, id);
                        }
                    }
                    if (!(items instanceof List<?> list)) {
                        continue;
                    }
                    for (Object ind : list) {
                        Map<?, ?> ref = resolve(ind, high);
                        if (ref == null || ref.isEmpty()) {
                            continue;
                        }
                        String pstate = Low.firstKey(ref);
                        String pname = Low.str(ref.get(pstate));
                        if (pstate.contains(".")) {
                            errors.add(dotError(rkey, pstate, pname, sls));
                            pstate = pstate.substring(0, pstate.indexOf('.'));
                        }
                        List<String[]> hinges = new ArrayList<>();
                        if (pstate.equals("sls")) {
                            hinges.addAll(findSlsIds(pname, high));
                        } else {
                            hinges.add(new String[] {pname, pstate});
                        }
                        for (String[] hinge : hinges) {
                            String name = hinge[0];
                            String hState = hinge[1];
                            if (key.equals("prereq_in")) {
                                // The origin learns it is prerequired; the target gets the prereq below.
                                List<Object> decl = declOf(extend.computeIfAbsent(id, k -> new LinkedHashMap<>()), state);
                                decl.add(one("prerequired", List.of(one(hState, name))));
                            }
                            if (key.equals("prereq")) {
                                for (String[] ext : Extend.findName(name, hState, high, true)) {
                                    List<Object> decl = declOf(extend.computeIfAbsent(ext[0], k -> new LinkedHashMap<>()), ext[1]);
                                    decl.add(one("prerequired", List.of(one(state, id))));
                                }
                                continue;
                            }
                            if (key.equals("use_in")) {
                                for (String[] ext : Extend.findName(name, hState, high, true)) {
                                    Set<String> ignore = new LinkedHashSet<>(REQ_IN_ALL);
                                    ignore.addAll(stateArgs(ext[0], hState, high));
                                    List<Object> decl = declOf(extend.computeIfAbsent(ext[0], k -> new LinkedHashMap<>()), ext[1]);
                                    copyArgs((List<Object>) body.get(state), ignore, decl);
                                }
                                continue;
                            }
                            if (key.equals("use")) {
                                for (String[] ext : Extend.findName(name, hState, high, true)) {
                                    Set<String> ignore = new LinkedHashSet<>(REQ_IN_ALL);
                                    ignore.addAll(stateArgs(id, state, high));
                                    List<Object> decl = declOf(extend.computeIfAbsent(id, k -> new LinkedHashMap<>()), state);
                                    Object src = ((Map<String, Object>) high.get(ext[0])).get(ext[1]);
                                    if (src instanceof List<?> srcList) {
                                        copyArgs((List<Object>) srcList, ignore, decl);
                                    }
                                }
                                continue;
                            }
                            Map<String, Object> ext = extend.computeIfAbsent(name, k -> new LinkedHashMap<>());
                            List<Object> decl = declOf(ext, hState);
                            ext.put("__env__", env);
                            ext.put("__sls__", sls);
                            addRequisite(decl, rkey, state, id);
                        }
                    }
                }
            }
        }
        List<Object> ext = new ArrayList<>();
        extend.forEach((k, v) -> ext.add(one(k, v)));
        high.put("__extend__", ext);
        errors.addAll(Extend.reconcile(high, true));
        return errors;
    }

    /** A requisite_in item as {state: id}: a bare string is an ID, or failing that a name. */
    @SuppressWarnings("unchecked")
    private static Map<?, ?> resolve(Object ind, Map<String, Object> high) {
        if (ind instanceof Map<?, ?> m) {
            return m;
        }
        String s = Low.str(ind);
        if (high.get(s) instanceof Map<?, ?> body) {
            String first = Extend.firstState((Map<String, Object>) body);
            return first == null ? null : one(first, s);
        }
        Map<?, ?> found = null;
        for (Map.Entry<String, Object> e : high.entrySet()) {
            if (e.getKey().startsWith("__") || !(e.getValue() instanceof Map<?, ?> body)) {
                continue;
            }
            for (Map.Entry<?, ?> st : body.entrySet()) {
                String st8 = String.valueOf(st.getKey());
                if (st8.startsWith("__") || !(st.getValue() instanceof List<?> args)) {
                    continue;
                }
                for (Object j : args) {
                    if (j instanceof Map<?, ?> jm && jm.containsKey("name") && s.equals(Low.str(jm.get("name")))) {
                        found = one(st8, e.getKey());
                    }
                }
            }
        }
        return found;
    }

    private static void addRequisite(List<Object> decl, String rkey, String state, String id) {
        for (Object item : decl) {
            if (item instanceof Map<?, ?> m && rkey.equals(Low.firstKey(m)) && m.get(rkey) instanceof List<?>) {
                @SuppressWarnings("unchecked")
                List<Object> l = (List<Object>) m.get(rkey);
                l.add(one(state, id));
                return;
            }
        }
        List<Object> l = new ArrayList<>();
        l.add(one(state, id));
        decl.add(one(rkey, l));
    }

    @SuppressWarnings("unchecked")
    private static List<Object> declOf(Map<String, Object> ext, String state) {
        return (List<Object>) ext.computeIfAbsent(state, k -> new ArrayList<>());
    }

    private static void copyArgs(List<Object> from, Set<String> ignore, List<Object> to) {
        for (Object arg : from) {
            if (!(arg instanceof Map<?, ?> m) || m.size() != 1) {
                continue;
            }
            String k = Low.firstKey(m);
            if (ignore.contains(k) || k.equals("name") || k.equals("names")) {
                continue;
            }
            to.add(io.jsalt.common.data.Data.deepCopy(arg));
        }
    }

    /** Salt's state_args: the argument names a state declaration sets. */
    private static Set<String> stateArgs(String id, String state, Map<String, Object> high) {
        Set<String> out = new LinkedHashSet<>();
        if (high.get(id) instanceof Map<?, ?> body && body.get(state) instanceof List<?> args) {
            for (Object a : args) {
                if (a instanceof Map<?, ?> m && m.size() == 1) {
                    out.add(Low.firstKey(m));
                }
            }
        }
        return out;
    }

    /** Salt's find_sls_ids: every (id, state) of an SLS. */
    static List<String[]> findSlsIds(String sls, Map<String, Object> high) {
        List<String[]> out = new ArrayList<>();
        for (Map.Entry<String, Object> e : high.entrySet()) {
            if (e.getKey().startsWith("__") || !(e.getValue() instanceof Map<?, ?> body)) {
                continue;
            }
            if (!sls.equals(Low.str(body.get("__sls__")))) {
                continue;
            }
            for (Object st : body.keySet()) {
                String s = String.valueOf(st);
                if (!s.startsWith("__")) {
                    out.add(new String[] {e.getKey(), s});
                }
            }
        }
        return out;
    }

    private static String dotError(String rkey, String state, String name, Object sls) {
        return "Invalid requisite in " + rkey + ": " + state + " for " + name + ", in SLS '" + Low.str(sls)
                + "'. Requisites must not contain dots, did you mean '" + state.substring(0, state.indexOf('.')) + "'?";
    }

    private static Map<String, Object> one(String k, Object v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(k, v);
        return m;
    }
}
