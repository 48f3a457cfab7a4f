package io.jsalt.common.state;

import io.jsalt.common.plugin.CommandExecutionError;
import io.jsalt.common.plugin.Functions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Salt's State._run_check: {@code onlyif}, {@code unless} and {@code creates} on any state,
 * and {@code check_cmd}. Commands run through the shell with {@code cmd.retcode}; a map
 * entry ({@code fun: file.file_exists, args: [...]}) calls that execution function and
 * uses its truth.
 */
final class RunChecks {
    private static final List<String> CMD_ARGS = List.of(
            "cwd", "root", "runas", "env", "prepend_path", "umask", "timeout", "success_retcodes");

    private final Functions exec;
    private final Map<String, Object> grains;

    RunChecks(Functions exec, Map<String, Object> grains) {
        this.exec = exec;
        this.grains = grains;
    }

    static boolean wanted(Map<String, Object> low) {
        return low.containsKey("onlyif") || low.containsKey("unless") || low.containsKey("creates");
    }

    /** result true means "do not run the state"; comment is a list joined later. */
    Map<String, Object> check(Map<String, Object> low) {
        Map<String, Object> ret = new LinkedHashMap<>();
        ret.put("result", false);
        List<Object> comments = new ArrayList<>();
        ret.put("comment", comments);
        Map<String, Object> cmdOpts = cmdOpts(low);
        if (low.containsKey("onlyif")) {
            Map<String, Object> r = onlyif(low.get("onlyif"), cmdOpts);
            ret.put("result", r.get("result"));
            comments.add(r.get("comment"));
            if (r.containsKey("skip_watch")) {
                ret.put("skip_watch", r.get("skip_watch"));
            }
        }
        if (low.containsKey("unless")) {
            Map<String, Object> r = unless(low.get("unless"), cmdOpts);
            ret.put("result", Boolean.TRUE.equals(r.get("result")) || Boolean.TRUE.equals(ret.get("result")));
            comments.add(r.get("comment"));
            if (r.containsKey("skip_watch")) {
                ret.put("skip_watch", Boolean.TRUE.equals(r.get("skip_watch")) || Boolean.TRUE.equals(ret.get("skip_watch")));
            }
        }
        if (low.containsKey("creates")) {
            Map<String, Object> r = creates(low.get("creates"));
            ret.put("result", Boolean.TRUE.equals(r.get("result")) || Boolean.TRUE.equals(ret.get("result")));
            comments.add(r.get("comment"));
            if (r.containsKey("skip_watch")) {
                ret.put("skip_watch", Boolean.TRUE.equals(r.get("skip_watch")) || Boolean.TRUE.equals(ret.get("skip_watch")));
            }
        }
        return ret;
    }

    private Map<String, Object> cmdOpts(Map<String, Object> low) {
        Map<String, Object> opts = new LinkedHashMap<>();
        for (String k : CMD_ARGS) {
            if (low.get(k) != null) {
                opts.put(k, k.equals("env") ? Env.repack(low.get(k)) : low.get(k));
            }
        }
        Object shell = low.containsKey("shell") ? low.get("shell") : grains.get("shell");
        if (shell != null && !"/sbin/nologin".equals(shell)) {
            opts.put("shell", shell);
        }
        return opts;
    }

    private Map<String, Object> onlyif(Object spec, Map<String, Object> cmdOpts) {
        Map<String, Object> ret = new LinkedHashMap<>();
        ret.put("result", false);
        for (Object entry : asList(spec)) {
            Boolean holds = holds(entry, "onlyif", ret, cmdOpts, false);
            if (holds == null) {
                if (!(entry instanceof Map)) {
                    isFalse(ret, "onlyif execution failed, bad type passed");
                }
                return ret;
            }
            if (!holds) {
                skip(ret, "onlyif condition is false");
                return ret;
            }
            isFalse(ret, "onlyif condition is true");
        }
        return ret;
    }

    /**
     * One onlyif or unless entry, as Salt's _run_check_onlyif and _run_check_unless read it
     * (salt/state.py): whether its command exits 0 or its function call returns something true.
     * Null when it is neither; a function call without {@code fun} is then reported in ret.
     */
    private Boolean holds(Object entry, String kind, Map<String, Object> ret, Map<String, Object> cmdOpts,
            boolean ifUnrunnable) {
        if (entry instanceof String cmd) {
            return exitsZero(cmd, cmdOpts, ifUnrunnable);
        }
        if (entry instanceof Map<?, ?> m) {
            if (!m.containsKey("fun")) {
                ret.put("comment", "no `fun` argument in " + kind + ": " + Low.str(m));
                return null;
            }
            return io.jsalt.common.data.Data.truthy(callFunction(m));
        }
        return null;
    }

    /**
     * Whether the command exits 0. A command that cannot run at all counts as ifUnrunnable:
     * Salt treats it as a failing onlyif (false) and a passing unless (true).
     */
    private boolean exitsZero(String cmd, Map<String, Object> cmdOpts, boolean ifUnrunnable) {
        try {
            return retcode(cmd, cmdOpts) == 0;
        } catch (CommandExecutionError e) {
            return ifUnrunnable;
        }
    }

    private Map<String, Object> unless(Object spec, Map<String, Object> cmdOpts) {
        Map<String, Object> ret = new LinkedHashMap<>();
        ret.put("result", false);
        for (Object entry : asList(spec)) {
            Boolean holds = holds(entry, "unless", ret, cmdOpts, true);
            if (holds == null) {
                if (entry instanceof Map) {
                    return ret;
                }
                // Salt goes on to the next entry after a bad one.
                isFalse(ret, "unless condition is false, bad type passed");
            } else if (holds) {
                skip(ret, "unless condition is true");
            } else {
                if (entry instanceof String) {
                    // Only Salt's command branch drops the skip_watch an earlier entry set.
                    ret.remove("skip_watch");
                }
                isFalse(ret, "unless condition is false");
                return ret;
            }
        }
        return ret;
    }

    private static Map<String, Object> creates(Object spec) {
        Map<String, Object> ret = new LinkedHashMap<>();
        if (spec instanceof String s && Files.exists(Path.of(s))) {
            ret.put("comment", s + " exists");
            ret.put("result", true);
            ret.put("skip_watch", true);
        } else if (spec instanceof List<?> l && l.stream().allMatch(p -> Files.exists(Path.of(Low.str(p))))) {
            ret.put("comment", "All files in creates exist");
            ret.put("result", true);
            ret.put("skip_watch", true);
        } else {
            isFalse(ret, "Creates files not found");
        }
        return ret;
    }

    /** Salt's _run_check_cmd: every command must exit 0 for the state to count as passed. */
    Map<String, Object> checkCmd(Object spec) {
        Map<String, Object> ret = new LinkedHashMap<>();
        ret.put("result", false);
        Map<String, Object> opts = new LinkedHashMap<>();
        if (grains.get("shell") != null) {
            opts.put("shell", grains.get("shell"));
        }
        for (Object entry : asList(spec)) {
            long rc = retcode(Low.str(entry), opts);
            if (rc == 0 && Boolean.FALSE.equals(ret.get("result"))) {
                ret.put("comment", "check_cmd determined the state succeeded");
                ret.put("result", true);
            } else if (rc != 0) {
                isFalse(ret, "check_cmd determined the state failed");
                return ret;
            }
        }
        return ret;
    }

    private long retcode(String cmd, Map<String, Object> cmdOpts) {
        if (exec == null) {
            throw new CommandExecutionError("cmd.retcode is not available");
        }
        Map<String, Object> kw = new LinkedHashMap<>(cmdOpts);
        kw.put("ignore_retcode", true);
        kw.put("python_shell", true);
        Object rc = exec.call("cmd.retcode", List.of(cmd), kw);
        return rc instanceof Number n ? n.longValue() : 1;
    }

    private Object callFunction(Map<?, ?> entry) {
        Map<String, Object> kw = new LinkedHashMap<>();
        entry.forEach((k, v) -> kw.put(String.valueOf(k), v));
        String fun = Low.str(kw.remove("fun"));
        Object getReturn = kw.remove("get_return");
        Object args = kw.remove("args");
        List<Object> a = args instanceof List<?> l ? new ArrayList<>(l) : new ArrayList<>();
        Object result = exec.call(fun, a, kw);
        if (getReturn != null) {
            result = io.jsalt.common.data.Data.get(result, Low.str(getReturn), null);
        }
        return result;
    }

    /**
     * The check comes out false with this comment: for onlyif, unless and creates that means
     * the state runs, for check_cmd that the state failed.
     */
    private static void isFalse(Map<String, Object> ret, String comment) {
        ret.put("comment", comment);
        ret.put("result", false);
    }

    private static void skip(Map<String, Object> ret, String comment) {
        ret.put("comment", comment);
        ret.put("skip_watch", true);
        ret.put("result", true);
    }

    private static List<?> asList(Object spec) {
        return spec instanceof List<?> l ? l : List.of(spec == null ? "" : spec);
    }
}
