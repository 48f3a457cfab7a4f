package io.jsalt.common.match;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Prints how long selecting from 10,000 minions takes with compiled targets (the master's
 * expected-minions step). A program, not a timed test:
 * {@code java -cp common/target/classes:common/target/test-classes io.jsalt.common.match.MatchBench}
 */
public final class MatchBench {
    private MatchBench() {}

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        List<MinionData> minions = fleet(n);
        Matcher matcher = new Matcher(Map.of("webs", "G@roles:web and not G@os:Ubuntu"));
        String[][] targets = {
            {"grain", "os:Debian"},
            {"grain", "roles:web"},
            {"grain_pcre", "osrelease:1[12]"},
            {"pillar", "app:tier:front*"},
            {"glob", "web*"},
            {"ipcidr", "10.1.0.0/16"},
            {"compound", "G@roles:web and ( G@os:Debian or I@env:prod ) and not E@web9\\d+"},
            {"nodegroup", "webs"},
        };
        for (String[] t : targets) {
            CompiledTarget c = matcher.compile(t[1], TargetType.fromSalt(t[0]));
            for (int i = 0; i < 200; i++) {
                c.select(minions); // warm up the JIT
            }
            int runs = 50;
            long best = Long.MAX_VALUE;
            long total = 0;
            int selected = 0;
            for (int i = 0; i < runs; i++) {
                long t0 = System.nanoTime();
                selected = c.select(minions).size();
                long dt = System.nanoTime() - t0;
                best = Math.min(best, dt);
                total += dt;
            }
            long compileStart = System.nanoTime();
            matcher.compile(t[1], TargetType.fromSalt(t[0]));
            long compileNs = System.nanoTime() - compileStart;
            System.out.printf("%-10s %-75s %5d of %d selected: best %.3f ms, mean %.3f ms (compile %.3f ms)%n",
                    t[0], t[1], selected, n, best / 1e6, total / 1e6 / runs, compileNs / 1e6);
        }
        CompiledTarget cold = new Matcher().compile("os:Debian", TargetType.GRAIN);
        long t0 = System.nanoTime();
        int sel = cold.select(fleet(n)).size();
        System.out.printf("cold first grain selection (no warm-up, fresh data): %d selected in %.3f ms%n",
                sel, (System.nanoTime() - t0) / 1e6);
    }

    private static List<MinionData> fleet(int n) {
        String[] oses = {"Debian", "Ubuntu", "CentOS", "Debian"};
        String[] roles = {"web", "db", "mail", "cache", "web"};
        List<MinionData> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Map<String, Object> grains = new LinkedHashMap<>();
            grains.put("id", roles[i % roles.length] + i);
            grains.put("os", oses[i % oses.length]);
            grains.put("os_family", "Debian");
            grains.put("osrelease", String.valueOf(10 + i % 3));
            grains.put("num_cpus", (long) (1 + i % 16));
            grains.put("roles", new ArrayList<>(List.of(roles[i % roles.length], "base")));
            grains.put("ipv4", new ArrayList<>(List.of("127.0.0.1", "10." + (i % 4) + "." + (i / 256 % 256) + "." + (i % 256))));
            grains.put("ipv6", new ArrayList<>(List.of("::1")));
            Map<String, Object> tier = new LinkedHashMap<>();
            tier.put("tier", i % 2 == 0 ? "frontend" : "backend");
            Map<String, Object> pillar = new LinkedHashMap<>();
            pillar.put("app", tier);
            pillar.put("env", i % 3 == 0 ? "prod" : "staging");
            out.add(new MinionData(roles[i % roles.length] + i, grains, pillar));
        }
        return out;
    }
}
