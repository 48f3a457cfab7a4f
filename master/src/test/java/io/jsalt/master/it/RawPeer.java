package io.jsalt.master.it;

import io.jsalt.common.crypto.KeyMaterial;
import io.jsalt.common.data.Values;
import io.jsalt.common.proto.Envelope;
import io.jsalt.common.proto.Hello;
import io.jsalt.common.transport.Frames;
import io.jsalt.common.transport.MasterKeyVerifier;
import io.jsalt.common.transport.TlsContexts;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslHandler;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A hand-driven TLS peer that speaks the frame protocol but none of the minion's manners:
 * tests use it to send what a real minion never would.
 */
final class RawPeer implements AutoCloseable {
    /** A Hello frame announcing the id, with no grains. */
    static Envelope hello(String id) {
        return Envelope.newBuilder().setId(1).setHello(Hello.newBuilder().setId(id)
                .setGrains(Values.toProto(Map.of()))).build();
    }

    private final EventLoopGroup group = new NioEventLoopGroup(1);
    private final BlockingQueue<Envelope> received = new LinkedBlockingQueue<>();
    private Channel ch;

    RawPeer connect(int port, KeyMaterial key, Path pki) throws Exception {
        var ssl = TlsContexts.client(key, MasterKeyVerifier.of(pki, ""));
        ch = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel c) {
                        c.pipeline().addLast(ssl.newHandler(c.alloc(), "127.0.0.1", port));
                        Frames.addCodec(c.pipeline(), 1 << 20, Envelope.getDefaultInstance());
                        c.pipeline().addLast(new SimpleChannelInboundHandler<Envelope>() {
                            @Override
                            protected void channelRead0(ChannelHandlerContext ctx, Envelope msg) {
                                received.add(msg);
                            }
                        });
                    }
                }).connect("127.0.0.1", port).sync().channel();
        ch.pipeline().get(SslHandler.class).handshakeFuture().sync();
        return this;
    }

    void send(Envelope e) {
        ch.writeAndFlush(e).syncUninterruptibly();
    }

    /** Queues a message without waiting for it to be written; {@link #flush} sends what is queued. */
    void write(Envelope e) {
        ch.write(e);
    }

    void flush() {
        ch.flush();
    }

    /**
     * Sends bytes as they are, under TLS but outside the framing (to announce a frame and not
     * send it); waits for the write, which fails if the master has closed the connection.
     */
    void sendRaw(ByteBuf bytes) {
        ch.pipeline().context("frameDecoder").writeAndFlush(bytes).awaitUninterruptibly();
    }

    /** Stops reading what the master sends, as a peer that wants the master to buffer it. */
    void stopReading() {
        ch.config().setAutoRead(false);
    }

    /** The next message from the master, or null after the timeout. */
    Envelope next() throws InterruptedException {
        return received.poll(5, TimeUnit.SECONDS);
    }

    /** Whether the master closed the connection within a few seconds. */
    boolean closedByMaster() throws InterruptedException {
        return ch.closeFuture().await(5, TimeUnit.SECONDS);
    }

    /** Whether the connection is still open (false once either side closed it). */
    boolean isOpen() {
        return ch.isActive();
    }

    @Override
    public void close() {
        if (ch != null) {
            ch.close();
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }
}
