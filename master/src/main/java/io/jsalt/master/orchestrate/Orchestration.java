package io.jsalt.master.orchestrate;

import io.jsalt.common.data.Data;
import io.jsalt.common.files.FileRoots;
import io.jsalt.common.match.Matcher;
import io.jsalt.common.match.MinionData;
import io.jsalt.common.pillar.PillarCompiler;
import io.jsalt.common.pillar.PillarFunctions;
import io.jsalt.common.plugin.Context;
import io.jsalt.common.plugin.FunctionNotAvailable;
import io.jsalt.common.plugin.Functions;
import io.jsalt.common.plugin.Registry;
import io.jsalt.common.render.RenderContext;
import io.jsalt.common.render.Renderer;
import io.jsalt.common.state.Compiler;
import io.jsalt.common.state.StateEngine;
import io.jsalt.common.state.StatePipeline;
import io.jsalt.common.state.StateRunner;
import io.jsalt.common.state.high.HighState;
import io.jsalt.common.state.high.SlsTree;
import io.jsalt.master.MasterOptions;
import io.jsalt.master.events.EventBus;
import io.jsalt.master.jobs.JobManager;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Salt's orchestrate runner (salt/runners/state.py orchestrate over salt/modules/state.py
 * sls, run by the master's MasterMinion): the SLS files render on the master from
 * file_roots with the master's own pillar and the {@code pillar=} override merged over it,
 * then the common state engine runs them with {@link SaltMod}'s functions, so requisites,
 * order, failhard and test mode are exactly those of a minion's state run. The result is
 * Salt's: {@code {data: {<master id>: <state returns or errors>}, outputter: highstate,
 * retcode: 0|1}}.
 */
public final class Orchestration {
    private final MasterOptions options;
    private final Map<String, Object> opts;
    private final JobManager jobs;
    private final Registry runners;
    private final Context runnerCtx;
    private final EventBus bus;

    /** @param runnerCtx the context of the runner call: salt.runner steps run with it */
    public Orchestration(MasterOptions options, Map<String, Object> opts, JobManager jobs, Registry runners,
                         Context runnerCtx, EventBus bus) {
        this.options = options;
        this.opts = opts;
        this.jobs = jobs;
        this.runners = runners;
        this.runnerCtx = runnerCtx;
        this.bus = bus;
    }

    /**
     * Renders and runs the SLS files {@code mods} of {@code saltenv}.
     *
     * @param masterPillar the master's own pillar (compiled for its id)
     * @param override     the {@code pillar=} argument, merged over it (null for none)
     * @param test         test=True: minions are asked with test=True, the other steps say what they would do
     * @param exclude      SLS or IDs to leave out (state.sls's exclude), or null
     */
    public Map<String, Object> run(List<String> mods, String saltenv, boolean test, Map<String, Object> masterPillar,
                                   Map<String, Object> override, Object exclude) {
        Map<String, Object> pillar = override == null ? masterPillar : Data.deepMerge(masterPillar, override);
        String id = options.masterId();
        Map<String, Object> runOpts = new LinkedHashMap<>(opts);
        runOpts.put("id", id);
        runOpts.put("saltenv", saltenv);
        runOpts.put("test", test);
        Map<String, Object> grains = new LinkedHashMap<>();
        grains.put("id", id);
        Functions salt = functions(runOpts, grains, pillar);
        FileRoots roots = new FileRoots(options.fileRoots());
        RenderContext rc = RenderContext.builder().salt(salt).grains(grains).pillar(pillar).opts(runOpts)
                .saltenv(saltenv).build();
        HighState render = new HighState(new SlsTree(roots), new Renderer(roots), rc,
                new Matcher(options.nodegroups()), new MinionData(id, grains, pillar));
        Object running;
        HighState.Compiled compiled = null;
        // Salt's state.sls stops before running on a pillar that failed to render.
        List<Object> pillarFailure = PillarCompiler.stateRunFailure(pillar);
        if (pillarFailure != null) {
            running = pillarFailure;
        } else if (!(compiled = render.sls(saltenv, mods)).ok()) {
            running = new ArrayList<Object>(compiled.errors());
        } else {
            Map<String, Object> high = StatePipeline.withExclude(compiled.high(), exclude);
            SaltMod states = new SaltMod(jobs, runners, runnerCtx.withPillar(pillar), bus, options.timeout());
            StateRunner.Options ro = new StateRunner.Options(test, Data.truthy(opts.get("failhard")), grains);
            running = new StateEngine(states, salt, ro, Compiler.fromOpts(runOpts)).callHigh(high);
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put(id, running);
        Map<String, Object> ret = new LinkedHashMap<>();
        ret.put("data", data);
        ret.put("outputter", "highstate");
        ret.put("retcode", StateEngine.checkResult(data, false) ? 0L : 1L);
        return ret;
    }

    /**
     * What {@code salt[...]} reaches while an orchestration renders: the pillar, grains and
     * config lookups over the orchestration's pillar, and {@code saltutil.runner} for the
     * master's runners (Salt's MasterMinion has the same two).
     */
    private Functions functions(Map<String, Object> runOpts, Map<String, Object> grains, Map<String, Object> pillar) {
        PillarFunctions lookups = new PillarFunctions(runOpts, grains, () -> pillar);
        return new Functions() {
            @Override
            public Object call(String fun, List<Object> args, Map<String, Object> kwargs) {
                if (fun.equals("saltutil.runner")) {
                    return runner(args, kwargs);
                }
                if (lookups.has(fun)) {
                    return lookups.call(fun, args, kwargs);
                }
                throw new FunctionNotAvailable("'" + fun + "' is not available while the master renders an "
                        + "orchestration; it may call saltutil.runner and the pillar, grains and config lookups");
            }

            @Override
            public boolean has(String fun) {
                return fun.equals("saltutil.runner") || lookups.has(fun);
            }
        };
    }

    /** saltutil.runner(name, arg=None, kwarg=None, **kwargs): the other keyword arguments join kwarg. */
    private Object runner(List<Object> args, Map<String, Object> kwargs) {
        Map<String, Object> kw = new LinkedHashMap<>(kwargs);
        Object name = args.isEmpty() ? kw.remove("name") : args.get(0);
        if (name == null) {
            throw new IllegalArgumentException("saltutil.runner needs the runner's name");
        }
        SaltMod.RunnerArgs ra = SaltMod.runnerArgs(kw);
        return runners.invoke(runnerCtx, String.valueOf(name), ra.arg(), ra.kwarg());
    }
}
