package io.jsalt.minion.pillar;

import io.jsalt.common.pillar.PillarCompiler;
import io.jsalt.common.plugin.CommandExecutionError;
import io.jsalt.common.transport.RequestMethod;
import io.jsalt.minion.api.MasterRequests;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * This minion's pillar: the copy jobs see ({@link #current}), replaced by {@link #refresh}
 * (at start and on {@code saltutil.refresh_pillar}); a daemon's state runs compile their own
 * ({@link #forStateRun}). Its source is the master, which
 * compiles it for this minion only, or, masterless, a local compile of pillar_roots.
 * Available to modules as a service: {@code ctx.service(MinionPillar.class)}.
 */
public final class MinionPillar {
    private static final long TIMEOUT_MS = 60_000;

    /** Where a fresh pillar comes from. */
    @FunctionalInterface
    public interface Source {
        Map<String, Object> fetch();
    }

    private final Source source;
    private volatile Map<String, Object> current = new LinkedHashMap<>();
    private volatile boolean freshPerStateRun;

    public MinionPillar(Source source) {
        this.source = source;
    }

    /** The pillar jobs run with. */
    public Map<String, Object> current() {
        return current;
    }

    /** Fetches a fresh pillar and makes it the current one. */
    public Map<String, Object> refresh() {
        Map<String, Object> fresh = source.fetch();
        current = fresh;
        return fresh;
    }

    /**
     * Makes every state run compile its own pillar ({@link #forStateRun}), as a Salt minion
     * daemon does; a one-shot call (jsalt-call) keeps the pillar it compiled at its start.
     */
    public void freshPerStateRun() {
        freshPerStateRun = true;
    }

    /**
     * The pillar a state run (state.apply, sls, highstate, top, single) renders and runs with,
     * and the show functions (show_sls, show_highstate, show_low_sls, show_top) render with.
     * A daemon compiles it afresh, leaving the current copy alone: Salt's State gathers pillar
     * in its constructor unless given the caller's initial pillar, which only salt-call passes
     * (salt/state.py State.__init__ and _gather_pillar, salt/modules/state.py
     * _get_initial_pillar). So a pillar edit on the master reaches the next state run without
     * saltutil.refresh_pillar.
     */
    public Map<String, Object> forStateRun() {
        return freshPerStateRun ? source.fetch() : current;
    }

    /** A freshly compiled pillar, leaving the current one alone (Salt's pillar.items does this). */
    public Map<String, Object> fresh() {
        return source.fetch();
    }

    /** Asks the master: it compiles the pillar of the minion this connection authenticated as. */
    @SuppressWarnings("unchecked")
    public static Source remote(MasterRequests master) {
        return () -> {
            try {
                Object r = master.request(RequestMethod.PILLAR_ITEMS, new LinkedHashMap<>(), TIMEOUT_MS)
                        .get(TIMEOUT_MS + 1000, TimeUnit.MILLISECONDS);
                return r instanceof Map ? (Map<String, Object>) r : new LinkedHashMap<>();
            } catch (ExecutionException e) {
                Throwable c = e.getCause() == null ? e : e.getCause();
                throw new CommandExecutionError("Could not get pillar from the master: " + c.getMessage(), c);
            } catch (TimeoutException e) {
                throw new CommandExecutionError("Could not get pillar from the master: no answer in "
                        + TIMEOUT_MS + " ms", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CommandExecutionError("interrupted while getting pillar", e);
            }
        };
    }

    /** Masterless: compile pillar_roots here, with this minion's current grains. */
    public static Source local(PillarCompiler compiler, String id, Supplier<Map<String, Object>> grains) {
        return () -> compiler.compile(id, grains.get());
    }
}
