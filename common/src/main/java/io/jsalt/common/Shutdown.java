package io.jsalt.common;

import io.netty.channel.EventLoopGroup;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Stops the parts a daemon (or a test) started, in the order given, skipping those that were
 * never started: the one form of a close() that used to be a run of null checks.
 */
public final class Shutdown {
    private Shutdown() {}

    /**
     * Closes each part that is not null, in order. A part that fails does not leave the later
     * ones running: they are closed too, and the first failure is thrown at the end (the
     * later ones suppressed in it), unchecked unless it already was.
     */
    public static void inOrder(AutoCloseable... parts) {
        Exception first = null;
        for (AutoCloseable part : parts) {
            if (part == null) {
                continue;
            }
            try {
                part.close();
            } catch (Exception e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first instanceof RuntimeException re) {
            throw re;
        }
        if (first != null) {
            throw new IllegalStateException("Shutdown failed: " + first.getMessage(), first);
        }
    }

    /**
     * A daemon's main thread once the service runs: waits until the JVM is asked to exit
     * (SIGTERM, Ctrl-C), when a shutdown hook thread of the given name closes the service,
     * and returns when that is done.
     */
    public static void awaitExit(AutoCloseable service, String hookThread) throws InterruptedException {
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                inOrder(service);
            } finally {
                stop.countDown();
            }
        }, hookThread));
        stop.await();
    }

    /** An event loop group as a part: shut down with no quiet period, waiting up to 2 s. */
    public static AutoCloseable of(EventLoopGroup group) {
        return group == null ? null : () -> group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** An executor as a part: its running tasks interrupted, its queued ones dropped. */
    public static AutoCloseable of(ExecutorService executor) {
        return executor == null ? null : executor::shutdownNow;
    }
}
