package io.jsalt.master.mine;

import io.jsalt.common.data.Data;
import io.jsalt.common.transport.RequestMethod;
import io.jsalt.master.jobs.JobManager;
import io.jsalt.master.transport.RequestRouter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The mine's minion-to-master requests. Writes always go to the asking minion's own mine
 * (the router passes the authenticated id); reads target any accepted minions, subject to
 * their entries' allow_tgt.
 */
public final class MineRequests {
    private MineRequests() {}

    public static void register(RequestRouter router, MineStore store, JobManager jobs) {
        router.register(RequestMethod.MINE_UPDATE, (id, args) -> {
            Object values = args.get("data");
            if (!(values instanceof Map<?, ?>)) {
                return CompletableFuture.failedFuture(new IllegalArgumentException("mine.update needs a data map"));
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> m = (Map<String, Object>) values;
            store.store(id, m, Data.truthy(args.get("clear")));
            return CompletableFuture.completedFuture(true);
        });
        router.register(RequestMethod.MINE_DELETE, (id, args) -> {
            store.delete(id, String.valueOf(args.get("fun")));
            return CompletableFuture.completedFuture(true);
        });
        router.register(RequestMethod.MINE_FLUSH, (id, args) -> {
            store.flush(id);
            return CompletableFuture.completedFuture(true);
        });
        router.register(RequestMethod.MINE_GET, (id, args) -> {
            String tgt = String.valueOf(args.getOrDefault("tgt", "*"));
            String tgtType = String.valueOf(args.getOrDefault("tgt_type", "glob"));
            List<String> minions = jobs.expected(tgt, tgtType);
            return CompletableFuture.completedFuture(store.get(minions, args.get("fun"), id, jobs::expected));
        });
    }
}
