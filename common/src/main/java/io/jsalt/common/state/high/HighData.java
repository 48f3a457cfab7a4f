package io.jsalt.common.state.high;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks on high data, as Salt 3006's State.verify_high: the messages a user sees under
 * "Data failed to compile" when an SLS is structurally wrong.
 */
public final class HighData {
    /** Requisites whose value must be a list (and recursive ones are looked for). */
    private static final Set<String> LIST_REQUISITES = Set.of("require", "watch", "prereq", "onchanges");

    private HighData() {}

    /** Salt's verify_high: an empty list when the high data is sound. */
    @SuppressWarnings("unchecked")
    public static List<String> verify(Map<String, Object> high) {
        List<String> errors = new ArrayList<>();
        Map<String, Map<String, String>> reqs = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : high.entrySet()) {
            String name = e.getKey();
            if (name.startsWith("__")) {
                continue;
            }
            if (!(e.getValue() instanceof Map<?, ?>)) {
                errors.add("The type " + name + " in " + e.getValue() + " is not formatted as a dictionary");
                continue;
            }
            Map<String, Object> body = (Map<String, Object>) e.getValue();
            Object sls = body.get("__sls__");
            for (Map.Entry<String, Object> decl : body.entrySet()) {
                String state = decl.getKey();
                if (state.startsWith("__")) {
                    continue;
                }
                if (decl.getValue() == null) {
                    errors.add("ID '" + name + "' in SLS '" + sls + "' contains a short declaration (" + state
                            + ") with a trailing colon. When not passing any arguments to a state, the colon must "
                            + "be omitted.");
                    continue;
                }
                if (!(decl.getValue() instanceof List<?> args)) {
                    errors.add("State '" + name + "' in SLS '" + sls + "' is not formed as a list");
                    continue;
                }
                int fun = state.contains(".") ? 1 : 0;
                for (Object arg : args) {
                    if (arg instanceof String s) {
                        fun++;
                        if (s.strip().contains(" ")) {
                            errors.add("The function \"" + s + "\" in state \"" + name + "\" in SLS \"" + sls
                                    + "\" has whitespace, a function with whitespace is not supported, perhaps this "
                                    + "is an argument that is missing a \":\"");
                        }
                    } else if (arg instanceof Map<?, ?> m && !m.isEmpty()) {
                        String argfirst = String.valueOf(m.keySet().iterator().next());
                        Object val = m.get(argfirst);
                        if (argfirst.equals("names") && !(val instanceof List)) {
                            errors.add("The 'names' argument in state '" + name + "' in SLS '" + sls
                                    + "' needs to be formed as a list");
                        }
                        if (LIST_REQUISITES.contains(argfirst)) {
                            if (!(val instanceof List<?> reqList)) {
                                errors.add("The " + argfirst + " statement in state '" + name + "' in SLS '" + sls
                                        + "' needs to be formed as a list");
                            } else {
                                checkRequisites(reqs, name, state, sls, reqList, errors);
                            }
                        }
                        if (m.size() != 1) {
                            errors.add("Multiple dictionaries defined in argument of state '" + name + "' in SLS '"
                                    + sls + "'");
                        }
                    }
                }
                if (fun == 0) {
                    if (state.equals("require") || state.equals("watch")) {
                        continue;
                    }
                    errors.add("No function declared in state '" + state + "' in SLS '" + sls + "'");
                } else if (fun > 1) {
                    errors.add("Too many functions declared in state '" + state + "' in SLS '" + sls + "'");
                }
            }
        }
        return errors;
    }

    private static void checkRequisites(Map<String, Map<String, String>> reqs, String name, String state, Object sls,
                                        List<?> reqList, List<String> errors) {
        Map<String, String> mine = new LinkedHashMap<>();
        mine.put("state", state);
        reqs.put(name, mine);
        for (Object req : reqList) {
            Map<?, ?> r = req instanceof String s ? Map.of("id", s) : req instanceof Map<?, ?> m ? m : null;
            if (r == null || r.isEmpty()) {
                errors.add("Requisite declaration " + req + " in SLS " + sls
                        + " is not formed as a single key dictionary");
                continue;
            }
            String reqKey = String.valueOf(r.keySet().iterator().next());
            Object reqVal = r.get(reqKey);
            if (reqKey.contains(".")) {
                errors.add("Invalid requisite type '" + reqKey + "' in state '" + name + "', in SLS '" + sls
                        + "'. Requisite types must not contain dots, did you mean '"
                        + reqKey.substring(0, reqKey.indexOf('.')) + "'?");
            }
            if (reqVal instanceof Map || reqVal instanceof List) {
                errors.add("Illegal requisite \"" + reqVal + "\", please check your syntax.\n");
                continue;
            }
            String v = String.valueOf(reqVal);
            mine.put(v, reqKey);
            Map<String, String> other = reqs.get(v);
            if (other != null && state.equals(other.get(name)) && other.get("state").equals(mine.get(v))) {
                errors.add("A recursive requisite was found, SLS \"" + sls + "\" ID \"" + name + "\" ID \"" + v + "\"");
            }
        }
    }
}
