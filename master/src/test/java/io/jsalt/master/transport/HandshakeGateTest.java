package io.jsalt.master.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HandshakeGateTest {
    private final List<String> started = new ArrayList<>();
    private final List<EmbeddedChannel> channels = new ArrayList<>();

    /** A connection from {@code source} that has sent its ClientHello. */
    private EmbeddedChannel ready(HandshakeGate gate, String source, String name) {
        EmbeddedChannel ch = new EmbeddedChannel();
        channels.add(ch);
        gate.ready(gate.accepted(ch, source), () -> started.add(name));
        return ch;
    }

    /** Connections from one source whose handshakes are ready, in this order. */
    private void readyAll(HandshakeGate gate, String source, String first, String... more) {
        ready(gate, source, first);
        for (String name : more) {
            ready(gate, source, name);
        }
    }

    /** A connection from {@code source} that has sent nothing yet. */
    private EmbeddedChannel silent(HandshakeGate gate, String source) {
        EmbeddedChannel ch = new EmbeddedChannel();
        channels.add(ch);
        gate.accepted(ch, source);
        return ch;
    }

    /** Ends one handshake and runs what the gate scheduled on the event loops. */
    private void end(HandshakeGate gate) {
        gate.ended();
        channels.forEach(EmbeddedChannel::runPendingTasks);
    }

    @Test
    void pastTheLimitCandidatesWaitAndStartWhenASlotFrees() {
        HandshakeGate gate = new HandshakeGate(2, 100);
        readyAll(gate, "A", "a", "b", "c", "d");
        assertEquals(List.of("a", "b"), started, "two at once");
        assertEquals(2, gate.inFlight());
        assertEquals(2, gate.waiting());

        end(gate);
        assertEquals(List.of("a", "b", "c"), started, "the next one starts on its event loop");
        assertEquals(2, gate.inFlight());
        end(gate);
        end(gate);
        end(gate);
        assertEquals(List.of("a", "b", "c", "d"), started);
        assertEquals(0, gate.inFlight());
        assertEquals(0, gate.waiting());
        ready(gate, "A", "e");
        assertEquals("e", started.get(4), "below the limit again: at once");
    }

    @Test
    void aConnectionThatSendsNothingNeverTakesASlot() {
        HandshakeGate gate = new HandshakeGate(2, 1000);
        for (int i = 0; i < 128; i++) {
            silent(gate, "attacker");
        }
        ready(gate, "minion", "minion");
        assertEquals(List.of("minion"), started, "128 silent sockets do not delay a ClientHello");
        assertEquals(128, gate.waiting());
    }

    @Test
    void candidatesAreAdmittedRoundRobinBySourceAddress() {
        HandshakeGate gate = new HandshakeGate(1, 1000);
        ready(gate, "A", "a0");
        for (int i = 1; i <= 4; i++) {
            ready(gate, "A", "a" + i);
        }
        ready(gate, "B", "b1");
        ready(gate, "B", "b2");
        ready(gate, "C", "c1");
        for (int i = 0; i < 7; i++) {
            end(gate);
        }
        assertEquals(List.of("a0", "a1", "b1", "c1", "a2", "b2", "a3", "a4"), started,
                "a flood from A delays B and C by one turn, not by the whole flood");
    }

    @Test
    void aFullQueueMakesRoomByClosingASilentConnectionOfTheLargestSource() {
        HandshakeGate gate = new HandshakeGate(1, 4);
        ready(gate, "A", "running");
        EmbeddedChannel oldest = silent(gate, "A");
        silent(gate, "A");
        silent(gate, "A");
        silent(gate, "A");
        assertEquals(4, gate.waiting());

        ready(gate, "B", "b");
        assertFalse(oldest.isActive(), "A's oldest silent connection made room for B's");
        assertEquals(4, gate.waiting());

        EmbeddedChannel refused = new EmbeddedChannel();
        assertNull(gate.accepted(refused, "A"), "A holds the most of a full queue: its new connection is refused");
        assertFalse(refused.isActive());
        assertEquals(4, gate.waiting());

        end(gate);
        assertEquals(List.of("running", "b"), started, "B's ClientHello went first: A's are silent");
    }

    @Test
    void aFullQueueOfCandidatesGivesUpTheLargestSourcesNewest() {
        HandshakeGate gate = new HandshakeGate(1, 3);
        readyAll(gate, "A", "running", "a1", "a2");
        EmbeddedChannel newest = ready(gate, "A", "a3");
        ready(gate, "B", "b1");
        assertFalse(newest.isActive());
        for (int i = 0; i < 3; i++) {
            end(gate);
        }
        assertEquals(List.of("running", "a1", "b1", "a2"), started);
    }

    @Test
    void aConnectionWhoseHandshakeStartedKeepsNothingOfItsWaitAlive() throws InterruptedException {
        // The start action of a waiting connection holds the pipeline handler that buffered its
        // ClientHello; kept for the connection's life it cost every minion of a mass reconnect
        // a few hundred bytes of heap for as long as it stayed connected.
        HandshakeGate gate = new HandshakeGate(1, 100);
        ready(gate, "A", "a");
        EmbeddedChannel b = new EmbeddedChannel();
        channels.add(b);
        Runnable start = () -> started.add("b");
        java.lang.ref.WeakReference<Runnable> ref = new java.lang.ref.WeakReference<>(start);
        gate.ready(gate.accepted(b, "A"), start);
        start = null;
        end(gate);
        assertEquals(List.of("a", "b"), started);
        assertTrue(b.isActive());
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (ref.get() != null && System.nanoTime() < deadline) {
            System.gc();
            Thread.sleep(10);
        }
        assertNull(ref.get(), "the connection still holds its start action");
    }

    @Test
    void aConnectionClosedWhileWaitingLeavesTheQueue() {
        HandshakeGate gate = new HandshakeGate(1, 100);
        ready(gate, "A", "a");
        EmbeddedChannel gone = ready(gate, "A", "b");
        EmbeddedChannel idle = silent(gate, "A");
        ready(gate, "A", "c");
        gone.close();
        idle.close();
        assertEquals(1, gate.waiting());
        end(gate);
        assertEquals(List.of("a", "c"), started, "b closed while waiting");
        assertEquals(1, gate.inFlight());
        assertEquals(0, gate.waiting());
    }

    @Test
    void aConnectionClosedJustAsItsTurnComesPassesTheTurnOn() {
        HandshakeGate gate = new HandshakeGate(1, 100);
        ready(gate, "A", "a");
        EmbeddedChannel b = ready(gate, "A", "b");
        ready(gate, "A", "c");
        gate.ended();
        b.unsafe().close(b.voidPromise()); // closed after its turn was given, before it ran
        assertFalse(b.isActive());
        channels.forEach(EmbeddedChannel::runPendingTasks);
        assertEquals(List.of("a", "c"), started);
        assertEquals(1, gate.inFlight());
    }

    @Test
    void aStartThatThrowsGivesItsSlotBackAndClosesTheConnection() {
        HandshakeGate gate = new HandshakeGate(1, 100);
        ready(gate, "A", "a");
        EmbeddedChannel broken = new EmbeddedChannel();
        channels.add(broken);
        gate.ready(gate.accepted(broken, "A"), () -> {
            throw new IllegalStateException("no pipeline");
        });
        ready(gate, "A", "next");
        end(gate);
        assertFalse(broken.isActive(), "the connection whose start failed is closed");
        assertEquals(List.of("a", "next"), started, "and its slot went to the next one");
        assertEquals(1, gate.inFlight());

        gate.ended();
        EmbeddedChannel waiting = new EmbeddedChannel();
        HandshakeGate.Ticket t = gate.accepted(waiting, "A");
        assertThrows(IllegalStateException.class, () -> gate.ready(t, () -> {
            throw new IllegalStateException("at once");
        }), "below the limit the failure reaches the caller");
        assertFalse(waiting.isActive());
        assertEquals(0, gate.inFlight(), "and the slot is free again");
    }

    @Test
    void anIpv6SourceIsItsSlash64() throws Exception {
        var a = new io.netty.channel.embedded.EmbeddedChannel() {
            @Override
            protected java.net.SocketAddress remoteAddress0() {
                return new java.net.InetSocketAddress("2001:db8::1", 4506);
            }
        };
        var b = new io.netty.channel.embedded.EmbeddedChannel() {
            @Override
            protected java.net.SocketAddress remoteAddress0() {
                return new java.net.InetSocketAddress("2001:db8::ffff:2", 4506);
            }
        };
        assertEquals(HandshakeGate.sourceOf(a), HandshakeGate.sourceOf(b));
    }

    @Test
    void limitsBelowOneAreConfigErrors() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new HandshakeGate(0, 10));
        assertTrue(e.getMessage().contains("tls_handshake_limit"));
        e = assertThrows(IllegalArgumentException.class, () -> new HandshakeGate(1, 0));
        assertTrue(e.getMessage().contains("tls_handshake_queue"));
    }
}
