package io.jsalt.master.transport;

import io.jsalt.common.MinionIds;
import io.jsalt.common.crypto.Pem;
import io.jsalt.common.data.Values;
import io.jsalt.common.proto.Envelope;
import io.jsalt.common.proto.Goodbye;
import io.jsalt.common.proto.Hello;
import io.jsalt.common.proto.HelloAck;
import io.jsalt.common.proto.KeyStatus;
import io.jsalt.common.transport.Frames;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.ssl.SslHandler;
import java.security.cert.Certificate;
import java.util.Map;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gate: waits for the TLS handshake and the minion's Hello, binds the claimed id to
 * the certificate's key through the {@link Authenticator}, and only for an accepted key
 * replaces itself with the {@link SessionHandler}. Anything else an unauthenticated peer
 * sends closes the connection.
 */
public final class AuthHandler extends SimpleChannelInboundHandler<Envelope> {
    private static final Logger log = LoggerFactory.getLogger(AuthHandler.class);

    private final Authenticator authenticator;
    private final Executor authExecutor;
    private final SessionHandler.Factory sessions;
    private final int maxFrameBytes;
    private final PendingPeers pendingPeers;
    private boolean helloSeen;
    /** Held open while the key is pending (see {@link PendingPeers}): the minion's heartbeats are fine. */
    private volatile boolean held;

    /**
     * The pipeline's frame limit is the small one for a Hello until the key is accepted;
     * then it becomes {@code maxFrameBytes}.
     */
    public AuthHandler(Authenticator authenticator, Executor authExecutor, SessionHandler.Factory sessions,
                       int maxFrameBytes) {
        this(authenticator, authExecutor, sessions, maxFrameBytes, null);
    }

    /** With {@code pendingPeers}, a pending minion's connection may stay open until its key is accepted. */
    public AuthHandler(Authenticator authenticator, Executor authExecutor, SessionHandler.Factory sessions,
                       int maxFrameBytes, PendingPeers pendingPeers) {
        this.authenticator = authenticator;
        this.authExecutor = authExecutor;
        this.sessions = sessions;
        this.maxFrameBytes = maxFrameBytes;
        this.pendingPeers = pendingPeers;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, Envelope msg) {
        if (held && msg.getBodyCase() == Envelope.BodyCase.HEARTBEAT) {
            return;
        }
        if (!MessagePolicy.allowed(msg.getBodyCase(), false) || helloSeen) {
            refuse(ctx, "not authenticated: " + msg.getBodyCase() + " refused before key acceptance");
            return;
        }
        helloSeen = true;
        Hello hello = msg.getHello();
        String pem;
        try {
            SslHandler ssl = ctx.pipeline().get(SslHandler.class);
            Certificate[] chain = ssl.engine().getSession().getPeerCertificates();
            pem = Pem.publicKey(chain[0].getPublicKey());
        } catch (Exception e) {
            refuse(ctx, "no client certificate");
            return;
        }
        String id = hello.getId();
        String idProblem = MinionIds.problem(id);
        if (idProblem != null) {
            // Refused before the key admission, the auth event and every log line that names the id.
            log.warn("Refusing the Hello from {}: {}", ctx.channel().remoteAddress(), idProblem);
            decided(ctx, id, Map.of(), msg.getId(), 0L, false, new Authenticator.Result(KeyStatus.REJECTED, idProblem),
                    null);
            return;
        }
        Map<String, Object> grains = Values.mapFromProto(hello.getGrains());
        authenticate(ctx, id, pem, grains, msg.getId(), hello.getEphemeral());
    }

    /** Decides on the key off the event loop (key files live on disk) and answers on it. */
    private void authenticate(ChannelHandlerContext ctx, String id, String pem, Map<String, Object> grains,
                              long helloId, boolean ephemeral) {
        authExecutor.execute(() -> {
            // Read before the key check: a revocation after this point closes the session.
            long generation = sessions.minions().generation(id);
            Authenticator.Result r;
            try {
                r = authenticator.authenticate(id, pem, grains);
            } catch (RuntimeException e) {
                // The peer learns only that it failed: the exception text names files under the pki dir.
                log.error("Authentication of {} from {} failed", id, ctx.channel().remoteAddress(), e);
                r = new Authenticator.Result(KeyStatus.REJECTED, e instanceof java.io.UncheckedIOException
                        ? "the master cannot store the key" : "authentication error on the master");
            }
            sessions.admit(id, ephemeral, ctx.channel(), r).thenAccept(result -> ctx.executor().execute(
                    () -> decided(ctx, id, grains, helloId, generation, ephemeral, result, () ->
                            authenticate(ctx, id, pem, grains, helloId, ephemeral))));
        });
    }

    private void decided(ChannelHandlerContext ctx, String id, Map<String, Object> grains, long helloId, long generation,
                         boolean ephemeral, Authenticator.Result r, Runnable authenticateAgain) {
        held = false;
        if (!ctx.channel().isActive()) {
            return;
        }
        Envelope ack = Envelope.newBuilder().setReplyTo(helloId)
                .setHelloAck(HelloAck.newBuilder().setStatus(r.status()).setMessage(r.message() == null ? "" : r.message()))
                .build();
        if (r.status() != KeyStatus.ACCEPTED) {
            log.info("Minion {} from {}: key {}{}", id, ctx.channel().remoteAddress(), r.status(),
                    r.message() == null || r.message().isEmpty() ? "" : " (" + r.message() + ")");
            // A pending daemon minion's connection may stay open: accepting its key then
            // authenticates it again at once (a jsalt-call connection gives up instead).
            if (r.status() == KeyStatus.PENDING && !ephemeral && pendingPeers != null && authenticateAgain != null) {
                held = true;
                if (pendingPeers.hold(id, grains, ctx.channel(), authenticateAgain)) {
                    ctx.writeAndFlush(ack);
                    authExecutor.execute(() -> pendingPeers.recheck(id));
                    return;
                }
                held = false;
            }
            ctx.writeAndFlush(ack).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        ctx.channel().attr(Attributes.MINION_ID).set(id);
        // Only now may the peer send large messages: before, a stranger could make the master
        // buffer max_frame_bytes per connection.
        Frames.maxFrameBytes(ctx.pipeline(), maxFrameBytes);
        SessionHandler session = sessions.create(id, ephemeral);
        ctx.pipeline().replace(this, "session", session);
        ctx.writeAndFlush(ack);
        session.authenticated(ctx.channel(), generation);
    }

    private void refuse(ChannelHandlerContext ctx, String why) {
        log.warn("Closing {}: {}", ctx.channel().remoteAddress(), why);
        ctx.writeAndFlush(Envelope.newBuilder().setGoodbye(Goodbye.newBuilder().setReason(why)).build())
                .addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof io.netty.handler.timeout.IdleStateEvent) {
            log.debug("Closing {}: no Hello in time", ctx.channel().remoteAddress());
            ctx.close();
            return;
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("Closing unauthenticated {}: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }
}
