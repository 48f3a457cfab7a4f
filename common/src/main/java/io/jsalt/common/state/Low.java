package io.jsalt.common.state;

import io.jsalt.common.py.Fnmatch;
import io.jsalt.common.py.PyRepr;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * Helpers for low chunks, the flat maps the compiler makes from high data (Salt's low
 * data: {@code state}, {@code fun}, {@code name}, {@code __id__}, {@code __sls__},
 * {@code __env__}, {@code order} and the state's arguments), and Salt's keyword lists.
 */
public final class Low {
    private Low() {}

    /** Requisites a state can declare (salt.state STATE_REQUISITE_KEYWORDS). */
    public static final Set<String> REQUISITE_KEYWORDS = Set.of(
            "onchanges", "onchanges_any", "onfail", "onfail_any", "onfail_all", "onfail_stop",
            "prereq", "prerequired", "watch", "watch_any", "require", "require_any", "listen");

    /** The _in forms (salt.state STATE_REQUISITE_IN_KEYWORDS). */
    public static final Set<String> REQUISITE_IN_KEYWORDS = Set.of(
            "onchanges_in", "onfail_in", "prereq_in", "watch_in", "require_in", "listen_in");

    /** Keys the engine reads itself and never hands to a state function. */
    public static final Set<String> RUNTIME_KEYWORDS = Set.of(
            "fun", "state", "check_cmd", "failhard", "onlyif", "unless", "creates", "retry", "order",
            "parallel", "prereq", "prereq_in", "prerequired", "reload_modules", "force_reload_modules", "reload_grains",
            "reload_pillar", "runas_password", "fire_event", "saltenv", "use", "use_in", "__env__",
            "__sls__", "__id__", "__orchestration_jid__", "__pub_user", "__pub_arg", "__pub_jid",
            "__pub_fun", "__pub_tgt", "__pub_ret", "__pub_pid", "__pub_tgt_type", "__prereq__",
            "__prerequired__", "__agg__", "__run_num__", "name_order", "__sls_included_from__");

    private static final Map<String, Predicate<String>> GLOBS = new ConcurrentHashMap<>();

    /** Salt's _gen_tag: {@code state_|-id_|-name_|-fun}, the key of a state's return. */
    public static String tag(Map<String, Object> low) {
        return str(low.get("state")) + "_|-" + str(low.get("__id__")) + "_|-" + str(low.get("name"))
                + "_|-" + str(low.get("fun"));
    }

    /** Python's str() of a value, as Salt formats names into tags and messages. */
    public static String str(Object o) {
        return PyRepr.str(o);
    }

    /** Python's fnmatch.fnmatch (case-sensitive, as on POSIX). */
    public static boolean fnmatch(Object value, Object pattern) {
        if (value == null || pattern == null) {
            return false;
        }
        String p = str(pattern);
        return GLOBS.computeIfAbsent(p, Fnmatch::compile).test(str(value));
    }

    /** The one key of a single-key map (Salt's next(iter(d))), or null. */
    public static String firstKey(Map<?, ?> m) {
        for (Object k : m.keySet()) {
            return String.valueOf(k);
        }
        return null;
    }

    /**
     * Salt's trim_req: a requisite written {@code file.managed: x} is the same as
     * {@code file: x}; a bare string means {@code id: x}.
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> trimReq(Object req) {
        if (!(req instanceof Map)) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", req);
            return m;
        }
        Map<String, Object> m = (Map<String, Object>) req;
        String first = firstKey(m);
        if (first != null && first.contains(".")) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put(first.substring(0, first.indexOf('.')), m.get(first));
            return out;
        }
        return m;
    }

    /** The requisite list of a chunk, or an empty list; a single value is one requisite. */
    @SuppressWarnings("unchecked")
    static List<Object> reqList(Map<String, Object> low, String key) {
        Object v = low.get(key);
        if (v instanceof List) {
            return (List<Object>) v;
        }
        if (v == null) {
            return List.of();
        }
        return List.of(v);
    }
}
