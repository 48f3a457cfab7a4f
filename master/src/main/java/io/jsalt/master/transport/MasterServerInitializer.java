package io.jsalt.master.transport;

import io.jsalt.common.proto.Envelope;
import io.jsalt.common.transport.Frames;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.flow.FlowControlHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * The master's pipeline, top to bottom: the wait for the ClientHello and a turn at the
 * {@link HandshakeGate} (see {@link ClientHelloWait}), then TLS (client certificate
 * required), idle detection, framing (small until the key is accepted) and protobuf, flow
 * control (messages read while the session has stopped reading wait there), then the
 * authentication gate, which hands over to the session handler only for an accepted key.
 */
public final class MasterServerInitializer extends ChannelInitializer<SocketChannel> {
    private final SslContext ssl;
    private final Limits limits;
    private final long idleSeconds;
    private final Authenticator authenticator;
    private final Executor authExecutor;
    private final SessionHandler.Factory sessions;
    private final HandshakeGate gate;
    private final PendingPeers pendingPeers;

    /**
     * From the handshake's start (not the connection's), which is after the ClientHello has
     * arrived: what is left takes a real TLS 1.3 peer a round trip and milliseconds of CPU, so
     * this only bounds how long a stalled peer holds one of the gate's slots. Not shorter: in a
     * reconnect storm the client's answer waits for its own CPU too.
     */
    static final long HANDSHAKE_TIMEOUT_MS = 15_000;

    /** Frame limits: before the key is accepted (the Hello), and after. */
    public record Limits(int helloBytes, int maxFrameBytes) {
        public Limits {
            if (helloBytes < 1 || maxFrameBytes < 1) {
                throw new IllegalArgumentException("max_hello_bytes and max_frame_bytes must be at least 1");
            }
            helloBytes = Math.min(helloBytes, maxFrameBytes);
        }
    }

    public MasterServerInitializer(SslContext ssl, Limits limits, long idleSeconds, Authenticator authenticator,
                                   Executor authExecutor, SessionHandler.Factory sessions, HandshakeGate gate,
                                   PendingPeers pendingPeers) {
        this.gate = gate;
        this.pendingPeers = pendingPeers;
        this.ssl = ssl;
        this.limits = limits;
        this.idleSeconds = idleSeconds;
        this.authenticator = authenticator;
        this.authExecutor = authExecutor;
        this.sessions = sessions;
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        ch.pipeline().addLast("hello", new ClientHelloWait(gate, this::handshake));
    }

    /** The pipeline, once the gate gives the connection its turn (at once, or when a slot frees). */
    private void handshake(Channel ch) {
        var p = ch.pipeline();
        SslHandler tls = ssl.newHandler(ch.alloc());
        tls.setHandshakeTimeoutMillis(HANDSHAKE_TIMEOUT_MS);
        p.addLast("tls", tls);
        p.addLast("idle", new IdleStateHandler(idleSeconds, 0, 0, TimeUnit.SECONDS));
        Frames.addCodec(p, limits.helloBytes(), Envelope.getDefaultInstance());
        p.addLast("flow", new FlowControlHandler());
        p.addLast("auth", new AuthHandler(authenticator, authExecutor, sessions, limits.maxFrameBytes(), pendingPeers));
        ClientHelloWait.release(ch);
        // Last, once nothing above can throw: the gate gives the slot back exactly once.
        tls.handshakeFuture().addListener(f -> gate.ended());
    }
}
