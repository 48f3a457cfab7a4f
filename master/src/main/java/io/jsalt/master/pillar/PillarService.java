package io.jsalt.master.pillar;

import io.jsalt.common.files.FileRoots;
import io.jsalt.common.match.Matcher;
import io.jsalt.common.pillar.PillarCompiler;
import io.jsalt.common.transport.RequestMethod;
import io.jsalt.master.MasterOptions;
import io.jsalt.master.minions.AuthenticatedGrains;
import io.jsalt.master.minions.MinionRegistry;
import io.jsalt.master.transport.RequestRouter;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The master's pillar: compiled per minion from pillar_roots and handed only to that
 * minion. Request {@code pillar.items} answers with the pillar of the AUTHENTICATED minion
 * (the router supplies the id; arguments naming another minion are ignored). Results are
 * cached per minion and reused while the pillar tree and the minion's grains are unchanged,
 * so an edited pillar file takes effect at the minion's next refresh without a restart.
 * Every compile also updates the registry's copy that {@code -I} targeting reads.
 */
public final class PillarService implements AutoCloseable {
    private record Cached(String stamp, Map<String, Object> grains, Map<String, Object> pillar) { }

    private final PillarCompiler compiler;
    private final List<Path> dirs = new ArrayList<>();
    private final MinionRegistry minions;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();
    private final ExecutorService workers;

    public PillarService(MasterOptions options, MinionRegistry minions) {
        FileRoots roots = new FileRoots(options.pillarRoots());
        roots.saltenvs().forEach(env -> dirs.addAll(roots.roots(env)));
        // The compiler reads pillar options (pillarenv, state_top ...) from the options map, as Salt's __opts__.
        this.compiler = new PillarCompiler(roots, options.raw().opts(), new Matcher(options.nodegroups()));
        this.minions = minions;
        int threads = (int) Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
        this.workers = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(10_000),
                new DefaultThreadFactory("jsalt-pillar", true));
    }

    /** Creates the service and registers its request method. */
    public static PillarService install(MasterOptions options, RequestRouter router, MinionRegistry minions) {
        PillarService s = new PillarService(options, minions);
        router.register(RequestMethod.PILLAR_ITEMS, (id, args) -> s.pillarAsync(id));
        return s;
    }

    /** The pillar of minion {@code id}, compiled off the network threads. */
    public CompletableFuture<Object> pillarAsync(String id) {
        return CompletableFuture.supplyAsync(() -> pillar(id), workers);
    }

    /**
     * The pillar of minion {@code id} for its cached grains: from cache if nothing changed.
     * An id with no registry entry (the master's own id, for the DNS hub) has no grains but
     * {@code id}: its pillar top can target it by id, not by grain.
     */
    public Map<String, Object> pillar(String id) {
        MinionRegistry.Entry e = minions.get(id);
        // The registry's grains are already stamped; stamping again costs a copy and keeps
        // this compile safe even if a future caller hands it grains from elsewhere.
        Map<String, Object> grains = AuthenticatedGrains.stamp(id, e == null ? null : e.grains());
        String stamp = TreeStamp.of(dirs);
        Cached c = cache.get(id);
        Map<String, Object> pillar;
        if (c != null && c.stamp().equals(stamp) && c.grains().equals(grains)) {
            pillar = c.pillar();
        } else {
            pillar = compiler.compile(id, grains);
            cache.put(id, new Cached(stamp, grains, pillar));
        }
        minions.updatePillar(id, pillar);
        return pillar;
    }

    /** The pillar_roots directories of every saltenv, as configured. */
    public List<Path> dirs() {
        return List.copyOf(dirs);
    }

    /**
     * Forgets every cached pillar (a pillar file changed). The tree stamp would notice the
     * change too; dropping the entries at once also frees them and does not depend on the
     * file system's mtime resolution.
     */
    public void invalidate() {
        cache.clear();
    }

    /** Forgets a minion's cached pillar (its key was deleted). */
    public void forget(String id) {
        cache.remove(id);
    }

    @Override
    public void close() {
        workers.shutdownNow();
    }
}
