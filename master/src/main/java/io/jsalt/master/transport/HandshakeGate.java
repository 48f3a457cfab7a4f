package io.jsalt.master.transport;

import io.netty.channel.Channel;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Queue;

/**
 * Bounds the TLS handshakes the master works on at once, and decides who is next.
 *
 * <p>When every minion reconnects at the same moment (a master restart with thousands
 * connected), working on them all at once means every handshake competes for the CPU, all
 * of them finish late and many time out: Salt's "authentication storm". So at most
 * {@code tls_handshake_limit} handshakes run at once. Every connection is still accepted at
 * once (the kernel's listen backlog is small, and a minion refused by a full backlog resends
 * its SYN after 1, 3, 7 s, leaving the master idle at the end of a storm while minions
 * sleep) and waits here for its turn.
 *
 * <p>A waiting connection is not a handshake yet. It becomes a candidate only once it has
 * sent its first TLS record, the ClientHello ({@link #ready}): a socket that sends nothing
 * never takes a handshake slot, and {@link ClientHelloWait} closes it after a few seconds
 * (longer while every slot is busy and it delays nobody).
 * Candidates are admitted round-robin by source address (an IPv6 /64 counts as one
 * source), not first come first served, so one address's flood of connections delays
 * another address's connection by at most one turn per slot. A real fleet behind NAT or a
 * swarm shares one address, so there is no fixed cap per address: the queue as a whole is
 * bounded ({@code tls_handshake_queue}), and only when it is full does a new connection
 * push out one of the address holding the most (one still silent if it has any, else its
 * newest); a new connection from that address itself is refused instead.
 */
public final class HandshakeGate {
    private final int limit;
    private final int queueLimit;
    private final Map<Object, Source> sources = new HashMap<>();
    /** Sources with at least one candidate, in turn order. */
    private final Queue<Source> turns = new ArrayDeque<>();
    private int inFlight;
    private int queued;

    /** One source address's waiting connections. */
    private static final class Source {
        final Object key;
        final LinkedHashSet<Ticket> silent = new LinkedHashSet<>();
        final LinkedHashSet<Ticket> ready = new LinkedHashSet<>();
        boolean inTurns;

        Source(Object key) {
            this.key = key;
        }

        int size() {
            return silent.size() + ready.size();
        }
    }

    /** A connection's place in the gate, from its acceptance until its handshake starts. */
    public static final class Ticket {
        private final Channel channel;
        private final Source source;
        private Runnable start;
        private boolean queued = true;
        /** Takes the ticket out of the queue if the connection closes while it waits. */
        private io.netty.channel.ChannelFutureListener onClose;

        private Ticket(Channel channel, Source source) {
            this.channel = channel;
            this.source = source;
        }
    }

    public HandshakeGate(int limit, int queueLimit) {
        if (limit < 1) {
            throw new IllegalArgumentException("tls_handshake_limit must be at least 1, not " + limit);
        }
        if (queueLimit < 1) {
            throw new IllegalArgumentException("tls_handshake_queue must be at least 1, not " + queueLimit);
        }
        this.limit = limit;
        this.queueLimit = queueLimit;
    }

    /**
     * The source a connection counts against: its IP address, or its /64 for IPv6, where one
     * host can have any address of its prefix.
     */
    static Object sourceOf(Channel channel) {
        SocketAddress a = channel.remoteAddress();
        if (a instanceof InetSocketAddress isa && isa.getAddress() != null) {
            InetAddress ip = isa.getAddress();
            if (ip instanceof Inet6Address) {
                return Arrays.toString(Arrays.copyOf(ip.getAddress(), 8)) + "/64";
            }
            return ip;
        }
        return a;
    }

    /**
     * A connection was accepted and waits for its ClientHello. Returns its ticket, or null if
     * the queue is full and {@code source} already holds the most of it: then the connection
     * is closed here.
     */
    Ticket accepted(Channel channel, Object source) {
        Ticket ticket;
        Channel evicted = null;
        synchronized (this) {
            Source s = sources.get(source);
            if (queued >= queueLimit) {
                Source largest = largest();
                if (s != null && s.size() >= largest.size()) {
                    largest = null;
                }
                if (largest == null) {
                    evicted = channel;
                } else {
                    evicted = evict(largest);
                }
            }
            if (evicted == channel) {
                ticket = null;
            } else {
                if (s == null) {
                    s = new Source(source);
                    sources.put(source, s);
                }
                ticket = new Ticket(channel, s);
                s.silent.add(ticket);
                queued++;
            }
        }
        // Closed outside the lock: closing runs the channel's handlers when on its event loop.
        if (evicted != null) {
            evicted.close();
        }
        if (ticket == null) {
            return null;
        }
        Ticket t = ticket;
        io.netty.channel.ChannelFutureListener onClose = null;
        synchronized (this) {
            if (t.queued) {
                onClose = f -> left(t);
                t.onClose = onClose;
            }
        }
        // Outside the lock: a channel closed already runs the listener at once.
        if (onClose != null) {
            channel.closeFuture().addListener(onClose);
        }
        return ticket;
    }

    private Source largest() {
        Source max = null;
        for (Source s : sources.values()) {
            if (max == null || s.size() > max.size()) {
                max = s;
            }
        }
        return max;
    }

    /** Takes a connection of {@code s} out of the queue: the oldest silent one, else the newest candidate. */
    private Channel evict(Source s) {
        Iterator<Ticket> it = s.silent.iterator();
        Ticket victim;
        if (it.hasNext()) {
            victim = it.next();
        } else {
            victim = null;
            for (Ticket t : s.ready) {
                victim = t;
            }
        }
        unqueue(victim);
        return victim.channel;
    }

    /** Removes a ticket from the queue's books (caller holds the lock). */
    private void unqueue(Ticket t) {
        t.queued = false;
        // Once out of the queue the ticket must not live on with the connection: its close
        // listener would keep it, and with it the waiting pipeline handler and its buffers,
        // for as long as the minion stays connected.
        if (t.onClose != null) {
            t.channel.closeFuture().removeListener(t.onClose);
            t.onClose = null;
        }
        Source s = t.source;
        s.silent.remove(t);
        s.ready.remove(t);
        queued--;
        if (s.size() == 0) {
            sources.remove(s.key);
        }
    }

    /**
     * The connection has sent its ClientHello: runs {@code start} now (on the caller's thread,
     * the channel's event loop) if fewer than the limit are in progress, else queues it as a
     * candidate for its source's next turn. {@code start} must arrange for {@link #ended()}
     * when the handshake ends, as its last step: if it throws, the slot is given back here and
     * the connection closed.
     */
    void ready(Ticket t, Runnable start) {
        synchronized (this) {
            if (!t.queued) {
                return;
            }
            if (inFlight >= limit) {
                t.start = start;
                t.source.silent.remove(t);
                t.source.ready.add(t);
                if (!t.source.inTurns) {
                    t.source.inTurns = true;
                    turns.add(t.source);
                }
                return;
            }
            unqueue(t);
            inFlight++;
        }
        run(t.channel, start);
    }

    /** The connection closed before its handshake started. */
    private synchronized void left(Ticket t) {
        if (t.queued) {
            unqueue(t);
        }
    }

    private void run(Channel channel, Runnable start) {
        try {
            start.run();
        } catch (RuntimeException | Error e) {
            channel.close();
            ended();
            throw e;
        }
    }

    /** A handshake ended (done, failed or the connection closed): the next source's candidate starts. */
    void ended() {
        Ticket next;
        synchronized (this) {
            next = nextCandidate();
            if (next == null) {
                inFlight--;
                return;
            }
        }
        Ticket admitted = next;
        Runnable start = admitted.start;
        admitted.start = null;
        admitted.channel.eventLoop().execute(() -> {
            if (admitted.channel.isActive()) {
                run(admitted.channel, start);
            } else {
                ended();
            }
        });
    }

    /** The first candidate of the source whose turn it is; that source goes to the back of the line. */
    private Ticket nextCandidate() {
        Source s;
        while ((s = turns.poll()) != null) {
            s.inTurns = false;
            Iterator<Ticket> it = s.ready.iterator();
            if (!it.hasNext()) {
                continue;
            }
            Ticket t = it.next();
            unqueue(t);
            if (!s.ready.isEmpty()) {
                s.inTurns = true;
                turns.add(s);
            }
            return t;
        }
        return null;
    }

    /** Whether every handshake slot is busy. */
    public synchronized boolean saturated() {
        return inFlight >= limit;
    }

    public synchronized int inFlight() {
        return inFlight;
    }

    /** Connections accepted whose handshake has not started: still silent, or waiting for a slot. */
    public synchronized int waiting() {
        return queued;
    }

    public int limit() {
        return limit;
    }
}
