package io.jsalt.minion.modules.state;

import io.jsalt.common.Jid;
import io.jsalt.common.data.Data;
import io.jsalt.common.plugin.Call;
import io.jsalt.common.plugin.CommandExecutionError;
import io.jsalt.common.plugin.Context;
import io.jsalt.common.plugin.Registry;
import io.jsalt.common.state.Compiler;
import io.jsalt.common.state.Low;
import io.jsalt.common.state.RegistryStateFunctions;
import io.jsalt.common.state.StateEngine;
import io.jsalt.common.state.StatePipeline;
import io.jsalt.common.state.StateRunner;
import io.jsalt.common.state.high.HighState;
import io.jsalt.minion.api.StateRegistry;
import io.jsalt.minion.files.StateFiles;
import io.jsalt.minion.pillar.MinionPillar;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.LoggerFactory;

/**
 * The state functions that apply states (Salt's salt/modules/state.py): each takes the
 * minion's state lock, renders high data with {@link StatePipeline}, compiles and runs it
 * with {@link StateEngine} and sets Salt's retcode (1 for errors before the run, 2 when a state
 * failed). {@link StateModule} exposes them.
 */
final class StateRuns {
    /** Keyword arguments of the state functions themselves, never state arguments. */
    private static final Set<String> CALL_KWARGS = Set.of("test", "queue", "concurrent", "pillar", "pillar_enc",
            "exclude", "saltenv", "pillarenv", "localconfig", "mock", "sync_mods", "whitelist", "cache", "cache_name",
            "force", "terse", "orchestration_jid");
    private static final String NO_STATES_TAG = "no_|-states_|-states_|-None";

    private StateRuns() {}

    /** state.apply: state.sls with mods, state.highstate without. */
    static Object apply(Call c) {
        Object mods = c.arg(0, "mods", null);
        if (mods == null || (mods instanceof String s && s.isBlank()) || (mods instanceof List<?> l && l.isEmpty())) {
            return highstate(c);
        }
        return sls(c);
    }

    static Object highstate(Call c) {
        return locked(c, job -> runTop(job, StateModule.pipeline(job), true));
    }

    /**
     * Renders and runs what the top file assigns this minion. state.highstate says so when the
     * top file matches nothing (noMatchSaysSo); state.top goes on to "No states found".
     */
    private static Object runTop(Call c, StatePipeline pipeline, boolean noMatchSaysSo) {
        HighState.TopMatches top = pipeline.top();
        List<String> errors = new ArrayList<>(top.errors());
        if (noMatchSaysSo && errors.isEmpty() && top.matches().values().stream().allMatch(List::isEmpty)) {
            return noStates(c, "No Top file or master_tops data matches found. Please see master log for details.");
        }
        loadDynamic(c, top.matches());
        HighState.Compiled compiled = pipeline.render(top.matches());
        errors.addAll(compiled.errors());
        if (!errors.isEmpty()) {
            c.retcode(StateModule.COMPILER_ERROR);
            return new ArrayList<Object>(errors);
        }
        if (compiled.high().isEmpty()) {
            return noStates(c, "No states found for this minion");
        }
        return run(c, withExclude(c, compiled.high()));
    }

    /**
     * Salt's BaseHighState.load_dynamic (salt/state.py, call_highstate): with
     * autoload_dynamic_modules (the default), custom modules of the saltenvs the top file
     * matched are synced before the states render. A failed sync is logged, as Salt's is.
     */
    private static void loadDynamic(Call c, Map<String, List<String>> matches) {
        Object auto = c.ctx().opts().get("autoload_dynamic_modules");
        if ((auto != null && !Data.truthy(auto)) || !c.ctx().functions().has("saltutil.sync_all")) {
            return;
        }
        List<Object> envs = new ArrayList<>();
        matches.forEach((env, sls) -> {
            if (!sls.isEmpty()) {
                envs.add(env);
            }
        });
        syncQuietly(c, "saltutil.sync_all", envs);
    }

    /**
     * state.sls's sync_mods (salt/modules/state.py sls): True or "all" syncs every kind, else
     * each named kind (modules, states, ...) from the run's saltenv; an unknown kind is logged.
     */
    private static void syncMods(Call c) {
        Object mods = c.kwargs().get("sync_mods");
        if (mods == null || Boolean.FALSE.equals(mods)) {
            return;
        }
        List<Object> kinds = Boolean.TRUE.equals(mods) ? List.of("all") : c.list(-1, "sync_mods", List.of());
        if (kinds.contains("all")) {
            kinds = List.of("all");
        }
        for (Object kind : kinds) {
            String fun = "saltutil.sync_" + kind;
            if (!c.ctx().functions().has(fun)) {
                LoggerFactory.getLogger(StateRuns.class).warn("Invalid custom module type '{}', ignoring", kind);
                continue;
            }
            syncQuietly(c, fun, List.of(StateModule.saltenv(c)));
        }
    }

    private static void syncQuietly(Call c, String fun, List<Object> envs) {
        if (envs.isEmpty()) {
            return;
        }
        try {
            c.salt(fun, new ArrayList<>(List.of(envs)), new LinkedHashMap<>(Map.of("refresh", false)));
        } catch (RuntimeException e) {
            if (Thread.currentThread().isInterrupted()) {
                throw e;
            }
            LoggerFactory.getLogger(StateRuns.class).error("Failed to sync custom modules: {}", e.getMessage());
        }
    }

    static Object sls(Call c) {
        return locked(c, job -> {
            syncMods(job);
            List<String> mods = StateModule.mods(job);
            HighState.Compiled compiled = StateModule.pipeline(job).sls(StateModule.saltenv(job), mods);
            if (!compiled.ok()) {
                job.retcode(StateModule.COMPILER_ERROR);
                return new ArrayList<Object>(compiled.errors());
            }
            return run(job, withExclude(job, compiled.high()));
        });
    }

    /** state.top: a highstate from another top file of the state tree. */
    static Object top(Call c) {
        String topfn = c.requiredStr(0, "topfn");
        return locked(c, job -> runTop(job, new StatePipeline(StateModule.highState(job,
                Map.of("state_top", topfn.startsWith("salt://") ? topfn : "salt://" + topfn))), false));
    }

    /** state.single: one state function, no SLS: {@code state.single pkg.installed name=vim}. */
    static Object single(Call c) {
        String fun = c.requiredStr(0, "fun");
        String name = c.requiredStr(1, "name");
        String[] comps = fun.split("\\.", 2);
        if (comps.length != 2) {
            c.retcode(StateModule.COMPILER_ERROR);
            return new ArrayList<Object>(List.of("Invalid function passed"));
        }
        return locked(c, job -> {
            Map<String, Object> low = new LinkedHashMap<>();
            job.userKwargs().forEach((k, v) -> {
                if (!CALL_KWARGS.contains(k) || k.equals("saltenv")) {
                    low.put(k, v);
                }
            });
            low.put("state", comps[0]);
            low.put("fun", comps[1]);
            low.put("__id__", name);
            low.put("name", name);
            if (!stateRegistry(job).function(fun).isPresent()) {
                job.retcode(StateModule.COMPILER_ERROR);
                return new ArrayList<Object>(List.of("Specified state '" + fun + "' was not found"));
            }
            Map<String, Object> ret = engine(job).runChunks(List.of(low));
            job.retcode(StateEngine.retcode(ret, null));
            return ret;
        });
    }

    /** state.running: messages naming the state run in progress, if any. */
    static Object running(Call c) {
        List<Object> out = new ArrayList<>();
        if (c.bool(0, "concurrent", false)) {
            return out;
        }
        StateLock.Holder h = StateLock.holder(lockFile(c));
        if (h != null && !h.jid().equals(c.ctx().jid())) {
            out.add(h.message());
        }
        return out;
    }

    private static Object run(Call c, Map<String, Object> high) {
        Object ret = engine(c).callHigh(high);
        c.retcode(StateEngine.retcode(ret, high));
        if (ret instanceof Map<?, ?> m && (c.bool(-1, "terse", false) || "terse".equals(c.ctx().opts().get("state_data")))) {
            // Salt's _filter_running: only failures and changes.
            Map<String, Object> filtered = new LinkedHashMap<>();
            m.forEach((k, v) -> {
                if (v instanceof Map<?, ?> r && (!Data.truthy(r.get("result")) || Data.truthy(r.get("changes")))) {
                    filtered.put(String.valueOf(k), v);
                }
            });
            return filtered;
        }
        return ret;
    }

    private static StateEngine engine(Call c) {
        Context ctx = stateContext(c);
        StateRunner.Options opts = new StateRunner.Options(ctx.test(), Data.truthy(ctx.opts().get("failhard")),
                ctx.grains());
        return new StateEngine(new RegistryStateFunctions(stateRegistry(c).registry(), ctx), ctx.functions(), opts,
                Compiler.fromOpts(ctx.opts()));
    }

    /** The context states run with: the run's pillar ({@link #forRun}) and test flag. */
    private static Context stateContext(Call c) {
        Context ctx = c.ctx();
        return ctx.with(testMode(c), ctx.jid(), LoggerFactory.getLogger("jsalt.state"));
    }

    /** Salt's _get_test_value: test= on the call, else the minion's test option. */
    static boolean testMode(Call c) {
        if (c.kwargs().containsKey("test")) {
            return c.bool(-1, "test", false);
        }
        return c.ctx().test() || Data.truthy(c.ctx().opts().get("test"));
    }

    private static Map<String, Object> withExclude(Call c, Map<String, Object> high) {
        return StatePipeline.withExclude(high, c.kwargs().get("exclude"));
    }

    private static Object noStates(Call c, String comment) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("result", false);
        r.put("comment", comment);
        r.put("name", "No States");
        r.put("changes", new LinkedHashMap<>());
        r.put("__run_num__", 0L);
        Map<String, Object> ret = new LinkedHashMap<>();
        ret.put(NO_STATES_TAG, r);
        c.retcode(2);
        return ret;
    }

    private static StateRegistryView stateRegistry(Call c) {
        return new StateRegistryView(c.ctx().services().find(StateRegistry.class)
                .orElseThrow(() -> new CommandExecutionError("The state modules are not loaded in this process"))
                .registry());
    }

    /** The state registry with an Optional lookup. */
    private record StateRegistryView(Registry registry) {
        java.util.Optional<Registry.Function> function(String fun) {
            return java.util.Optional.ofNullable(registry.function(fun));
        }
    }

    /**
     * Runs body holding the state lock; a refusal is Salt's list of messages with retcode 1.
     * The body gets the call with the run's pillar ({@link #forRun}).
     */
    private static Object locked(Call c, java.util.function.Function<Call, Object> run) {
        // Salt checks pillar after the running check and before anything else
        // (salt/modules/state.py sls, highstate, top, single: _get_pillar_errors).
        java.util.function.Function<Call, Object> body = job -> {
            List<Object> failure = StateModule.pillarFailure(job);
            return failure != null ? failure : run.apply(job);
        };
        if (c.bool(-1, "concurrent", false)) {
            return inRun(c, body);
        }
        String jid = c.ctx().jid() != null ? c.ctx().jid() : Jid.systemUtc().next();
        StateLock.Holder me = new StateLock.Holder(c.fun(), jid, ProcessHandle.current().pid());
        StateLock lock;
        if (c.bool(-1, "queue", false)) {
            try {
                lock = StateLock.acquire(lockFile(c), me);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CommandExecutionError("Interrupted while waiting for the running state run to finish");
            }
        } else {
            List<String> conflicts = new ArrayList<>();
            lock = StateLock.tryAcquire(lockFile(c), me, conflicts);
            if (lock == null) {
                c.retcode(StateModule.COMPILER_ERROR);
                return new ArrayList<Object>(conflicts);
            }
        }
        try (StateLock held = lock) {
            return inRun(c, body);
        }
    }

    /** Runs body with the run's pillar and hands its retcode back to the job's call. */
    private static Object inRun(Call c, java.util.function.Function<Call, Object> body) {
        Call job = forRun(c);
        try {
            return body.apply(job);
        } finally {
            // Also when the body throws: "Pillar failed to render" sets retcode 5 first.
            if (job != c && job.retcode() != null) {
                c.retcode(job.retcode());
            }
        }
    }

    /**
     * The call a state run works with: the pillar it renders and runs with (a daemon compiles
     * it afresh for each run, {@link MinionPillar#forStateRun}, and {@code pillar=} is merged
     * over it here, once for the whole run), and the state tree fetched once for the whole run
     * ({@link StateFiles#once}), which its SLS files and file templates share.
     */
    static Call forRun(Call c) {
        Context ctx = c.ctx();
        MinionPillar pillars = ctx.services().find(MinionPillar.class).orElse(null);
        if (pillars != null) {
            ctx = ctx.withPillar(pillars.forStateRun());
        }
        Map<String, Object> override = c.map(-1, "pillar", null);
        if (override != null) {
            // The SLS's salt['pillar.get'] and the states read the run's pillar, override
            // included, as Salt's __pillar__ does (salt/state.py State.__init__ merges
            // pillar_override).
            ctx = ctx.withPillar(Data.deepMerge(ctx.pillar(), override));
        }
        StateFiles files = ctx.services().find(StateFiles.class).orElse(null);
        if (files != null) {
            ctx = ctx.withServices(ctx.services().with(StateFiles.class, StateFiles.once(files)));
        }
        return ctx == c.ctx() ? c : new Call(ctx, c.fun(), c.args(), c.kwargs(), null);
    }

    private static Path lockFile(Call c) {
        Object cachedir = c.ctx().opts().get("cachedir");
        return StateLock.fileIn(Path.of(cachedir == null ? System.getProperty("java.io.tmpdir") : Low.str(cachedir)));
    }
}
