package io.jsalt.master.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

class HandshakeGateTest {
    @Test
    void stopsAcceptingAtTheLimitAndResumesWhenAHandshakeEnds() {
        EmbeddedChannel server = new EmbeddedChannel();
        HandshakeGate gate = new HandshakeGate(2);
        gate.serve(server);
        gate.started();
        assertTrue(server.config().isAutoRead());
        gate.started();
        assertFalse(server.config().isAutoRead(), "two handshakes in flight: accept no more");
        gate.ended();
        assertTrue(server.config().isAutoRead(), "one ended: accept again");
        assertEquals(1, gate.inFlight());
        gate.ended();
        assertEquals(0, gate.inFlight());
        assertTrue(server.config().isAutoRead());
    }

    @Test
    void aLimitBelowOneIsAConfigError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new HandshakeGate(0));
        assertTrue(e.getMessage().contains("tls_handshake_limit"));
    }
}
