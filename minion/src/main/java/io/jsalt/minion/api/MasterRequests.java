package io.jsalt.minion.api;

import io.jsalt.common.transport.RequestMethod;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Asks this minion's master something (mine, events), provided by the minion daemon
 * through {@code Context.services()}. The master answers for the authenticated minion
 * only. Fails when the minion is not connected (jsalt-call --local has no master).
 */
@FunctionalInterface
public interface MasterRequests {
    CompletableFuture<Object> request(RequestMethod method, Map<String, Object> args, long timeoutMs);

    /** Blocking form for module functions: the answer, or a CommandExecutionError saying why not. */
    default Object call(RequestMethod method, Map<String, Object> args, long timeoutMs) {
        try {
            return request(method, args, timeoutMs).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new io.jsalt.common.plugin.CommandExecutionError(method + " was interrupted");
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new io.jsalt.common.plugin.CommandExecutionError(method + " failed: " + cause.getMessage());
        }
    }
}
