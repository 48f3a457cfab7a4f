package io.jsalt.master.it;

import io.jsalt.common.crypto.KeyMaterial;
import io.jsalt.common.data.Values;
import io.jsalt.common.proto.Envelope;
import io.jsalt.common.proto.Goodbye;
import io.jsalt.common.proto.Heartbeat;
import io.jsalt.common.proto.Hello;
import io.jsalt.common.proto.HelloAck;
import io.jsalt.common.proto.KeyStatus;
import io.jsalt.common.proto.Publish;
import io.jsalt.common.proto.PublishAck;
import io.jsalt.common.proto.Request;
import io.jsalt.common.proto.Response;
import io.jsalt.common.proto.Return;
import io.jsalt.common.proto.ReturnAck;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.LengthFieldPrepender;
import io.netty.handler.codec.protobuf.ProtobufDecoder;
import io.netty.handler.codec.protobuf.ProtobufEncoder;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;

/**
 * An adversarial peer of the master. It speaks jsalt's protocol with whatever key,
 * certificate and TLS version a test hands it (it never checks the master's key: an
 * attacker would not care), and also sends what no minion would: raw bytes inside TLS,
 * frames with any length prefix and any body, writes split one byte at a time, and any
 * message before or after acceptance. {@link Plain} sends bytes with no TLS at all.
 *
 * <p>Connections share one small event loop, so a test can open thousands of them; a
 * failed handshake is a result to look at ({@link #handshakeFailure}), not an exception.
 */
final class Adversary implements AutoCloseable {
    /** Largest reply frame it reads (the master's own replies stay far below this). */
    private static final int MAX_REPLY = 64 << 20;
    private static final long WAIT_MS = 5_000;
    private static final EventLoopGroup GROUP = new NioEventLoopGroup(2,
            new DefaultThreadFactory("adversary", true));

    private final BlockingQueue<Envelope> received = new LinkedBlockingQueue<>();
    private final List<Envelope> seen = java.util.Collections.synchronizedList(new ArrayList<>());
    private final java.util.concurrent.atomic.AtomicLong replies = new java.util.concurrent.atomic.AtomicLong();
    private volatile boolean keepReplies = true;
    private Channel ch;
    private Throwable handshakeFailure;

    private Adversary() {}

    /** TLS 1.3 with this key and its own certificate, as a minion holding the key would. */
    static Adversary connect(int port, KeyMaterial key) throws Exception {
        return connect(port, context(key.privateKey(), key.certificate(), "TLSv1.3"));
    }

    /** TLS with any private key, any certificate (another minion's, forged) and any protocol version. */
    static SslContext context(PrivateKey key, X509Certificate cert, String... protocols) throws SSLException {
        return SslContextBuilder.forClient().sslProvider(SslProvider.JDK).protocols(protocols)
                .keyManager(key, cert).trustManager(InsecureTrustManagerFactory.INSTANCE).build();
    }

    /** Connects and waits for the handshake; a refused handshake leaves {@link #handshakeFailure} set. */
    static Adversary connect(int port, SslContext ssl) throws Exception {
        Adversary a = new Adversary();
        a.ch = new Bootstrap().group(GROUP).channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) WAIT_MS)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel c) {
                        var p = c.pipeline();
                        p.addLast("tls", ssl.newHandler(c.alloc(), "127.0.0.1", port));
                        p.addLast("frameDecoder", new LengthFieldBasedFrameDecoder(MAX_REPLY + 4, 0, 4, 0, 4));
                        p.addLast("protobufDecoder", new ProtobufDecoder(Envelope.getDefaultInstance()));
                        p.addLast("framePrepender", new LengthFieldPrepender(4));
                        p.addLast("protobufEncoder", new ProtobufEncoder());
                        p.addLast("collect", new SimpleChannelInboundHandler<Envelope>() {
                            @Override
                            protected void channelRead0(ChannelHandlerContext ctx, Envelope msg) {
                                a.replies.incrementAndGet();
                                if (a.keepReplies) {
                                    a.seen.add(msg);
                                    a.received.add(msg);
                                }
                            }

                            @Override
                            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                                ctx.close();
                            }
                        });
                    }
                }).connect("127.0.0.1", port).sync().channel();
        var hs = a.ch.pipeline().get(SslHandler.class).handshakeFuture();
        if (!hs.await(WAIT_MS * 2, TimeUnit.MILLISECONDS)) {
            a.handshakeFailure = new IOException("handshake did not finish");
        } else if (!hs.isSuccess()) {
            a.handshakeFailure = hs.cause();
        }
        return a;
    }

    /** An accepted session: the key is offered (pending), accepted on the master, and offered again. */
    static Adversary accepted(TestFleet fleet, String id, KeyMaterial key) throws Exception {
        try (Adversary first = connect(fleet.master().port(), key)) {
            first.hello(id);
        }
        fleet.master().keys().accept(id, false, false);
        Adversary a = connect(fleet.master().port(), key);
        KeyStatus s = a.hello(id);
        if (s != KeyStatus.ACCEPTED) {
            a.close();
            throw new AssertionError("expected " + id + " to be accepted, got " + s);
        }
        return a;
    }

    /** From now on replies are only counted (a long run would otherwise keep them all). */
    Adversary discardReplies() {
        keepReplies = false;
        received.clear();
        seen.clear();
        return this;
    }

    long replies() {
        return replies.get();
    }

    /**
     * Waits until the master has dropped every session of the id, so a test that opens the
     * next one with the same key is not a second process holding that key.
     */
    static void awaitSessionGone(TestFleet fleet, String id) throws InterruptedException {
        TestFleet.await(() -> {
            var e = fleet.master().minions().get(id);
            return e == null || e.channel() == null || !e.channel().isActive();
        }, "the master dropped " + id + "'s session");
    }

    Throwable handshakeFailure() {
        return handshakeFailure;
    }

    boolean handshakeSucceeded() {
        return handshakeFailure == null;
    }

    /** Sends a Hello and returns the master's verdict, or null when none came. */
    KeyStatus hello(String id) throws InterruptedException {
        send(helloMsg(id));
        Envelope e = next();
        return e != null && e.hasHelloAck() ? e.getHelloAck().getStatus() : null;
    }

    /** A message, framed as the protocol frames it. */
    Adversary send(Envelope e) {
        ch.writeAndFlush(e).awaitUninterruptibly(WAIT_MS);
        return this;
    }

    /** A frame whose length prefix is the body's true length. */
    Adversary sendFrame(byte[] body) {
        return sendRaw(frame(body.length, body));
    }

    /** Bytes as they are, inside TLS but below the framing: any length prefix, any body, or none. */
    Adversary sendRaw(byte[] bytes) {
        ch.pipeline().context("framePrepender").writeAndFlush(Unpooled.wrappedBuffer(bytes))
                .awaitUninterruptibly(WAIT_MS);
        return this;
    }

    /** Raw bytes without waiting for them to go out; every {@code flushEvery}-th call waits, which bounds what is queued. */
    Adversary sendRawPipelined(byte[] bytes, long seq, int flushEvery) {
        var f = ch.pipeline().context("framePrepender").writeAndFlush(Unpooled.wrappedBuffer(bytes));
        if (seq % flushEvery == 0) {
            f.awaitUninterruptibly(WAIT_MS);
        }
        return this;
    }

    /** Bytes one TLS record (and one write) at a time, chunk bytes each. */
    Adversary sendFragmented(byte[] bytes, int chunk) {
        for (int i = 0; i < bytes.length && ch.isActive(); i += chunk) {
            sendRaw(java.util.Arrays.copyOfRange(bytes, i, Math.min(bytes.length, i + chunk)));
        }
        return this;
    }

    /** Stops reading from the socket, so the master's writes back up (a slow or hostile reader). */
    Adversary pauseReading() {
        ch.config().setAutoRead(false);
        return this;
    }

    Adversary resumeReading() {
        ch.config().setAutoRead(true);
        ch.read();
        return this;
    }

    /** The next message from the master, or null after a few seconds. */
    Envelope next() throws InterruptedException {
        return received.poll(WAIT_MS, TimeUnit.MILLISECONDS);
    }

    /** Everything the master sent on this connection so far. */
    List<Envelope> seen() {
        synchronized (seen) {
            return List.copyOf(seen);
        }
    }

    boolean isOpen() {
        return ch != null && ch.isActive();
    }

    /** Whether the master closed the connection within a few seconds. */
    boolean closedByMaster() throws InterruptedException {
        return ch.closeFuture().await(WAIT_MS, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        if (ch != null) {
            ch.close().awaitUninterruptibly(WAIT_MS);
        }
    }

    // ---- frames and messages -------------------------------------------------------------

    /** A frame with any declared length (negative, huge, short of the body) before the body. */
    static byte[] frame(int declaredLength, byte[] body) {
        return ByteBuffer.allocate(4 + body.length).putInt(declaredLength).put(body).array();
    }

    static Envelope helloMsg(String id) {
        return helloMsg(id, Map.of(), false);
    }

    /** A Hello with any grains (an {@code id} grain naming someone else, say) and, for jsalt-call, ephemeral. */
    static Envelope helloMsg(String id, Map<String, Object> grains, boolean ephemeral) {
        return Envelope.newBuilder().setId(1).setHello(Hello.newBuilder().setId(id)
                .setGrains(Values.toProto(grains)).setEphemeral(ephemeral)).build();
    }

    static Envelope returnMsg(String jid, String id) {
        return Envelope.newBuilder().setReturn(Return.newBuilder().setJid(jid).setId(id).setFun("test.ping")
                .setRet(Values.toProto(true)).setSuccess(true)).build();
    }

    static Envelope requestMsg(long requestId, String method, Map<String, Object> args) {
        return Envelope.newBuilder().setId(requestId).setRequest(Request.newBuilder().setMethod(method)
                .setArgs(Values.toProto(args))).build();
    }

    /** One message of every body type the protocol has, the master's own included. */
    static List<Envelope> everyBodyType(String id, String jid) {
        List<Envelope> out = new ArrayList<>();
        for (Envelope.BodyCase b : Envelope.BodyCase.values()) {
            Envelope.Builder e = Envelope.newBuilder().setId(7);
            switch (b) {
                case HELLO -> e.setHello(Hello.newBuilder().setId(id));
                case HELLO_ACK -> e.setHelloAck(HelloAck.newBuilder().setStatus(KeyStatus.ACCEPTED));
                case PUBLISH -> e.setPublish(Publish.newBuilder().setJid(jid).setFun("cmd.run")
                        .setArgs(Values.toProto(List.of("id"))));
                case PUBLISH_ACK -> e.setPublishAck(PublishAck.newBuilder().setJid(jid));
                case RETURN -> e.mergeFrom(returnMsg(jid, id));
                case RETURN_ACK -> e.setReturnAck(ReturnAck.newBuilder().setJid(jid));
                case REQUEST -> e.setRequest(Request.newBuilder().setMethod("pillar.items")
                        .setArgs(Values.toProto(Map.of())));
                case RESPONSE -> e.setReplyTo(1).setResponse(Response.newBuilder().setResult(Values.toProto(true)));
                case HEARTBEAT -> e.setHeartbeat(Heartbeat.getDefaultInstance());
                case GOODBYE -> e.setGoodbye(Goodbye.newBuilder().setReason("bye"));
                case BODY_NOT_SET -> { }
                default -> throw new AssertionError("a new body type needs a sample here: " + b);
            }
            out.add(e.build());
        }
        return out;
    }

    /** Plain TCP, no TLS: for bytes that are not even a handshake. */
    static final class Plain implements AutoCloseable {
        private final Socket socket;

        Plain(int port) throws IOException {
            socket = new Socket("127.0.0.1", port);
            socket.setSoTimeout((int) WAIT_MS);
        }

        Plain send(byte[] bytes) throws IOException {
            socket.getOutputStream().write(bytes);
            socket.getOutputStream().flush();
            return this;
        }

        /** Reads until the master closes (true) or a few seconds pass (false); what it sent is dropped. */
        boolean closedByMaster() throws IOException {
            InputStream in = socket.getInputStream();
            byte[] buf = new byte[4096];
            try {
                while (in.read(buf) >= 0) {
                    // a TLS alert may come first; only the end of the stream matters
                }
                return true;
            } catch (SocketTimeoutException e) {
                return false;
            } catch (IOException e) {
                return true; // reset by the master
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
