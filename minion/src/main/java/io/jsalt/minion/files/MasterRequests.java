package io.jsalt.minion.files;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** How the minion asks its master something (MasterConnection.request, or a fake in tests). */
@FunctionalInterface
public interface MasterRequests {
    CompletableFuture<Object> request(String method, Map<String, Object> args, long timeoutMs);
}
