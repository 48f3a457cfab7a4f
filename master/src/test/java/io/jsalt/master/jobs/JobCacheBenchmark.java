package io.jsalt.master.jobs;

import io.jsalt.common.Jid;
import io.jsalt.common.data.Data;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Saves N returns (default 10,000) for one job from T threads (default 8) at once, as a
 * fleet answering a publish would, and prints returns/s, commits and the file size.
 * Each return is a small map like test.ping's, or a ~2 KB one with --big. With --serial
 * each return waits for the previous one to be durable (one commit each), the cost group
 * commit avoids.
 *
 * <pre>
 * mvn -q -pl master -am test-compile
 * java -cp "$(cat cp.txt):master/target/classes:master/target/test-classes:common/target/classes" \
 *     io.jsalt.master.jobs.JobCacheBenchmark [returns] [threads] [--big] [--serial] [dir]
 * </pre>
 */
public final class JobCacheBenchmark {
    private JobCacheBenchmark() {}

    public static void main(String[] args) throws Exception {
        int n = 10_000;
        int threads = 8;
        boolean big = false;
        boolean serial = false;
        Path dir = null;
        List<Integer> nums = new ArrayList<>();
        for (String a : args) {
            if (a.equals("--big")) {
                big = true;
            } else if (a.equals("--serial")) {
                serial = true;
            } else if (a.matches("\\d+")) {
                nums.add(Integer.parseInt(a));
            } else {
                dir = Path.of(a);
            }
        }
        if (!nums.isEmpty()) {
            n = nums.get(0);
        }
        if (nums.size() > 1) {
            threads = nums.get(1);
        }
        if (dir == null) {
            dir = Files.createTempDirectory("jobcache-bench");
        }
        Path file = dir.resolve(JobCache.FILE_NAME);
        Files.deleteIfExists(file);
        String jid = Jid.systemUtc().next();
        String payload = big ? "line of command output\n".repeat(90) : null;

        for (int warm = 0; warm < 2; warm++) {
            boolean measured = warm == 1;
            Files.deleteIfExists(file);
            try (JobCache cache = JobCache.open(file)) {
                List<String> minions = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    minions.add(String.format("minion%05d.example.net", i));
                }
                cache.saveLoad(jid, Data.map("fun", "test.ping", "arg", List.of(), "tgt", "*",
                        "tgt_type", "glob", "user", "root", "minions", minions));
                long commitsBefore = cache.commits();
                ExecutorService pool = Executors.newFixedThreadPool(threads);
                List<CompletableFuture<Boolean>> futures = java.util.Collections.synchronizedList(new ArrayList<>());
                long t0 = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    String id = minions.get(i);
                    Map<String, Object> ret = Data.map("return", payload == null ? (Object) true : payload + i,
                            "retcode", 0L, "success", true, "fun", "test.ping", "fun_args", List.of());
                    if (serial) {
                        futures.add(cache.saveReturn(jid, id, ret));
                        futures.get(futures.size() - 1).get();
                    } else {
                        pool.execute(() -> futures.add(cache.saveReturn(jid, id, ret)));
                    }
                }
                pool.shutdown();
                pool.awaitTermination(10, TimeUnit.MINUTES);
                CompletableFuture.allOf(futures.toArray(new CompletableFuture[0])).get();
                long nanos = System.nanoTime() - t0;
                long commits = cache.commits() - commitsBefore;
                if (cache.returns(jid).size() != n) {
                    throw new AssertionError("expected " + n + " returns, found " + cache.returns(jid).size());
                }
                if (measured) {
                    double secs = nanos / 1e9;
                    System.out.printf("returns: %d (%s), %s%n", n, big ? "~2 KB each" : "test.ping size",
                            serial ? "one at a time" : threads + " threads at once");
                    System.out.printf("time: %.3f s, returns/s: %.0f%n", secs, n / secs);
                    System.out.printf("commits (each commit + fsync): %d, returns per commit: %.0f%n",
                            commits, (double) n / commits);
                    System.out.printf("file: %s, %d KB%n", file, Files.size(file) / 1024);
                }
            }
        }
    }
}
