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
}
