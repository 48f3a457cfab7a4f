package io.jsalt.master.rsync;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one long-lived child process ({@code rsync --daemon --no-detach}) and keeps it
 * running: when it exits unasked it is started again after a back-off (1 s doubling to
 * 30 s, reset once it has stayed up for 30 s). No thread waits on it: the JDK's process
 * reaper reports the exit. Its pid is kept in a file so that a daemon orphaned by a
 * crashed master is stopped before a new one is started.
 */
public final class RsyncDaemon implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RsyncDaemon.class);
    private static final long MAX_BACKOFF_MS = 30_000;

    /** What the daemon is doing now. */
    public enum State { STARTING, RUNNING, RESTARTING, STOPPED }

    private final List<String> argv;
    private final Path output;
    private final Path pidFile;
    private final ScheduledExecutorService worker;
    private Process process;
    private State state = State.STOPPED;
    private boolean stopping;
    private long restarts;
    private Integer lastExit;
    private long backoffMs = 1000;
    private Instant since;

    public RsyncDaemon(List<String> argv, Path output, Path pidFile, ScheduledExecutorService worker) {
        this.argv = List.copyOf(argv);
        this.output = output;
        this.pidFile = pidFile;
        this.worker = worker;
    }

    public synchronized void start() throws IOException {
        stopping = false;
        stopOrphan();
        launch();
    }

    private synchronized void launch() {
        if (stopping) {
            return;
        }
        state = State.STARTING;
        try {
            ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            Process p = pb.start();
            process = p;
            since = Instant.now();
            state = State.RUNNING;
            Files.writeString(pidFile, p.pid() + "\n");
            log.info("rsync daemon started (pid {}): {}", p.pid(), String.join(" ", argv));
            p.onExit().thenAccept(this::exited);
        } catch (IOException e) {
            log.error("Cannot start the rsync daemon ({}): {}", String.join(" ", argv), e.getMessage());
            scheduleRestart();
        }
    }

    private synchronized void exited(Process p) {
        if (p != process) {
            return;
        }
        lastExit = p.exitValue();
        if (stopping) {
            state = State.STOPPED;
            return;
        }
        long upMs = since == null ? 0 : Instant.now().toEpochMilli() - since.toEpochMilli();
        if (upMs >= MAX_BACKOFF_MS) {
            backoffMs = 1000;
        }
        log.warn("rsync daemon (pid {}) exited with status {} after {} ms; restarting in {} ms (see {})",
                p.pid(), lastExit, upMs, backoffMs, output);
        scheduleRestart();
    }

    private void scheduleRestart() {
        state = State.RESTARTING;
        restarts++;
        long delay = backoffMs;
        backoffMs = Math.min(MAX_BACKOFF_MS, backoffMs * 2);
        worker.schedule(this::launch, delay, TimeUnit.MILLISECONDS);
    }

    /** A daemon left behind by a master that died without stopping it still holds the port. */
    private void stopOrphan() throws IOException {
        if (!Files.isRegularFile(pidFile)) {
            return;
        }
        try {
            long pid = Long.parseLong(Files.readString(pidFile).trim());
            Optional<ProcessHandle> h = ProcessHandle.of(pid);
            if (h.isPresent() && h.get().info().commandLine().map(c -> c.contains(argv.get(argv.size() - 1)))
                    .orElse(false)) {
                log.info("Stopping an rsync daemon left running by a previous master (pid {})", pid);
                h.get().destroy();
                h.get().onExit().get(5, TimeUnit.SECONDS);
            }
        } catch (NumberFormatException | java.util.concurrent.ExecutionException
                 | java.util.concurrent.TimeoutException e) {
            log.debug("Ignoring stale rsync pid file {}: {}", pidFile, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Files.deleteIfExists(pidFile);
    }

    public synchronized State state() {
        return state;
    }

    /** The running daemon's pid, or null. */
    public synchronized Long pid() {
        return process != null && process.isAlive() ? process.pid() : null;
    }

    public synchronized Map<String, Object> status() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("state", state.name().toLowerCase());
        out.put("pid", pid());
        out.put("since", state == State.RUNNING && since != null ? since.toString() : null);
        out.put("restarts", restarts);
        out.put("last_exit", lastExit == null ? null : (long) lastExit);
        out.put("command", String.join(" ", argv));
        return out;
    }

    /** Stops the daemon: TERM, then KILL after 5 s. */
    @Override
    public void close() {
        Process p;
        synchronized (this) {
            stopping = true;
            p = process;
        }
        if (p != null && p.isAlive()) {
            p.destroy();
            try {
                if (!p.waitFor(5, TimeUnit.SECONDS)) {
                    p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        synchronized (this) {
            state = State.STOPPED;
        }
        try {
            Files.deleteIfExists(pidFile);
        } catch (IOException ignored) {
            // Best effort: the next start checks the pid before trusting it.
        }
    }
}
