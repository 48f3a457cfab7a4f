package io.jsalt.master.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * First in a new connection's pipeline: buffers, without processing, what the peer sends
 * until its first TLS record (the ClientHello) is complete, then reports the connection to
 * the {@link HandshakeGate} as ready. When the gate starts the handshake, the rest of the
 * pipeline is built behind this handler and {@link #release} hands the buffered bytes on
 * and removes the handler. A peer that has not sent its first record within
 * {@link #DEADLINE_MS}, sends something that is not a TLS handshake record, or sends more
 * than a ClientHello before its handshake starts, is closed: a real minion sends its
 * ClientHello as soon as it is connected and then waits for the master's answer.
 */
final class ClientHelloWait extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(ClientHelloWait.class);

    /** How long an accepted connection may stay silent. */
    static final long DEADLINE_MS = 10_000;
    /** A TLS record header: content type, version (2 bytes), length (2 bytes). */
    static final int HEADER_BYTES = 5;
    private static final int HANDSHAKE_RECORD = 22;
    /** The largest record TLS allows (2^14 bytes of plaintext, 256 of expansion), plus its header. */
    static final int MAX_RECORD_BYTES = HEADER_BYTES + (1 << 14) + 256;

    private final HandshakeGate gate;
    private final Consumer<Channel> handshake;
    private HandshakeGate.Ticket ticket;
    private ByteBuf buffered;
    private boolean reported;
    private ScheduledFuture<?> deadline;

    /**
     * {@code handshake} builds the rest of the pipeline behind this handler, TLS first, when
     * the gate gives the connection its turn; it returns the slot to the gate when the
     * handshake ends.
     */
    ClientHelloWait(HandshakeGate gate, Consumer<Channel> handshake) {
        this.gate = gate;
        this.handshake = handshake;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        ticket = gate.accepted(ctx.channel(), HandshakeGate.sourceOf(ctx.channel()));
        if (ticket != null) {
            deadline = ctx.executor().schedule(() -> {
                if (!reported && ctx.channel().isActive()) {
                    log.debug("Closing {}: no ClientHello within {} ms", ctx.channel().remoteAddress(), DEADLINE_MS);
                    ctx.close();
                }
            }, DEADLINE_MS, TimeUnit.MILLISECONDS);
        }
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf in) || ticket == null) {
            ReferenceCountUtil.release(msg);
            return;
        }
        try {
            if (buffered == null) {
                buffered = Unpooled.buffer(Math.min(in.readableBytes(), MAX_RECORD_BYTES));
            }
            if (buffered.readableBytes() + in.readableBytes() > MAX_RECORD_BYTES) {
                refuse(ctx, "more than a ClientHello before its handshake");
                return;
            }
            buffered.writeBytes(in);
        } finally {
            in.release();
        }
        if (reported || buffered.readableBytes() < HEADER_BYTES) {
            return;
        }
        int type = buffered.getUnsignedByte(0);
        int major = buffered.getUnsignedByte(1);
        int length = buffered.getUnsignedShort(3);
        if (type != HANDSHAKE_RECORD || major != 3 || HEADER_BYTES + length > MAX_RECORD_BYTES) {
            refuse(ctx, "not a TLS handshake");
            return;
        }
        if (buffered.readableBytes() >= HEADER_BYTES + length) {
            reported = true;
            deadline.cancel(false);
            gate.ready(ticket, () -> handshake.accept(ctx.channel()));
        }
    }

    private void refuse(ChannelHandlerContext ctx, String why) {
        log.debug("Closing {}: {}", ctx.channel().remoteAddress(), why);
        ctx.close();
    }

    /** The handshake starts: what was buffered goes to the handler behind this one, which takes over. */
    static void release(Channel channel) {
        ChannelHandlerContext ctx = channel.pipeline().context(ClientHelloWait.class);
        ((ClientHelloWait) ctx.handler()).release(ctx);
    }

    private void release(ChannelHandlerContext ctx) {
        ByteBuf b = buffered;
        buffered = null;
        if (b != null) {
            ctx.fireChannelRead(b);
            ctx.fireChannelReadComplete();
        }
        ctx.pipeline().remove(this);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        if (deadline != null) {
            deadline.cancel(false);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (buffered != null) {
            buffered.release();
            buffered = null;
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("Closing {} before its handshake: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }
}
