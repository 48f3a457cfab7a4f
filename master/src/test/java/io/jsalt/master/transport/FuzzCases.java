package io.jsalt.master.transport;

import com.google.protobuf.ByteString;
import io.jsalt.common.proto.Envelope;
import io.jsalt.common.proto.Goodbye;
import io.jsalt.common.proto.Heartbeat;
import io.jsalt.common.proto.Hello;
import io.jsalt.common.proto.HelloAck;
import io.jsalt.common.proto.KeyStatus;
import io.jsalt.common.proto.ListValue;
import io.jsalt.common.proto.MapEntry;
import io.jsalt.common.proto.MapValue;
import io.jsalt.common.proto.Publish;
import io.jsalt.common.proto.PublishAck;
import io.jsalt.common.proto.Request;
import io.jsalt.common.proto.Response;
import io.jsalt.common.proto.Return;
import io.jsalt.common.proto.ReturnAck;
import io.jsalt.common.proto.Value;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Random;

/**
 * Deterministic hostile frames for fuzzing the master: valid Envelopes of every body type
 * with values nested deep and wide, and the same mutated (bit flips, truncations, huge or
 * negative declared lengths, random bodies, frames run together). The same seed gives the
 * same cases, so a failure can be replayed. Shared by the in-memory fuzz, the attack
 * suite and the long soak against a real master.
 */
public final class FuzzCases {
    /** What a case is expected to do to the connection it is sent on. */
    public enum Effect {
        /** A well-framed message an accepted session answers or ignores: the connection stays. */
        KEEPS,
        /** The master may close the connection (or, for a truncated frame, wait for the rest). */
        MAY_CLOSE
    }

    /** One case: the bytes as they go on the wire (length prefix included) and what to expect. */
    public record Case(String kind, byte[] wire, Effect effect) {}

    /** Request methods a session case asks for; harmless to repeat a million times. */
    private static final List<String> METHODS = List.of("file.hash", "file.get", "file.list", "file.envs",
            "pillar.items", "mine.get", "nosuch.method", "", "keys.steal", "file.get\u0000");
    private static final List<String> PATHS = List.of("motd", "../outside.txt", "%2e%2e/outside.txt", "/etc/shadow",
            "salt://../x", "..\\x", "a\u0000b", "\uff0e\uff0e/x", "x".repeat(5000), "");

    private final Random r;
    private final String id;

    public FuzzCases(long seed, String id) {
        this.r = new Random(seed);
        this.id = id;
    }

    /** Any case: breaking ones included. */
    public Case next() {
        return switch (r.nextInt(12)) {
            case 0 -> new Case("valid", frame(envelope()), Effect.MAY_CLOSE);
            case 1 -> new Case("bitflip", frame(flip(envelope().toByteArray())), Effect.MAY_CLOSE);
            case 2 -> truncated();
            case 3 -> new Case("huge-length", prefix(r.nextBoolean() ? Integer.MAX_VALUE : (1 << 26) + 1 + r.nextInt(1 << 30),
                    random(r.nextInt(64))), Effect.MAY_CLOSE);
            case 4 -> new Case("negative-length", prefix(-1 - r.nextInt(Integer.MAX_VALUE), random(8)), Effect.MAY_CLOSE);
            case 5 -> new Case("random-body", frame(random(1 + r.nextInt(512))), Effect.MAY_CLOSE);
            case 6 -> new Case("deep", frame(deepEnvelope(20 + r.nextInt(200))), Effect.MAY_CLOSE);
            case 7 -> new Case("wide", frame(wideEnvelope(1000 + r.nextInt(20_000))), Effect.MAY_CLOSE);
            case 8 -> new Case("empty-frame", prefix(0, new byte[0]), Effect.MAY_CLOSE);
            case 9 -> new Case("master-only", frame(masterOnly()), Effect.MAY_CLOSE);
            case 10 -> new Case("run-together", concat(frame(envelope()), frame(envelope()), random(r.nextInt(16))),
                    Effect.MAY_CLOSE);
            default -> new Case("garbage", random(1 + r.nextInt(256)), Effect.MAY_CLOSE);
        };
    }

    /** A well-framed message an accepted minion may send: its session must survive it. */
    public Case sessionCase() {
        Envelope.Builder e = Envelope.newBuilder().setId(r.nextLong() & Long.MAX_VALUE);
        switch (r.nextInt(5)) {
            case 0 -> e.setHeartbeat(Heartbeat.getDefaultInstance());
            case 1 -> e.setPublishAck(PublishAck.newBuilder().setJid(string()));
            case 2 -> e.setReplyTo(r.nextLong()).setResponse(Response.newBuilder().setResult(value(3)).setError(string()));
            default -> {
                MapValue.Builder args = MapValue.newBuilder()
                        .addEntries(entry("path", str(PATHS.get(r.nextInt(PATHS.size())))))
                        .addEntries(entry("saltenv", str(r.nextInt(4) == 0 ? string() : "base")));
                if (r.nextBoolean()) {
                    args.addEntries(entry(string(), value(3)));
                }
                e.setRequest(Request.newBuilder().setMethod(METHODS.get(r.nextInt(METHODS.size())))
                        .setArgs(r.nextInt(8) == 0 ? value(2) : Value.newBuilder().setMapValue(args).build()));
            }
        }
        return new Case("session", frame(e.build()), Effect.KEEPS);
    }

    /** A valid Envelope of any body type, values random. */
    public Envelope envelope() {
        Envelope.Builder e = Envelope.newBuilder().setId(r.nextLong()).setReplyTo(r.nextInt(3) == 0 ? r.nextLong() : 0);
        switch (r.nextInt(11)) {
            case 0 -> e.setHello(Hello.newBuilder().setId(r.nextBoolean() ? id : string()).setGrains(value(4))
                    .setVersion(string()).setEphemeral(r.nextBoolean()));
            case 1 -> e.setHelloAck(HelloAck.newBuilder().setStatusValue(r.nextInt(8)).setMessage(string()));
            case 2 -> e.setPublish(Publish.newBuilder().setJid(string()).setFun(string()).setArgs(value(3))
                    .setKwargs(value(3)).setUser(string()));
            case 3 -> e.setPublishAck(PublishAck.newBuilder().setJid(string()));
            case 4 -> e.setReturn(Return.newBuilder().setJid(string()).setId(r.nextBoolean() ? id : string())
                    .setFun(string()).setRet(value(4)).setRetcode(r.nextInt()).setSuccess(r.nextBoolean())
                    .setFunArgs(value(2)).setExtra(value(2)));
            case 5 -> e.setReturnAck(ReturnAck.newBuilder().setJid(string()));
            case 6 -> e.setRequest(Request.newBuilder().setMethod(METHODS.get(r.nextInt(METHODS.size())))
                    .setArgs(value(3)));
            case 7 -> e.setResponse(Response.newBuilder().setResult(value(3)).setError(string()));
            case 8 -> e.setHeartbeat(Heartbeat.getDefaultInstance());
            case 9 -> e.setGoodbye(Goodbye.newBuilder().setReason(string()));
            default -> { }
        }
        return e.build();
    }

    private Envelope masterOnly() {
        return switch (r.nextInt(4)) {
            case 0 -> Envelope.newBuilder().setPublish(Publish.newBuilder().setJid(string()).setFun("cmd.run")).build();
            case 1 -> Envelope.newBuilder().setHelloAck(HelloAck.newBuilder().setStatus(KeyStatus.ACCEPTED)).build();
            case 2 -> Envelope.newBuilder().setReturnAck(ReturnAck.newBuilder().setJid(string())).build();
            default -> Envelope.newBuilder().setId(r.nextLong()).build();
        };
    }

    /** A Hello whose grains nest depth lists deep (past the parser's limit beyond ~48). */
    private Envelope deepEnvelope(int depth) {
        Value v = str("leaf");
        for (int i = 0; i < depth; i++) {
            v = r.nextBoolean() ? Value.newBuilder().setListValue(ListValue.newBuilder().addItems(v)).build()
                    : Value.newBuilder().setMapValue(MapValue.newBuilder().addEntries(entry("k", v))).build();
        }
        return Envelope.newBuilder().setHello(Hello.newBuilder().setId(id).setGrains(v)).build();
    }

    private Envelope wideEnvelope(int width) {
        MapValue.Builder m = MapValue.newBuilder();
        for (int i = 0; i < width; i++) {
            m.addEntries(entry("k" + i, Value.newBuilder().setIntValue(i).build()));
        }
        return Envelope.newBuilder().setRequest(Request.newBuilder().setMethod("file.list")
                .setArgs(Value.newBuilder().setMapValue(m))).build();
    }

    private Case truncated() {
        byte[] whole = frame(envelope());
        int cut = whole.length <= 5 ? 4 : 4 + r.nextInt(whole.length - 4);
        return new Case("truncated", java.util.Arrays.copyOf(whole, cut), Effect.MAY_CLOSE);
    }

    private Value value(int depth) {
        int kind = r.nextInt(depth <= 0 ? 6 : 8);
        Value.Builder v = Value.newBuilder();
        switch (kind) {
            case 0 -> v.setNullValue(true);
            case 1 -> v.setBoolValue(r.nextBoolean());
            case 2 -> v.setIntValue(r.nextLong());
            case 3 -> v.setDoubleValue(r.nextInt(4) == 0 ? Double.NaN : r.nextDouble());
            case 4 -> v.setStringValue(string());
            case 5 -> v.setBytesValue(ByteString.copyFrom(random(r.nextInt(32))));
            case 6 -> {
                ListValue.Builder l = ListValue.newBuilder();
                for (int i = r.nextInt(6); i > 0; i--) {
                    l.addItems(value(depth - 1));
                }
                v.setListValue(l);
            }
            default -> {
                MapValue.Builder m = MapValue.newBuilder();
                for (int i = r.nextInt(6); i > 0; i--) {
                    m.addEntries(entry(string(), value(depth - 1)));
                }
                v.setMapValue(m);
            }
        }
        return v.build();
    }

    private String string() {
        return switch (r.nextInt(6)) {
            case 0 -> "";
            case 1 -> id;
            case 2 -> "../" + r.nextInt(100);
            case 3 -> "\n\r\u001b[31m" + r.nextInt();
            case 4 -> new String(Character.toChars(0x10000 + r.nextInt(0x1000))) + "\u202e";
            default -> Long.toString(r.nextLong(), 36);
        };
    }

    private static Value str(String s) {
        return Value.newBuilder().setStringValue(s).build();
    }

    private static MapEntry entry(String k, Value v) {
        return MapEntry.newBuilder().setKey(k).setValue(v).build();
    }

    private byte[] random(int n) {
        byte[] b = new byte[n];
        r.nextBytes(b);
        return b;
    }

    private byte[] flip(byte[] b) {
        if (b.length == 0) {
            return new byte[] {(byte) r.nextInt()};
        }
        for (int i = 1 + r.nextInt(4); i > 0; i--) {
            b[r.nextInt(b.length)] ^= (byte) (1 << r.nextInt(8));
        }
        return b;
    }

    public static byte[] frame(Envelope e) {
        byte[] body = e.toByteArray();
        return prefix(body.length, body);
    }

    private static byte[] frame(byte[] body) {
        return prefix(body.length, body);
    }

    private static byte[] prefix(int declared, byte[] body) {
        return ByteBuffer.allocate(4 + body.length).putInt(declared).put(body).array();
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
