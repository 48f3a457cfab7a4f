package io.jsalt.tools.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Benchmark 8 of {@code jsalt-bench} ({@code --play N}): the benchmark play applied to N real
 * jsalt-minion daemons, warm. Starts them as benchmark 7 does, applies the play once (the
 * first run, not counted), then in each of R rounds applies it once more over the control
 * socket (publish until the last return) and once with the whole {@code bin/jsalt 'fresh-*'
 * state.apply} command (JVM start, the highstate output of every minion printed). For
 * each it takes the CPU the master and the minions used (utime + stime from /proc). The
 * goal: the whole command at N=100 in at most 2,000 ms.
 */
final class PlayBench {
    /** The goal for the whole command, at {@link #GOAL_SIZE} minions. */
    static final double GOAL_MS = 2000;
    static final int GOAL_SIZE = 100;

    private final BenchMain bench;
    private final Path work;
    private final int n;
    private final int runs;

    PlayBench(BenchMain bench, Path work, int n, int runs) {
        this.bench = bench;
        this.work = work;
        this.n = n;
        this.runs = runs;
    }

    /** One apply: wall milliseconds, and the master's and the minions' CPU seconds meanwhile. */
    record Run(double wallMs, double masterCpuSec, double minionCpuSec) {
        String text() {
            return String.format("%.0f ms (master %.2f CPU-s, minions %.2f CPU-s)", wallMs, masterCpuSec,
                    minionCpuSec);
        }
    }

    /** The medians of R rounds. */
    record Result(int n, Run publish, Run command) {
        String render(Function<Boolean, String> verdict) {
            StringBuilder b = new StringBuilder();
            b.append(String.format("8. the benchmark play on %d real minions, warm (median of the rounds after the "
                    + "first apply)%n", n));
            b.append(String.format("   publish -> last return: %.0f ms; master %.2f CPU-s, minions %.1f ms CPU "
                    + "each%n", publish.wallMs(), publish.masterCpuSec(), publish.minionCpuSec() * 1000 / n));
            b.append(String.format("   whole bin/jsalt '*' state.apply: %.0f ms; master %.2f CPU-s, minions %.1f ms "
                    + "CPU each", command.wallMs(), command.masterCpuSec(), command.minionCpuSec() * 1000 / n));
            if (n == GOAL_SIZE) {
                b.append(String.format("   goal <= 2,000 ms: %s", verdict.apply(command.wallMs() <= GOAL_MS)));
            }
            return b.append('\n').toString();
        }
    }

    Result call() throws Exception {
        List<Process> ps = new ArrayList<>();
        try {
            bench.startFresh(work, n, null, null, ps);
            bench.note("%d minions answering", n);
            Run first = viaSocket(ps);
            bench.note("first apply: %.0f ms, master %.2f CPU-s, minions %.2f CPU-s each", first.wallMs(),
                    first.masterCpuSec(), first.minionCpuSec() / n);
            List<Run> publish = new ArrayList<>();
            List<Run> command = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                publish.add(viaSocket(ps));
                command.add(viaCommand(ps));
                bench.note("round %d: publish -> last return %s; whole command %s", i + 1, publish.get(i).text(),
                        command.get(i).text());
            }
            return new Result(n, median(publish), median(command));
        } finally {
            for (Process p : ps) {
                BenchMain.stop(p);
            }
        }
    }

    private static Run median(List<Run> rs) {
        return new Run(BenchMain.median(rs.stream().map(Run::wallMs).toList()),
                BenchMain.median(rs.stream().map(Run::masterCpuSec).toList()),
                BenchMain.median(rs.stream().map(Run::minionCpuSec).toList()));
    }

    /** state.apply over the control socket: from publishing it until the last return. */
    private Run viaSocket(List<Process> ps) throws Exception {
        long master0 = masterTicks();
        long minions0 = BenchMain.cpuTicks(ps);
        double wallMs = bench.applyPlay(work, n);
        return new Run(wallMs, (masterTicks() - master0) / 100.0, (BenchMain.cpuTicks(ps) - minions0) / 100.0);
    }

    /** The whole command, as a user types it: every minion's highstate output must say no state failed. */
    private Run viaCommand(List<Process> ps) throws Exception {
        long master0 = masterTicks();
        long minions0 = BenchMain.cpuTicks(ps);
        long t0 = System.nanoTime();
        String out = bench.run(List.of(bench.home.resolve("bin/jsalt").toString(), "-c", bench.etc.toString(),
                "-t", "600", "fresh-*", "state.apply"), 900);
        Run run = new Run((System.nanoTime() - t0) / 1e6, (masterTicks() - master0) / 100.0,
                (BenchMain.cpuTicks(ps) - minions0) / 100.0);
        long ok = out.lines().filter(l -> l.equals("Failed:    0")).count();
        if (ok != n) {
            throw new IllegalStateException("bin/jsalt 'fresh-*' state.apply: " + ok + " of " + n
                    + " minions reported no failed state:\n" + out.substring(0, Math.min(out.length(), 4000)));
        }
        return run;
    }

    private long masterTicks() throws Exception {
        return BenchMain.cpuTicks(List.of(bench.master));
    }
}
