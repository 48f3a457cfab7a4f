package io.jsalt.master.transport;

import io.jsalt.common.proto.Envelope;
import io.jsalt.common.transport.Frames;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * The master's pipeline, top to bottom: TLS (client certificate required; at most
 * tls_handshake_limit handshakes at once, see {@link HandshakeGate}), idle
 * detection, framing and protobuf, then the authentication gate, which hands over to
 * the session handler only for an accepted key.
 */
public final class MasterServerInitializer extends ChannelInitializer<SocketChannel> {
    private final SslContext ssl;
    private final int maxFrameBytes;
    private final long idleSeconds;
    private final Authenticator authenticator;
    private final Executor authExecutor;
    private final SessionHandler.Factory sessions;
    private final HandshakeGate gate;

    /** From the handshake's start (not the connection's): a stuck peer goes, a queued one is not timed. */
    static final long HANDSHAKE_TIMEOUT_MS = 30_000;

    public MasterServerInitializer(SslContext ssl, int maxFrameBytes, long idleSeconds, Authenticator authenticator,
                                   Executor authExecutor, SessionHandler.Factory sessions, HandshakeGate gate) {
        this.gate = gate;
        this.ssl = ssl;
        this.maxFrameBytes = maxFrameBytes;
        this.idleSeconds = idleSeconds;
        this.authenticator = authenticator;
        this.authExecutor = authExecutor;
        this.sessions = sessions;
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        gate.admit(ch, () -> install(ch));
    }

    /** The pipeline, once the gate lets the handshake start (at once, or when a slot frees). */
    private void install(SocketChannel ch) {
        var p = ch.pipeline();
        SslHandler tls = ssl.newHandler(ch.alloc());
        tls.setHandshakeTimeoutMillis(HANDSHAKE_TIMEOUT_MS);
        p.addLast("tls", tls);
        p.addLast("idle", new IdleStateHandler(idleSeconds, 0, 0, TimeUnit.SECONDS));
        Frames.addCodec(p, maxFrameBytes, Envelope.getDefaultInstance());
        p.addLast("auth", new AuthHandler(authenticator, authExecutor, sessions));
        // Last, once nothing above can throw: the gate gives the slot back exactly once.
        tls.handshakeFuture().addListener(f -> gate.ended());
    }
}
