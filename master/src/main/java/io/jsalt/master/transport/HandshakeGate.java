package io.jsalt.master.transport;

import io.netty.channel.Channel;
import java.util.ArrayDeque;
import java.util.Queue;

/**
 * Bounds the TLS handshakes the master works on at once. When every minion reconnects at
 * the same moment (a master restart with thousands connected), working on them all at once
 * means every handshake competes for the CPU, all of them finish late and many time out:
 * Salt's "authentication storm". Past the limit, a connection is still accepted at once but
 * waits, unread, in a first-come first-served queue; its handshake (and the master's
 * handshake timeout) starts when one in progress ends. Accepting every connection matters:
 * the kernel's listen backlog is small (net.core.somaxconn, 4096 here), and a minion refused
 * by a full backlog resends its SYN after 1, 3, 7 s and gives up after its connect timeout,
 * leaving the master idle at the end of a storm while minions sleep.
 */
public final class HandshakeGate {
    private final int limit;
    private final Queue<Waiting> waiting = new ArrayDeque<>();
    private int inFlight;

    private record Waiting(Channel channel, Runnable start) {}

    public HandshakeGate(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("tls_handshake_limit must be at least 1, not " + limit);
        }
        this.limit = limit;
    }

    /**
     * A connection was accepted: runs {@code start} now (on the caller's thread, the channel's
     * event loop) if fewer than the limit are in progress, else stops reading the channel and
     * queues it; {@code start} must arrange for {@link #ended()} when the handshake ends, as
     * its last step: if it throws, the slot is given back here and the connection closed.
     */
    void admit(Channel channel, Runnable start) {
        synchronized (this) {
            if (inFlight >= limit) {
                channel.config().setAutoRead(false);
                waiting.add(new Waiting(channel, start));
                return;
            }
            inFlight++;
        }
        run(new Waiting(channel, start));
    }

    private void run(Waiting w) {
        try {
            w.start().run();
        } catch (RuntimeException | Error e) {
            w.channel().close();
            ended();
            throw e;
        }
    }

    /** A handshake ended (done, failed or the connection closed): the next waiting one starts. */
    void ended() {
        Waiting next;
        synchronized (this) {
            do {
                next = waiting.poll();
            } while (next != null && !next.channel().isActive());
            if (next == null) {
                inFlight--;
                return;
            }
        }
        Waiting admitted = next;
        admitted.channel().eventLoop().execute(() -> {
            if (admitted.channel().isActive()) {
                run(admitted);
                admitted.channel().config().setAutoRead(true);
            } else {
                ended();
            }
        });
    }

    public synchronized int inFlight() {
        return inFlight;
    }

    public synchronized int waiting() {
        return waiting.size();
    }

    public int limit() {
        return limit;
    }
}
