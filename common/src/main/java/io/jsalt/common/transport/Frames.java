package io.jsalt.common.transport;

import com.google.protobuf.MessageLite;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.LengthFieldPrepender;
import io.netty.handler.codec.protobuf.ProtobufDecoder;
import io.netty.handler.codec.protobuf.ProtobufEncoder;

/**
 * The framing both sides use: a 4-byte big-endian length, then one protobuf message.
 * A frame over the limit or bytes that do not parse raise an exception; the handler at
 * the end of the pipeline closes that connection and nothing else.
 */
public final class Frames {
    public static final int LENGTH_BYTES = 4;

    private Frames() {}

    /** Adds decoder and encoder handlers after whatever is there; maxFrameBytes limits the message itself. */
    public static void addCodec(ChannelPipeline p, int maxFrameBytes, MessageLite prototype) {
        p.addLast("frameDecoder", new LengthFieldBasedFrameDecoder(maxFrameBytes + LENGTH_BYTES, 0, LENGTH_BYTES, 0, LENGTH_BYTES));
        p.addLast("protobufDecoder", new ProtobufDecoder(prototype));
        p.addLast("framePrepender", new LengthFieldPrepender(LENGTH_BYTES));
        p.addLast("protobufEncoder", new ProtobufEncoder());
    }
}
