package io.jsalt.tools.bench;

import io.jsalt.common.config.Config;
import io.jsalt.common.data.Values;
import io.jsalt.common.host.HostFiles;
import io.jsalt.common.proto.CliReply;
import io.jsalt.common.proto.CliRequest;
import io.jsalt.common.proto.PublishRequest;
import io.jsalt.master.cli.CliClient;
import io.jsalt.tools.swarm.Swarm;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code jsalt-bench}: the benchmarks of docs/performance.md on this machine, master and simulated
 * minions side by side. Starts a real master ({@code bin/jsalt-master}) in a scratch
 * directory, connects a {@link Swarm} of each size from this process, and prints one table:
 * test.ping latency, master memory per minion, master restart with every minion
 * connected, a real jsalt-minion daemon's footprint and start time, and the one-minion
 * {@code bin/jsalt} command time.
 */
@Command(name = "jsalt-bench", mixinStandardHelpOptions = true, version = io.jsalt.common.Version.VERSION,
        description = "Run the swarm benchmarks against a scratch master on this host and print a table.")
public final class BenchMain implements Callable<Integer> {
    @Option(names = "--sizes", split = ",", defaultValue = "100,1000,5000,10000",
            description = "Swarm sizes for test.ping and memory (default: ${DEFAULT-VALUE}).")
    List<Integer> sizes;

    @Option(names = "--runs", defaultValue = "5", description = "Timed runs per figure; the median is shown.")
    int runs;

    @Option(names = "--work-dir", description = "Scratch directory (default: a new temp dir, removed afterwards).")
    Path workDir;

    @Option(names = "--keep", description = "Keep the scratch directory (keys, logs, job cache).")
    boolean keep;

    @Option(names = "--connect-rate", defaultValue = "1000", description = "Swarm connections started per second.")
    int connectRate;

    @Option(names = "--skip-restart", description = "Skip the master restart benchmark.")
    boolean skipRestart;

    @Option(names = "--skip-daemon", description = "Skip the real jsalt-minion benchmarks (4 and 5).")
    boolean skipDaemon;

    @Option(names = "--home", description = "The jsalt checkout whose bin/ is run (default: -Djsalt.home).")
    Path home;

    @Option(names = "--skip-swarm", description = "Skip the swarm benchmarks (1, 2 and 3).")
    boolean skipSwarm;

    @Option(names = "--first-run", split = ",", defaultValue = "20,50",
            description = "Real minions started at once for the first state run benchmark (7); 0 skips it "
                    + "(default: ${DEFAULT-VALUE}).")
    List<Integer> firstRunSizes;

    @Option(names = "--baseline-classlist", description = "A minion class list to compare the first state run "
            + "with (e.g. an older minion.classlist): each size runs with it and with the current one, in turn.")
    Path baselineClasslist;

    @Option(names = "--play", defaultValue = "0", description = "Real minions for the warm play benchmark (8); "
            + "given, it runs alone (the other benchmarks are left out).")
    int playSize;

    @Option(names = "--minion-java-opts", description = "JVM options for the real minions of benchmarks 7 and 8 "
            + "(e.g. a JFR recording).")
    String minionJavaOpts;

    Path etc;
    private int port;
    Path sock;
    Process master;
    private final List<String> log = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        // The swarm's minions run in this process: no line per minion when the master restarts.
        io.jsalt.tools.swarm.SwarmMain.setupLogging("warning", ch.qos.logback.classic.Level.WARN);
        if (runs < 1 || sizes.isEmpty() || sizes.stream().anyMatch(n -> n < 1)) {
            throw new IllegalArgumentException("--runs and every --sizes value must be at least 1");
        }
        if (home == null) {
            String h = System.getProperty("jsalt.home");
            if (h == null) {
                throw new IllegalArgumentException("--home is required (the jsalt checkout with bin/)");
            }
            home = Path.of(h);
        }
        boolean temp = workDir == null;
        Path work = temp ? Files.createTempDirectory("jsalt-bench") : Files.createDirectories(workDir);
        List<Integer> ns = sizes.stream().sorted().distinct().toList();
        boolean playOnly = playSize > 0;
        Report report = new Report(machine(), skipSwarm || playOnly ? List.of() : ns, runs);
        try {
            setUp(work, skipSwarm ? 0 : ns.get(ns.size() - 1));
            startMaster();
            if (playOnly) {
                report.play = new PlayBench(this, work, playSize, runs).call();
                return finish(report);
            }
            Thread.sleep(2000);
            Mem base = masterMemory();
            report.baseline = base;
            note("master idle, no minions: heap after GC %.1f MB, RSS %.1f MB", base.heapKb / 1024.0, base.rssKb / 1024.0);
            Config minionConfig = Config.load(Config.Role.MINION, etc);
            Swarm.fastTlsContexts();
            if (!skipSwarm && Scale.isScale(ns.get(ns.size() - 1))) {
                Scale.checkOpenFiles(ns.get(ns.size() - 1));
            }
            for (int n : skipSwarm ? List.<Integer>of() : ns) {
                try (Swarm swarm = new Swarm(minionConfig, new Swarm.Options(n, "ms-", null, connectRate, 2))) {
                    long t0 = System.nanoTime();
                    swarm.start();
                    if (!swarm.awaitConnected(n, Duration.ofMinutes(10))) {
                        throw new IllegalStateException("only " + swarm.connected() + " of " + n + " swarm minions connected");
                    }
                    report.connectSec.put(n, (System.nanoTime() - t0) / 1e9);
                    note("%d minions connected in %.1f s", n, report.connectSec.get(n));
                    Thread.sleep(2000);
                    pingRuns(n, report);
                    if (n == FanoutBench.SIZE) {
                        report.fanout = FanoutBench.pairs(this, n, runs);
                    }
                    Thread.sleep(2000);
                    Mem m = masterMemory();
                    report.memory.put(n, m);
                    if (n == ns.get(ns.size() - 1) && !skipRestart) {
                        restart(swarm, n, report);
                    }
                }
                deleteAllKeys(n);
            }
            if (!skipDaemon) {
                daemon(work, report);
            }
            for (int n : firstRunSizes) {
                if (n > 0) {
                    firstRuns(work, n, report);
                }
            }
        } finally {
            stopMaster();
            if (temp && !keep) {
                deleteTree(work);
            } else {
                System.out.println("scratch directory kept: " + work);
            }
        }
        return finish(report);
    }

    private static int finish(Report report) {
        System.out.println();
        System.out.print(report.render());
        return report.allMet() ? 0 : 3;
    }

    // ---- set-up -------------------------------------------------------------------------

    private void setUp(Path work, int largest) throws IOException {
        etc = Files.createDirectories(work.resolve("etc"));
        port = freePort();
        Path masterRoot = Files.createDirectories(work.resolve("master-root"));
        Path minionRoot = Files.createDirectories(work.resolve("minion-root"));
        Files.writeString(etc.resolve("master"), String.join("\n",
                "# jsalt-bench scratch master",
                "root_dir: " + masterRoot,
                "interface: 127.0.0.1",
                "ret_port: " + port,
                "auto_accept: True",
                "timeout: 30",
                "log_level: warning",
                Scale.masterConfig(largest),
                // The benchmark play (a directory, a hosts file from pillar, a cmd.run), which
                // the minion's class data sharing archive is trained on.
                "file_roots:",
                "  base: [" + play().resolve("states") + "]",
                "pillar_roots:",
                "  base: [" + play().resolve("pillar") + "]",
                ""));
        Files.writeString(etc.resolve("minion"), String.join("\n",
                "# jsalt-bench scratch minion (the swarm and the real daemon use it)",
                "root_dir: " + minionRoot,
                "id: bench-minion",
                "master: 127.0.0.1",
                "master_port: " + port,
                "log_level: warning",
                ""));
        sock = io.jsalt.master.MasterOptions.from(Config.load(Config.Role.MASTER, etc)).sockDir();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private void startMaster() throws Exception {
        Path out = etc.getParent().resolve("master.out");
        master = new ProcessBuilder(home.resolve("bin/jsalt-master").toString(), "-c", etc.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(out.toFile())).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!master.isAlive()) {
                throw new IllegalStateException("jsalt-master exited with " + master.exitValue() + "; see " + out);
            }
            try (CliClient c = CliClient.connect(sock)) {
                return;
            } catch (CliClient.MasterUnavailable e) {
                Thread.sleep(50);
            }
        }
        throw new IllegalStateException("jsalt-master did not open its control socket in 60 s; see " + out);
    }

    private void stopMaster() throws InterruptedException {
        if (master != null && master.isAlive()) {
            master.destroy();
            if (!master.waitFor(30, TimeUnit.SECONDS)) {
                master.destroyForcibly().waitFor();
            }
        }
    }

    private void deleteAllKeys(int n) throws Exception {
        run(List.of(home.resolve("bin/jsalt-key").toString(), "-c", etc.toString(), "-D", "-y"), 120 + n / 100);
    }

    // ---- 1. test.ping ---------------------------------------------------------------------

    private void pingRuns(int n, Report report) throws Exception {
        for (int i = 0; i < 2; i++) {
            ping(n); // warm-up, not counted
        }
        List<Double> inMaster = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            inMaster.add(ping(n));
        }
        List<Double> command = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            String out = run(List.of(home.resolve("bin/jsalt").toString(), "-c", etc.toString(), "-t", "30",
                    "*", "test.ping", "--out", "txt"), 120);
            command.add((System.nanoTime() - t0) / 1e6);
            FanoutBench.check(out, n);
        }
        report.publishMs.put(n, median(inMaster));
        report.commandMs.put(n, median(command));
        note("N=%d: publish->last return %s ms; bin/jsalt %s ms", n, inMaster, command);
    }

    /** One test.ping to '*' over the control socket: milliseconds from publish until the last return. */
    private double ping(int n) throws Exception {
        AtomicInteger returns = new AtomicInteger();
        AtomicLong lastReturn = new AtomicLong();
        CliRequest req = pingRequest("*", 30);
        long t0;
        CliReply last;
        try (CliClient c = CliClient.connect(sock)) {
            t0 = System.nanoTime();
            last = c.call(req, r -> {
                Map<String, Object> e = Values.mapFromProto(r.getData());
                if ("return".equals(e.get("event"))) {
                    returns.incrementAndGet();
                    lastReturn.set(System.nanoTime());
                }
            });
        }
        if (returns.get() != n || last.getExitCode() != 0) {
            throw new IllegalStateException("test.ping: " + returns.get() + " of " + n + " returned (exit "
                    + last.getExitCode() + (last.getError().isEmpty() ? "" : ", " + last.getError()) + ")");
        }
        return (lastReturn.get() - t0) / 1e6;
    }

    private static CliRequest pingRequest(String tgt, int timeoutSec) {
        return CliRequest.newBuilder().setPublish(PublishRequest.newBuilder().setTgt(tgt).setTgtType("glob")
                .setFun("test.ping").setArg(Values.toProto(List.of())).setKwarg(Values.toProto(Map.of()))
                .setTimeout(timeoutSec)).build();
    }

    // ---- 2. memory ------------------------------------------------------------------------

    record Mem(long heapKb, long rssKb) {}

    private Mem masterMemory() throws Exception {
        long pid = master.pid();
        String jcmd = jdkTool("jcmd");
        run(List.of(jcmd, Long.toString(pid), "GC.run"), 60);
        String info = run(List.of(jcmd, Long.toString(pid), "GC.heap_info"), 60);
        Matcher m = Pattern.compile("used (\\d+)K").matcher(info);
        if (!m.find()) {
            throw new IllegalStateException("cannot read heap use from jcmd GC.heap_info:\n" + info);
        }
        return new Mem(Long.parseLong(m.group(1)), settledRssKb(pid));
    }

    /**
     * The RSS once it stops falling. G1 on JDK 17 gives the heap regions a full GC freed back
     * to the OS afterwards, on its service thread (JDK-8236926): read just after
     * {@code GC.run}, RSS still holds them (1.9 GB instead of 0.43 GB at 10,000 minions).
     * Read it each second until three readings in a row are within 1% (at most 60 s).
     */
    static long settledRssKb(long pid) throws Exception {
        ArrayDeque<Long> last = new ArrayDeque<>();
        for (int i = 0; i < 60; i++) {
            last.addLast(rssKb(pid));
            if (last.size() > 3) {
                last.removeFirst();
            }
            long max = Collections.max(last);
            if (last.size() == 3 && max - Collections.min(last) <= max / 100) {
                break;
            }
            Thread.sleep(1000);
        }
        return Collections.max(last);
    }

    static long rssKb(long pid) throws IOException {
        String rss = HostFiles.colonPairs("/proc/" + pid + "/status").get("VmRSS");
        if (rss == null) {
            throw new IOException("no VmRSS in /proc/" + pid + "/status");
        }
        return Long.parseLong(rss.replaceAll("[^0-9]", ""));
    }

    private static String jdkTool(String name) {
        Path java = Path.of(ProcessHandle.current().info().command().orElse("java"));
        Path tool = java.resolveSibling(name);
        return Files.isExecutable(tool) ? tool.toString() : name;
    }

    // ---- 3. restart -----------------------------------------------------------------------

    private void restart(Swarm swarm, int n, Report report) throws Exception {
        long failedBefore = swarm.failedAuths();
        stopMaster();
        long t0 = System.nanoTime();
        startMaster();
        if (!swarm.awaitConnected(n, Duration.ofMinutes(5))) {
            throw new IllegalStateException("after the restart only " + swarm.connected() + " of " + n
                    + " minions came back in 5 minutes");
        }
        double back = (System.nanoTime() - t0) / 1e9;
        // "Back and answering": a test.ping that every one of them answers.
        while (true) {
            try {
                ping(n);
                break;
            } catch (IllegalStateException e) {
                if (System.nanoTime() - t0 > TimeUnit.MINUTES.toNanos(5)) {
                    throw e;
                }
            }
        }
        double answering = (System.nanoTime() - t0) / 1e9;
        report.restart = new Restart(n, back, answering, swarm.failedAuths() - failedBefore);
        note("restart with %d: connected after %.1f s, answering after %.1f s", n, back, answering);
    }

    record Restart(int n, double connectedSec, double answeringSec, long failedAuths) {}

    // ---- 4 and 5. a real jsalt-minion -------------------------------------------------------

    private void daemon(Path work, Report report) throws Exception {
        Path out = work.resolve("minion.out");
        // First start makes the key pair; the timed start is the second, as on every boot.
        Process first = startMinion(out);
        awaitAnswering(first, 60);
        stop(first);
        awaitClassDataArchive(defaultCdsDir());
        List<Double> starts = new ArrayList<>();
        Process p = null;
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            p = startMinion(out);
            awaitAnswering(p, 60);
            starts.add((System.nanoTime() - t0) / 1e6);
            if (i < runs - 1) {
                stop(p);
            }
        }
        report.minionStartMs = median(starts);
        // The first CLI command after a build builds the CLI tools' archive in the background.
        run(List.of(home.resolve("bin/jsalt").toString(), "-c", etc.toString(), "bench-minion", "test.ping"), 60);
        awaitClassDataArchive(defaultCdsDir());
        Thread.sleep(10_000);
        report.minionRssKb = rssKb(p.pid());
        note("jsalt-minion start to answering %s ms", starts);
        List<Double> command = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            String o = run(List.of(home.resolve("bin/jsalt").toString(), "-c", etc.toString(), "*", "test.ping"), 60);
            command.add((System.nanoTime() - t0) / 1e6);
            if (!o.contains("True")) {
                throw new IllegalStateException("bin/jsalt '*' test.ping did not print True:\n" + o);
            }
        }
        report.oneMinionMs = median(command);
        note("one minion: bin/jsalt '*' test.ping %s ms", command);
        cliStart(report);
        // 6. The same minion after its first highstate: the benchmark play, then 10 s idle.
        String applied = run(List.of(home.resolve("bin/jsalt").toString(), "-c", etc.toString(), "bench-minion",
                "state.apply"), 300);
        if (!applied.contains("Failed:    0")) {
            throw new IllegalStateException("the benchmark play failed on bench-minion:\n" + applied);
        }
        Thread.sleep(10_000);
        report.minionRssAfterHighstateKb = rssKb(p.pid());
        stop(p);
    }

    /**
     * 5b. The whole {@code bin/jsalt bench-minion test.ping} command against a bare JVM that
     * prints "hello" (same JDK), run in turn so that both see the machine alike; the ratio is
     * the median of each pair's.
     */
    private void cliStart(Report report) throws Exception {
        String java = jdkTool("java");
        String jar = Path.of(Hello.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        List<String> jsalt = List.of(home.resolve("bin/jsalt").toString(), "-c", etc.toString(), "bench-minion",
                "test.ping");
        List<String> hello = List.of(java, "-cp", jar, Hello.class.getName());
        run(jsalt, 60);
        run(hello, 60);
        List<Double> cli = new ArrayList<>();
        List<Double> bare = new ArrayList<>();
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < Math.max(runs, 5) * 2; i++) {
            long t0 = System.nanoTime();
            run(jsalt, 60);
            long t1 = System.nanoTime();
            run(hello, 60);
            long t2 = System.nanoTime();
            cli.add((t1 - t0) / 1e6);
            bare.add((t2 - t1) / 1e6);
            ratios.add((t1 - t0) / (double) (t2 - t1));
        }
        report.cliMs = median(cli);
        report.helloMs = median(bare);
        report.cliRatio = median(ratios);
        note("bin/jsalt one minion %s ms; hello %s ms", cli, bare);
    }

    // ---- 7. first state run on freshly started minions --------------------------------------

    record FirstRun(double wallMs, double cpuSec) {}

    /**
     * N real jsalt-minions started at once, each with its own configuration, key and root
     * directory; once all answer, one state.apply of the benchmark play to all of them: the
     * time from publishing it until the last return, and the CPU the minion processes used
     * meanwhile (utime + stime from /proc). With a baseline class list, rounds with it and
     * with the current one alternate.
     */
    private void firstRuns(Path work, int n, Report report) throws Exception {
        Path baselineDir = work.resolve("cds-baseline");
        if (baselineClasslist != null) {
            prepareMinionArchive(baselineClasslist, baselineDir);
        }
        prepareMinionArchive(null, defaultCdsDir());
        List<FirstRun> before = new ArrayList<>();
        List<FirstRun> after = new ArrayList<>();
        for (int round = 0; round < 2; round++) {
            if (baselineClasslist != null) {
                before.add(firstRun(work, n, baselineClasslist, baselineDir));
            }
            after.add(firstRun(work, n, null, null));
        }
        report.firstRuns.put(n, new FirstRun[] {before.isEmpty() ? null : medianRun(before), medianRun(after)});
        note("first state run N=%d: baseline %s; current %s", n, before, after);
    }

    private static FirstRun medianRun(List<FirstRun> rs) {
        return new FirstRun(median(rs.stream().map(FirstRun::wallMs).toList()),
                median(rs.stream().map(FirstRun::cpuSec).toList()));
    }

    /** Builds the minion's archive for that class list (any minion command line does) and waits for it. */
    private void prepareMinionArchive(Path classlist, Path cdsDir) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(home.resolve("bin/jsalt-minion").toString(), "--version")
                .redirectErrorStream(true);
        minionEnv(pb, classlist, cdsDir);
        Process p = pb.start();
        p.getInputStream().readAllBytes();
        p.waitFor();
        awaitClassDataArchive(cdsDir);
    }

    private static void minionEnv(ProcessBuilder pb, Path classlist, Path cdsDir) {
        if (classlist != null) {
            pb.environment().put("JSALT_CDS_CLASSLIST", classlist.toString());
            pb.environment().put("JSALT_CDS_DIR", cdsDir.toString());
        }
    }

    private FirstRun firstRun(Path work, int n, Path classlist, Path cdsDir) throws Exception {
        List<Process> ps = new ArrayList<>();
        try {
            startFresh(work, n, classlist, cdsDir, ps);
            long cpu0 = cpuTicks(ps);
            double wallMs = applyPlay(work, n);
            return new FirstRun(wallMs, (cpuTicks(ps) - cpu0) / 100.0);
        } finally {
            for (Process p : ps) {
                stop(p);
            }
        }
    }

    /**
     * One state.apply of the benchmark play to the N fresh minions over the control socket:
     * milliseconds from publishing it until the last return. Every minion must succeed.
     */
    double applyPlay(Path work, int n) throws Exception {
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger returns = new AtomicInteger();
        AtomicLong lastReturn = new AtomicLong();
        CliRequest req = CliRequest.newBuilder().setPublish(PublishRequest.newBuilder().setTgt("fresh-*")
                .setTgtType("glob").setFun("state.apply").setArg(Values.toProto(List.of()))
                .setKwarg(Values.toProto(Map.of())).setTimeout(600)).build();
        long t0;
        try (CliClient c = CliClient.connect(sock)) {
            t0 = System.nanoTime();
            c.call(req, r -> {
                Map<String, Object> e = Values.mapFromProto(r.getData());
                if ("return".equals(e.get("event"))) {
                    returns.incrementAndGet();
                    lastReturn.set(System.nanoTime());
                    if (e.get("ret") instanceof Map<?, ?> ret && ret.get("retcode") instanceof Number rc
                            && rc.intValue() == 0) {
                        ok.incrementAndGet();
                    }
                }
            });
        }
        if (ok.get() != n) {
            throw new IllegalStateException("the benchmark play: " + ok.get() + " of " + n + " minions succeeded ("
                    + returns.get() + " returned); see " + work.resolve("fresh"));
        }
        return (lastReturn.get() - t0) / 1e6;
    }

    /**
     * Starts N real jsalt-minions {@code fresh-0} ... at once, each with its own configuration,
     * key and root directory under {@code work/fresh} (what the play made in an earlier round
     * removed), adding each process to {@code ps} as it starts (so a caller's finally stops
     * every one), and waits until all answer test.ping. The benchmark's own JSALT_JAVA_OPTS
     * (its 4 GB heap) is not theirs: they run with the launcher's options plus
     * {@code --minion-java-opts}.
     */
    void startFresh(Path work, int n, Path classlist, Path cdsDir, List<Process> ps) throws Exception {
        for (int i = 0; i < n; i++) {
            Path dir = work.resolve("fresh").resolve("m" + i);
            Path etcI = Files.createDirectories(dir.resolve("etc"));
            Path rootI = dir.resolve("root");
            deleteTree(rootI.resolve("bench"));
            Files.writeString(etcI.resolve("minion"), String.join("\n", "root_dir: " + rootI, "id: fresh-" + i,
                    "master: 127.0.0.1", "master_port: " + port, "log_level: warning", ""));
            ProcessBuilder pb = new ProcessBuilder(home.resolve("bin/jsalt-minion").toString(), "-c",
                    etcI.toString()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("minion.out").toFile()));
            minionEnv(pb, classlist, cdsDir);
            pb.environment().remove("JSALT_JAVA_OPTS");
            if (minionJavaOpts != null) {
                pb.environment().put("JSALT_JAVA_OPTS", minionJavaOpts);
            }
            ps.add(pb.start());
        }
        awaitAllAnswering(ps, n, 600);
    }

    void awaitAllAnswering(List<Process> ps, int n, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        CliRequest req = pingRequest("fresh-*", 5);
        int answered = 0;
        while (System.nanoTime() < deadline) {
            for (Process p : ps) {
                if (!p.isAlive()) {
                    throw new IllegalStateException("a jsalt-minion exited with " + p.exitValue());
                }
            }
            AtomicInteger count = new AtomicInteger();
            try (CliClient c = CliClient.connect(sock)) {
                c.call(req, r -> {
                    if ("return".equals(Values.mapFromProto(r.getData()).get("event"))) {
                        count.incrementAndGet();
                    }
                });
            }
            answered = count.get();
            if (answered == n) {
                return;
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("only " + answered + " of " + n + " minions answered within " + seconds + " s");
    }

    /** User and system CPU of these processes so far, in clock ticks (1/100 s on Linux). */
    static long cpuTicks(List<Process> ps) throws IOException {
        long sum = 0;
        for (Process p : ps) {
            sum += cpuTicksOf(Files.readString(Path.of("/proc/" + p.pid() + "/stat")));
        }
        return sum;
    }

    /** utime + stime of one /proc/PID/stat line (proc(5): fields 14 and 15). */
    static long cpuTicksOf(String stat) {
        // The command name in parentheses may hold spaces and parentheses: the fields follow its last ')'.
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    private Path defaultCdsDir() {
        String dir = System.getenv("JSALT_CDS_DIR");
        return dir != null ? Path.of(dir) : home.resolve("target/lib/cds");
    }

    private Path play() {
        return home.resolve("minion/src/main/cds/play");
    }

    /**
     * A minion's first start after a build builds its class data sharing archive in the
     * background (bin/_launch; a {@code .lock} directory beside it meanwhile). The timed
     * starts are the later ones, as on every boot after the first: wait for it (at most 60 s).
     */
    private void awaitClassDataArchive(Path cds) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline && Files.isDirectory(cds)) {
            try (Stream<Path> s = Files.list(cds)) {
                if (s.noneMatch(p -> p.getFileName().toString().endsWith(".lock"))) {
                    return;
                }
            }
            Thread.sleep(200);
        }
    }

    private Process startMinion(Path out) throws IOException {
        return new ProcessBuilder(home.resolve("bin/jsalt-minion").toString(), "-c", etc.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(out.toFile())).start();
    }

    private void awaitAnswering(Process p, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        CliRequest req = pingRequest("bench-minion", 1);
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new IllegalStateException("jsalt-minion exited with " + p.exitValue());
            }
            AtomicInteger ok = new AtomicInteger();
            try (CliClient c = CliClient.connect(sock)) {
                c.call(req, r -> {
                    Map<String, Object> e = Values.mapFromProto(r.getData());
                    if ("return".equals(e.get("event"))) {
                        ok.incrementAndGet();
                    }
                });
            }
            if (ok.get() == 1) {
                return;
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("jsalt-minion did not answer test.ping within " + seconds + " s");
    }

    static void stop(Process p) throws InterruptedException {
        p.destroy();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
        }
    }

    // ---- helpers --------------------------------------------------------------------------

    String run(List<String> cmd, int timeoutSec) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(timeoutSec, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(String.join(" ", cmd) + ": no exit in " + timeoutSec + " s");
        }
        String s = new String(out, StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", cmd) + " exited with " + p.exitValue() + ":\n" + s);
        }
        return s;
    }

    void note(String fmt, Object... args) {
        String line = String.format(fmt, args);
        log.add(line);
        System.out.println("  " + line);
        System.out.flush();
    }

    static double median(List<Double> xs) {
        List<Double> s = xs.stream().sorted().toList();
        int k = s.size();
        return k % 2 == 1 ? s.get(k / 2) : (s.get(k / 2 - 1) + s.get(k / 2)) / 2;
    }

    static String machine() {
        // Not Linux: no /proc, and the table says less about the machine.
        String cpu = HostFiles.colonPairs("/proc/cpuinfo").getOrDefault("model name", "unknown CPU");
        String memKb = HostFiles.colonPairs("/proc/meminfo").getOrDefault("MemTotal", "").replaceAll("[^0-9]", "");
        String mem = memKb.isEmpty() ? "" : String.format("%.1f GiB RAM", Long.parseLong(memKb) / 1048576.0);
        return String.format("%s, %d cores, %s, %s %s, Java %s (%s)", cpu, Runtime.getRuntime().availableProcessors(),
                mem, System.getProperty("os.name"), System.getProperty("os.version"),
                System.getProperty("java.version"), System.getProperty("java.vm.name"));
    }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(q);
            }
        }
    }

    /** The figures and the table they print as. */
    static final class Report {
        final String machine;
        final List<Integer> sizes;
        final int runs;
        final Map<Integer, Double> publishMs = new LinkedHashMap<>();
        final Map<Integer, Double> commandMs = new LinkedHashMap<>();
        /** Seconds from starting the swarm until every minion was connected. */
        final Map<Integer, Double> connectSec = new LinkedHashMap<>();
        final Map<Integer, Mem> memory = new LinkedHashMap<>();
        Mem baseline;
        Restart restart;
        Double minionStartMs;
        Long minionRssKb;
        Double oneMinionMs;
        Long minionRssAfterHighstateKb;
        Double cliMs;
        Double helloMs;
        Double cliRatio;
        /** Per size: the baseline's figures (null without one) and the current ones. */
        final Map<Integer, FirstRun[]> firstRuns = new LinkedHashMap<>();
        PlayBench.Result play;
        FanoutBench.Result fanout;
        private boolean allMet = true;

        Report(String machine, List<Integer> sizes, int runs) {
            this.machine = machine;
            this.sizes = sizes;
            this.runs = runs;
        }

        boolean allMet() {
            return allMet;
        }

        String verdict(boolean met) {
            allMet &= met;
            return met ? "met" : "MISSED";
        }

        String render() {
            StringBuilder b = new StringBuilder();
            b.append("jsalt-bench ").append(Instant.now().truncatedTo(ChronoUnit.SECONDS)).append('\n');
            b.append("machine: ").append(machine).append('\n');
            if (play != null) {
                b.append("master and ").append(play.n()).append(" real minions on this machine; median of ")
                        .append(runs).append(" rounds\n\n");
                b.append(play.render(this::verdict));
                return b.toString();
            }
            b.append("master and swarm on this machine; median of ").append(runs).append(" runs\n\n");
            if (sizes.isEmpty()) {
                b.append("1, 2, 3. swarm: skipped\n");
            } else {
                swarm(b);
            }
            daemons(b);
            return b.toString();
        }

        private void swarm(StringBuilder b) {
            b.append(String.format("%-44s", "1. test.ping to N minions"));
            for (int n : sizes) {
                b.append(String.format("%10s", "N=" + n));
            }
            b.append("   goal\n");
            row(b, "   publish -> last return (ms)", publishMs);
            b.append("   1,000 <= 300 ms, 10,000 <= 2,000 ms\n");
            row(b, "   whole bin/jsalt '*' test.ping (ms)", commandMs);
            b.append('\n');
            if (fanout != null) {
                b.append(fanout.render(this::verdict));
            }
            Map<Integer, Double> heap = new LinkedHashMap<>();
            Map<Integer, Double> rss = new LinkedHashMap<>();
            memory.forEach((n, m) -> {
                heap.put(n, (m.heapKb - baseline.heapKb) / (double) n);
                rss.put(n, (m.rssKb - baseline.rssKb) / (double) n);
            });
            b.append("2. master memory per idle connected minion\n");
            row(b, "   heap used after GC (KB/minion)", heap);
            b.append("   <= 50 KB\n");
            row(b, "   process RSS (KB/minion)", rss);
            b.append("   <= 50 KB\n");
            b.append(String.format("   (master with no minions: heap %.1f MB, RSS %.1f MB)%n",
                    baseline.heapKb / 1024.0, baseline.rssKb / 1024.0));
            for (int n : sizes) {
                if (publishMs.containsKey(n) && (n == 1000 || n == 10000)) {
                    double goal = n == 1000 ? 300 : 2000;
                    b.append(String.format("   test.ping N=%d: %s%n", n, verdict(publishMs.get(n) <= goal)));
                }
            }
            int largest = sizes.get(sizes.size() - 1);
            if (memory.containsKey(largest)) {
                b.append(String.format("   memory at N=%d: heap %s, RSS %s%n", largest,
                        verdict(heap.get(largest) <= 50), verdict(rss.get(largest) <= 50)));
            }
            b.append('\n');
            if (restart != null) {
                b.append(String.format("3. master restart with %d minions connected: all back in %.1f s, "
                                + "answering test.ping in %.1f s, %d failed authentications   goal <= %.1f s, 0: %s%n",
                        restart.n, restart.connectedSec, restart.answeringSec, restart.failedAuths,
                        Scale.restartGoalSec(restart.n), verdict(restart.answeringSec <= Scale.restartGoalSec(restart.n)
                                && restart.failedAuths == 0)));
            } else {
                b.append("3. master restart: skipped\n");
            }
            if (Scale.isScale(largest)) {
                Scale.render(b, this, largest);
            }
        }

        private void daemons(StringBuilder b) {
            if (minionRssKb != null) {
                b.append(String.format("4. jsalt-minion daemon: idle RSS %.1f MB (goal <= 64 MB: %s); "
                                + "start until answering %.0f ms (goal <= 1,500 ms: %s)%n",
                        minionRssKb / 1024.0, verdict(minionRssKb <= 64 * 1024), minionStartMs,
                        verdict(minionStartMs <= 1500)));
                b.append(String.format("5. bin/jsalt '*' test.ping with one minion: %.0f ms (goal <= 500 ms: %s)%n",
                        oneMinionMs, verdict(oneMinionMs <= 500)));
            } else {
                b.append("4, 5. real jsalt-minion: skipped\n");
            }
            if (cliRatio != null) {
                b.append(String.format("   the same command to one minion, in turn with a bare JVM printing hello: "
                                + "%.0f ms against %.0f ms, %.1f times (goal <= 3: %s)%n",
                        cliMs, helloMs, cliRatio, verdict(cliRatio <= 3)));
            }
            if (minionRssAfterHighstateKb != null) {
                b.append(String.format("6. jsalt-minion idle RSS 10 s after its first highstate (the benchmark play): "
                                + "%.1f MB, before it %.1f MB (goal <= 56 MB after: %s)%n",
                        minionRssAfterHighstateKb / 1024.0, minionRssKb / 1024.0,
                        verdict(minionRssAfterHighstateKb <= 56 * 1024)));
            }
            firstRuns.forEach((n, r) -> {
                FirstRun base = r[0];
                FirstRun cur = r[1];
                b.append(String.format("7. first state run (the benchmark play) on %d freshly started minions: "
                                + "last return after %.0f ms, %.2f CPU-s per minion", n, cur.wallMs(), cur.cpuSec() / n));
                if (base != null) {
                    b.append(String.format(" (baseline class list: %.0f ms, %.2f CPU-s per minion)",
                            base.wallMs(), base.cpuSec() / n));
                }
                b.append(String.format("   goal <= 0.25 CPU-s: %s%n", verdict(cur.cpuSec() / n <= 0.25)));
            });
        }

        private static void row(StringBuilder b, String label, Map<Integer, Double> values) {
            b.append(String.format("%-44s", label));
            values.forEach((n, v) -> b.append(String.format("%10.1f", v)));
            b.append("   ");
        }
    }

    public static void main(String[] args) {
        System.exit(io.jsalt.common.cli.Commands.run(new BenchMain(), args));
    }
}
