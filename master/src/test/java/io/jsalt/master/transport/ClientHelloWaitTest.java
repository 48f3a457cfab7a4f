package io.jsalt.master.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A new connection before its handshake: silent peers go, a ClientHello is kept for its turn. */
class ClientHelloWaitTest {
    private final ByteBuf handedOn = Unpooled.buffer();
    private int handshakes;

    /** A channel whose "handshake" collects the bytes handed on. */
    private EmbeddedChannel channel(HandshakeGate gate) {
        EmbeddedChannel ch = new EmbeddedChannel();
        ch.freezeTime();
        ch.pipeline().addLast("hello", new ClientHelloWait(gate, c -> {
            handshakes++;
            c.pipeline().addLast(new ChannelInboundHandlerAdapter() {
                @Override
                public void channelRead(ChannelHandlerContext ctx, Object msg) {
                    handedOn.writeBytes((ByteBuf) msg);
                    ((ByteBuf) msg).release();
                }
            });
            ClientHelloWait.release(c);
        }));
        ch.pipeline().fireChannelActive();
        return ch;
    }

    /** A TLS handshake record of n body bytes. */
    private static byte[] record(int n) {
        byte[] r = new byte[ClientHelloWait.HEADER_BYTES + n];
        r[0] = 22;
        r[1] = 3;
        r[2] = 1;
        r[3] = (byte) (n >> 8);
        r[4] = (byte) n;
        for (int i = 5; i < r.length; i++) {
            r[i] = (byte) i;
        }
        return r;
    }

    @Test
    void aPeerThatSendsNothingIsClosedAtTheDeadline() {
        HandshakeGate gate = new HandshakeGate(1, 10);
        EmbeddedChannel ch = channel(gate);
        assertEquals(1, gate.waiting());
        ch.advanceTimeBy(ClientHelloWait.DEADLINE_MS - 1, TimeUnit.MILLISECONDS);
        ch.runScheduledPendingTasks();
        assertTrue(ch.isActive());
        ch.advanceTimeBy(1, TimeUnit.MILLISECONDS);
        ch.runScheduledPendingTasks();
        assertFalse(ch.isActive(), "silent for " + ClientHelloWait.DEADLINE_MS + " ms");
        assertEquals(0, gate.waiting(), "and its place in the queue is free");
        assertEquals(0, handshakes);
    }

    @Test
    void aPartialClientHelloStillMeetsTheDeadline() {
        HandshakeGate gate = new HandshakeGate(1, 10);
        EmbeddedChannel ch = channel(gate);
        ch.writeInbound(Unpooled.wrappedBuffer(record(100), 0, 50));
        ch.advanceTimeBy(ClientHelloWait.DEADLINE_MS, TimeUnit.MILLISECONDS);
        ch.runScheduledPendingTasks();
        assertFalse(ch.isActive(), "half a record is not a ClientHello");
    }

    @Test
    void aClientHelloInPiecesIsHandedOnWholeWhenItsHandshakeStarts() {
        HandshakeGate gate = new HandshakeGate(1, 10);
        byte[] hello = record(300);
        EmbeddedChannel ch = channel(gate);
        ch.writeInbound(Unpooled.wrappedBuffer(hello, 0, 3));
        ch.writeInbound(Unpooled.wrappedBuffer(hello, 3, 100));
        assertEquals(0, handshakes, "not before the record is complete");
        ch.writeInbound(Unpooled.wrappedBuffer(hello, 103, hello.length - 103));
        assertEquals(1, handshakes);
        assertArrayEquals(hello, ByteBufUtil.getBytes(handedOn));
        assertNull(ch.pipeline().get("hello"), "the wait is over: TLS reads the connection");
        ch.advanceTimeBy(ClientHelloWait.DEADLINE_MS * 2, TimeUnit.MILLISECONDS);
        ch.runScheduledPendingTasks();
        assertTrue(ch.isActive(), "no deadline once the handshake runs");
    }

    @Test
    void aClientHelloWaitingForASlotIsKeptPastTheDeadline() {
        HandshakeGate gate = busyGate();
        byte[] hello = record(200);
        EmbeddedChannel ch = channel(gate);
        ch.writeInbound(Unpooled.wrappedBuffer(hello));
        ch.advanceTimeBy(ClientHelloWait.DEADLINE_MS * 2, TimeUnit.MILLISECONDS);
        ch.runScheduledPendingTasks();
        assertTrue(ch.isActive(), "it has spoken: it waits for its turn however long");
        assertEquals(0, handshakes);
        gate.ended();
        ch.runPendingTasks();
        assertEquals(1, handshakes);
        assertArrayEquals(hello, ByteBufUtil.getBytes(handedOn));
    }

    @Test
    void bytesThatAreNotATlsHandshakeCloseTheConnection() {
        HandshakeGate gate = new HandshakeGate(1, 10);
        EmbeddedChannel ch = channel(gate);
        ch.writeInbound(Unpooled.copiedBuffer("GET / HTTP/1.1\r\n", StandardCharsets.US_ASCII));
        assertFalse(ch.isActive());
        assertEquals(0, gate.waiting());
    }

    @Test
    void moreThanAClientHelloBeforeItsTurnClosesTheConnection() {
        HandshakeGate gate = busyGate();
        EmbeddedChannel ch = channel(gate);
        ch.writeInbound(Unpooled.wrappedBuffer(record(200)));
        assertTrue(ch.isActive());
        ch.writeInbound(Unpooled.wrappedBuffer(new byte[ClientHelloWait.MAX_RECORD_BYTES]));
        assertFalse(ch.isActive(), "nothing more is buffered for a peer that has not had its turn");
    }

    @Test
    void aSilentPeerIsGivenLongerWhileEverySlotIsBusyButNotForever() {
        HandshakeGate gate = busyGate();
        EmbeddedChannel ch = channel(gate);
        long silent = 0;
        while (silent < ClientHelloWait.MAX_SILENT_MS) {
            assertTrue(ch.isActive(), "the slots are all busy: a late ClientHello delays nobody (" + silent + " ms)");
            ch.advanceTimeBy(ClientHelloWait.DEADLINE_MS, TimeUnit.MILLISECONDS);
            ch.runScheduledPendingTasks();
            silent += ClientHelloWait.DEADLINE_MS;
        }
        assertFalse(ch.isActive(), "silent for " + ClientHelloWait.MAX_SILENT_MS + " ms is too long in any case");
    }

    @Test
    void aSilentPeerGivenLongerIsClosedOnceASlotIsFree() {
        HandshakeGate gate = busyGate();
        EmbeddedChannel ch = channel(gate);
        ch.advanceTimeBy(ClientHelloWait.DEADLINE_MS, TimeUnit.MILLISECONDS);
        ch.runScheduledPendingTasks();
        assertTrue(ch.isActive());
        gate.ended();
        ch.advanceTimeBy(ClientHelloWait.DEADLINE_MS, TimeUnit.MILLISECONDS);
        ch.runScheduledPendingTasks();
        assertFalse(ch.isActive());
    }

    /** A gate of one handshake slot, which another connection holds. */
    private static HandshakeGate busyGate() {
        HandshakeGate gate = new HandshakeGate(1, 10);
        gate.ready(gate.accepted(new EmbeddedChannel(), "other"), () -> { });
        return gate;
    }
}
