package io.jsalt.minion.modules;

import io.jsalt.common.plugin.CommandExecutionError;
import java.io.File;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a system tool for an execution module (apt-get, useradd, git, ...): argv without a
 * shell, the minion's environment with the C locale so output parses the same everywhere.
 */
public final class Sh {
    /** One finished command. */
    record Out(int code, String stdout, String stderr) {
        boolean ok() {
            return code == 0;
        }

        /** stderr if there is any, else stdout: what to show when the command failed. */
        String error() {
            String e = stderr.strip();
            return e.isEmpty() ? stdout.strip() : e;
        }
    }

    private static final double DEFAULT_TIMEOUT = 3600;

    private Sh() {}

    static Out run(List<String> argv) {
        return run(argv, null, Map.of(), null);
    }

    static Out run(List<String> argv, String stdin, Map<String, String> extraEnv, File cwd) {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("LC_ALL", "C");
        env.put("LANG", "C");
        env.putAll(extraEnv);
        ProcessRunner.Result r = ProcessRunner.run(new ProcessRunner.Request(argv, cwd, env, stdin,
                DEFAULT_TIMEOUT, false, String.join(" ", argv)));
        if (r.timedOut()) {
            throw new CommandExecutionError("Command '" + String.join(" ", argv) + "' timed out");
        }
        return new Out(r.exitCode(), r.stdout(), r.stderr());
    }

    /** Runs and fails with the tool's own message when it exits non-zero. */
    static Out check(List<String> argv) {
        Out o = run(argv);
        if (!o.ok()) {
            throw new CommandExecutionError(String.join(" ", argv) + " failed (exit " + o.code() + "): " + o.error());
        }
        return o;
    }

    /**
     * Runs a command that may leave a daemon behind (an init script's start): its output goes
     * to a temporary file rather than a pipe, so a child that keeps the descriptors open
     * cannot hold the caller until the timeout. The environment is the clean one
     * {@code service(8)} gives init scripts.
     */
    static Out runDaemonizing(List<String> argv, double timeoutSeconds) {
        File log = null;
        try {
            log = File.createTempFile("jsalt-sh", ".out");
            ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true)
                    .redirectOutput(log).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            pb.environment().clear();
            pb.environment().put("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
            pb.environment().put("LANG", "C");
            pb.environment().put("TERM", "dumb");
            Process p = pb.start();
            if (!p.waitFor((long) (timeoutSeconds * 1000), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                ProcessRunner.killTree(p);
                throw new CommandExecutionError("Command '" + String.join(" ", argv) + "' timed out after "
                        + timeoutSeconds + "s");
            }
            String out = java.nio.file.Files.readString(log.toPath(), java.nio.charset.StandardCharsets.UTF_8);
            return new Out(p.exitValue(), out, "");
        } catch (java.io.IOException e) {
            throw new CommandExecutionError("Unable to run '" + String.join(" ", argv) + "': " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CommandExecutionError("Command '" + String.join(" ", argv) + "' was interrupted");
        } finally {
            if (log != null) {
                log.delete();
            }
        }
    }

    /** True when an executable of that name is on PATH or is an absolute path. */
    public static boolean has(String tool) {
        if (tool.startsWith("/")) {
            return new File(tool).canExecute();
        }
        String path = System.getenv("PATH");
        for (String dir : (path == null ? "/usr/sbin:/usr/bin:/sbin:/bin" : path + ":/usr/sbin:/sbin").split(":")) {
            if (!dir.isEmpty() && new File(dir, tool).canExecute()) {
                return true;
            }
        }
        return false;
    }

    /**
     * A module's unavailableReason when it needs all of these tools: null when each is on
     * PATH, else "a and b are required".
     */
    static String requires(String... tools) {
        for (String tool : tools) {
            if (!has(tool)) {
                return String.join(" and ", tools) + " are required";
            }
        }
        return null;
    }

    /**
     * The colon-separated fields of the first {@code getent DATABASE KEY} entry (passwd,
     * group, shadow), or null when there is no such entry.
     */
    static String[] getent(String database, String key) {
        Out o = run(List.of("getent", database, key));
        if (!o.ok() || o.stdout().isBlank()) {
            return null;
        }
        return o.stdout().strip().split("\n")[0].split(":", -1);
    }
}
