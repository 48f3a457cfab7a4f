package io.jsalt.master.transport;

import io.jsalt.common.transport.RequestMethod;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Requests an accepted minion may make of the master, by {@link RequestMethod}. Every
 * handler receives the authenticated minion id (never an id from the message), so a minion
 * can ask only for its own data. Unknown methods, and those only the master sends, are
 * refused ({@link MessagePolicy#minionRequest}).
 */
public final class RequestRouter {
    /** Handles one request method for the given (authenticated) minion. */
    @FunctionalInterface
    public interface Handler {
        CompletableFuture<Object> handle(String minionId, Map<String, Object> args);
    }

    private final Map<RequestMethod, Handler> handlers = new EnumMap<>(RequestMethod.class);

    public synchronized RequestRouter register(RequestMethod method, Handler h) {
        if (!MessagePolicy.MINION_REQUESTS.contains(method)) {
            throw new IllegalArgumentException("request method " + method + " is not one a minion may send");
        }
        if (handlers.putIfAbsent(method, h) != null) {
            throw new IllegalStateException("request method " + method + " registered twice");
        }
        return this;
    }

    /** A request as the wire carries it: the method string is checked against the policy first. */
    public CompletableFuture<Object> handle(String minionId, String method, Map<String, Object> args) {
        RequestMethod m;
        try {
            m = MessagePolicy.minionRequest(method);
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(e);
        }
        return handle(minionId, m, args);
    }

    public CompletableFuture<Object> handle(String minionId, RequestMethod method, Map<String, Object> args) {
        Handler h;
        synchronized (this) {
            h = handlers.get(method);
        }
        if (h == null) {
            return CompletableFuture.failedFuture(RequestMethod.unknown(method.wire()));
        }
        return h.handle(minionId, args);
    }

    public synchronized Set<RequestMethod> methods() {
        return Set.copyOf(handlers.keySet());
    }
}
