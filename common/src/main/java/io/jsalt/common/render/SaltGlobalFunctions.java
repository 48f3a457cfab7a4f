package io.jsalt.common.render;

import com.hubspot.jinjava.el.ext.NamedParameter;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.util.ScopeMap;
import io.jsalt.common.data.Data;
import io.jsalt.common.match.Matcher;
import io.jsalt.common.match.MinionData;
import io.jsalt.common.match.TargetType;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Salt's Jinja globals that need the render: {@code ifelse} (salt/modules/match.py, a
 * jinja_global since 3006) and {@code show_full_context} (salt/utils/jinja.py).
 */
final class SaltGlobalFunctions {
    private SaltGlobalFunctions() {}

    /**
     * {@code ifelse(tgt1, value1, tgt2, value2, ..., default, tgt_type='compound',
     * minion_id=None, merge=None)}: the value after the first target this minion matches
     * (True matches every minion, False none), else the last argument. Targets are matched
     * against the rendering minion's id, grains and pillar; {@code minion_id} replaces the id.
     */
    @SuppressWarnings("unchecked")
    public static Object ifelse(Object... params) {
        List<Object> args = new ArrayList<>();
        Map<String, Object> kwargs = new LinkedHashMap<>();
        for (Object p : params == null ? new Object[0] : params) {
            Undefined.check(p);
            if (p instanceof NamedParameter np) {
                kwargs.put(np.getName(), PyValues.toData(np.getValue()));
            } else {
                args.add(p);
            }
        }
        if (args.size() % 2 == 0) {
            throw new RenderErrors.TemplateProblem("The ifelse function must have an odd number of arguments!");
        }
        RenderContext ctx = SaltInterpreter.state(JinjavaInterpreter.getCurrent()).ctx();
        Object id = kwargs.get("minion_id");
        if (id == null) {
            id = ctx.grains().get("id") != null ? ctx.grains().get("id") : ctx.opts().get("id");
        }
        MinionData minion = new MinionData(String.valueOf(id), ctx.grains(), ctx.pillar());
        Object nodegroups = ctx.opts().get("nodegroups");
        Matcher matcher = new Matcher(nodegroups instanceof Map<?, ?> m ? (Map<String, ?>) m : Map.of());
        TargetType type = TargetType.fromSalt(String.valueOf(kwargs.getOrDefault("tgt_type", "compound")));
        for (int i = 0; i + 1 < args.size(); i += 2) {
            Object key = PyValues.unwrap(args.get(i));
            boolean hit = key instanceof Boolean b ? b : matcher.matches(PyValues.str(key), type, minion);
            if (hit) {
                return merged(args.get(i + 1), kwargs.get("merge"));
            }
        }
        return args.get(args.size() - 1);
    }

    /** filter_by's merge: a dict merged over the matched value (salt/utils/dictupdate.py update). */
    @SuppressWarnings("unchecked")
    private static Object merged(Object value, Object merge) {
        if (merge == null || !Data.truthy(merge)) {
            return value;
        }
        if (!(merge instanceof Map)) {
            throw new RenderErrors.TemplateProblem("filter_by merge argument must be a dictionary.");
        }
        Object v = PyValues.toData(value);
        if (v == null) {
            return merge;
        }
        return v instanceof Map ? Data.deepMerge((Map<String, Object>) v, (Map<String, Object>) merge) : v;
    }

    /**
     * {@code show_full_context()}: the template's variables as a dict, inner scopes over
     * outer ones, with what is not plain data as its repr (salt.utils.data.simple_types_filter).
     */
    public static Object showFullContext() {
        Deque<ScopeMap<String, Object>> scopes = new ArrayDeque<>();
        for (ScopeMap<String, Object> c = JinjavaInterpreter.getCurrent().getContext(); c != null; c = c.getParent()) {
            scopes.push(c);
        }
        Map<Object, Object> out = new LinkedHashMap<>();
        for (ScopeMap<String, Object> c : scopes) {
            for (Map.Entry<String, Object> e : c.getScope().entrySet()) {
                if (!e.getKey().startsWith("__") && !e.getKey().contains(":")) {
                    out.put(e.getKey(), simple(e.getValue()));
                }
            }
        }
        return out;
    }

    private static Object simple(Object v) {
        Object u = v instanceof Undefined ? v : PyValues.unwrap(v);
        if (u == null || u instanceof String || u instanceof Number || u instanceof Boolean) {
            return u;
        }
        if (u instanceof Map<?, ?> m) {
            Map<Object, Object> out = new LinkedHashMap<>();
            m.forEach((k, x) -> out.put(k, simple(x)));
            return out;
        }
        if (u instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(x -> out.add(simple(x)));
            return out;
        }
        return PyValues.str(u);
    }
}
