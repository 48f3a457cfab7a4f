package io.jsalt.minion.modules.state;

import io.jsalt.common.proto.Return;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Times a no-op highstate of a 100-state tree (10 SLS files of 10 test states each: a
 * require chain of nine and an onchanges, each file including the previous one) through a masterless minion's job
 * path: top file, render, compile, run, retcode. Prints the median and best of N runs after
 * a warm-up, and the share spent compiling high data.
 *
 * <pre>
 * mvn -q -pl minion -am test-compile dependency:build-classpath -Dmdep.outputFile=cp.txt
 * java -cp "$(cat minion/cp.txt):minion/target/classes:minion/target/test-classes:common/target/classes" \
 *     io.jsalt.minion.modules.state.HighstateBenchmark [runs]
 * </pre>
 */
public final class HighstateBenchmark {
    private HighstateBenchmark() {}

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        Path dir = Files.createTempDirectory("jsalt-hs-bench");
        try (LocalMinion m = new LocalMinion(dir)) {
            StringBuilder top = new StringBuilder("base:\n  '*':\n");
            for (int f = 0; f < 10; f++) {
                top.append("    - role").append(f).append('\n');
                StringBuilder sls = new StringBuilder();
                if (f > 0) {
                    sls.append("include:\n  - role").append(f - 1).append("\n");
                }
                for (int s = 0; s < 9; s++) {
                    String id = "role" + f + "-state" + s;
                    sls.append(id).append(s == 0 ? ":\n  test.succeed_without_changes: []\n" : ":\n  test.succeed_without_changes:\n");
                    if (s > 0) {
                        sls.append("    - require:\n      - test: role").append(f).append("-state").append(s - 1).append('\n');
                    }
                }
                sls.append("role").append(f).append("-notify:\n  test.succeed_with_changes:\n    - onchanges:\n")
                        .append("      - test: role").append(f).append("-state8\n");
                m.write("role" + f + ".sls", sls.toString());
            }
            m.write("top.sls", top.toString());
            Return first = m.call("state.apply", List.of(), Map.of());
            Object firstRet = LocalMinion.ret(first);
            int states = firstRet instanceof Map<?, ?> fm ? fm.size() : -1;
            if (first.getRetcode() != 0 || !(LocalMinion.ret(first) instanceof Map)) {
                throw new IllegalStateException("unexpected highstate: " + LocalMinion.ret(first));
            }
            if (states != 100) {
                throw new IllegalStateException("unexpected highstate: retcode " + first.getRetcode() + ", "
                        + states + " states");
            }
            for (int i = 0; i < 10; i++) {
                m.call("state.apply", List.of(), Map.of());
            }
            List<Double> ms = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                long t0 = System.nanoTime();
                m.call("state.apply", List.of(), Map.of());
                ms.add((System.nanoTime() - t0) / 1e6);
            }
            Collections.sort(ms);
            System.out.printf("no-op highstate, %d states: median %.1f ms, best %.1f ms, worst %.1f ms (%d runs)%n",
                    states, ms.get(ms.size() / 2), ms.get(0), ms.get(ms.size() - 1), runs);
        }
    }
}
