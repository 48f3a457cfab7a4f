package io.jsalt.master.transport;

import io.jsalt.common.data.Values;
import io.jsalt.common.proto.Envelope;
import io.jsalt.common.proto.Goodbye;
import io.jsalt.common.proto.Heartbeat;
import io.jsalt.common.proto.KeyStatus;
import io.jsalt.common.proto.Request;
import io.jsalt.common.proto.Response;
import io.jsalt.common.proto.Return;
import io.jsalt.common.proto.ReturnAck;
import io.jsalt.common.py.PyRepr;
import io.jsalt.common.transport.RequestMethod;
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
 * itself, only for jobs it was sent (or started itself), and asks only for its own data.
 *
 * <p>A daemon's session becomes the minion's connection (what targeting and
 * {@code connectedIds()} see) only once its full grains arrived in the first
 * {@code grains.update} after the HelloAck: the Hello carries only the autosign grains.
 */
public final class SessionHandler extends SimpleChannelInboundHandler<Envelope> {
    private static final Logger log = LoggerFactory.getLogger(SessionHandler.class);
    /**
     * How long a live daemon session of the same id has to answer before a newcomer with the
     * same key replaces it: long enough for a busy minion, short enough for a reconnect.
     */
    static final long DUPLICATE_PROBE_MS = 3_000;

    /** What a session reports to; implemented by the job manager. */
    public interface JobSink {
        void acknowledged(String minionId, String jid);

        /**
         * Stores the return; the future completes once it is durable, or exceptionally with
         * {@link RefusedReturn} when this minion may not return for that job (then nothing
         * was stored and nothing fired).
         */
        CompletableFuture<Void> returned(String minionId, Return ret);

        void disconnected(String minionId);
    }

    /** A return the master will never store: the minion is told why and drops it. */
    public static final class RefusedReturn extends RuntimeException {
        public RefusedReturn(String reason) {
            super(reason, null, false, false);
        }
    }

    /** Creates sessions with the master's shared collaborators. */
    public record Factory(MinionRegistry minions, JobSink jobs, RequestRouter router, MinionLink link) {
        SessionHandler create(String id, boolean ephemeral) {
            return new SessionHandler(id, ephemeral, this);
        }

        /**
         * The final word on an accepted daemon's Hello: a second process with the same id and
         * key while the first still answers is a denied duplicate (the two would otherwise
         * replace each other about once a second, forever). A first connection that does not
         * answer is half-dead (the minion's network blinked) and gives way to the newcomer.
         * Never completes exceptionally.
         */
        CompletableFuture<Authenticator.Result> admit(String id, boolean ephemeral, Channel newcomer,
                                                      Authenticator.Result r) {
            if (ephemeral || r.status() != KeyStatus.ACCEPTED) {
                return CompletableFuture.completedFuture(r);
            }
            Channel old = minions.daemonSession(id);
            if (old == null) {
                return CompletableFuture.completedFuture(r);
            }
            return link.alive(old, DUPLICATE_PROBE_MS).handle((alive, err) -> {
                if (err == null && alive && old.isActive()) {
                    log.warn("Minion {}: a second minion process with the same id and key connected from {} "
                            + "while the first (from {}) still answers; refusing the second as a duplicate",
                            id, newcomer.remoteAddress(), old.remoteAddress());
                    return new Authenticator.Result(KeyStatus.DENIED, "a minion with id '" + id
                            + "' and this key is already connected to the master; is a second minion process "
                            + "running with the same pki_dir?");
                }
                log.info("Minion {} reconnected; its previous connection from {} did not answer, closing it",
                        id, old.remoteAddress());
                old.close();
                return r;
            });
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
    /** A daemon's session is the minion's connection once its full grains arrived. */
    private boolean ready;
    /** Only touched on the channel's event loop. */
    private int outstanding;

    SessionHandler(String id, boolean ephemeral, Factory f) {
        this.id = id;
        this.ephemeral = ephemeral;
        this.f = f;
    }

    /**
     * Called once the HelloAck ACCEPTED is written. {@code generation} was read before the key
     * was checked: if the key left accepted since, the session closes now instead of living on
     * with a revoked key.
     */
    void authenticated(Channel ch, long generation) {
        this.channel = ch;
        if (!f.minions().opened(id, ch, !ephemeral, generation)) {
            log.warn("Closing new connection of minion {} from {}: its key was revoked while it was being accepted",
                    id, ch.remoteAddress());
            ch.close();
            return;
        }
        ch.closeFuture().addListener(fut -> f.link().failPending(ch));
        if (ephemeral) {
            // jsalt-call: requests only; the daemon's own connection stays the minion's.
            log.debug("Minion {} opened a call connection from {}", id, ch.remoteAddress());
            return;
        }
        log.debug("Minion {} authenticated from {}; waiting for its grains", id, ch.remoteAddress());
        ch.closeFuture().addListener(fut -> {
            if (ready) {
                f.minions().disconnected(id, ch);
                f.jobs().disconnected(id);
                log.info("Minion {} disconnected", id);
            }
        });
    }

    /** The minion's grains (stamped with its id by the registry); the first makes a daemon ready. */
    private void onGrains(ChannelHandlerContext ctx, long requestId, Request req) {
        outstanding++;
        updateReading(ctx);
        Object g = Values.mapFromProto(req.getArgs()).get("grains");
        Response.Builder rb = Response.newBuilder();
        if (!(g instanceof Map<?, ?> m)) {
            rb.setError(RequestMethod.GRAINS_UPDATE.wire() + " needs a grains map");
        } else {
            @SuppressWarnings("unchecked")
            Map<String, Object> grains = (Map<String, Object>) m;
            if (ephemeral || ready) {
                f.minions().updateGrains(id, grains);
            } else if (ctx.channel().isActive()) {
                ready = true;
                Channel previous = f.minions().connected(id, ctx.channel(), grains);
                if (previous != null && previous != ctx.channel() && previous.isActive()) {
                    log.info("Minion {} reconnected; closing its previous connection", id);
                    previous.close();
                }
                log.info("Minion {} connected from {}", id, ctx.channel().remoteAddress());
            }
            rb.setResult(Values.toProto(true));
        }
        replied(ctx, Envelope.newBuilder().setReplyTo(requestId).setResponse(rb).build());
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
            case REQUEST -> {
                if (RequestMethod.GRAINS_UPDATE.wire().equals(msg.getRequest().getMethod())) {
                    onGrains(ctx, msg.getId(), msg.getRequest());
                } else {
                    onRequest(ctx, msg.getId(), msg.getRequest());
                }
            }
            case RESPONSE -> f.link().completed(ctx.channel(), msg.getReplyTo(), msg.getResponse());
            case HEARTBEAT -> ctx.writeAndFlush(Envelope.newBuilder().setReplyTo(msg.getId())
                    .setHeartbeat(Heartbeat.getDefaultInstance()).build());
            default -> protocolViolation(ctx, "unexpected " + msg.getBodyCase());
        }
    }

    private void onReturn(ChannelHandlerContext ctx, Return ret) {
        if (!ret.getId().equals(id)) {
            protocolViolation(ctx, "minion '" + id + "' tried to return for " + PyRepr.repr(ret.getId()));
            return;
        }
        String jid = ret.getJid();
        CompletableFuture<Void> stored;
        try {
            stored = f.jobs().returned(id, ret);
        } catch (RuntimeException e) {
            stored = CompletableFuture.failedFuture(e);
        }
        stored.whenComplete((ok, err) -> {
            Throwable cause = err instanceof java.util.concurrent.CompletionException && err.getCause() != null
                    ? err.getCause() : err;
            if (cause instanceof RefusedReturn refused) {
                // Told, so an honest minion drops it instead of resending it after every reconnect.
                ctx.writeAndFlush(Envelope.newBuilder().setReturnAck(ReturnAck.newBuilder().setJid(jid)
                        .setRefused(true).setReason(refused.getMessage())).build());
                return;
            }
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
            replied(ctx, Envelope.newBuilder().setReplyTo(requestId).setResponse(rb).build());
        });
    }

    /** Writes a request's reply; the request stops counting once the reply is in the socket (or failed). */
    private void replied(ChannelHandlerContext ctx, Envelope reply) {
        // The listener runs on the event loop.
        ctx.writeAndFlush(reply).addListener(done -> {
            outstanding--;
            updateReading(ctx);
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
