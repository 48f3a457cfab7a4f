package io.jsalt.master.jobs;

import io.jsalt.common.Jid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jsalt.common.data.Data;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobCacheTest {
    private static final Instant NOW = Instant.parse("2024-11-22T12:00:00Z");
    private static final String JID = Jid.format(NOW.minusSeconds(60));

    @TempDir
    Path dir;

    private JobCache open() {
        return JobCache.open(dir.resolve(JobCache.FILE_NAME), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static Map<String, Object> load(String fun) {
        return Data.map("fun", fun, "arg", List.of(1L, "x"), "tgt", "*", "tgt_type", "glob",
                "user", "root", "minions", List.of("web1", "db1"));
    }

    @Test
    void loadRoundTripsWithTypesAndOrder() {
        try (JobCache cache = open()) {
            Map<String, Object> l = load("test.arg");
            l.put("nested", Data.map("z", 1L, "a", 2.5, "m", null, "b", true));
            cache.saveLoad(JID, l);
            Map<String, Object> back = cache.load(JID).orElseThrow();
            assertEquals(l, back);
            assertEquals(List.copyOf(l.keySet()), List.copyOf(back.keySet()));
            assertEquals(1L, ((List<?>) back.get("arg")).get(0)); // an int, not 1.0
            assertEquals(List.of("z", "a", "m", "b"),
                    List.copyOf(((Map<?, ?>) back.get("nested")).keySet()));
            assertTrue(cache.load(Jid.format(NOW)).isEmpty());
        }
    }

    @Test
    void returnsComeBackInArrivalOrderNotByName() throws Exception {
        try (JobCache cache = open()) {
            cache.saveLoad(JID, load("test.ping"));
            for (String m : List.of("zeta", "alpha", "mike")) {
                assertTrue(cache.saveReturn(JID, m, Data.map("return", true, "retcode", 0L)).get());
            }
            assertEquals(List.of("zeta", "alpha", "mike"), List.copyOf(cache.returns(JID).keySet()));
            assertEquals(Data.map("return", true, "retcode", 0L), cache.returns(JID).get("alpha"));
            assertTrue(cache.returns(Jid.format(NOW)).isEmpty());
        }
    }

    @Test
    void returnsOfOtherJobsDoNotLeakIntoAJob() throws Exception {
        String other = Jid.format(NOW.minusSeconds(59));
        try (JobCache cache = open()) {
            cache.saveReturn(JID, "web1", Data.map("return", 1L)).get();
            cache.saveReturn(other, "web1", Data.map("return", 2L)).get();
            assertEquals(1L, cache.returns(JID).get("web1").get("return"));
            assertEquals(1, cache.returns(JID).size());
        }
    }

    @Test
    void secondReturnFromSameMinionIsDropped() throws Exception {
        // salt/returners/local_cache.py: "An extra return was detected from minion"
        try (JobCache cache = open()) {
            assertTrue(cache.saveReturn(JID, "web1", Data.map("return", "first")).get());
            assertFalse(cache.saveReturn(JID, "web1", Data.map("return", "second")).get());
            assertEquals("first", cache.returns(JID).get("web1").get("return"));
        }
    }

    @Test
    void invalidJidOrMinionFailsTheFuture() {
        try (JobCache cache = open()) {
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> cache.saveReturn("123", "web1", Map.of()).get());
            assertTrue(e.getCause().getMessage().contains("'123'"), e.getCause().getMessage());
            assertThrows(ExecutionException.class, () -> cache.saveReturn(JID, "", Map.of()).get());
            assertThrows(IllegalArgumentException.class, () -> cache.saveLoad("nope", Map.of()));
        }
    }

    @Test
    void survivesCloseAndReopen() throws Exception {
        try (JobCache cache = open()) {
            cache.saveLoad(JID, load("state.apply"));
            cache.saveReturn(JID, "db1", Data.map("return", Data.map("k", 7L))).get();
            cache.saveReturn(JID, "web1", Data.map("return", "ok")).get();
        }
        try (JobCache cache = open()) {
            assertEquals("state.apply", cache.load(JID).orElseThrow().get("fun"));
            assertEquals(List.of("db1", "web1"), List.copyOf(cache.returns(JID).keySet()));
            assertEquals(7L, Data.get(cache.returns(JID).get("db1"), "return:k", null));
            // arrival numbers continue after a restart
            cache.saveReturn(JID, "app1", Data.map("return", 1L)).get();
            assertEquals(List.of("db1", "web1", "app1"), List.copyOf(cache.returns(JID).keySet()));
            assertEquals(List.of(JID), cache.jids());
        }
    }

    @Test
    void returnIsDurableWhenItsFutureCompletes() throws Exception {
        // Simulate a crash right after the acknowledgement: no close(), open a second store
        // on a copy of the file taken at that moment.
        JobCache cache = open();
        try {
            cache.saveReturn(JID, "web1", Data.map("return", "acked")).get();
            Path copy = dir.resolve("copy.mv.db");
            Files.copy(dir.resolve(JobCache.FILE_NAME), copy);
            try (JobCache crashed = JobCache.open(copy)) {
                assertEquals("acked", crashed.returns(JID).get("web1").get("return"));
            }
        } finally {
            cache.close();
        }
    }

    @Test
    void jidsAreOldestFirst() {
        try (JobCache cache = open()) {
            List<String> jids = new ArrayList<>();
            for (int i = 5; i >= 1; i--) {
                jids.add(Jid.format(NOW.minusSeconds(i * 10L)));
            }
            // saved out of order
            for (int i : new int[] {3, 0, 4, 1, 2}) {
                cache.saveLoad(jids.get(i), load("test.ping"));
            }
            assertEquals(jids, cache.jids());
            assertEquals(jids, List.copyOf(cache.loads().keySet()));
        }
    }

    @Test
    void pruneRemovesJobsOlderThanKeepJobsByJidTime() throws Exception {
        String old = Jid.format(NOW.minus(Duration.ofHours(25)));
        String fresh = Jid.format(NOW.minus(Duration.ofHours(23)));
        try (JobCache cache = open()) {
            cache.saveLoad(old, load("old.fun"));
            cache.saveReturn(old, "web1", Data.map("return", 1L)).get();
            cache.saveLoad(fresh, load("fresh.fun"));
            cache.saveReturn(fresh, "web1", Data.map("return", 2L)).get();
            // a return whose job has no load goes too
            String orphan = Jid.format(NOW.minus(Duration.ofHours(30)));
            cache.saveReturn(orphan, "web1", Data.map("return", 3L)).get();

            assertEquals(0, cache.prune(Duration.ZERO)); // keep_jobs 0: keep everything
            assertEquals(1, cache.prune(Duration.ofHours(24)));
            assertEquals(List.of(fresh), cache.jids());
            assertTrue(cache.returns(old).isEmpty());
            assertTrue(cache.returns(orphan).isEmpty());
            assertEquals(2L, cache.returns(fresh).get("web1").get("return"));
        }
        try (JobCache cache = open()) {
            assertEquals(List.of(fresh), cache.jids());
        }
    }

    @Test
    void pruningKeepsTheFileFromGrowingWithoutBound() throws Exception {
        Path file = dir.resolve(JobCache.FILE_NAME);
        String big = "x".repeat(4000) + Math.random(); // barely compressible per entry
        long[] sizes = new long[8];
        try (JobCache cache = open()) {
            cache.store().setRetentionTime(0); // let freed chunks be reused at once
            for (int round = 0; round < sizes.length; round++) {
                List<CompletableFuture<Boolean>> fs = new ArrayList<>();
                for (int i = 0; i < 2000; i++) {
                    String jid = Jid.format(NOW.minus(Duration.ofDays(10)).plusSeconds(round * 10_000L + i));
                    fs.add(cache.saveReturn(jid, "m" + i, Data.map("return", big + round + i + Math.random())));
                }
                CompletableFuture.allOf(fs.toArray(new CompletableFuture[0])).get();
                cache.prune(Duration.ofDays(1));
                sizes[round] = Files.size(file);
            }
        }
        // Rounds of the same volume: without reuse the file would grow 4x from the first
        // two rounds to the last four; it has to level off instead.
        long early = Math.max(sizes[0], sizes[1]);
        long late = java.util.stream.LongStream.of(sizes).skip(4).max().orElseThrow();
        assertTrue(late <= early * 2, java.util.Arrays.toString(sizes));
    }

    @Test
    void concurrentReturnsAreGroupCommitted() throws Exception {
        int n = 5000;
        try (JobCache cache = open()) {
            long before = cache.commits();
            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<CompletableFuture<Boolean>> fs = new java.util.concurrent.CopyOnWriteArrayList<>();
            for (int i = 0; i < n; i++) {
                int id = i;
                pool.execute(() -> fs.add(cache.saveReturn(JID, "minion" + id, Data.map("return", (long) id))));
            }
            pool.shutdown();
            assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
            CompletableFuture.allOf(fs.toArray(new CompletableFuture[0])).get(30, TimeUnit.SECONDS);
            assertEquals(n, cache.returns(JID).size());
            long commits = cache.commits() - before;
            assertTrue(commits < n / 10, "commits: " + commits);
        }
    }

    @Test
    void corruptFileIsAClearErrorNamingTheFile() throws Exception {
        Path file = dir.resolve(JobCache.FILE_NAME);
        Files.write(file, "this is not an MVStore file at all, just text".repeat(200).getBytes());
        JobCache.JobCacheException e = assertThrows(JobCache.JobCacheException.class, () -> JobCache.open(file));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("move it aside"), e.getMessage());
    }

    @Test
    void fileAlreadyOpenIsAClearError() {
        try (JobCache cache = open()) {
            Path file = dir.resolve(JobCache.FILE_NAME);
            JobCache.JobCacheException e = assertThrows(JobCache.JobCacheException.class, () -> JobCache.open(file));
            assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        }
    }

    @Test
    void writesAfterCloseFail() {
        JobCache cache = open();
        cache.close();
        assertThrows(ExecutionException.class, () -> cache.saveReturn(JID, "web1", Map.of()).get());
    }

    @Test
    void openInCachedirUsesJobsMvDb() {
        try (JobCache cache = JobCache.openInCachedir(dir.resolve("cache"))) {
            assertEquals(dir.resolve("cache").resolve("jobs.mv.db"), cache.file());
            assertTrue(Files.exists(cache.file()));
        }
    }

    @Test
    void prunerRunsOnTheScheduler() throws Exception {
        ScheduledExecutorService exec = Executors.newSingleThreadScheduledExecutor();
        try (JobCache cache = open()) {
            cache.saveLoad(Jid.format(NOW.minus(Duration.ofDays(2))), load("old"));
            ScheduledFuture<?> f = cache.startPruner(exec, Duration.ofDays(1));
            long deadline = System.currentTimeMillis() + 10_000;
            while (!cache.jids().isEmpty() && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
            }
            assertTrue(cache.jids().isEmpty());
            f.cancel(false);
        } finally {
            exec.shutdownNow();
        }
    }
}
