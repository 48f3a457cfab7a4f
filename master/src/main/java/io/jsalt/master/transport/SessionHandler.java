package io.jsalt.master.transport;

import io.jsalt.common.data.Values;
import io.jsalt.common.proto.Envelope;
import io.jsalt.common.proto.Goodbye;
import io.jsalt.common.proto.Heartbeat;
import io.jsalt.common.proto.Request;
import io.jsalt.common.proto.Response;
import io.jsalt.common.proto.Return;
import io.jsalt.common.proto.ReturnAck;
import io.jsalt.master.minions.MinionRegistry;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.timeout.IdleStateEvent;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One accepted minion's connection, after the key check. Every message is checked
 * against the policy and against this minion's own id: a minion returns only for
 * itself and asks only for its own data.
 */
public final class SessionHandler extends SimpleChannelInboundHandler<Envelope> {
    private static final Logger log = LoggerFactory.getLogger(SessionHandler.class);

    /** What a session reports to; implemented by the job manager. */
    public interface JobSink {
        void acknowledged(String minionId, String jid);

        /** Stores the return; the future completes once it is durable. */
        CompletableFuture<Void> returned(String minionId, Return ret);

        void disconnected(String minionId);
    }

    /** Creates sessions with the master's shared collaborators. */
    public record Factory(MinionRegistry minions, JobSink jobs, RequestRouter router, MinionLink link) {
        SessionHandler create(String id, boolean ephemeral) {
            return new SessionHandler(id, ephemeral, this);
        }
    }

    /**
     * Requests of one connection being worked on or whose reply is not yet written to the
     * socket. Past it the connection is not read until replies drain: a minion asking for
     * many 1 MiB file chunks without reading the answers would otherwise make the master
     * hold them all. A minion fetches a file one chunk at a time and runs a few jobs at once,
     * so this does not slow an honest one.
     */
    static final int MAX_OUTSTANDING_REQUESTS = 8;

    private final String id;
    private final boolean ephemeral;
    private final Factory f;
    private Channel channel;
    /** Only touched on the channel's event loop. */
    private int outstanding;

    SessionHandler(String id, boolean ephemeral, Factory f) {
        this.id = id;
        this.ephemeral = ephemeral;
        this.f = f;
    }

    void authenticated(Channel ch, Map<String, Object> grains) {
        this.channel = ch;
        if (ephemeral) {
            // jsalt-call: requests only; the daemon's own connection stays the minion's.
            log.debug("Minion {} opened a call connection from {}", id, ch.remoteAddress());
            ch.closeFuture().addListener(fut -> f.link().failPending(ch));
            return;
        }
        Channel previous = f.minions().connected(id, ch, grains);
        if (previous != null && previous != ch && previous.isActive()) {
            log.info("Minion {} reconnected; closing its previous connection", id);
            previous.close();
        }
        log.info("Minion {} connected from {}", id, ch.remoteAddress());
        ch.closeFuture().addListener(fut -> {
            f.minions().disconnected(id, ch);
            f.link().failPending(ch);
            f.jobs().disconnected(id);
            log.info("Minion {} disconnected", id);
        });
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, Envelope msg) {
        if (!MessagePolicy.allowed(msg.getBodyCase(), true)) {
            protocolViolation(ctx, msg.getBodyCase() + " is not accepted from a minion");
            return;
        }
        switch (msg.getBodyCase()) {
            case PUBLISH_ACK -> f.jobs().acknowledged(id, msg.getPublishAck().getJid());
            case RETURN -> onReturn(ctx, msg.getReturn());
            case REQUEST -> onRequest(ctx, msg.getId(), msg.getRequest());
            case RESPONSE -> f.link().completed(ctx.channel(), msg.getReplyTo(), msg.getResponse());
            case HEARTBEAT -> ctx.writeAndFlush(Envelope.newBuilder().setReplyTo(msg.getId())
                    .setHeartbeat(Heartbeat.getDefaultInstance()).build());
            default -> protocolViolation(ctx, "unexpected " + msg.getBodyCase());
        }
    }

    private void onReturn(ChannelHandlerContext ctx, Return ret) {
        if (!ret.getId().equals(id)) {
            protocolViolation(ctx, "minion '" + id + "' tried to return for '" + ret.getId() + "'");
            return;
        }
        String jid = ret.getJid();
        f.jobs().returned(id, ret).whenComplete((ok, err) -> {
            if (err != null) {
                log.error("Return of {} for job {} was not stored; not acknowledging", id, jid, err);
                return;
            }
            ctx.writeAndFlush(Envelope.newBuilder().setReturnAck(ReturnAck.newBuilder().setJid(jid)).build());
        });
    }

    private void onRequest(ChannelHandlerContext ctx, long requestId, Request req) {
        outstanding++;
        updateReading(ctx);
        Map<String, Object> args = Values.mapFromProto(req.getArgs());
        CompletableFuture<Object> result;
        try {
            result = f.router().handle(id, req.getMethod(), args);
        } catch (RuntimeException e) {
            result = CompletableFuture.failedFuture(e);
        }
        result.whenComplete((value, err) -> {
            Response.Builder rb = Response.newBuilder();
            if (err != null) {
                Throwable cause = err instanceof java.util.concurrent.CompletionException && err.getCause() != null
                        ? err.getCause() : err;
                rb.setError(cause.getMessage() == null ? cause.toString() : cause.getMessage());
            } else {
                rb.setResult(Values.toProto(value));
            }
            // The listener runs on the event loop once the reply is in the socket (or failed).
            ctx.writeAndFlush(Envelope.newBuilder().setReplyTo(requestId).setResponse(rb).build())
                    .addListener(done -> {
                        outstanding--;
                        updateReading(ctx);
                    });
        });
    }

    /**
     * Reads the connection only while its replies drain: fewer than the bound outstanding and
     * the outbound buffer below its high water mark (so small replies such as heartbeats
     * cannot pile up either). Messages already read wait in the pipeline's flow control.
     */
    private void updateReading(ChannelHandlerContext ctx) {
        boolean read = outstanding < MAX_OUTSTANDING_REQUESTS && ctx.channel().isWritable();
        if (ctx.channel().config().isAutoRead() != read) {
            ctx.channel().config().setAutoRead(read);
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
        updateReading(ctx);
        super.channelWritabilityChanged(ctx);
    }

    private void protocolViolation(ChannelHandlerContext ctx, String why) {
        log.warn("Closing connection of minion {}: {}", id, why);
        ctx.writeAndFlush(Envelope.newBuilder().setGoodbye(Goodbye.newBuilder().setReason(why)).build())
                .addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof IdleStateEvent) {
            log.info("Minion {} silent for too long; closing its connection", id);
            ctx.close();
            return;
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.warn("Closing connection of minion {}: {}", id, cause.toString());
        ctx.close();
    }
}
