package io.jsalt.common.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jsalt.common.data.Values;
import io.jsalt.common.proto.Envelope;
import io.jsalt.common.proto.Hello;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The frame codec fed the way a network delivers bytes: in pieces, too many, or garbage. */
class FramesTest {
    private static EmbeddedChannel channel(int max) {
        EmbeddedChannel ch = new EmbeddedChannel();
        Frames.addCodec(ch.pipeline(), max, Envelope.getDefaultInstance());
        // What the real pipelines do at the end: any codec error closes the connection.
        ch.pipeline().addLast(new ChannelInboundHandlerAdapter() {
            @Override
            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                ctx.close();
            }
        });
        return ch;
    }

    private static Envelope hello(String id) {
        return Envelope.newBuilder().setId(7).setHello(Hello.newBuilder().setId(id)
                .setGrains(Values.toProto(Map.of("roles", List.of("db"))))).build();
    }

    private static ByteBuf encode(Envelope e) {
        EmbeddedChannel out = channel(1 << 20);
        out.writeOutbound(e);
        ByteBuf all = Unpooled.buffer();
        ByteBuf part;
        while ((part = out.readOutbound()) != null) {
            all.writeBytes(part);
            part.release();
        }
        return all;
    }

    @Test
    void aFrameArrivingOneByteAtATimeDecodesOnce() {
        ByteBuf bytes = encode(hello("db1"));
        EmbeddedChannel in = channel(1 << 20);
        while (bytes.isReadable()) {
            in.writeInbound(bytes.readRetainedSlice(1));
        }
        bytes.release();
        Envelope got = in.readInbound();
        assertEquals(hello("db1"), got);
        assertNull(in.readInbound());
    }

    @Test
    void twoFramesInOneReadDecodeAsTwoMessages() {
        ByteBuf both = Unpooled.wrappedBuffer(encode(hello("a")), encode(hello("b")));
        EmbeddedChannel in = channel(1 << 20);
        in.writeInbound(both);
        assertEquals("a", ((Envelope) in.readInbound()).getHello().getId());
        assertEquals("b", ((Envelope) in.readInbound()).getHello().getId());
    }

    @Test
    void anOversizedFrameClosesTheConnectionBeforeItIsBuffered() {
        EmbeddedChannel in = channel(1024);
        ByteBuf header = Unpooled.buffer().writeInt(10 * 1024 * 1024).writeBytes(new byte[16]);
        in.writeInbound(header);
        assertFalse(in.isActive(), "a frame announcing 10 MiB over a 1 KiB limit must close the channel");
        assertNull(in.readInbound());
    }

    @Test
    void bytesThatAreNotProtobufCloseTheConnection() {
        EmbeddedChannel in = channel(1024);
        ByteBuf junk = Unpooled.buffer().writeInt(6).writeBytes(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff,
            (byte) 0xff, (byte) 0xff, (byte) 0xff});
        in.writeInbound(junk);
        assertFalse(in.isActive());
    }

    @Test
    void aFrameExactlyAtTheLimitIsAccepted() {
        ByteBuf bytes = encode(hello("x".repeat(200)));
        int size = bytes.readableBytes() - Frames.LENGTH_BYTES;
        EmbeddedChannel in = channel(size);
        in.writeInbound(bytes);
        assertTrue(in.isActive());
        Envelope got = in.readInbound();
        assertEquals(200, got.getHello().getId().length());
    }

    @Test
    void aRaisedLimitAppliesFromTheNextFrame() {
        ByteBuf small = encode(hello("a"));
        ByteBuf large = encode(hello("x".repeat(4000)));
        EmbeddedChannel in = channel(1024);
        in.writeInbound(small);
        assertEquals("a", ((Envelope) in.readInbound()).getHello().getId());
        Frames.maxFrameBytes(in.pipeline(), 1 << 20);
        assertEquals(1 << 20, Frames.maxFrameBytes(in.pipeline()));
        in.writeInbound(large);
        assertTrue(in.isActive());
        assertEquals(4000, ((Envelope) in.readInbound()).getHello().getId().length());
    }

    @Test
    void nothingAfterAnOversizedFrameIsDecoded() {
        EmbeddedChannel in = channel(1024);
        ByteBuf tooLong = Unpooled.buffer().writeInt(2048).writeBytes(new byte[8]);
        in.writeInbound(Unpooled.wrappedBuffer(tooLong, encode(hello("after"))));
        assertFalse(in.isActive());
        assertNull(in.readInbound(), "the stream lost its framing: what follows is not read as frames");
    }
}
