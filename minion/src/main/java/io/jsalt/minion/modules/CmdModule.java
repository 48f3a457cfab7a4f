package io.jsalt.minion.modules;

import io.jsalt.common.plugin.Call;
import io.jsalt.common.plugin.CommandExecutionError;
import io.jsalt.common.plugin.Context;
import io.jsalt.common.plugin.ExecutionPlugin;
import io.jsalt.common.plugin.Fn;
import io.jsalt.common.plugin.InvocationError;
import io.jsalt.common.py.PyRepr;
import io.jsalt.minion.grains.Passwd;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Salt's cmd module (cmdmod): run shell commands. From the command line (a published job,
 * marked by {@code __pub_*} keyword arguments) commands run through the shell as Salt's
 * python_shell default does; calls from other modules and templates are split shlex-style
 * and run without a shell unless python_shell=True.
 */
public final class CmdModule implements ExecutionPlugin {
    private static final String[] LOCALE_VARS = {"LC_CTYPE", "LC_NUMERIC", "LC_TIME", "LC_COLLATE",
        "LC_MONETARY", "LC_MESSAGES", "LC_PAPER", "LC_NAME", "LC_ADDRESS", "LC_TELEPHONE",
        "LC_MEASUREMENT", "LC_IDENTIFICATION", "LANGUAGE"};
    private static final String OPTIONS = """


            Options (keyword arguments):
            cwd
                Directory to run in (default: the runas user's home, else the minion's).
            stdin
                Text fed to the command's standard input ('\\n' becomes a newline).
            runas
                Run as this user (runuser; the minion must be root). group: with this group.
            shell
                Shell to use (default: $SHELL of the minion, else /bin/sh).
            python_shell
                True: run through the shell (pipes, redirection). Default: True from
                the command line, False from other modules and templates.
            env
                Dictionary of environment variables to set. clean_env: only those.
            prepend_path
                Directory prepended to PATH.
            timeout
                Seconds before the command and all its children are killed.
            rstrip
                Strip trailing whitespace from the output (default True).
            ignore_retcode
                Do not set the job's return code from the command's.
            success_retcodes
                Exit codes that count as success (0).
            raise_err
                Fail the call when the command exits non-zero.
            reset_system_locale
                Set LC_* to C unless given in env (default True).
            output_loglevel, hide_output, saltenv
                Accepted for compatibility.""";

    @Override
    public String name() {
        return "cmd";
    }

    @Override
    public String doc() {
        return "A module for shelling out: run commands, get their output and exit status.";
    }

    @Override
    public String unavailableReason(Context ctx) {
        return new File("/bin/sh").canExecute() ? null : "/bin/sh is not available";
    }

    @Fn(doc = """
            Execute the passed command and return its output (stdout and stderr together) as a string. The job's \
            return code is the command's exit status.""" + OPTIONS,
            example = "jsalt '*' cmd.run \"ls -l | awk '/foo/{print \\$2}'\"")
    public Object run(Call c) {
        return execute(c, pythonShellDefault(c), true).stdout();
    }

    @Fn(doc = """
            Execute a command through the shell and return its output; cmd.run with python_shell=True.""" + OPTIONS,
            example = "jsalt '*' cmd.shell \"ls -l | awk '/foo/{print \\$2}'\"")
    public Object shell(Call c) {
        return execute(c, true, true).stdout();
    }

    @Fn(doc = """
            Execute the passed command and return a dict with pid, retcode, stdout and stderr.

            redirect_stderr
                Merge stderr into stdout (default False).""" + OPTIONS,
            example = "jsalt '*' cmd.run_all \"ls -l | awk '/foo/{print \\$2}'\"")
    public Object run_all(Call c) {
        Outcome o = execute(c, pythonShellDefault(c), c.bool(-1, "redirect_stderr", false));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("pid", o.pid());
        out.put("retcode", (long) o.retcode());
        out.put("stdout", o.stdout());
        out.put("stderr", o.stderr());
        return out;
    }

    @Fn(doc = "Execute a command and return only its standard output." + OPTIONS,
            example = "jsalt '*' cmd.run_stdout \"ls -l | awk '/foo/{print \\$2}'\"")
    public Object run_stdout(Call c) {
        return execute(c, pythonShellDefault(c), false).stdout();
    }

    @Fn(doc = "Execute a command and return only its standard error." + OPTIONS,
            example = "jsalt '*' cmd.run_stderr \"ls -l | awk '/foo/{print \\$2}'\"")
    public Object run_stderr(Call c) {
        return execute(c, pythonShellDefault(c), false).stderr();
    }

    @Fn(doc = "Execute a command and return its exit status only." + OPTIONS,
            example = "jsalt '*' cmd.retcode \"file /bin/bash\"")
    public Object retcode(Call c) {
        return (long) execute(c, pythonShellDefault(c), true).retcode();
    }

    @Fn(doc = "Return the full path of an executable found on the minion's PATH, or None.",
            example = "jsalt '*' cmd.which cat")
    public Object which(Call c) {
        return which(c.requiredStr(0, "cmd"), System.getenv("PATH"));
    }

    @Fn(doc = "True when the executable is found on the minion's PATH (or is an executable path).",
            example = "jsalt '*' cmd.has_exec cat")
    public Object has_exec(Call c) {
        return which(c.requiredStr(0, "cmd"), System.getenv("PATH")) != null;
    }

    /** The result as cmd.* report it, after success_retcodes. */
    record Outcome(long pid, int retcode, String stdout, String stderr) {}

    /**
     * Salt's _python_shell_default: a published job (it carries __pub_jid) runs through the
     * shell; so does everything when the minion sets cmd_safe: False.
     */
    private static boolean pythonShellDefault(Call c) {
        Object explicit = c.kwargs().get("python_shell");
        if (explicit != null) {
            return c.bool(-1, "python_shell", false);
        }
        boolean published = c.kwargs().containsKey("__pub_jid") || c.kwargs().containsKey("__pub_fun");
        return published || Boolean.FALSE.equals(c.ctx().opts().get("cmd_safe"));
    }

    private Outcome execute(Call c, boolean pythonShell, boolean mergeStderr) {
        Object cmdArg = c.required(0, "cmd");
        String runas = emptyToNull(c.str(3, "runas", null));
        String group = emptyToNull(c.str(4, "group", null));
        String shell = c.str(5, "shell", defaultShell());
        List<String> argv;
        String display;
        if (cmdArg instanceof List<?> l) {
            argv = new ArrayList<>();
            for (Object a : l) {
                argv.add(String.valueOf(a));
            }
            display = PyRepr.repr(argv);
        } else if (pythonShell) {
            display = String.valueOf(cmdArg);
            argv = new ArrayList<>(List.of(shell, "-c", display));
        } else {
            argv = Shlex.split(String.valueOf(cmdArg));
            display = PyRepr.repr(argv);
        }
        if (argv.isEmpty()) {
            throw new InvocationError("No command given");
        }
        Passwd.User user = runas == null ? null : Passwd.user(runas)
                .orElseThrow(() -> new CommandExecutionError("User '" + runas + "' is not available"));
        argv = asUser(argv, runas, group);
        File cwd = workingDir(c.str(1, "cwd", null), user);
        Map<String, String> env = environment(c);
        String stdin = c.str(2, "stdin", null);
        if (stdin != null) {
            stdin = stdin.replace("\\n", "\n");
        }
        Object timeoutArg = c.arg(-1, "timeout", null);
        ProcessRunner.Result r = ProcessRunner.run(new ProcessRunner.Request(argv, cwd, env, stdin,
                timeout(timeoutArg), mergeStderr, display));
        boolean ignore = c.bool(-1, "ignore_retcode", false);
        if (r.timedOut()) {
            // Salt leaves the job's retcode at 0 here; a command that never finished did not succeed.
            if (!ignore) {
                c.retcode(1);
            }
            return new Outcome(r.pid(), 1, display + " : Timed out after " + PyRepr.str(timeoutArg) + " seconds", "");
        }
        int code = r.exitCode();
        if (successRetcodes(c).contains((long) code)) {
            code = 0;
        }
        boolean rstrip = c.bool(-1, "rstrip", true);
        String out = rstrip ? r.stdout().stripTrailing() : r.stdout();
        String err = rstrip ? r.stderr().stripTrailing() : r.stderr();
        c.retcode(ignore ? 0 : code);
        if (code != 0 && !ignore) {
            c.ctx().log().error("Command '{}' failed with return code: {}", display, code);
        }
        if (code != 0 && c.bool(-1, "raise_err", false)) {
            throw new CommandExecutionError("Command '" + display + "' failed with return code: " + code
                    + (out.isEmpty() ? "" : "\noutput: " + out) + (err.isEmpty() ? "" : "\nstderr: " + err));
        }
        return new Outcome(r.pid(), code, out, err);
    }

    /** Wraps argv in runuser when another user or group is asked for (also the postgres module's runas). */
    static List<String> asUser(List<String> argv, String runas, String group) {
        String me = System.getProperty("user.name");
        boolean otherUser = runas != null && !runas.equals(me);
        if (!otherUser && group == null) {
            return argv;
        }
        if (Passwd.effectiveUid() != 0) {
            throw new CommandExecutionError("Unable to run command as user '" + (runas == null ? me : runas)
                    + "'" + (group == null ? "" : " and group '" + group + "'")
                    + ": the minion is not running as root");
        }
        List<String> wrapped = new ArrayList<>(List.of("runuser", "-u", runas == null ? me : runas));
        if (group != null) {
            wrapped.add("-g");
            wrapped.add(group);
        }
        wrapped.add("--");
        wrapped.addAll(argv);
        return wrapped;
    }

    private static File workingDir(String cwd, Passwd.User user) {
        String dir = cwd != null ? cwd : user != null ? user.home() : System.getProperty("user.home");
        Path p = Path.of(dir);
        if (!p.isAbsolute() || !Files.isDirectory(p)) {
            throw new CommandExecutionError("Specified cwd '" + dir + "' either not absolute or does not exist");
        }
        return p.toFile();
    }

    /** The minion's environment, updated with env=, locale reset to C as Salt does. */
    private static Map<String, String> environment(Call c) {
        Map<String, String> given = new LinkedHashMap<>();
        Map<String, Object> env = c.map(7, "env", null);
        if (env != null) {
            env.forEach((k, v) -> given.put(k, v == null ? "" : PyRepr.str(v)));
        }
        if (c.bool(-1, "reset_system_locale", true)) {
            for (String var : LOCALE_VARS) {
                given.putIfAbsent(var, "C");
            }
        }
        Map<String, String> run = new LinkedHashMap<>();
        if (!c.bool(-1, "clean_env", false)) {
            run.putAll(System.getenv());
        }
        if (!given.containsKey("NOTIFY_SOCKET")) {
            run.remove("NOTIFY_SOCKET");
        }
        run.putAll(given);
        String prepend = emptyToNull(c.str(-1, "prepend_path", null));
        if (prepend != null) {
            run.put("PATH", prepend + ":" + run.getOrDefault("PATH", ""));
        }
        return run;
    }

    private static Double timeout(Object t) {
        if (t == null || (t instanceof String s && s.isEmpty())) {
            return null;
        }
        double v;
        if (t instanceof Number n) {
            v = n.doubleValue();
        } else {
            try {
                v = Double.parseDouble(t.toString().trim());
            } catch (NumberFormatException e) {
                throw new CommandExecutionError("Error: timeout " + t + " must be a number");
            }
        }
        // Python treats timeout=0 as "no timeout".
        return v > 0 ? v : null;
    }

    private static List<Long> successRetcodes(Call c) {
        List<Long> out = new ArrayList<>(List.of(0L));
        List<Object> given = c.list(-1, "success_retcodes", null);
        if (given != null) {
            out.clear();
            for (Object o : given) {
                try {
                    out.add(Long.parseLong(String.valueOf(o).trim()));
                } catch (NumberFormatException e) {
                    throw new InvocationError("success_retcodes must be a list of integers");
                }
            }
        }
        return out;
    }

    /** Salt's DEFAULT_SHELL: the minion's $SHELL, else /bin/sh. */
    static String defaultShell() {
        String s = System.getenv("SHELL");
        return s == null || s.isEmpty() ? "/bin/sh" : s;
    }

    static String which(String cmd, String path) {
        return io.jsalt.common.host.Which.find(cmd, path);
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
