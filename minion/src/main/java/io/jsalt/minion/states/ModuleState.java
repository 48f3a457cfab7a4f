package io.jsalt.minion.states;

import io.jsalt.common.data.Data;
import io.jsalt.common.plugin.Call;
import io.jsalt.common.plugin.CommandExecutionError;
import io.jsalt.common.plugin.Fn;
import io.jsalt.common.plugin.FunctionNotAvailable;
import io.jsalt.common.plugin.InvocationError;
import io.jsalt.common.plugin.StatePlugin;
import io.jsalt.common.state.Low;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Salt's module states (salt/states/module.py): call execution functions from a state.
 * Both syntaxes work: the current one ({@code module.run: [{test.ping: []}]}, each key with
 * a dot a function, its list the arguments) and the legacy one ({@code module.run: [{name:
 * test.ping}]} with {@code m_name} for an argument called name).
 */
public final class ModuleState implements StatePlugin {
    private static final Set<String> LEGACY_RENAMED = Set.of("m_name", "m_fun", "m_state", "m_saltenv", "m_names");

    @Override
    public String name() {
        return "module";
    }

    @Override
    public String doc() {
        return "Execution of Salt modules from within states.";
    }

    @Fn(name = "run", doc = """
            Run one or more execution functions. Each argument whose key is a function (has a dot) is called with its \
            list: plain items as positional arguments, one-key maps as keyword arguments. The legacy form names the \
            function in name (m_name passes an argument called name).""",
            example = """
            restart-networking:
              module.run:
                - service.restart:
                  - name: networking""")
    @Fn(name = "mod_watch", doc = "Called by the watch requisite: module.run.",
            example = """
            reload:
              module.wait:
                - test.ping: []
                - watch:
                  - file: /etc/x""")
    public Object run(Call c) {
        List<String> functions = new ArrayList<>();
        for (String k : c.userKwargs().keySet()) {
            if (k.contains(".")) {
                functions.add(k);
            }
        }
        String name = c.str(0, "name", "");
        if (functions.isEmpty() && name.contains(".")) {
            return legacy(c, name);
        }
        Map<String, Object> ret = new LinkedHashMap<>();
        List<Object> names = new ArrayList<>();
        c.userKwargs().keySet().stream().filter(k -> !k.equals("name") && !k.equals("sfun")).forEach(names::add);
        ret.put("name", names);
        ret.put("changes", new LinkedHashMap<>());
        ret.put("comment", "");
        ret.put("result", null);
        List<String> missing = new ArrayList<>();
        List<String> tests = new ArrayList<>();
        for (String func : functions) {
            String f = func.split(":")[0];
            if (!c.ctx().functions().has(f)) {
                missing.add(f);
            } else if (c.ctx().test()) {
                tests.add(f);
            }
        }
        if (!missing.isEmpty() || !tests.isEmpty()) {
            List<String> parts = new ArrayList<>();
            if (!missing.isEmpty()) {
                parts.add("Unavailable function" + (missing.size() > 1 ? "s" : "") + ": " + String.join(", ", missing) + ".");
            }
            if (!tests.isEmpty()) {
                parts.add("Function" + (tests.size() > 1 ? "s" : "") + " " + String.join(", ", tests) + " to be executed.");
            }
            ret.put("comment", String.join(" ", parts).strip());
            // Test mode reports "would run" as None, jsalt's rule for every state.
            ret.put("result", missing.isEmpty() ? null : Boolean.FALSE);
            return ret;
        }
        List<String> failures = new ArrayList<>();
        List<String> success = new ArrayList<>();
        @SuppressWarnings("unchecked")
        Map<String, Object> changes = (Map<String, Object>) ret.get("changes");
        for (String func : functions) {
            String f = func.split(":")[0];
            try {
                Object funcRet = callFunction(c, f, c.kwargs().get(func));
                if (!result(funcRet)) {
                    if (funcRet instanceof Map<?, ?> m) {
                        failures.add("'" + func + "' failed: " + (m.containsKey("comment") ? Low.str(m.get("comment"))
                                : "(error message N/A)"));
                    }
                    if (Boolean.FALSE.equals(funcRet)) {
                        failures.add("'" + func + "': False");
                    }
                } else {
                    success.add(func + ": " + (funcRet instanceof Map<?, ?> m
                            ? Low.str(m.containsKey("comment") ? m.get("comment") : "Success") : Low.str(funcRet)));
                    changes.put(func, funcRet);
                }
            } catch (InvocationError | Call.InvalidArguments | CommandExecutionError | FunctionNotAvailable e) {
                failures.add("'" + func + "' failed: " + e.getMessage());
            }
        }
        List<String> all = new ArrayList<>(failures);
        all.addAll(success);
        ret.put("comment", String.join(", ", all));
        ret.put("result", failures.isEmpty());
        return ret;
    }

    @Fn(name = "wait", doc = "Run an execution function only when a watched state changes (its mod_watch is module.run).",
            example = """
            reload-config:
              module.wait:
                - service.reload:
                  - name: nginx
                - watch:
                  - file: /etc/nginx/nginx.conf""")
    @Fn(name = "watch", doc = "An alias of module.wait.", example = """
            reload:
              module.watch:
                - test.ping: []
                - watch:
                  - file: /etc/x""")
    public Object wait(Call c) {
        return StateSupport.ret(c.str(0, "name", ""), true, new LinkedHashMap<>(), "");
    }

    private static Object callFunction(Call c, String fun, Object funcArgs) {
        List<Object> args = new ArrayList<>();
        Map<String, Object> kwargs = new LinkedHashMap<>();
        if (!Call.spread(funcArgs, args, kwargs) && funcArgs != null) {
            args.add(funcArgs);
        }
        return c.salt(fun, args, kwargs);
    }

    /** The legacy syntax: {@code name} is the function, m_name/m_fun/... rename arguments. */
    @SuppressWarnings("unchecked")
    private Object legacy(Call c, String name) {
        Map<String, Object> ret = new LinkedHashMap<>();
        ret.put("name", name);
        ret.put("changes", new LinkedHashMap<>());
        ret.put("comment", "");
        ret.put("result", null);
        if (!c.ctx().functions().has(name)) {
            ret.put("comment", "Module function " + name + " is not available");
            ret.put("result", false);
            return ret;
        }
        if (c.ctx().test()) {
            ret.put("comment", "Module function " + name + " is set to execute");
            return ret;
        }
        List<Object> args = new ArrayList<>();
        Map<String, Object> kwargs = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : c.userKwargs().entrySet()) {
            String k = e.getKey();
            if (k.equals("name") || k.equals("sfun") || k.equals("returner")) {
                continue;
            }
            if (LEGACY_RENAMED.contains(k)) {
                kwargs.put(k.substring(2), e.getValue());
            } else if (k.equals("args") || k.equals("varargs")) {
                if (!(e.getValue() instanceof List<?> l)) {
                    ret.put("comment", "'" + k + "' must be a list.");
                    ret.put("result", false);
                    return ret;
                }
                args.addAll(l);
            } else if (k.equals("kwargs")) {
                if (!(e.getValue() instanceof Map<?, ?> m)) {
                    ret.put("comment", "'kwargs' must be a dict.");
                    ret.put("result", false);
                    return ret;
                }
                kwargs.putAll((Map<String, Object>) m);
            } else {
                kwargs.put(k, e.getValue());
            }
        }
        Object mret;
        try {
            mret = c.salt(name, args, kwargs);
        } catch (RuntimeException e) {
            ret.put("comment", "Module function " + name + " threw an exception. Exception: " + e.getMessage());
            ret.put("result", false);
            return ret;
        }
        ((Map<String, Object>) ret.get("changes")).put("ret", mret);
        ret.put("comment", "Module function " + name + " executed");
        ret.put("result", result(mret));
        return ret;
    }

    /** Salt's _get_result: a non-zero retcode, False, or a nested result: False is a failure. */
    static boolean result(Object funcRet) {
        if (funcRet instanceof Map<?, ?> m && m.get("retcode") instanceof Number n && n.longValue() != 0) {
            return false;
        }
        if (funcRet instanceof Boolean b) {
            return b;
        }
        if (funcRet instanceof Map<?, ?> m) {
            if (m.get("result") instanceof Boolean b) {
                return b;
            }
            return dictResult(m);
        }
        return true;
    }

    private static boolean dictResult(Map<?, ?> node) {
        for (Map.Entry<?, ?> e : node.entrySet()) {
            if ("result".equals(e.getKey()) && Boolean.FALSE.equals(e.getValue())) {
                return false;
            }
            if (e.getValue() instanceof Map<?, ?> m && !dictResult(m)) {
                return false;
            }
        }
        return true;
    }
}
