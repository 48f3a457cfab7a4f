package io.jsalt.master.transport;

import io.jsalt.common.proto.Envelope;
import io.jsalt.common.transport.Frames;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * The master's pipeline, top to bottom: TLS (client certificate required), idle
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

    public MasterServerInitializer(SslContext ssl, int maxFrameBytes, long idleSeconds, Authenticator authenticator,
                                   Executor authExecutor, SessionHandler.Factory sessions) {
        this.ssl = ssl;
        this.maxFrameBytes = maxFrameBytes;
        this.idleSeconds = idleSeconds;
        this.authenticator = authenticator;
        this.authExecutor = authExecutor;
        this.sessions = sessions;
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        var p = ch.pipeline();
        p.addLast("tls", ssl.newHandler(ch.alloc()));
        p.addLast("idle", new IdleStateHandler(idleSeconds, 0, 0, TimeUnit.SECONDS));
        Frames.addCodec(p, maxFrameBytes, Envelope.getDefaultInstance());
        p.addLast("auth", new AuthHandler(authenticator, authExecutor, sessions));
    }
}
