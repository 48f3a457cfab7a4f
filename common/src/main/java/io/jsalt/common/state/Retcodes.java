package io.jsalt.common.state;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** salt.utils.state.check_result and its onfail_stop rule. */
final class Retcodes {
    private Retcodes() {}

    /** True when every state succeeded (or None), or each failure was handled by onfail. */
    static boolean checkResult(Object running, boolean recurse, Map<String, Object> high) {
        if (!(running instanceof Map<?, ?> runMap) || runMap.isEmpty()) {
            return false;
        }
        boolean ret = true;
        for (Map.Entry<?, ?> e : runMap.entrySet()) {
            String stateId = String.valueOf(e.getKey());
            Object stateResult = e.getValue();
            boolean expectList = stateId.equals("__extend__");
            if (!recurse && !(expectList ? stateResult instanceof List : stateResult instanceof Map)) {
                ret = false;
            }
            if (ret && stateResult instanceof Map<?, ?> sr) {
                if (!sr.containsKey("result")) {
                    ret = checkResult(sr, true, high);
                } else if (Boolean.FALSE.equals(sr.get("result"))) {
                    ret = false;
                }
            }
            if (!ret) {
                Boolean handled = onfailHandled(stateId, stateResult, runMap, high);
                ret = handled != null && handled;
            }
            if (!ret) {
                break;
            }
        }
        return ret;
    }

    private static Boolean onfailHandled(String stateId, Object stateResult, Map<?, ?> running, Map<String, Object> high) {
        if (stateResult == null || high == null) {
            return null;
        }
        Boolean nret = null;
        for (String[] handler : searchOnfail(stateId, high)) {
            String fstate = handler[0];
            String mod = handler[1];
            for (Map.Entry<?, ?> r : running.entrySet()) {
                String rid = String.valueOf(r.getKey());
                String[] parts = rid.split("_\\|-", -1);
                String st;
                String id;
                if (parts.length == 4) {
                    st = parts[0];
                    id = parts[1];
                } else {
                    st = mod;
                    id = r.getValue() instanceof Map<?, ?> m && m.get("__id__") != null ? Low.str(m.get("__id__")) : rid;
                }
                if (mod.equals(st) && fstate.equals(id) && r.getValue() instanceof Map<?, ?> rs) {
                    Object of = rs.get("result");
                    if (of instanceof Boolean b) {
                        nret = b;
                    }
                    if (Boolean.FALSE.equals(of)) {
                        break;
                    }
                }
            }
            if (Boolean.FALSE.equals(nret)) {
                break;
            }
        }
        return nret;
    }

    /** States with {@code onfail_stop: False} whose onfail names the failed state. */
    private static List<String[]> searchOnfail(String sid, Map<String, Object> high) {
        List<String[]> out = new ArrayList<>();
        String[] parts = sid.split("_\\|-", -1);
        String id = parts.length == 4 ? parts[1] : sid;
        String state = parts.length == 4 ? parts[0] : null;
        for (Map.Entry<String, Object> f : high.entrySet()) {
            if (f.getKey().equals(id) || !(f.getValue() instanceof Map<?, ?> body)) {
                continue;
            }
            for (Map.Entry<?, ?> decl : body.entrySet()) {
                String mod = String.valueOf(decl.getKey());
                if (mod.startsWith("__") || !(decl.getValue() instanceof List<?> args)) {
                    continue;
                }
                boolean handled = false;
                for (Object a : args) {
                    if (a instanceof Map<?, ?> m) {
                        handled = Boolean.FALSE.equals(m.containsKey("onfail_stop") ? m.get("onfail_stop") : true);
                        if (handled) {
                            break;
                        }
                    }
                }
                if (!handled) {
                    continue;
                }
                for (Object a : args) {
                    if (!(a instanceof Map<?, ?> m) || !(m.get("onfail") instanceof List<?> reqs)) {
                        continue;
                    }
                    for (Object req : reqs) {
                        if (!(req instanceof Map<?, ?> rm)) {
                            continue;
                        }
                        for (Map.Entry<?, ?> kv : rm.entrySet()) {
                            String fmod = String.valueOf(kv.getKey());
                            if (Low.str(kv.getValue()).equals(id) && (state == null || fmod.equals(state))) {
                                out.add(new String[] {f.getKey(), mod});
                            }
                        }
                    }
                }
            }
        }
        return out;
    }
}
