package io.jsalt.minion.transport;

import io.jsalt.common.data.Values;
import io.jsalt.common.proto.Envelope;
import io.jsalt.common.proto.Heartbeat;
import io.jsalt.common.proto.Hello;
import io.jsalt.common.proto.KeyStatus;
import io.jsalt.common.proto.Publish;
import io.jsalt.common.proto.PublishAck;
import io.jsalt.common.proto.Request;
import io.jsalt.common.proto.Response;
import io.jsalt.common.proto.Return;
import io.jsalt.common.proto.ReturnAck;
import io.jsalt.common.transport.Backoff;
import io.jsalt.common.transport.Frames;
import io.jsalt.common.transport.RequestMethod;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The minion's one connection to its master: TLS with the pinned master key, Hello with
 * the id and only the grains named by {@code autosign_grains} (the master's pre-acceptance
 * budget is a few KB), then, once accepted, the full grains as the first request (a daemon
 * is targeted only from then on), then jobs in and returns out. Returns stay in an outbox until the master
 * acknowledges them, so a return survives a reconnect. Reconnects back off with jitter;
 * a pending key retries every acceptance_wait_time.
 */
public final class MasterConnection implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MasterConnection.class);
    static final long HANDSHAKE_TIMEOUT_MS = 60_000;

    /** What the connection delivers to the minion. */
    public interface Handler {
        void onPublish(Publish p);

        /** A request from the master (only those the master sends reach here); returns the result data. */
        CompletableFuture<Object> onRequest(RequestMethod method, Map<String, Object> args);

        /** Called each time the master accepts us (first connect and every reconnect). */
        void onAccepted();
    }

    /**
     * Optional observer of the connection's authentication outcomes, for tools that run
     * many connections and summarise them (jsalt-swarm) instead of logging each one.
     * Called on the event loop; must not block.
     */
    public interface StatusListener {
        StatusListener NONE = new StatusListener() { };

        /** The TCP connection to the master could not be made (unknown host, refused, timeout). */
        default void onConnectFailed(Throwable cause) { }

        /** The TLS handshake with the master failed (wrong master key, bad certificate, ...). */
        default void onHandshakeFailed(String reason) { }

        /** The master answered the Hello; message is the master's text, often empty. */
        default void onHelloAck(KeyStatus status, String message) { }
    }

    /** Connection options. */
    public record Options(String host, int port, String id, int maxFrameBytes, long heartbeatSec,
                          long acceptanceWaitMs, long reconDefaultMs, long reconMaxMs, boolean reconRandomize,
                          List<String> autosignGrains) {
        /** The options a minion config gives (master, master_port, heartbeat and reconnect settings) for this id. */
        public static Options of(io.jsalt.minion.MinionOptions o, String id) {
            return new Options(o.master(), o.masterPort(), id, o.maxFrameBytes(), o.heartbeatInterval(),
                    o.acceptanceWaitTime() * 1000, o.reconDefault(), o.reconMax(), o.reconRandomize(),
                    autosignGrains(o.autosignGrains()));
        }

        /** Salt's minion option autosign_grains: a list of grain names (one name alone is accepted). */
        static List<String> autosignGrains(Object value) {
            if (value == null) {
                return List.of();
            }
            if (value instanceof String name) {
                return List.of(name);
            }
            if (value instanceof List<?> names && names.stream().allMatch(n -> n instanceof String)) {
                return names.stream().map(String::valueOf).toList();
            }
            throw new IllegalArgumentException("minion option autosign_grains must be a list of grain names, not "
                    + value);
        }
    }

    /** The grains the Hello carries: those autosign_grains names, as Salt's minion sends them for autosign. */
    static Map<String, Object> helloGrains(List<String> names, Map<String, Object> grains) {
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        for (String name : names) {
            if (grains.containsKey(name)) {
                out.put(name, grains.get(name));
            }
        }
        return out;
    }

    private final Options opts;
    private final SslContext ssl;
    private final EventLoopGroup group;
    private final Supplier<Map<String, Object>> grains;
    private final Handler handler;
    private final Backoff backoff;
    private final Map<String, Return> outbox = new ConcurrentHashMap<>();
    /** When each return in the outbox was first sent (System.nanoTime). */
    private final Map<String, Long> outboxSince = new ConcurrentHashMap<>();
    private final Map<Long, CompletableFuture<Object>> pending = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private volatile Channel channel;
    private volatile boolean accepted;
    private volatile boolean closed;
    private volatile KeyStatus lastStatus = KeyStatus.KEY_STATUS_UNSPECIFIED;
    private volatile CompletableFuture<Void> firstAccept = new CompletableFuture<>();
    private volatile boolean ephemeral;
    private volatile StatusListener statusListener = StatusListener.NONE;
    private volatile java.net.InetAddress localAddress;

    public MasterConnection(Options opts, SslContext ssl, EventLoopGroup group, Supplier<Map<String, Object>> grains,
                            Handler handler) {
        this.opts = opts;
        this.ssl = ssl;
        this.group = group;
        this.grains = grains;
        this.handler = handler;
        this.backoff = new Backoff(opts.reconDefaultMs(), opts.reconMaxMs(), opts.reconRandomize());
    }

    public void start() {
        connect();
    }

    /** Marks this as a short-lived call connection (jsalt-call): no jobs, requests only. */
    public MasterConnection ephemeral(boolean value) {
        this.ephemeral = value;
        return this;
    }

    /** Sets the observer of connect, handshake and Hello outcomes (default: none). */
    public MasterConnection statusListener(StatusListener listener) {
        this.statusListener = listener == null ? StatusListener.NONE : listener;
        return this;
    }

    /**
     * Binds each connection to this local address (any free port) before connecting; null, the
     * default, lets the system choose. A load test gives its connections several loopback
     * addresses: the system has only its ephemeral port range (about 28,000 ports) for one
     * source address and one destination.
     */
    public MasterConnection localAddress(java.net.InetAddress address) {
        this.localAddress = address;
        return this;
    }

    /** Completes when the master first accepts this minion. */
    public CompletableFuture<Void> accepted() {
        return firstAccept;
    }

    public boolean isAccepted() {
        return accepted && channel != null && channel.isActive();
    }

    public KeyStatus lastStatus() {
        return lastStatus;
    }

    private void connect() {
        if (closed) {
            return;
        }
        Bootstrap b = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_KEEPALIVE, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        var p = ch.pipeline();
                        // The master works on a bounded number of handshakes at a time; after a
                        // master restart a minion may wait its turn in the master's queue, within
                        // this timeout (10,000 minions: about 20 s on 2 cores).
                        var tls = ssl.newHandler(ch.alloc(), opts.host(), opts.port());
                        tls.setHandshakeTimeoutMillis(HANDSHAKE_TIMEOUT_MS);
                        p.addLast("tls", tls);
                        p.addLast("idle", new IdleStateHandler(opts.heartbeatSec() * 3, opts.heartbeatSec(), 0,
                                TimeUnit.SECONDS));
                        Frames.addCodec(p, opts.maxFrameBytes(), Envelope.getDefaultInstance());
                        p.addLast("minion", new Inbound());
                    }
                });
        java.net.InetAddress local = localAddress;
        if (local != null) {
            b.localAddress(local, 0);
        }
        b.connect(opts.host(), opts.port()).addListener(f -> {
            if (!f.isSuccess()) {
                log.info("Cannot reach master {}:{}: {}", opts.host(), opts.port(), f.cause().getMessage());
                statusListener.onConnectFailed(f.cause());
                scheduleReconnect(backoff.nextDelayMs());
            }
        });
    }

    private void scheduleReconnect(long delayMs) {
        if (closed || group.isShuttingDown()) {
            return;
        }
        group.schedule(this::connect, delayMs, TimeUnit.MILLISECONDS);
    }

    /** Sends a return; it is resent after reconnects until the master acknowledges it. */
    public void sendReturn(Return r) {
        outboxSince.put(r.getJid(), System.nanoTime());
        outbox.put(r.getJid(), r);
        Channel ch = channel;
        if (accepted && ch != null && ch.isActive()) {
            ch.writeAndFlush(Envelope.newBuilder().setReturn(r).build());
        }
    }

    /** Asks the master something (grains update, pillar, files); fails if not connected. */
    public CompletableFuture<Object> request(RequestMethod method, Map<String, Object> args, long timeoutMs) {
        CompletableFuture<Object> f = new CompletableFuture<>();
        Channel ch = channel;
        if (!accepted || ch == null || !ch.isActive()) {
            f.completeExceptionally(new IllegalStateException("not connected to the master"));
            return f;
        }
        long id = ids.incrementAndGet();
        pending.put(id, f);
        ch.eventLoop().schedule(() -> {
            if (pending.remove(id) != null) {
                f.completeExceptionally(new TimeoutException(method + ": no answer from the master in "
                        + timeoutMs + " ms"));
            }
        }, timeoutMs, TimeUnit.MILLISECONDS);
        ch.writeAndFlush(Envelope.newBuilder().setId(id)
                .setRequest(Request.newBuilder().setMethod(method.wire()).setArgs(Values.toProto(args))).build());
        return f;
    }

    /**
     * Whether a return for this job was sent in the last {@code withinMillis} and the master has
     * not acknowledged it yet: the job has ended, but to the master it has not (see the
     * minion's answer to the master's find_job).
     */
    public boolean returnInFlight(String jid, long withinMillis) {
        Long since = outboxSince.get(jid);
        return since != null && outbox.containsKey(jid) && System.nanoTime() - since < withinMillis * 1_000_000L;
    }

    public int outboxSize() {
        return outbox.size();
    }

    @Override
    public void close() {
        closeAsync().awaitUninterruptibly(2, TimeUnit.SECONDS);
    }

    /**
     * Starts closing without waiting (no reconnect follows), so that many connections can
     * close at once (jsalt-swarm); the future completes when the channel is closed.
     */
    public io.netty.util.concurrent.Future<Void> closeAsync() {
        closed = true;
        Channel ch = channel;
        return ch == null ? group.next().<Void>newSucceededFuture(null) : ch.close();
    }

    /** The handler of one connection's messages (package-private for its tests). */
    SimpleChannelInboundHandler<Envelope> newInbound() {
        return new Inbound();
    }

    private final class Inbound extends SimpleChannelInboundHandler<Envelope> {
        /**
         * Until the master has answered the Hello, its gate takes nothing but the Hello and
         * closes the connection on anything else. A connection that waited for its TLS
         * handshake longer than the heartbeat interval (a master restarting with tens of
         * thousands of minions works through them in turn) would otherwise queue a heartbeat
         * before its Hello and be thrown out once its turn came.
         */
        private boolean helloAnswered;

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
            if (evt instanceof SslHandshakeCompletionEvent hs) {
                if (!hs.isSuccess()) {
                    log.error("TLS handshake with master {}:{} failed: {}", opts.host(), opts.port(),
                            rootMessage(hs.cause()));
                    statusListener.onHandshakeFailed(rootMessage(hs.cause()));
                    ctx.close();
                    return;
                }
                channel = ctx.channel();
                ctx.writeAndFlush(Envelope.newBuilder().setId(ids.incrementAndGet())
                        .setHello(Hello.newBuilder().setId(opts.id())
                                .setGrains(Values.toProto(helloGrains(opts.autosignGrains(), grains.get())))
                                .setVersion(io.jsalt.common.Version.VERSION).setEphemeral(ephemeral)).build());
            } else if (evt instanceof IdleStateEvent idle) {
                if (idle.state() == IdleState.WRITER_IDLE) {
                    if (!helloAnswered) {
                        return;
                    }
                    ctx.writeAndFlush(Envelope.newBuilder().setHeartbeat(Heartbeat.getDefaultInstance()).build());
                } else if (idle.state() == IdleState.READER_IDLE) {
                    log.warn("No word from the master for {} s; reconnecting", opts.heartbeatSec() * 3);
                    ctx.close();
                }
            }
            super.userEventTriggered(ctx, evt);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, Envelope msg) {
            switch (msg.getBodyCase()) {
                case HELLO_ACK -> helloAck(ctx, msg.getHelloAck().getStatus(), msg.getHelloAck().getMessage());
                case PUBLISH -> {
                    if (!accepted) {
                        return;
                    }
                    ctx.writeAndFlush(Envelope.newBuilder()
                            .setPublishAck(PublishAck.newBuilder().setJid(msg.getPublish().getJid())).build());
                    handler.onPublish(msg.getPublish());
                }
                case RETURN_ACK -> {
                    ReturnAck ack = msg.getReturnAck();
                    outboxSince.remove(ack.getJid());
                    if (outbox.remove(ack.getJid()) != null && ack.getRefused()) {
                        // Sending it again would be refused again: it is dropped, with the reason.
                        log.warn("The master refused the return for job {}: {}; dropping it", ack.getJid(),
                                ack.getReason());
                    }
                }
                case REQUEST -> onRequest(ctx, msg.getId(), msg.getRequest());
                case RESPONSE -> {
                    CompletableFuture<Object> f = pending.remove(msg.getReplyTo());
                    if (f != null) {
                        if (!msg.getResponse().getError().isEmpty()) {
                            f.completeExceptionally(new IllegalStateException(msg.getResponse().getError()));
                        } else {
                            f.complete(Values.fromProto(msg.getResponse().getResult()));
                        }
                    }
                }
                case GOODBYE -> log.warn("The master closed the connection: {}", msg.getGoodbye().getReason());
                default -> { }
            }
        }

        private void helloAck(ChannelHandlerContext ctx, KeyStatus status, String message) {
            helloAnswered = true;
            lastStatus = status;
            statusListener.onHelloAck(status, message);
            switch (status) {
                case ACCEPTED -> {
                    accepted = true;
                    backoff.reset();
                    log.info("Authenticated with master {}:{}", opts.host(), opts.port());
                    if (!ephemeral) {
                        // The full grains first: the master targets this minion only once they
                        // arrived, and answers later requests (pillar) with them.
                        sendGrains(ctx);
                    }
                    for (Return r : outbox.values()) {
                        ctx.write(Envelope.newBuilder().setReturn(r).build());
                    }
                    ctx.flush();
                    handler.onAccepted();
                    firstAccept.complete(null);
                }
                case PENDING -> {
                    if (ephemeral) {
                        firstAccept.completeExceptionally(new IllegalStateException(
                                "the master has not accepted this minion's key yet (jsalt-key -a " + opts.id() + ")"));
                    }
                    // The master may hold this connection open and authenticate it the moment the
                    // key is accepted; if it closes it instead, the retry follows.
                    log.warn("The master has not accepted this minion's key yet (id '{}'); "
                        + "waiting (or retrying in {} s). On the master run: jsalt-key -a {}", opts.id(),
                        opts.acceptanceWaitMs() / 1000, opts.id());
                }
                case REJECTED -> log.error("The master rejected this minion's key (id '{}'){}; retrying in {} s",
                        opts.id(), message.isEmpty() ? "" : ": " + message, opts.acceptanceWaitMs() / 1000);
                case DENIED -> {
                    if (!message.isEmpty()) {
                        // The master says why (a second process with this id and key, ...).
                        log.error("The master denied this minion (id '{}'): {}; retrying in {} s", opts.id(),
                                message, opts.acceptanceWaitMs() / 1000);
                    } else {
                        log.error("The master denied this minion's key: another key is already accepted "
                                + "for id '{}'. If this host was rebuilt, delete the old key on the master "
                                + "(jsalt-key -d {}) and accept the new one.", opts.id(), opts.id());
                    }
                }
                default -> log.error("Unexpected answer from the master: {}", status);
            }
        }

        private void sendGrains(ChannelHandlerContext ctx) {
            long id = ids.incrementAndGet();
            CompletableFuture<Object> f = new CompletableFuture<>();
            pending.put(id, f);
            f.whenComplete((v, err) -> {
                if (err != null) {
                    log.warn("The master did not take this minion's grains: {}", rootMessage(err));
                }
            });
            ctx.write(Envelope.newBuilder().setId(id).setRequest(Request.newBuilder().setMethod(RequestMethod.GRAINS_UPDATE.wire())
                    .setArgs(Values.toProto(Map.of("grains", grains.get())))).build());
        }

        private void onRequest(ChannelHandlerContext ctx, long id, Request req) {
            CompletableFuture<Object> r;
            try {
                r = handler.onRequest(RequestMethod.received(req.getMethod(), RequestMethod.Sender.MINION),
                        Values.mapFromProto(req.getArgs()));
            } catch (RuntimeException e) {
                r = CompletableFuture.failedFuture(e);
            }
            r.whenComplete((v, err) -> {
                Response.Builder rb = Response.newBuilder();
                if (err != null) {
                    rb.setError(String.valueOf(err.getMessage()));
                } else {
                    rb.setResult(Values.toProto(v));
                }
                ctx.writeAndFlush(Envelope.newBuilder().setReplyTo(id).setResponse(rb).build());
            });
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) throws Exception {
            boolean wasAccepted = accepted;
            accepted = false;
            if (channel == ctx.channel()) {
                channel = null;
            }
            pending.values().forEach(f -> f.completeExceptionally(new IllegalStateException("disconnected")));
            pending.clear();
            if (closed) {
                // We closed it ourselves (shutdown): nothing was lost, nothing to retry.
            } else if (lastStatus == KeyStatus.ACCEPTED && wasAccepted) {
                log.warn("Lost the connection to the master; reconnecting");
                lastStatus = KeyStatus.KEY_STATUS_UNSPECIFIED;
                scheduleReconnect(backoff.nextDelayMs());
            } else if (lastStatus == KeyStatus.PENDING || lastStatus == KeyStatus.REJECTED
                    || lastStatus == KeyStatus.DENIED) {
                scheduleReconnect(opts.acceptanceWaitMs());
            } else {
                scheduleReconnect(backoff.nextDelayMs());
            }
            super.channelInactive(ctx);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            log.warn("Connection to master failed: {}", rootMessage(cause));
            ctx.close();
        }
    }

    static String rootMessage(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return c.getMessage() == null ? c.toString() : c.getMessage();
    }
}
