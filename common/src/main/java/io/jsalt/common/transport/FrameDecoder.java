package io.jsalt.common.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.TooLongFrameException;
import java.util.List;

/**
 * Splits the byte stream into frames: a 4-byte big-endian length, then that many bytes.
 * The limit can change while the connection is open: the master reads an unauthenticated
 * peer with a small one and raises it once the peer's key is accepted, so a stranger
 * cannot make it buffer a large frame. A frame announcing more than the limit fails as
 * soon as its length is read, before any of it is buffered, and everything after it is
 * dropped: the stream has lost its framing and the connection is about to close.
 */
final class FrameDecoder extends ByteToMessageDecoder {
    private volatile int maxFrameBytes;
    private boolean failed;

    FrameDecoder(int maxFrameBytes) {
        maxFrameBytes(maxFrameBytes);
    }

    void maxFrameBytes(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("the frame limit must be at least 1 byte, not " + max);
        }
        this.maxFrameBytes = max;
    }

    int maxFrameBytes() {
        return maxFrameBytes;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws TooLongFrameException {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        if (in.readableBytes() < Frames.LENGTH_BYTES) {
            return;
        }
        long length = in.getUnsignedInt(in.readerIndex());
        int max = maxFrameBytes;
        if (length > max) {
            failed = true;
            in.skipBytes(in.readableBytes());
            throw new TooLongFrameException("a frame of " + length + " bytes is over the limit of " + max);
        }
        if (in.readableBytes() < Frames.LENGTH_BYTES + length) {
            return;
        }
        in.skipBytes(Frames.LENGTH_BYTES);
        out.add(in.readRetainedSlice((int) length));
    }
}
