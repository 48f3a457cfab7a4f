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
 * and removes the handler. A peer that sends something that is not a TLS handshake record,
 * or more than a ClientHello before its handshake starts, is closed: a real minion sends
 * its ClientHello as soon as it is connected and then waits for the master's answer.
 *
 * <p>A peer that has not sent its first record within {@link #DEADLINE_MS} is closed too,
 * unless every handshake slot is busy at that moment: then it delays nobody, and a client's
 * ClientHello can be late for a good reason (a whole fleet, or a swarm on one host,
 * reconnecting at once makes its own CPU the bottleneck). It is then looked at again every
 * {@link #DEADLINE_MS} and closed once the slots are not all busy, or after
 * {@link #MAX_SILENT_MS} in any case (when a minion gives up its handshake).
 */
final class ClientHelloWait extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(ClientHelloWait.class);

    /** How long an accepted connection may stay silent while the master has a slot to spare. */
    static final long DEADLINE_MS = 10_000;
    /** How long it may stay silent at all: the minion's own handshake timeout. */
    static final long MAX_SILENT_MS = 60_000;
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
            armDeadline(ctx, DEADLINE_MS, DEADLINE_MS);
        }
        ctx.fireChannelActive();
    }

    /** Checks the connection once it has been silent for {@code checkAtMs}, {@code delayMs} from now. */
    private void armDeadline(ChannelHandlerContext ctx, long checkAtMs, long delayMs) {
        deadline = ctx.executor().schedule(() -> {
            if (reported || !ctx.channel().isActive()) {
                return;
            }
            if (gate.saturated() && checkAtMs < MAX_SILENT_MS) {
                long next = Math.min(checkAtMs + DEADLINE_MS, MAX_SILENT_MS);
                armDeadline(ctx, next, next - checkAtMs);
                return;
            }
            log.debug("Closing {}: no ClientHello within {} ms", ctx.channel().remoteAddress(), checkAtMs);
            ctx.close();
        }, delayMs, TimeUnit.MILLISECONDS);
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
