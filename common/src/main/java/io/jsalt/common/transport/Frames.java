package io.jsalt.common.transport;

import com.google.protobuf.MessageLite;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.LengthFieldPrepender;
import io.netty.handler.codec.protobuf.ProtobufDecoder;
import io.netty.handler.codec.protobuf.ProtobufEncoder;

/**
 * The framing both sides use: a 4-byte big-endian length, then one protobuf message.
 * A frame over the limit or bytes that do not parse raise an exception; the handler at
 * the end of the pipeline closes that connection and nothing else. The limit of a
 * pipeline's decoder can be changed later ({@link #maxFrameBytes}).
 */
public final class Frames {
    public static final int LENGTH_BYTES = 4;
    private static final String DECODER = "frameDecoder";

    private Frames() {}

    /** Adds decoder and encoder handlers after whatever is there; maxFrameBytes limits the message itself. */
    public static void addCodec(ChannelPipeline p, int maxFrameBytes, MessageLite prototype) {
        p.addLast(DECODER, new FrameDecoder(maxFrameBytes));
        p.addLast("protobufDecoder", new ProtobufDecoder(prototype));
        p.addLast("framePrepender", new LengthFieldPrepender(LENGTH_BYTES));
        p.addLast("protobufEncoder", new ProtobufEncoder());
    }

    /**
     * Changes the largest message the pipeline's decoder accepts from the next frame on
     * (the master raises it once a peer's key is accepted).
     */
    public static void maxFrameBytes(ChannelPipeline p, int maxFrameBytes) {
        ((FrameDecoder) p.get(DECODER)).maxFrameBytes(maxFrameBytes);
    }

    /** The largest message the pipeline's decoder accepts now. */
    public static int maxFrameBytes(ChannelPipeline p) {
        return ((FrameDecoder) p.get(DECODER)).maxFrameBytes();
    }
}
