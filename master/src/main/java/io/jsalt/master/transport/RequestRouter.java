package io.jsalt.master.transport;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * Requests an accepted minion may make of the master, by method name. Every handler
 * receives the authenticated minion id (never an id from the message), so a minion can
 * ask only for its own data. Unknown methods are refused.
 */
public final class RequestRouter {
    /** Handles one request method for the given (authenticated) minion. */
    @FunctionalInterface
    public interface Handler {
        CompletableFuture<Object> handle(String minionId, Map<String, Object> args);
    }

    private final Map<String, Handler> handlers = new TreeMap<>();

    public synchronized RequestRouter register(String method, Handler h) {
        if (handlers.putIfAbsent(method, h) != null) {
            throw new IllegalStateException("request method " + method + " registered twice");
        }
        return this;
    }

    public CompletableFuture<Object> handle(String minionId, String method, Map<String, Object> args) {
        Handler h = handlers.get(method);
        if (h == null) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("unknown request method '" + method + "'"));
        }
        return h.handle(minionId, args);
    }

    public synchronized java.util.Set<String> methods() {
        return java.util.Set.copyOf(handlers.keySet());
    }
}
