package io.jsalt.master.pillar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PillarWatchTest {
    @TempDir
    Path dir;

    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    /** Polls with a bound generous enough for a loaded CI host. */
    private static void await(BooleanSupplier cond, String what) throws InterruptedException {
        long end = System.nanoTime() + 10_000_000_000L;
        while (!cond.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting for: " + what);
            }
            Thread.sleep(20);
        }
    }

    @Test
    void aBurstOfWritesIsOneReloadAndNewDirectoriesAreWatched() throws Exception {
        Path root = Files.createDirectories(dir.resolve("pillar"));
        Files.writeString(root.resolve("top.sls"), "base: {}\n");
        AtomicInteger reloads = new AtomicInteger();
        try (PillarWatch w = new PillarWatch(List.of(root), executor, reloads::incrementAndGet)) {
            assertTrue(w.start());
            for (int i = 0; i < 20; i++) {
                Files.writeString(root.resolve("top.sls"), "base: {'*': [x" + i + "]}\n");
            }
            await(() -> reloads.get() >= 1, "a reload after the writes");
            int afterBurst = reloads.get();
            assertTrue(afterBurst < 10, "20 quick writes coalesce into a few reloads, got " + afterBurst);

            // A directory made after start is watched too: a file written in it reloads again.
            Path sub = Files.createDirectories(root.resolve("hub"));
            await(() -> w.watched().contains(sub), "the new directory is registered");
            int before = reloads.get();
            Files.writeString(sub.resolve("rsync.sls"), "rsync_hub: {}\n");
            await(() -> reloads.get() > before, "a reload after a write in the new directory");
        }
    }

    @Test
    void aMissingRootCannotBeWatchedSoTheCallerFallsBackToItsTimer() {
        AtomicInteger reloads = new AtomicInteger();
        try (PillarWatch w = new PillarWatch(List.of(dir.resolve("nosuch")), executor, reloads::incrementAndGet)) {
            assertFalse(w.start());
        }
        try (PillarWatch none = new PillarWatch(List.of(), executor, reloads::incrementAndGet)) {
            assertFalse(none.start());
        }
        assertEquals(0, reloads.get());
    }
}
