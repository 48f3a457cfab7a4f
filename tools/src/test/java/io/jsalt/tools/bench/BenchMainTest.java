package io.jsalt.tools.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class BenchMainTest {
    @Test
    void cpuTimeIsReadAfterTheCommandNameWhateverItHolds() {
        // proc(5): pid (comm) state ppid ... utime stime; comm may hold spaces and ')'.
        String stat = "4242 (java (x) y) S 1 4242 4242 0 -1 4194560 5000 0 0 0 123 45 0 0 20 0 30 0 100 0 0";
        assertEquals(168, BenchMain.cpuTicksOf(stat));
    }

    @Test
    void theNewFiguresAreJudgedAgainstTheirGoals() {
        BenchMain.Report r = new BenchMain.Report("test machine", List.of(), 3);
        r.minionRssKb = 62L * 1024;
        r.minionStartMs = 700.0;
        r.oneMinionMs = 400.0;
        r.minionRssAfterHighstateKb = 77L * 1024;
        r.cliMs = 500.0;
        r.helloMs = 50.0;
        r.cliRatio = 10.0;
        r.firstRuns.put(20, new BenchMain.FirstRun[] {
            new BenchMain.FirstRun(3000, 13.0), new BenchMain.FirstRun(2000, 4.8)});
        String out = r.render();
        assertTrue(out.contains("1, 2, 3. swarm: skipped"), out);
        assertTrue(out.contains("10.0 times (goal <= 3: MISSED)"), out);
        assertTrue(out.contains("77.0 MB, before it 62.0 MB (goal <= 56 MB after: MISSED)"), out);
        assertTrue(out.contains("on 20 freshly started minions: last return after 2000 ms, 0.24 CPU-s per minion "
                + "(baseline class list: 3000 ms, 0.65 CPU-s per minion)   goal <= 0.25 CPU-s: met"), out);
        assertFalse(r.allMet());
    }

    /** A swarm run of n minions with these figures (17 KB of heap per minion). */
    private static BenchMain.Report scaleReport(int n, double connectSec, double pingMs, int rssKbPerMinion,
                                                double answeringSec) {
        BenchMain.Report r = new BenchMain.Report("test machine", List.of(n), 3);
        r.baseline = new BenchMain.Mem(18_000, 140_000);
        r.connectSec.put(n, connectSec);
        r.publishMs.put(n, pingMs);
        r.commandMs.put(n, pingMs * 2);
        r.memory.put(n, new BenchMain.Mem(18_000 + n * 17L, 140_000 + (long) n * rssKbPerMinion));
        r.restart = new BenchMain.Restart(n, answeringSec - 10, answeringSec, 0);
        return r;
    }

    private static void assertPrints(BenchMain.Report r, String... lines) {
        String out = r.render();
        for (String line : lines) {
            assertTrue(out.contains(line), out);
        }
    }

    @Test
    void theScaleRunPrintsItsFourFiguresAgainstItsOwnGoals() {
        BenchMain.Report r = scaleReport(50_000, 61.0, 2_500.0, 29, 95.0);
        // 95 s would be far past the 10,000-minion restart's 30 s goal; here the goal is 90 s.
        assertPrints(r, "all connected: 50000 of 50000 in 61.0 s (goal all: met)",
                "test.ping publish -> last return: 2500.0 ms (goal <= 3,000 ms: met)",
                "master RSS per idle minion: 29.0 KB (goal <= 30 KB: met)",
                "goal <= 90.0 s, 0: MISSED",
                "answering test.ping in 95.0 s, 0 failed authentications (goal <= 90.0 s, 0: MISSED)");
        assertFalse(r.allMet());
    }

    @Test
    void aSwarmPastTheDefaultHandshakeQueueGetsAQueueForAllOfIt() {
        // Past the default queue, a restart would close the connections waiting beyond it.
        assertEquals("", Scale.masterConfig(10_000));
        assertEquals("tls_handshake_queue: 50000", Scale.masterConfig(50_000));
    }

    @Test
    void aSmallerScaleRunIsHeldToTheGoalsPerMinion() {
        // 19,000 minions: the most a host with 20,000 open files per process can hold.
        assertPrints(scaleReport(19_000, 25.0, 1_200.0, 31, 33.0), "goals of 50,000 minions times 19000/50000",
                "1200.0 ms (goal <= 1,140 ms: MISSED)", "31.0 KB (goal <= 30 KB: MISSED)",
                "in 33.0 s, 0 failed authentications (goal <= 34.2 s, 0: met)");
    }

    @Test
    void theWarmPlayIsJudgedOnTheWholeCommandAtAHundredMinions() {
        BenchMain.Report met = new BenchMain.Report("test machine", List.of(), 5);
        met.play = new PlayBench.Result(100, new PlayBench.Run(900, 0.4, 2.5), new PlayBench.Run(1950, 0.5, 3.0));
        String out = met.render();
        assertTrue(out.contains("publish -> last return: 900 ms; master 0.40 CPU-s, minions 25.0 ms CPU each"), out);
        assertTrue(out.contains("whole bin/jsalt '*' state.apply: 1950 ms; master 0.50 CPU-s, minions 30.0 ms CPU "
                + "each   goal <= 2,000 ms: met"), out);
        assertFalse(out.contains("1, 2, 3."), out);
        assertTrue(out.contains("master and 100 real minions on this machine; median of 5 rounds"), out);
        assertTrue(met.allMet());

        BenchMain.Report missed = new BenchMain.Report("test machine", List.of(), 5);
        missed.play = new PlayBench.Result(100, new PlayBench.Run(2500, 0.4, 4), new PlayBench.Run(3100, 0.5, 4));
        assertTrue(missed.render().contains("goal <= 2,000 ms: MISSED"));
        assertFalse(missed.allMet());

        // The goal is for 100 minions: another size prints its figures and judges nothing.
        BenchMain.Report other = new BenchMain.Report("test machine", List.of(), 5);
        other.play = new PlayBench.Result(20, new PlayBench.Run(2500, 0.4, 4), new PlayBench.Run(3100, 0.5, 4));
        assertFalse(other.render().contains("goal"));
        assertTrue(other.allMet());
    }
}
