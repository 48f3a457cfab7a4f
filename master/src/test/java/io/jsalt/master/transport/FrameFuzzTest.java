package io.jsalt.master.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jsalt.common.data.ProtoBytes;
import io.jsalt.common.data.Values;
import io.jsalt.common.files.FileRoots;
import io.jsalt.common.proto.Envelope;
import io.jsalt.common.proto.Heartbeat;
import io.jsalt.common.proto.KeyStatus;
import io.jsalt.common.proto.Return;
import io.jsalt.common.transport.Frames;
import io.jsalt.common.transport.RequestMethod;
import io.jsalt.master.fileserver.FileServer;
import io.jsalt.master.minions.MinionRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bounded, deterministic fuzz of the master's frame decoder and message handlers, in
 * memory: the real codec, {@link AuthHandler} and {@link SessionHandler} on netty's
 * EmbeddedChannel, with the real registry, router and file server behind them. No case
 * may throw out of the pipeline, a case may close only its own channel, a well-framed
 * session message must not close it, and the heap must not grow with the number of cases.
 * The same cases run over real TLS in {@code MalformedFramesIT}, and a million of them
 * against a real master process in {@code FuzzSoakIT}.
 */
class FrameFuzzTest {
    private static final int CASES = 3_000;
    private static final int MAX_FRAME = 1 << 20;
    private static final String ID = "web1";

    @TempDir
    Path tmp;

    private ExecutorService io;
    private MinionRegistry registry;
    private RequestRouter router;
    private final AtomicInteger returnsStored = new AtomicInteger();

    @BeforeEach
    void setUp() throws Exception {
        io = Executors.newSingleThreadExecutor();
        registry = new MinionRegistry(tmp.resolve("cache"), io);
        registry.accepted(ID);
        Files.createDirectories(tmp.resolve("roots"));
        Files.writeString(tmp.resolve("roots/motd"), "hello\n");
        Files.writeString(tmp.resolve("outside.txt"), "secret");
        // The file server's own methods, answered synchronously: EmbeddedChannel has one thread.
        FileServer fs = new FileServer(FileRoots.base(tmp.resolve("roots")), 4096);
        router = new RequestRouter()
                .register(RequestMethod.FILE_HASH, (id, a) -> done(fs.hash("base", String.valueOf(a.get("path")))))
                .register(RequestMethod.FILE_GET, (id, a) -> done(fs.get("base", String.valueOf(a.get("path")), 0)))
                .register(RequestMethod.FILE_LIST, (id, a) -> done(fs.list("base", null, false)))
                .register(RequestMethod.PILLAR_ITEMS, (id, a) -> done(Map.of("owner", id)));
        fs.close();
    }

    @AfterEach
    void tearDown() {
        io.shutdownNow();
    }

    private static CompletableFuture<Object> done(Object o) {
        return CompletableFuture.completedFuture(o);
    }

    private SessionHandler.Factory sessions() {
        SessionHandler.JobSink jobs = new SessionHandler.JobSink() {
            @Override
            public void acknowledged(String minionId, String jid) { }

            @Override
            public CompletableFuture<Void> returned(String minionId, Return ret) {
                returnsStored.incrementAndGet();
                return CompletableFuture.completedFuture(null);
            }

            @Override
            public void disconnected(String minionId) { }
        };
        return new SessionHandler.Factory(registry, jobs, router, new MinionLink());
    }

    /** Before the key check: codec and gate; the authenticator must never be reached without a certificate. */
    private EmbeddedChannel unauthenticated(AtomicInteger authCalls) {
        EmbeddedChannel ch = new EmbeddedChannel();
        Frames.addCodec(ch.pipeline(), MAX_FRAME, Envelope.getDefaultInstance());
        ch.pipeline().addLast("auth", new AuthHandler((id, pem, grains) -> {
            authCalls.incrementAndGet();
            return new Authenticator.Result(KeyStatus.ACCEPTED, "");
        }, Runnable::run, sessions(), MAX_FRAME));
        return ch;
    }

    /** After the key check: codec and an accepted minion's session (one id per session: a second replaces the first). */
    private EmbeddedChannel session(String id) {
        registry.accepted(id);
        EmbeddedChannel ch = new EmbeddedChannel();
        Frames.addCodec(ch.pipeline(), MAX_FRAME, Envelope.getDefaultInstance());
        SessionHandler s = sessions().create(id, false);
        ch.pipeline().addLast("session", s);
        s.authenticated(ch, registry.generation(id));
        return ch;
    }

    /** Feeds one case; nothing may escape the pipeline. */
    private static void feed(EmbeddedChannel ch, FuzzCases.Case c, int i) {
        try {
            ByteBuf buf = Unpooled.wrappedBuffer(c.wire());
            ch.writeInbound(buf);
            ch.runPendingTasks();
            ch.checkException();
        } catch (Throwable t) {
            throw new AssertionError("case " + i + " (" + c.kind() + ") escaped the pipeline: " + t, t);
        }
    }

    private static void drainAndClose(EmbeddedChannel ch) {
        ch.finishAndReleaseAll();
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(20);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    @Test
    void hostileFramesBeforeAuthenticationCloseOnlyTheirOwnConnection() throws Exception {
        AtomicInteger authCalls = new AtomicInteger();
        long before = usedHeapAfterGc();
        FuzzCases cases = new FuzzCases(20261207L, ID);
        EmbeddedChannel bystander = unauthenticated(authCalls);
        for (int i = 0; i < CASES; i++) {
            EmbeddedChannel ch = unauthenticated(authCalls);
            feed(ch, cases.next(), i);
            drainAndClose(ch);
        }
        assertEquals(0, authCalls.get(), "no certificate, so no key decision, whatever was sent");
        assertTrue(bystander.isActive(), "a connection that sent nothing is untouched");
        drainAndClose(bystander);
        assertEquals(0, returnsStored.get());
        assertHeapBounded(before);
    }

    @Test
    void hostileFramesAfterAuthenticationCloseOnlyTheirOwnSession() throws Exception {
        long before = usedHeapAfterGc();
        FuzzCases cases = new FuzzCases(7L, ID);
        EmbeddedChannel reused = session(ID);
        int closed = 0;
        for (int i = 0; i < CASES; i++) {
            // Every other case goes to a fresh session; session cases share one that must survive them all.
            if (i % 2 == 0) {
                FuzzCases.Case c = cases.sessionCase();
                feed(reused, c, i);
                assertTrue(reused.isActive(), "case " + i + ": a well-framed session message closed the session");
                drainOutbound(reused);
            } else {
                EmbeddedChannel ch = session("fuzz" + i);
                feed(ch, cases.next(), i);
                closed += ch.isActive() ? 0 : 1;
                drainAndClose(ch);
            }
        }
        assertTrue(closed > CASES / 4, "most malformed cases close their session: " + closed);
        // The survivor still gets answers.
        reused.writeInbound(Unpooled.wrappedBuffer(FuzzCases.frame(Envelope.newBuilder().setId(99)
                .setHeartbeat(Heartbeat.getDefaultInstance()).build())));
        List<Envelope> out = drainOutbound(reused);
        assertEquals(1, out.size());
        assertEquals(99, out.get(0).getReplyTo());
        drainAndClose(reused);
        assertHeapBounded(before);
    }

    /** Values nested ten thousand deep inside a frame: refused by the parser, no stack overflow. */
    @Test
    void aFrameNestingValuesTenThousandDeepClosesTheSessionCleanly() {
        byte[] value = new byte[] {0x28, 0x01}; // Value.string_value would do; bool_value = true
        for (int i = 0; i < 10_000; i++) {
            byte[] items = ProtoBytes.concat(new byte[] {0x0a}, ProtoBytes.varint(value.length), value);
            value = ProtoBytes.concat(new byte[] {0x3a}, ProtoBytes.varint(items.length), items);
        }
        byte[] request = ProtoBytes.concat(new byte[] {0x12}, ProtoBytes.varint(value.length), value);  // Request.args = 2
        byte[] env = ProtoBytes.concat(new byte[] {(byte) 0x82, 0x01}, ProtoBytes.varint(request.length), request); // Envelope.request = 16
        EmbeddedChannel ch = session(ID);
        feed(ch, new FuzzCases.Case("deep", java.nio.ByteBuffer.allocate(4 + env.length).putInt(env.length).put(env)
                .array(), FuzzCases.Effect.MAY_CLOSE), 0);
        assertTrue(!ch.isActive(), "the session that sent it is closed");
        drainAndClose(ch);
    }

    /** Everything the master wrote, split back into messages (the prepender writes length and body apart). */
    private static List<Envelope> drainOutbound(EmbeddedChannel ch) throws Exception {
        ByteBuf all = Unpooled.buffer();
        ByteBuf b;
        while ((b = ch.readOutbound()) != null) {
            all.writeBytes(b);
            b.release();
        }
        List<Envelope> out = new ArrayList<>();
        while (all.readableBytes() >= 4) {
            byte[] body = new byte[all.readInt()];
            all.readBytes(body);
            out.add(Envelope.parseFrom(body));
        }
        return out;
    }

    private static void assertHeapBounded(long before) throws InterruptedException {
        long growth = usedHeapAfterGc() - before;
        assertTrue(growth < 32L << 20, "heap grew by " + (growth >> 20) + " MiB over " + CASES + " cases");
    }
}
