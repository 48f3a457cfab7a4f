package io.jsalt.minion.states;

import io.jsalt.common.data.Data;
import io.jsalt.common.data.Yaml;
import io.jsalt.common.files.FileClient;
import io.jsalt.common.plugin.Call;
import io.jsalt.common.plugin.CommandExecutionError;
import io.jsalt.common.plugin.Fn;
import io.jsalt.common.plugin.InvocationError;
import io.jsalt.common.plugin.StatePlugin;
import io.jsalt.common.state.Env;
import io.jsalt.common.state.Low;
import io.jsalt.minion.modules.Shlex;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Salt's cmd states (salt/states/cmd.py): run a command each time ({@code cmd.run}), only
 * when watched states change ({@code cmd.wait}), or a script fetched from salt://
 * ({@code cmd.script}). onlyif / unless / creates are handled by the state engine for every
 * state; the command runs through the shell with {@code cmd.run_all}.
 */
public final class CmdState implements StatePlugin {
    /** State arguments that are not cmd.run_all options. */
    private static final Set<String> STATE_ONLY = Set.of("name", "stateful", "ignore_timeout", "sfun", "source",
            "template", "args", "defaults", "context", "password");
    private static final String RUN_DOC = """
            Run a command if certain circumstances are met (onlyif, unless, creates, requisites). Use cmd.run with \
            onchanges instead of cmd.wait.

            name
                The command to execute.
            cwd
                The directory to run in.
            runas
                Run as this user.
            shell
                The shell to use (default: the shell grain).
            env
                A dict (or list of one-key dicts) of environment variables.
            stateful
                The command reports its own changes (JSON object, or a last line of name=value pairs with changed=yes|no
                and comment=...).
            timeout
                Seconds before the command is killed.
            ignore_timeout
                A timed-out command counts as success.
            success_retcodes
                Exit codes that count as success.""";

    @Override
    public String name() {
        return "cmd";
    }

    @Override
    public String doc() {
        return "Execution of arbitrary commands: run, wait for a watch, run a script from salt://.";
    }

    @Fn(doc = RUN_DOC, example = """
            getpip:
              cmd.run:
                - name: /usr/bin/python /usr/local/sbin/get-pip.py
                - unless: which pip""")
    public Object run(Call c) {
        String name = c.requiredStr(0, "name");
        Map<String, Object> ret = StateSupport.ret(name, false, new LinkedHashMap<>(), "");
        Object stateful = c.kwargs().get("stateful");
        String testName = testName(stateful);
        boolean isStateful = testName != null || Boolean.TRUE.equals(stateful);
        if (c.ctx().test() && testName != null) {
            name = testName;
        }
        Map<String, Object> refused = refused(c, ret, "Command \"" + name + "\" would have been executed", testName,
                isStateful);
        if (refused != null) {
            return refused;
        }
        Map<String, Object> all;
        try {
            all = runAll(c, name);
        } catch (CommandExecutionError | InvocationError e) {
            ret.put("comment", e.getMessage());
            return ret;
        }
        ret.put("changes", all);
        ret.put("result", Data.truthy(all.get("retcode")) ? Boolean.FALSE : Boolean.TRUE);
        ret.put("comment", "Command \"" + name + "\" run");
        if (c.bool(-1, "ignore_timeout", false) && Long.valueOf(1).equals(all.get("retcode"))
                && Low.str(all.get("stdout")).contains("Timed out after")) {
            all.put("retcode", 0L);
            ret.put("result", true);
        }
        if (isStateful) {
            ret = reinterpreted(ret);
        }
        if (c.ctx().test() && Long.valueOf(0).equals(all.get("retcode")) && Data.truthy(ret.get("changes"))) {
            ret.put("result", null);
        }
        return ret;
    }

    /** The states that wait for a watched state's changes: they do nothing, their mod_watch runs. */
    @Fn(name = "wait", doc = """
            Run the command only when a watched state changes (its mod_watch runs it); otherwise do nothing. Same \
            arguments as cmd.run.""",
            example = """
            /usr/local/bin/postinstall.sh:
              cmd.wait:
                - watch:
                  - pkg: mycustompkg""")
    @Fn(name = "watch", doc = "An alias of cmd.wait.", example = """
            restart-app:
              cmd.watch:
                - name: /usr/local/bin/restart-app
                - watch:
                  - file: /etc/app.conf""")
    @Fn(name = "wait_script", doc = "Like cmd.script, but only when a watched state changes.",
            example = """
            salt://scripts/foo.sh:
              cmd.wait_script:
                - watch:
                  - file: /etc/foo.conf""")
    public Object wait(Call c) {
        return StateSupport.ret(c.requiredStr(0, "name"), true, new LinkedHashMap<>(), "");
    }

    @Fn(doc = """
            Download a script (salt:// or a local path) and run it with the shell.

            name
                The script, optionally followed by its arguments, or a name when source is given.
            source
                Where the script comes from (default: name).
            args
                Arguments for the script.
            cwd, runas, shell, env, timeout, stateful, success_retcodes
                As for cmd.run.""",
            example = """
            salt://scripts/foo.sh:
              cmd.script:
                - args: --verbose
                - creates: /etc/foo.done""")
    public Object script(Call c) {
        String name = c.requiredStr(0, "name");
        Object stateful = c.kwargs().get("stateful");
        String testName = testName(stateful);
        boolean isStateful = testName != null || Boolean.TRUE.equals(stateful);
        if (c.ctx().test() && testName != null) {
            name = testName;
        }
        Map<String, Object> ret = StateSupport.ret(name, false, new LinkedHashMap<>(), "");
        Map<String, Object> refused = refused(c, ret, "Command '" + name + "' would have been executed", testName,
                isStateful);
        if (refused != null) {
            return refused;
        }
        String source = c.str(-1, "source", null);
        if (source == null) {
            source = name;
        }
        String args = c.str(-1, "args", null);
        if ((args == null || args.isEmpty()) && name.trim().split("\\s+").length > 1) {
            args = name.split(" ", 2)[1];
        }
        if (source.equals(name) && name.contains(" ")) {
            source = name.split(" ", 2)[0];
        }
        String saltenv = c.str(-1, "saltenv", c.str(-1, "__env__", "base"));
        Optional<Path> cached = fetch(c, source, saltenv);
        Map<String, Object> all;
        if (cached.isEmpty()) {
            all = new LinkedHashMap<>();
            all.put("pid", 0L);
            all.put("retcode", 1L);
            all.put("stdout", "");
            all.put("stderr", "");
            all.put("cache_error", true);
        } else {
            Path tmp = null;
            try {
                tmp = Files.createTempFile("jsalt-script-", "");
                Files.copy(cached.get(), tmp, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwx------"));
                String runas = c.str(-1, "runas", null);
                if (runas != null && !runas.isEmpty()) {
                    // The script runs as another user, who must be able to read it.
                    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
                }
                String cmd = "'" + tmp.toString().replace("'", "'\"'\"'") + "'" + (args == null || args.isEmpty() ? "" : " " + args);
                all = runAll(c, cmd);
            } catch (IOException e) {
                ret.put("comment", "Unable to run script " + source + ": " + e.getMessage());
                return ret;
            } catch (CommandExecutionError | InvocationError e) {
                ret.put("comment", e.getMessage());
                return ret;
            } finally {
                if (tmp != null) {
                    try {
                        Files.deleteIfExists(tmp);
                    } catch (IOException ignored) {
                        // A leftover temp file is harmless.
                    }
                }
            }
        }
        ret.put("changes", all);
        ret.put("result", Data.truthy(all.get("retcode")) ? Boolean.FALSE : Boolean.TRUE);
        if (Data.truthy(all.get("cache_error"))) {
            ret.put("comment", "Unable to cache script " + source + " from saltenv '" + saltenv + "'");
        } else {
            ret.put("comment", "Command '" + name + "' run");
        }
        if (isStateful) {
            ret = reinterpreted(ret);
        }
        if (c.ctx().test() && Long.valueOf(0).equals(all.get("retcode")) && Data.truthy(ret.get("changes"))) {
            ret.put("result", null);
        }
        return ret;
    }

    @Fn(doc = "Called by the watch requisite: runs cmd.wait / cmd.run / cmd.wait_script / cmd.script.",
            example = """
            run-on-change:
              cmd.wait:
                - name: echo changed
                - watch:
                  - file: /etc/x""")
    public Object mod_watch(Call c) {
        String sfun = c.str(-1, "sfun", "");
        switch (sfun) {
            case "wait", "run", "watch" -> {
                return run(c);
            }
            case "wait_script", "script" -> {
                return script(c);
            }
            default -> {
                Map<String, Object> r = StateSupport.ret(c.requiredStr(0, "name"), false, new LinkedHashMap<>(),
                        "cmd." + sfun + " does not work with the watch requisite, please use cmd.wait or cmd.wait_script");
                return r;
            }
        }
    }

    /**
     * The checks cmd.run and cmd.script make before running anything, in Salt's order
     * (salt/states/cmd.py repeats them in both): a malformed env, then in test mode the
     * "would have been executed" answer, then a missing cwd. Null when the command may run.
     */
    private static Map<String, Object> refused(Call c, Map<String, Object> ret, String wouldRun, String testName,
                                               boolean isStateful) {
        Object env = c.kwargs().get("env");
        if (env != null && !(env instanceof List || env instanceof Map)) {
            ret.put("comment", "Invalidly-formatted 'env' parameter. See documentation.");
            return ret;
        }
        if (c.ctx().test() && testName == null) {
            ret.put("result", null);
            ret.put("comment", wouldRun);
            return isStateful ? reinterpreted(ret) : ret;
        }
        String cwd = c.str(-1, "cwd", null);
        if (cwd != null && !cwd.isEmpty() && !Files.isDirectory(Path.of(cwd))) {
            ret.put("comment", "Desired working directory \"" + cwd + "\" is not available");
            return ret;
        }
        return null;
    }

    /** cmd.run_all through the shell with the state's options. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> runAll(Call c, String cmd) {
        Map<String, Object> kw = new LinkedHashMap<>();
        c.userKwargs().forEach((k, v) -> {
            if (!STATE_ONLY.contains(k)) {
                kw.put(k, v);
            }
        });
        if (kw.get("env") != null) {
            kw.put("env", Env.repack(kw.get("env")));
        }
        if (kw.get("shell") == null) {
            Object shell = c.ctx().grains().get("shell");
            if (shell != null) {
                kw.put("shell", shell);
            } else {
                kw.remove("shell");
            }
        }
        kw.values().removeIf(v -> v == null);
        kw.put("python_shell", true);
        Object out = c.salt("cmd.run_all", new ArrayList<>(List.of(cmd)), kw);
        return new LinkedHashMap<>((Map<String, Object>) out);
    }

    private static Optional<Path> fetch(Call c, String source, String saltenv) {
        if (source.startsWith("salt://")) {
            Optional<FileClient> fc = c.ctx().services().find(FileClient.class);
            return fc.isEmpty() ? Optional.empty() : fc.get().cacheFile(source, saltenv);
        }
        Path p = Path.of(source.startsWith("file://") ? source.substring(7) : source);
        return Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
    }

    /** stateful: [{test_name: ...}] gives the command to run in test mode. */
    private static String testName(Object stateful) {
        if (stateful instanceof List<?> l && !l.isEmpty() && l.get(0) instanceof Map<?, ?> m
                && m.containsKey("test_name")) {
            return Low.str(m.get("test_name"));
        }
        return null;
    }

    /**
     * Salt's _reinterpreted_state: a stateful command's stdout (a JSON object, or a last line
     * of name=value pairs) says whether it changed anything and what to comment.
     */
    @SuppressWarnings("unchecked")
    static Map<String, Object> reinterpreted(Map<String, Object> state) {
        Map<String, Object> ret = (Map<String, Object>) state.get("changes");
        state.put("changes", new LinkedHashMap<>());
        state.put("comment", "");
        String out = ret == null ? null : (String) ret.get("stdout");
        if (out == null || out.isEmpty()) {
            if (ret != null && Data.truthy(ret.get("stderr"))) {
                state.put("comment", ret.get("stderr"));
            }
            return state;
        }
        boolean isJson = false;
        Map<String, Object> data = new LinkedHashMap<>();
        int idx = -1;
        Object parsed = null;
        String trimmed = out.trim();
        if (trimmed.startsWith("{") || trimmed.startsWith("[") || trimmed.startsWith("\"")) {
            try {
                parsed = Yaml.load(trimmed, "stdout");
            } catch (RuntimeException e) {
                parsed = null;
            }
        }
        if (parsed != null) {
            if (!(parsed instanceof Map)) {
                state.put("comment", "script JSON output must be a JSON object (e.g., {})!");
                state.put("result", false);
                return state;
            }
            data.putAll((Map<String, Object>) parsed);
            isJson = true;
        } else {
            idx = out.stripTrailing().lastIndexOf('\n');
            String last = idx != -1 ? out.substring(idx + 1) : out;
            try {
                for (String item : Shlex.split(last)) {
                    String[] kv = item.split("=", -1);
                    if (kv.length != 2) {
                        throw new IllegalArgumentException(item);
                    }
                    data.put(kv[0], kv[1]);
                }
            } catch (RuntimeException e) {
                state.put("comment", "Failed parsing script output! Stdout must be JSON or a line of name=value pairs.");
                state.put("result", false);
                ((Map<String, Object>) state.get("changes")).putAll(ret);
                return state;
            }
        }
        boolean changed;
        Object ch = data.getOrDefault("changed", "no");
        String chs = Low.str(ch).toLowerCase();
        if (Data.truthy(ch) && List.of("true", "yes", "1").contains(chs)) {
            changed = true;
        } else if (List.of("false", "no", "0").contains(chs)) {
            changed = false;
        } else {
            state.put("comment", "Failed parsing boolean value: " + Low.str(ch));
            state.put("result", false);
            return state;
        }
        if (data.containsKey("comment")) {
            state.put("comment", data.remove("comment"));
        }
        if (changed) {
            for (Map.Entry<String, Object> e : ret.entrySet()) {
                data.putIfAbsent(e.getKey(), e.getValue());
            }
            String stdout = Low.str(data.getOrDefault("stdout", ""));
            data.put("stdout", isJson ? "" : idx == -1 ? "" : stdout.substring(0, Math.min(idx, stdout.length())));
            state.put("changes", data);
        }
        return state;
    }
}
