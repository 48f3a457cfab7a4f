package io.jsalt.common.state;

import io.jsalt.common.py.PyRepr;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Salt's State.verify_high (salt/state.py): the structural errors that stop a state run
 * before it starts, and that state.show_sls and state.show_low_sls return instead of their
 * data. This is the one check of high data: every state function that shows or applies SLS
 * reaches it through {@link StatePipeline} or {@link Compiler}. Values in the messages are
 * printed as Python's str() prints them, since Salt formats them with str.format.
 */
public final class Verify {
    private Verify() {}

    /** The errors in high data, in Salt's order and words; an empty list when it is sound. */
    @SuppressWarnings("unchecked")
    public static List<String> high(Map<String, Object> high) {
        List<String> errors = new ArrayList<>();
        // id -> {"state": decl, required value -> requisite key}: for the two-state cycle check.
        Map<String, Map<String, String>> reqs = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : high.entrySet()) {
            String name = e.getKey();
            if (name.startsWith("__")) {
                continue;
            }
            if (!(e.getValue() instanceof Map)) {
                errors.add("The type " + name + " in " + PyRepr.str(e.getValue()) + " is not formatted as a dictionary");
                continue;
            }
            Map<String, Object> body = (Map<String, Object>) e.getValue();
            String sls = Low.str(body.get("__sls__"));
            for (Map.Entry<String, Object> st : body.entrySet()) {
                String state = st.getKey();
                if (state.startsWith("__")) {
                    continue;
                }
                if (st.getValue() == null) {
                    errors.add("ID '" + name + "' in SLS '" + sls + "' contains a short declaration (" + state
                            + ") with a trailing colon. When not passing any arguments to a state, the colon"
                            + " must be omitted.");
                    continue;
                }
                if (!(st.getValue() instanceof List<?> args)) {
                    errors.add("State '" + name + "' in SLS '" + sls + "' is not formed as a list");
                    continue;
                }
                int fun = state.contains(".") ? 1 : 0;
                for (Object arg : args) {
                    if (arg instanceof String s) {
                        fun++;
                        if (s.strip().contains(" ")) {
                            errors.add("The function \"" + s + "\" in state \"" + name + "\" in SLS \"" + sls
                                    + "\" has whitespace, a function with whitespace is not supported, perhaps"
                                    + " this is an argument that is missing a \":\"");
                        }
                    } else if (arg instanceof Map<?, ?> m && !m.isEmpty()) {
                        String argFirst = Low.firstKey(m);
                        if (argFirst.equals("names") && !(m.get(argFirst) instanceof List)) {
                            errors.add("The 'names' argument in state '" + name + "' in SLS '" + sls
                                    + "' needs to be formed as a list");
                        }
                        if (List.of("require", "watch", "prereq", "onchanges").contains(argFirst)) {
                            if (!(m.get(argFirst) instanceof List<?> reqList)) {
                                errors.add("The " + argFirst + " statement in state '" + name + "' in SLS '" + sls
                                        + "' needs to be formed as a list");
                            } else {
                                Map<String, String> mine = new LinkedHashMap<>();
                                mine.put("state", state);
                                reqs.put(name, mine);
                                for (Object req : reqList) {
                                    Object r = req instanceof String ? Map.of("id", req) : req;
                                    if (!(r instanceof Map<?, ?> rm) || rm.isEmpty()) {
                                        errors.add("Requisite declaration " + PyRepr.str(req) + " in SLS " + sls
                                                + " is not formed as a single key dictionary");
                                        continue;
                                    }
                                    String reqKey = Low.firstKey(rm);
                                    Object reqVal = rm.get(reqKey);
                                    if (reqKey.contains(".")) {
                                        errors.add("Invalid requisite type '" + reqKey + "' in state '" + name
                                                + "', in SLS '" + sls + "'. Requisite types must not contain dots,"
                                                + " did you mean '" + reqKey.substring(0, reqKey.indexOf('.')) + "'?");
                                    }
                                    if (reqVal instanceof Map || reqVal instanceof List) {
                                        errors.add("Illegal requisite \"" + PyRepr.str(reqVal)
                                                + "\", please check your syntax.\n");
                                        continue;
                                    }
                                    String rv = Low.str(reqVal);
                                    mine.put(rv, reqKey);
                                    Map<String, String> other = reqs.get(rv);
                                    if (other != null && state.equals(other.get(name))
                                            && other.get("state").equals(mine.get(rv))) {
                                        errors.add("A recursive requisite was found, SLS \"" + sls + "\" ID \"" + name
                                                + "\" ID \"" + rv + "\"");
                                    }
                                }
                            }
                            if (m.size() != 1) {
                                errors.add("Multiple dictionaries defined in argument of state '" + name
                                        + "' in SLS '" + sls + "'");
                            }
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
}
