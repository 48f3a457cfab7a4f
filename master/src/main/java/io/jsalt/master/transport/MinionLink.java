package io.jsalt.master.transport;

import io.jsalt.common.data.Values;
import io.jsalt.common.proto.Envelope;
import io.jsalt.common.proto.Request;
import io.jsalt.common.proto.Response;
import io.jsalt.common.transport.RequestMethod;
import io.netty.channel.Channel;
import io.netty.util.AttributeKey;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/** Master-to-minion requests with correlation ids (e.g. "is job J still running?"). */
public final class MinionLink {
    private static final AttributeKey<Map<Long, CompletableFuture<Object>>> PENDING =
            AttributeKey.valueOf("jsalt.pending");
    private final AtomicLong ids = new AtomicLong();

    public CompletableFuture<Object> request(Channel ch, RequestMethod method, Map<String, Object> args, long timeoutMs) {
        CompletableFuture<Object> f = new CompletableFuture<>();
        if (!MessagePolicy.MASTER_REQUESTS.contains(method)) {
            f.completeExceptionally(new IllegalArgumentException("request method " + method
                    + " is not one the master sends"));
            return f;
        }
        if (ch == null || !ch.isActive()) {
            f.completeExceptionally(new IllegalStateException("not connected"));
            return f;
        }
        long id = ids.incrementAndGet();
        pending(ch).put(id, f);
        ch.eventLoop().schedule(() -> {
            if (pending(ch).remove(id) != null) {
                f.completeExceptionally(new TimeoutException(method + " timed out"));
            }
        }, timeoutMs, TimeUnit.MILLISECONDS);
        ch.writeAndFlush(Envelope.newBuilder().setId(id)
                .setRequest(Request.newBuilder().setMethod(method.wire()).setArgs(Values.toProto(args))).build());
        return f;
    }

    /**
     * Whether the minion at the other end of {@code ch} still answers: a {@code job.find}
     * request that any reply (even an error) within {@code timeoutMs} counts as alive. A
     * half-dead connection (the minion's host vanished without closing it) does not answer.
     */
    public CompletableFuture<Boolean> alive(Channel ch, long timeoutMs) {
        return request(ch, RequestMethod.JOB_FIND, Map.of("jid", ""), timeoutMs)
                .handle((v, err) -> err == null || unwrap(err) instanceof MinionError);
    }

    private static Throwable unwrap(Throwable t) {
        return t instanceof java.util.concurrent.CompletionException && t.getCause() != null ? t.getCause() : t;
    }

    /** The minion answered with an error: it is alive, the request failed. */
    static final class MinionError extends IllegalStateException {
        MinionError(String message) {
            super(message);
        }
    }

    void completed(Channel ch, long replyTo, Response r) {
        CompletableFuture<Object> f = pending(ch).remove(replyTo);
        if (f == null) {
            return;
        }
        if (!r.getError().isEmpty()) {
            f.completeExceptionally(new MinionError(r.getError()));
        } else {
            f.complete(Values.fromProto(r.getResult()));
        }
    }

    void failPending(Channel ch) {
        Map<Long, CompletableFuture<Object>> p = pending(ch);
        p.values().forEach(f -> f.completeExceptionally(new IllegalStateException("disconnected")));
        p.clear();
    }

    private static Map<Long, CompletableFuture<Object>> pending(Channel ch) {
        Map<Long, CompletableFuture<Object>> m = ch.attr(PENDING).get();
        if (m == null) {
            m = new ConcurrentHashMap<>();
            Map<Long, CompletableFuture<Object>> prev = ch.attr(PENDING).setIfAbsent(m);
            if (prev != null) {
                m = prev;
            }
        }
        return m;
    }
}
