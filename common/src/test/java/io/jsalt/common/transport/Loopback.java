package io.jsalt.common.transport;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.Future;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSession;

/** A TLS server and client on 127.0.0.1 with a random port; both handshake results exposed. */
final class Loopback implements AutoCloseable {
    private final EventLoopGroup group = new NioEventLoopGroup(1);
    private volatile CompletableFuture<SSLSession> serverSession = new CompletableFuture<>();
    private Channel server;
    private Channel client;

    /** Server-side handshake outcome: the session, or the failure. */
    CompletableFuture<SSLSession> serverSession() {
        return serverSession;
    }

    /** Starts the server, connects the client and returns the client's handshake future. */
    Future<Channel> connect(SslContext serverCtx, SslContext clientCtx) throws InterruptedException {
        server = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        SslHandler ssl = serverCtx.newHandler(ch.alloc());
                        ch.pipeline().addLast(ssl);
                        CompletableFuture<SSLSession> serverSession = Loopback.this.serverSession;
                        ssl.handshakeFuture().addListener(f -> {
                            if (f.isSuccess()) {
                                serverSession.complete(ssl.engine().getSession());
                            } else {
                                serverSession.completeExceptionally(f.cause());
                            }
                        });
                    }
                })
                .bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
        return connectClient(clientCtx);
    }

    /** Closes the client and connects a new one to the same server (same address and port). */
    Future<Channel> reconnect(SslContext clientCtx) throws InterruptedException {
        client.close().sync();
        serverSession = new CompletableFuture<>();
        return connectClient(clientCtx);
    }

    private Future<Channel> connectClient(SslContext clientCtx) throws InterruptedException {
        int port = ((InetSocketAddress) server.localAddress()).getPort();
        SslHandler[] clientSsl = new SslHandler[1];
        client = new Bootstrap()
                .group(group)
                .channel(NioSocketChannel.class)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        clientSsl[0] = clientCtx.newHandler(ch.alloc(), "127.0.0.1", port);
                        ch.pipeline().addLast(clientSsl[0]);
                    }
                })
                .connect("127.0.0.1", port).sync().channel();
        return clientSsl[0].handshakeFuture();
    }

    Channel client() {
        return client;
    }

    @Override
    public void close() throws InterruptedException {
        if (client != null) {
            client.close().sync();
        }
        if (server != null) {
            server.close().sync();
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
    }
}
