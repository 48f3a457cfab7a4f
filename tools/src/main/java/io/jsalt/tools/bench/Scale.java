package io.jsalt.tools.bench;

import io.jsalt.tools.swarm.Swarm;

/**
 * The scale run of {@code jsalt-bench} (docs/performance.md, "50,000 minions on one
 * master"): a swarm of more than 10,000 minions gets goals of its own, printed as one block
 * after the table: every minion connected, test.ping publish to last return, master RSS per
 * idle minion and the master restart with all of them connected. The goals are those of
 * {@link #SIZE} minions; a smaller swarm (a host whose open file limit allows no more) is held
 * to their share pro rata of its size, both figures being a cost per minion.
 */
final class Scale {
    /** The swarm size from which a run is the scale run. */
    static final int SIZE = 50_000;
    static final double PING_GOAL_MS = 3_000;
    static final double RSS_GOAL_KB = 30;
    static final double RESTART_GOAL_SEC = 90;

    private Scale() {}

    static boolean isScale(int n) {
        return n > 10_000;
    }

    private static double proRata(double goal, int n) {
        return n >= SIZE ? goal : goal * n / SIZE;
    }

    /**
     * Fails at once, with what to do, when this process cannot hold a socket for each of n
     * simulated minions: found after the keys are made, a short limit would cost minutes.
     */
    static void checkOpenFiles(int n) {
        String problem = Swarm.openFileLimitProblem(n);
        if (problem != null) {
            // The master, started from here, has the same limit and needs a socket per minion too.
            throw new IllegalArgumentException("jsalt-bench: " + problem + " (bin/jsalt-bench raises it to the hard "
                    + "limit; above that needs root with CAP_SYS_RESOURCE) or run fewer minions");
        }
    }

    /**
     * What the scratch master's config needs for n minions (a line, maybe empty): past the
     * default {@code tls_handshake_queue} (16,384 connections), a restart would have the master close
     * the connections waiting beyond it, and their minions would count failed
     * authentications and come back only after their backoff; docs/configuration.md asks an
     * operator of such a fleet for the same setting.
     */
    static String masterConfig(int n) {
        long queue = ((Number) io.jsalt.common.config.OptionTable.byName(io.jsalt.common.config.Config.Role.MASTER)
                .get("tls_handshake_queue").dflt()).longValue();
        return n > queue ? "tls_handshake_queue: " + n : "";
    }

    /** The restart goal for a swarm of n minions: 30 s up to 10,000, then 90 s for 50,000 pro rata. */
    static double restartGoalSec(int n) {
        return isScale(n) ? proRata(RESTART_GOAL_SEC, n) : 30;
    }

    /**
     * The scale run's block: the four figures of the largest size, each with its goal and
     * whether it is met (the verdicts count in the exit code).
     */
    static void render(StringBuilder b, BenchMain.Report r, int n) {
        b.append(String.format("scale run, %d minions on one master (swarm in a second process)%s%n", n,
                n >= SIZE ? "" : String.format("; goals of %,d minions times %d/%d", SIZE, n, SIZE)));
        Double connectSec = r.connectSec.get(n);
        b.append(String.format("   all connected: %s%n", connectSec == null ? "no"
                : String.format("%d of %d in %.1f s (goal all: %s)", n, n, connectSec, r.verdict(true))));
        Double ping = r.publishMs.get(n);
        if (ping != null) {
            double goal = proRata(PING_GOAL_MS, n);
            b.append(String.format("   test.ping publish -> last return: %.1f ms (goal <= %,.0f ms: %s)%n", ping,
                    goal, r.verdict(ping <= goal)));
        }
        BenchMain.Mem m = r.memory.get(n);
        if (m != null) {
            double rss = (m.rssKb() - r.baseline.rssKb()) / (double) n;
            b.append(String.format("   master RSS per idle minion: %.1f KB (goal <= %.0f KB: %s)%n", rss, RSS_GOAL_KB,
                    r.verdict(rss <= RSS_GOAL_KB)));
        }
        BenchMain.Restart re = r.restart;
        if (re != null && re.n() == n) {
            double goal = restartGoalSec(n);
            b.append(String.format("   master restart: answering test.ping in %.1f s, %d failed authentications "
                            + "(goal <= %.1f s, 0: %s)%n", re.answeringSec(), re.failedAuths(), goal,
                    r.verdict(re.answeringSec() <= goal && re.failedAuths() == 0)));
        }
    }
}
