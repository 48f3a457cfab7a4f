package io.jsalt.master.transport;

import io.netty.channel.Channel;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Bounds the TLS handshakes the master works on at once. When every minion reconnects at
 * the same moment (a master restart with thousands connected), accepting them all at once
 * means every handshake competes for the CPU, all of them finish late and many time out:
 * Salt's "authentication storm". Past the limit the master stops accepting: new connections
 * wait in the kernel's listen backlog, untimed by the master, and each one admitted
 * completes its handshake quickly. The master answers in arrival order, and no minion is
 * refused for arriving in a crowd.
 */
public final class HandshakeGate {
    private final int limit;
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile Channel server;

    public HandshakeGate(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("tls_handshake_limit must be at least 1, not " + limit);
        }
        this.limit = limit;
    }

    /** The listening channel whose accepting is paused and resumed. */
    public void serve(Channel serverChannel) {
        this.server = serverChannel;
    }

    /** A connection was accepted and its handshake starts. */
    void started() {
        if (inFlight.incrementAndGet() >= limit) {
            Channel s = server;
            if (s != null) {
                s.config().setAutoRead(false);
            }
        }
    }

    /** A handshake ended (done, failed or the connection closed). */
    void ended() {
        if (inFlight.decrementAndGet() < limit) {
            Channel s = server;
            if (s != null && !s.config().isAutoRead()) {
                s.config().setAutoRead(true);
            }
        }
    }

    public int inFlight() {
        return inFlight.get();
    }

    public int limit() {
        return limit;
    }
}
