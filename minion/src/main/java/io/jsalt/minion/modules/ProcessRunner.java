package io.jsalt.minion.modules;

import io.jsalt.common.plugin.CommandExecutionError;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs one child process to completion: feeds stdin, drains stdout and stderr on their own
 * threads (so a chatty child never blocks on a full pipe), enforces a deadline and kills
 * the whole process tree on timeout or when the calling thread is interrupted.
 */
public final class ProcessRunner {
    /** What to run. {@code display} is how the command is named in messages. */
    record Request(List<String> argv, File cwd, Map<String, String> env, String stdin,
                   Double timeoutSeconds, boolean mergeStderr, String display) {}

    /** The outcome; {@code stdout} holds stderr too when it was merged. */
    record Result(long pid, int exitCode, String stdout, String stderr, boolean timedOut) {}

    private static final Pattern JDK_ERRNO = Pattern.compile("error=(\\d+), (.*)$");

    private ProcessRunner() {}

    static Result run(Request r) {
        ProcessBuilder pb = new ProcessBuilder(r.argv()).directory(r.cwd()).redirectErrorStream(r.mergeStderr());
        pb.environment().clear();
        pb.environment().putAll(r.env());
        if (r.stdin() == null) {
            pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        }
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new CommandExecutionError("Unable to run command '" + r.display() + "', reason: "
                    + pythonStyle(e.getMessage(), r.argv().get(0)), e);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<Thread> pumps = new ArrayList<>();
        pumps.add(pump(p.getInputStream(), out, "stdout"));
        if (!r.mergeStderr()) {
            pumps.add(pump(p.getErrorStream(), err, "stderr"));
        }
        if (r.stdin() != null) {
            feed(p.getOutputStream(), r.stdin());
        }
        long deadline = r.timeoutSeconds() == null ? Long.MAX_VALUE
                : System.nanoTime() + (long) (r.timeoutSeconds() * 1e9);
        boolean finished;
        try {
            finished = waitUntil(p, pumps, deadline);
        } catch (InterruptedException e) {
            killTree(p);
            Thread.currentThread().interrupt();
            throw new CommandExecutionError("Command '" + r.display() + "' was interrupted; its processes were killed");
        }
        if (!finished) {
            killTree(p);
            joinQuietly(pumps);
            return new Result(p.pid(), 1, "", "", true);
        }
        return new Result(p.pid(), p.exitValue(), text(out), text(err), false);
    }

    /** Waits for the process to exit and for its output to be drained, up to the deadline. */
    private static boolean waitUntil(Process p, List<Thread> pumps, long deadline) throws InterruptedException {
        if (deadline == Long.MAX_VALUE) {
            p.waitFor();
            for (Thread t : pumps) {
                t.join();
            }
            return true;
        }
        if (!p.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
            return false;
        }
        for (Thread t : pumps) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return !t.isAlive();
            }
            TimeUnit.NANOSECONDS.timedJoin(t, left);
            if (t.isAlive()) {
                // A background child still holds the pipe open past the deadline.
                return false;
            }
        }
        return true;
    }

    /** Kills the process and every descendant, children first found, so none is orphaned. */
    public static void killTree(Process p) {
        List<ProcessHandle> tree = new ArrayList<>(p.descendants().toList());
        p.destroyForcibly();
        for (int i = 0; i < tree.size(); i++) {
            ProcessHandle h = tree.get(i);
            // Reparented grandchildren are still reachable through their own handles.
            h.descendants().filter(d -> !tree.contains(d)).forEach(tree::add);
            h.destroyForcibly();
        }
        try {
            p.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Thread pump(InputStream in, ByteArrayOutputStream sink, String name) {
        Thread t = new Thread(() -> {
            try (in) {
                in.transferTo(sink);
            } catch (IOException e) {
                // The stream closes when the process is killed; what was read is kept.
            }
        }, "cmd-" + name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static void feed(OutputStream os, String input) {
        Thread t = new Thread(() -> {
            try (os) {
                os.write(input.getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                // The child may exit without reading its input; that is its business.
            }
        }, "cmd-stdin");
        t.setDaemon(true);
        t.start();
    }

    private static void joinQuietly(List<Thread> pumps) {
        for (Thread t : pumps) {
            try {
                t.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static String text(ByteArrayOutputStream b) {
        return b.toString(StandardCharsets.UTF_8);
    }

    /** "Cannot run program ... error=2, No such file or directory" as Python words it. */
    private static String pythonStyle(String msg, String program) {
        if (msg == null) {
            return "unknown error";
        }
        Matcher m = JDK_ERRNO.matcher(msg);
        if (m.find()) {
            return "[Errno " + m.group(1) + "] " + m.group(2) + ": '" + program + "'";
        }
        return msg;
    }
}
