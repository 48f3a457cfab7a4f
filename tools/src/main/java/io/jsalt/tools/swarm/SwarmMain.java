package io.jsalt.tools.swarm;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import io.jsalt.common.Logs;
import io.jsalt.common.config.Config;
import io.jsalt.common.crypto.KeyMaterial;
import io.jsalt.minion.jobs.JobRunner;
import io.jsalt.minion.transport.MasterConnection;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code jsalt-swarm}: simulates many minions in one foreground process against a master,
 * for load tests. Runs until SIGTERM or Ctrl-C.
 */
@Command(name = "jsalt-swarm", mixinStandardHelpOptions = true, version = io.jsalt.common.Version.VERSION,
        description = {"Simulate many minions in one process, each with its own id, key pair, TLS connection "
                + "and grains, speaking the real protocol to the master (load testing).",
                "Simulated minions answer test.ping, test.echo, grains.get and grains.items; other functions "
                + "return an error. Keys are kept in <pki_dir>/swarm/<id>/ and reused by the next run."})
public final class SwarmMain implements Callable<Integer> {
    /** Loggers that would print one line per simulated minion. */
    private static final String[] PER_MINION_LOGGERS = {
        MasterConnection.class.getName(), KeyMaterial.class.getName(), JobRunner.class.getName(), "jsalt.module"};

    @Spec
    CommandSpec spec;

    @Option(names = {"-c", "--config-dir"}, defaultValue = "/etc/jsalt",
            description = "Directory holding the 'minion' config file: master, master_port, pki_dir, root_dir, "
                    + "master_finger and the reconnect settings apply to every simulated minion "
                    + "(default: ${DEFAULT-VALUE}).")
    Path configDir;

    @Option(names = "--minions", required = true, paramLabel = "N", description = "How many minions to simulate.")
    int minions;

    @Option(names = "--prefix", defaultValue = Swarm.Options.DEFAULT_PREFIX, paramLabel = "PREFIX",
            description = "Minion id prefix; ids are PREFIX plus a zero-padded index, e.g. ms-00042 "
                    + "(default: ${DEFAULT-VALUE}).")
    String prefix;

    @Option(names = "--grains-file", paramLabel = "FILE",
            description = "YAML list of grain maps; minion i gets element i modulo the list's length, plus its "
                    + "id and host (default: a mix of roles, see docs/commands.md).")
    Path grainsFile;

    @Option(names = "--connect-rate", defaultValue = "" + Swarm.Options.DEFAULT_CONNECT_RATE, paramLabel = "R",
            description = "Connections started per second (default: ${DEFAULT-VALUE}).")
    int connectRate;

    @Option(names = "--threads", defaultValue = "" + Swarm.Options.DEFAULT_THREADS, paramLabel = "T",
            description = "Event loop threads shared by all connections (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = {"-l", "--log-level"},
            description = "Console log level (default: warning). Lines about single minions (connections, "
                    + "keys, jobs) show only at debug and below.")
    String logLevel;

    private final PrintStream out = System.out;

    @Override
    public Integer call() throws Exception {
        Swarm.Options opts;
        try {
            opts = new Swarm.Options(minions, prefix, grainsFile, connectRate, threads);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        Level level;
        try {
            level = Logs.level(logLevel == null ? "warning" : logLevel);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--log-level: " + e.getMessage());
        }
        Config config = Config.load(Config.Role.MINION, configDir);
        setupLogging(logLevel == null ? "warning" : logLevel, level);
        Swarm swarm;
        try {
            swarm = new Swarm(config, opts);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--grains-file: " + e.getMessage());
        }
        warnAboutOpenFileLimit(opts.minions());
        out.printf("swarm: %d minions (%s...) against %s:%d%n", opts.minions(), swarm.ids().get(0),
                swarm.options().master(), swarm.options().masterPort());

        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(
                new DefaultThreadFactory("jsalt-swarm-progress", true));
        CountDownLatch stop = new CountDownLatch(1);
        AtomicBoolean stopping = new AtomicBoolean();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopping.set(true);
            ticker.shutdownNow();
            if (swarm.started() > 0) {
                out.printf("swarm: stopping %d minions%n", swarm.size());
            }
            swarm.close();
            out.println("swarm: stopped");
            stop.countDown();
        }, "jsalt-swarm-shutdown"));
        Progress progress = new Progress(swarm);
        ticker.scheduleAtFixedRate(progress::tick, 1, 1, TimeUnit.SECONDS);
        long t0 = System.nanoTime();
        swarm.start();
        if (!stopping.get()) {
            progress.keysDone(System.nanoTime() - t0);
        }
        stop.await();
        return 0;
    }

    /**
     * Console logging at {@code name}; at info and above, the lines about single minions
     * (thousands of identical ones in a storm) are left out. The benchmark uses it too.
     */
    public static void setupLogging(String name, Level level) {
        Logs.setup(name, null, null, true);
        if (level.isGreaterOrEqual(Level.INFO)) {
            LoggerContext lc = (LoggerContext) LoggerFactory.getILoggerFactory();
            for (String logger : PER_MINION_LOGGERS) {
                lc.getLogger(logger).setLevel(Level.OFF);
            }
        }
    }

    /** Each connection is a file descriptor: say so before the swarm hits the limit. */
    private void warnAboutOpenFileLimit(int n) {
        String problem = Swarm.openFileLimitProblem(n);
        if (problem != null) {
            System.err.println("swarm: WARNING: " + problem + " or connections will fail with 'Too many open files'");
        }
    }

    /** The progress lines: every second while connecting, then on change (or every 10 s). */
    private final class Progress {
        private final Swarm swarm;
        private volatile boolean keysDone;
        private boolean allOnce;
        private boolean all;
        private int lastConnected = -1;
        private long lastFailed = -1;
        private long lastPrintNanos;

        Progress(Swarm swarm) {
            this.swarm = swarm;
        }

        void keysDone(long nanos) {
            keysDone = true;
            int created = swarm.keysCreated();
            out.printf("swarm: %d keys ready in %s s (%d new, %d reused)%n", swarm.size(), seconds(nanos), created,
                    swarm.size() - created);
        }

        synchronized void tick() {
            try {
                if (!keysDone) {
                    out.printf("swarm: keys %d/%d ready (%d new)%n", swarm.keysReady(), swarm.size(),
                            swarm.keysCreated());
                    return;
                }
                int n = swarm.size();
                int connected = swarm.connected();
                long failed = swarm.failedAuths();
                long now = System.nanoTime();
                if (connected >= n) {
                    if (!all) {
                        out.printf(allOnce ? "swarm: all %d connected again%n" : "swarm: all %d connected in %s s%n",
                                n, seconds(swarm.connectingNanos()));
                        all = true;
                        allOnce = true;
                    }
                } else {
                    all = false;
                    // Every second for the first minute of connecting; then when the count
                    // changes, or every 10 s (a swarm whose keys the master refuses would
                    // otherwise print a line a second forever).
                    boolean early = !allOnce && swarm.connectingNanos() < TimeUnit.SECONDS.toNanos(60);
                    boolean changed = connected != lastConnected || (allOnce && failed != lastFailed);
                    if (early || changed || now - lastPrintNanos >= TimeUnit.SECONDS.toNanos(10)) {
                        String problem = swarm.lastProblem();
                        out.printf("swarm: %d/%d connected, %d failed auths%s%n", connected, n, failed,
                                problem != null && connected < swarm.started() ? " (last problem: " + problem + ")"
                                        : "");
                        lastPrintNanos = now;
                    }
                }
                lastConnected = connected;
                lastFailed = failed;
            } catch (RuntimeException e) {
                System.err.println("swarm: progress: " + e);
            }
        }

        private String seconds(long nanos) {
            return String.format(Locale.ROOT, "%.1f", nanos / 1e9);
        }
    }

    public static void main(String[] args) {
        Swarm.fastTlsContexts();
        System.exit(io.jsalt.common.cli.Commands.run(new SwarmMain(), args));
    }
}
