package io.jsalt.master.minions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jsalt.common.data.Values;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MinionRegistryTest {
    @TempDir
    Path tmp;

    private final ExecutorService io = Executors.newSingleThreadExecutor();

    /**
     * The registry writes the grains cache on this executor: let a queued write finish before
     * JUnit deletes the temp directory, or the deletion races it ("directory not empty").
     */
    @AfterEach
    void stop() throws InterruptedException {
        io.shutdown();
        io.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
    }

    @Test
    void grainsFromTheCacheFileAreStampedWithTheMinionsOwnId() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("minions/gamma"));
        Files.write(dir.resolve("grains.pb"), Values.toProto(Map.of("id", "beta", "os", "Debian")).toByteArray());
        MinionRegistry r = new MinionRegistry(tmp, io);
        r.loadCache(List.of("gamma"));
        assertEquals("gamma", r.get("gamma").grains().get("id"));
        assertEquals("Debian", r.get("gamma").grains().get("os"));
    }

    @Test
    void reportedGrainsAreStampedOnConnectAndOnUpdate() {
        MinionRegistry r = new MinionRegistry(tmp, io);
        r.accepted("gamma");
        r.connected("gamma", new EmbeddedChannel(), Map.of("id", "beta"));
        assertEquals("gamma", r.get("gamma").grains().get("id"));
        r.updateGrains("gamma", Map.of("id", "beta", "os", "Debian"));
        assertEquals(Map.of("id", "gamma", "os", "Debian"), r.get("gamma").grains());
    }

    @Test
    void aRevokedKeyClosesEverySessionAndASessionOpenedAfterTheCheckIsRefused() {
        MinionRegistry r = new MinionRegistry(tmp, io);
        r.accepted("gamma");
        EmbeddedChannel daemon = new EmbeddedChannel();
        EmbeddedChannel call = new EmbeddedChannel();
        long generation = r.generation("gamma");
        assertTrue(r.opened("gamma", daemon, true, generation));
        assertTrue(r.opened("gamma", call, false, generation));
        r.removed("gamma");
        assertFalse(daemon.isOpen());
        assertFalse(call.isOpen());

        // Key re-accepted meanwhile, but this admission began before the revocation.
        r.accepted("gamma");
        assertFalse(r.opened("gamma", new EmbeddedChannel(), false, generation));
        assertTrue(r.opened("gamma", new EmbeddedChannel(), false, r.generation("gamma")));
    }
}
