package io.jsalt.common.state;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Salt's reconcile_extend: merges {@code __extend__} bodies into the states they name.
 * A function replaces the function, a requisite list grows, any other argument replaces
 * the argument of the same key (and {@code name} replaces {@code names}); new arguments are
 * appended.
 */
final class Extend {
    private Extend() {}

    /** Salt's find_name: the (id, state) pairs an extend or requisite_in target names. */
    @SuppressWarnings("unchecked")
    static List<String[]> findName(String name, String state, Map<String, Object> high, boolean strict) {
        List<String[]> out = new ArrayList<>();
        boolean check2 = !strict || (high.get(name) instanceof Map<?, ?> m && m.containsKey(state));
        if (high.containsKey(name) && check2) {
            out.add(new String[] {name, state});
        } else if (state.equals("sls")) {
            for (Map.Entry<String, Object> e : high.entrySet()) {
                if (e.getValue() instanceof Map<?, ?> body && name.equals(Low.str(body.get("__sls__")))) {
                    out.add(new String[] {e.getKey(), firstState((Map<String, Object>) body)});
                }
            }
        } else {
            for (Map.Entry<String, Object> e : high.entrySet()) {
                if (!(e.getValue() instanceof Map<?, ?> body) || !(body.get(state) instanceof List<?> args)) {
                    continue;
                }
                for (Object arg : args) {
                    if (arg instanceof Map<?, ?> m && m.size() == 1 && name.equals(Low.str(m.values().iterator().next()))) {
                        out.add(new String[] {e.getKey(), state});
                    }
                }
            }
        }
        return out;
    }

    static String firstState(Map<String, Object> body) {
        for (String k : body.keySet()) {
            if (!k.startsWith("__")) {
                return k;
            }
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    static List<String> reconcile(Map<String, Object> high, boolean strict) {
        List<String> errors = new ArrayList<>();
        Object ext = high.remove("__extend__");
        if (!(ext instanceof List<?> extList)) {
            return errors;
        }
        for (Object extChunk : extList) {
            if (!(extChunk instanceof Map<?, ?> ec)) {
                continue;
            }
            for (Map.Entry<?, ?> entry : ec.entrySet()) {
                String name = String.valueOf(entry.getKey());
                if (!(entry.getValue() instanceof Map<?, ?> rawBody)) {
                    continue;
                }
                Map<String, Object> body = (Map<String, Object>) rawBody;
                String stateType = firstState(body);
                if (stateType == null) {
                    continue;
                }
                if (!(high.get(name) instanceof Map<?, ?> target) || !target.containsKey(stateType)) {
                    List<String[]> ids = findName(name, stateType, high, strict);
                    if (ids.size() != 1) {
                        String env = Low.str(body.getOrDefault("__env__", "base"));
                        String sls = Low.str(body.getOrDefault("__sls__", "base"));
                        errors.add("Cannot extend ID '" + name + "' in '" + env + ":" + sls + "'. It is not "
                                + "part of the high state.\nThis is likely due to a missing include statement "
                                + "or an incorrectly typed ID.\nEnsure that a state with an ID of '" + name
                                + "' is available\nin environment '" + env + "' and to SLS '" + sls + "'");
                        continue;
                    }
                    name = ids.get(0)[0];
                }
                Map<String, Object> targetBody = (Map<String, Object>) high.get(name);
                for (Map.Entry<String, Object> st : body.entrySet()) {
                    String state = st.getKey();
                    if (state.startsWith("__")) {
                        continue;
                    }
                    if (!targetBody.containsKey(state) || !(targetBody.get(state) instanceof List)) {
                        targetBody.put(state, st.getValue());
                        continue;
                    }
                    List<Object> have = (List<Object>) targetBody.get(state);
                    if (!(st.getValue() instanceof List<?> run)) {
                        continue;
                    }
                    for (Object arg : run) {
                        boolean update = false;
                        for (int i = 0; i < have.size(); i++) {
                            Object val = have.get(i);
                            if (arg instanceof String && val instanceof String) {
                                // Replacing the function.
                                have.set(i, arg);
                                update = true;
                                continue;
                            }
                            if (arg instanceof Map<?, ?> am && val instanceof Map<?, ?> vm && !am.isEmpty() && !vm.isEmpty()) {
                                String argFirst = Low.firstKey(am);
                                String valFirst = Low.firstKey(vm);
                                if (argFirst.equals(valFirst)) {
                                    if (Low.REQUISITE_KEYWORDS.contains(argFirst) && vm.get(valFirst) instanceof List<?> l) {
                                        List<Object> grown = new ArrayList<>((List<Object>) l);
                                        Object add = am.get(argFirst);
                                        if (add instanceof List<?> al) {
                                            grown.addAll(al);
                                        } else {
                                            grown.add(add);
                                        }
                                        ((Map<String, Object>) vm).put(valFirst, grown);
                                    } else {
                                        have.set(i, arg);
                                    }
                                    update = true;
                                }
                                if (argFirst.equals("name") && "names".equals(valFirst)) {
                                    // A name given by extend replaces the names list.
                                    have.set(i, arg);
                                }
                            }
                        }
                        if (!update) {
                            have.add(arg);
                        }
                    }
                }
            }
        }
        return errors;
    }
}
