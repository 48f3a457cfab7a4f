package io.jsalt.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/** A daemon's parts stop in the order given, the ones never started skipped, none left running. */
class ShutdownTest {
    @Test
    void partsCloseInOrderAndNullsAreSkipped() {
        List<String> closed = new ArrayList<>();
        Shutdown.inOrder(() -> closed.add("a"), null, () -> closed.add("b"), Shutdown.of((ExecutorService) null));
        assertEquals(List.of("a", "b"), closed);
    }

    @Test
    void aFailingPartDoesNotLeaveTheLaterOnesRunning() {
        List<String> closed = new ArrayList<>();
        IllegalStateException boom = new IllegalStateException("boom");
        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> Shutdown.inOrder(
                () -> {
                    throw boom;
                },
                () -> {
                    throw new IOException("second");
                },
                () -> closed.add("last")));
        assertSame(boom, thrown);
        assertEquals("second", thrown.getSuppressed()[0].getMessage());
        assertEquals(List.of("last"), closed);
    }

    @Test
    void anExecutorIsShutDown() {
        ExecutorService e = Executors.newSingleThreadExecutor();
        Shutdown.inOrder(Shutdown.of(e));
        assertTrue(e.isShutdown());
    }
}
