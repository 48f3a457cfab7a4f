package io.jsalt.minion.hub;

import io.jsalt.minion.MinionOptions;
import io.jsalt.common.plugin.Context;
import io.jsalt.common.plugin.Registry;
import io.jsalt.common.transport.RequestMethod;
import io.jsalt.minion.api.MasterRequests;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a minion does for the fleet's hub once the master has accepted it: tell the master
 * it started ({@code salt/minion/ID/start}, once per process, as Salt's minion does after
 * its first authentication) and keep its mine fresh (mine.update at start, then every
 * {@code mine_interval} minutes, unless {@code mine_enabled} is False).
 */
public final class HubClient implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HubClient.class);

    private final MinionOptions options;
    private final MasterRequests master;
    private final Registry registry;
    private final Supplier<Context> ctx;
    private final AtomicBoolean started = new AtomicBoolean();
    private final ScheduledExecutorService worker =
            Executors.newSingleThreadScheduledExecutor(new DefaultThreadFactory("jsalt-minion-hub", true));

    public HubClient(MinionOptions options, MasterRequests master, Registry registry, Supplier<Context> ctx) {
        this.options = options;
        this.master = master;
        this.registry = registry;
        this.ctx = ctx;
    }

    /** Called on every acceptance by the master; only the first one does anything. */
    public void accepted() {
        if (!started.compareAndSet(false, true)) {
            return;
        }
        worker.execute(() -> master.request(RequestMethod.MINION_START, new LinkedHashMap<>(), 10_000).exceptionally(err -> {
            log.warn("Could not tell the master this minion started: {}", err.getMessage());
            return null;
        }));
        if (!options.mineEnabled() || registry.function("mine.update") == null) {
            return;
        }
        worker.scheduleWithFixedDelay(this::updateMine, 0, Math.max(1, options.mineInterval()) * 60, TimeUnit.SECONDS);
    }

    private void updateMine() {
        try {
            registry.invoke(ctx.get(), "mine.update", new ArrayList<>(), new LinkedHashMap<String, Object>(Map.of()));
        } catch (RuntimeException e) {
            log.warn("mine.update failed: {}", e.getMessage());
        }
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
