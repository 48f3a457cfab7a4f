package io.jsalt.minion.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jsalt.common.config.Config;
import io.jsalt.common.data.Values;
import io.jsalt.common.proto.Return;
import io.jsalt.minion.Minion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scheduler's timing, maxrunning and returns, on a clock the test moves. */
class SchedulerTest {
    @TempDir
    Path dir;

    private Minion minion;
    private final AtomicLong now = new AtomicLong(Instant.parse("2024-05-01T10:00:00Z").toEpochMilli());
    private final List<Return> returns = new CopyOnWriteArrayList<>();

    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(now.get());
        }
    };

    @AfterEach
    void close() {
        if (minion != null) {
            minion.close();
        }
    }

    private Scheduler scheduler(Map<String, Object> jobs, Map<String, Object> pillar) throws Exception {
        Map<String, Object> opts = new LinkedHashMap<>();
        opts.put("id", "s1");
        opts.put("root_dir", dir.toString());
        opts.put("file_client", "local");
        Files.createDirectories(dir.resolve("conf"));
        minion = new Minion(Config.of(Config.Role.MINION, dir.resolve("conf"), opts)).prepare();
        Schedule s = new Schedule(jobs, dir.resolve("conf/minion.d/_schedule.conf"), () -> pillar);
        return new Scheduler(s, minion.runner(), returns::add, "root", clock);
    }

    private void await(int n) throws InterruptedException {
        for (int i = 0; i < 500 && returns.size() < n; i++) {
            Thread.sleep(10);
        }
    }

    @Test
    void intervalJobRunsAfterItsIntervalNotAtStart() throws Exception {
        Scheduler s = scheduler(Map.of("ping", Map.of("function", "test.ping", "minutes", 30L)), Map.of());
        assertEquals(List.of(), s.tick());
        now.addAndGet(29 * 60_000L);
        assertEquals(List.of(), s.tick());
        now.addAndGet(60_000L);
        assertEquals(List.of("ping"), s.tick());
        await(1);
        Return r = returns.get(0);
        assertEquals("test.ping", r.getFun());
        assertEquals(true, Values.fromProto(r.getRet()));
        assertEquals("ping", Values.mapFromProto(r.getExtra()).get("schedule"));
        assertEquals(20, r.getJid().length());
        assertEquals(List.of(), s.tick());
    }

    @Test
    void runOnStartRunsAtOnce() throws Exception {
        Scheduler s = scheduler(Map.of("hs", Map.of("function", "test.ping", "hours", 1L, "run_on_start", true)), Map.of());
        assertEquals(List.of("hs"), s.tick());
    }

    @Test
    void maxrunningKeepsALongJobFromOverlapping() throws Exception {
        Scheduler s = scheduler(Map.of("slow", Map.of("function", "test.sleep", "args", List.of(1L), "seconds", 1L,
                "run_on_start", true)), Map.of());
        assertEquals(List.of("slow"), s.tick());
        now.addAndGet(1000);
        assertEquals(List.of(), s.tick());
        await(1);
        now.addAndGet(1000);
        assertEquals(List.of("slow"), s.tick());
    }

    @Test
    void pillarJobsAndDisabledScheduleAreHonoured() throws Exception {
        Map<String, Object> pillar = Map.of("schedule", Map.of("hs", Map.of("function", "test.ping", "seconds", 10L,
                "run_on_start", true)));
        Scheduler s = scheduler(new LinkedHashMap<>(Map.of("enabled", false)), pillar);
        assertEquals(List.of(), s.tick());
        s.schedule().setEnabled(true, false);
        assertEquals(List.of("hs"), s.tick());
    }

    @Test
    void savedJobsAreReadBackAtStart() throws Exception {
        Scheduler s = scheduler(new LinkedHashMap<>(), Map.of());
        s.schedule().put("job1", Map.of("function", "test.ping", "seconds", 60L), true);
        Path file = dir.resolve("conf/minion.d/_schedule.conf");
        assertTrue(Files.readString(file).contains("job1"));
        Schedule again = new Schedule(Map.of(), file, Map::of);
        assertEquals("test.ping", again.jobs().get("job1").get("function"));
    }
}
