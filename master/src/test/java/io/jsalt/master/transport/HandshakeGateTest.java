package io.jsalt.master.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HandshakeGateTest {
    private final List<String> started = new ArrayList<>();

    private void admit(HandshakeGate gate, EmbeddedChannel ch, String name) {
        gate.admit(ch, () -> started.add(name));
    }

    /** Channels a, b and c (b and c waiting: the limit is 1). */
    private EmbeddedChannel[] admitThree(HandshakeGate gate) {
        EmbeddedChannel[] ch = {new EmbeddedChannel(), new EmbeddedChannel(), new EmbeddedChannel()};
        admit(gate, ch[0], "a");
        admit(gate, ch[1], "b");
        admit(gate, ch[2], "c");
        return ch;
    }

    @Test
    void pastTheLimitConnectionsWaitUnreadAndStartInArrivalOrder() {
        HandshakeGate gate = new HandshakeGate(2);
        EmbeddedChannel a = new EmbeddedChannel();
        EmbeddedChannel b = new EmbeddedChannel();
        EmbeddedChannel c = new EmbeddedChannel();
        EmbeddedChannel d = new EmbeddedChannel();
        admit(gate, a, "a");
        admit(gate, b, "b");
        admit(gate, c, "c");
        admit(gate, d, "d");
        assertEquals(List.of("a", "b"), started, "two at once");
        assertTrue(a.config().isAutoRead());
        assertFalse(c.config().isAutoRead(), "a waiting connection is not read");
        assertFalse(d.config().isAutoRead());
        assertEquals(2, gate.inFlight());
        assertEquals(2, gate.waiting());

        gate.ended();
        c.runPendingTasks();
        assertEquals(List.of("a", "b", "c"), started, "the first waiting one starts on its event loop");
        assertTrue(c.config().isAutoRead(), "and is read again");
        assertEquals(2, gate.inFlight());

        gate.ended();
        d.runPendingTasks();
        gate.ended();
        gate.ended();
        assertEquals(List.of("a", "b", "c", "d"), started);
        assertEquals(0, gate.inFlight());
        assertEquals(0, gate.waiting());
        admit(gate, new EmbeddedChannel(), "e");
        assertEquals("e", started.get(4), "below the limit again: at once");
    }

    @Test
    void aConnectionClosedWhileWaitingIsSkipped() {
        HandshakeGate gate = new HandshakeGate(1);
        EmbeddedChannel[] ch = admitThree(gate);
        EmbeddedChannel gone = ch[1];
        EmbeddedChannel c = ch[2];
        gone.close();
        gate.ended();
        c.runPendingTasks();
        assertEquals(List.of("a", "c"), started, "b closed while waiting");
        assertEquals(1, gate.inFlight());
        assertEquals(0, gate.waiting());
    }

    @Test
    void aConnectionClosedJustAsItsTurnComesPassesTheTurnOn() {
        HandshakeGate gate = new HandshakeGate(1);
        EmbeddedChannel[] ch = admitThree(gate);
        EmbeddedChannel b = ch[1];
        EmbeddedChannel c = ch[2];
        gate.ended();
        b.unsafe().close(b.voidPromise()); // closed after its turn was given, before it ran
        assertFalse(b.isActive());
        b.runPendingTasks();
        c.runPendingTasks();
        assertEquals(List.of("a", "c"), started);
        assertEquals(1, gate.inFlight());
    }

    @Test
    void aStartThatThrowsGivesItsSlotBackAndClosesTheConnection() {
        HandshakeGate gate = new HandshakeGate(1);
        EmbeddedChannel broken = new EmbeddedChannel();
        EmbeddedChannel waiting = new EmbeddedChannel();
        EmbeddedChannel next = new EmbeddedChannel();
        admit(gate, new EmbeddedChannel(), "a");
        gate.admit(broken, () -> {
            throw new IllegalStateException("no pipeline");
        });
        admit(gate, next, "next");
        gate.ended();
        broken.runPendingTasks();
        assertFalse(broken.isActive(), "the connection whose start failed is closed");
        next.runPendingTasks();
        assertEquals(List.of("a", "next"), started, "and its slot went to the next one");
        assertEquals(1, gate.inFlight());

        gate.ended();
        assertThrows(IllegalStateException.class, () -> gate.admit(waiting, () -> {
            throw new IllegalStateException("at once");
        }), "below the limit the failure reaches the caller");
        assertFalse(waiting.isActive());
        assertEquals(0, gate.inFlight(), "and the slot is free again");
    }

    @Test
    void aLimitBelowOneIsAConfigError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new HandshakeGate(0));
        assertTrue(e.getMessage().contains("tls_handshake_limit"));
    }
}
