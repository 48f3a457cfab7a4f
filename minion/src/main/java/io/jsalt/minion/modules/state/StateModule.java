package io.jsalt.minion.modules.state;

import io.jsalt.common.data.Data;
import io.jsalt.common.files.FileRoots;
import io.jsalt.common.match.Matcher;
import io.jsalt.common.match.MinionData;
import io.jsalt.common.pillar.PillarCompiler;
import io.jsalt.common.plugin.Call;
import io.jsalt.common.plugin.CommandExecutionError;
import io.jsalt.common.plugin.Context;
import io.jsalt.common.plugin.ExecutionPlugin;
import io.jsalt.common.plugin.Fn;
import io.jsalt.common.render.RenderContext;
import io.jsalt.common.render.Renderer;
import io.jsalt.common.state.StatePipeline;
import io.jsalt.common.state.high.HighState;
import io.jsalt.common.state.high.SlsTree;
import io.jsalt.minion.files.StateFiles;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Salt's state module. This part shows what the state system would run without running it:
 * show_sls, show_top, show_highstate, show_low_sls, with Salt 3006's data and shapes (errors
 * come back as Salt's list of messages with retcode 1). The functions that apply states are
 * added by the state engine.
 */
public final class StateModule implements ExecutionPlugin {
    /** Salt's EX_STATE_COMPILER_ERROR and EX_PILLAR_FAILURE. */
    static final int COMPILER_ERROR = 1;
    static final int PILLAR_FAILURE = 5;

    @Override
    public String name() {
        return "state";
    }

    @Override
    public String doc() {
        return "Compile and show (and, with the state engine, apply) SLS files from the master's state tree.";
    }

    @Fn(doc = """
            Display the state data from one or more SLS files (comma-separated or a list), as the high data the state \
            compiler starts from: includes resolved, each ID with __sls__ and __env__, extend and exclude left in \
            __extend__ / __exclude__.

            saltenv
                The file server environment (default: the minion's saltenv, else base).
            pillar
                A dict merged over the minion's pillar for this call.""",
            example = """
            jsalt '*' state.show_sls core,edit.vim
            jsalt '*' state.show_sls redis saltenv=dev""")
    public Object show_sls(Call c) {
        List<String> mods = mods(c);
        return shown(c, pipeline(StateRuns.forRun(c)).showSls(saltenv(c), mods));
    }

    @Fn(doc = "Return the top data the minion will use for a highstate: saltenv -> list of SLS names.",
            example = "jsalt '*' state.show_top")
    public Object show_top(Call c) {
        HighState.TopMatches top = pipeline(StateRuns.forRun(c)).top();
        if (!top.errors().isEmpty()) {
            c.retcode(COMPILER_ERROR);
            return new ArrayList<Object>(top.errors());
        }
        Map<String, Object> out = new LinkedHashMap<>();
        top.matches().forEach((env, sls) -> out.put(env, new ArrayList<Object>(sls)));
        return out;
    }

    @Fn(doc = """
            Return the high data of this minion's highstate: every SLS its top file assigns, rendered and merged.""",
            example = "jsalt '*' state.show_highstate")
    public Object show_highstate(Call c) {
        return shown(c, pipeline(StateRuns.forRun(c)).showHighstate());
    }

    @Fn(name = "show_low_sls", doc = """
            Display the low data (one chunk per state, function and name, in execution order) of one or more SLS files.

            saltenv
                The file server environment (default base).""",
            example = """
            jsalt '*' state.show_low_sls foo
            jsalt '*' state.show_low_sls foo saltenv=dev""")
    @Fn(name = "show_lowsls", doc = "Alias of state.show_low_sls.", example = "jsalt '*' state.show_lowsls foo")
    public Object show_low_sls(Call c) {
        List<String> mods = mods(c);
        return shown(c, pipeline(StateRuns.forRun(c)).showLowSls(saltenv(c), mods));
    }

    /** What a show function returns: the stage's data, or Salt's list of errors with retcode 1. */
    private static Object shown(Call c, StatePipeline.Stage<?> stage) {
        if (!stage.ok()) {
            c.retcode(COMPILER_ERROR);
            return new ArrayList<Object>(stage.errors());
        }
        return stage.value();
    }

    private static final String RUN_OPTIONS = """


            test
                True: change nothing, report what would change (result None).
            pillar
                A dict merged over the minion's pillar for this run.
            exclude
                SLS names (globs) or [{id: ...}, {sls: ...}] to leave out.
            saltenv
                The file server environment.
            queue
                True: wait for a running state run to finish instead of refusing.
            concurrent
                True: run even while another state run is in progress (dangerous).""";

    @Fn(name = "apply", doc = """
            Apply states: with no SLS names the highstate (every SLS the top file assigns this minion), otherwise \
            state.sls of the names given (comma-separated or a list).""" + RUN_OPTIONS,
            example = """
            jsalt '*' state.apply
            jsalt '*' state.apply webserver,common test=True""")
    public Object apply_(Call c) {
        return StateRuns.apply(c);
    }

    @Fn(doc = "Apply the states of one or more SLS files (comma-separated or a list)." + RUN_OPTIONS,
            example = """
            jsalt '*' state.sls core,edit.vim
            jsalt '*' state.sls web exclude=web.extra test=True""")
    public Object sls(Call c) {
        return StateRuns.sls(c);
    }

    @Fn(doc = "Apply this minion's highstate: every SLS its top file assigns, in one run." + RUN_OPTIONS,
            example = """
            jsalt '*' state.highstate
            jsalt '*' state.highstate test=True""")
    public Object highstate(Call c) {
        return StateRuns.highstate(c);
    }

    @Fn(doc = "Apply a highstate from another top file of the state tree (topfn, e.g. reverse_top.sls)." + RUN_OPTIONS,
            example = """
            jsalt '*' state.top reverse_top.sls
            jsalt '*' state.top prod_top.sls saltenv=prod""")
    public Object top(Call c) {
        return StateRuns.top(c);
    }

    @Fn(doc = """
            Apply one state function without an SLS file: the function, then name= and the state's arguments as \
            key=value.""" + RUN_OPTIONS,
            example = "jsalt '*' state.single pkg.installed name=vim")
    public Object single(Call c) {
        return StateRuns.single(c);
    }

    @Fn(doc = "state.apply with test=True: report what would change, change nothing.",
            example = """
            jsalt '*' state.test
            jsalt '*' state.test webserver""")
    public Object test(Call c) {
        c.kwargs().put("test", true);
        return StateRuns.apply(c);
    }

    @Fn(doc = "Messages naming the state run in progress on this minion, if any (an empty list when none).",
            example = "jsalt '*' state.running")
    public Object running(Call c) {
        return StateRuns.running(c);
    }

    /**
     * The state pipeline for this call, rendering with {@link #highState(Call)}. The show
     * functions and the runs give it the call with the run's pillar
     * ({@link StateRuns#forRun}), as Salt's HighState gathers pillar for each of them.
     */
    public static StatePipeline pipeline(Call c) {
        return new StatePipeline(highState(c));
    }

    /**
     * A HighState for this call: the state tree (synced from the master first when remote),
     * the minion's grains, the call's pillar (a run's, with {@code pillar=} merged in by
     * {@link StateRuns#forRun}), its function table. Fails with Salt's "Pillar failed to render" when pillar has errors.
     */
    public static HighState highState(Call c) {
        return highState(c, Map.of());
    }

    /**
     * What a state run returns when the run's pillar ({@code pillar=} merged in by
     * {@link StateRuns#forRun}) failed to render: Salt's list
     * ({@link PillarCompiler#stateRunFailure}) with retcode 5, EX_PILLAR_FAILURE
     * (salt/defaults/exitcodes.py); null when pillar is fine or the call says {@code force=True}.
     */
    static List<Object> pillarFailure(Call c) {
        if (Data.truthy(c.kwargs().get("force"))) {
            return null;
        }
        List<Object> out = PillarCompiler.stateRunFailure(c.ctx().pillar());
        if (out != null) {
            c.retcode(PILLAR_FAILURE);
        }
        return out;
    }

    /** A HighState for this call with some options replaced (state.top's state_top). */
    public static HighState highState(Call c, Map<String, Object> optOverrides) {
        Context ctx = c.ctx();
        Map<String, Object> pillar = ctx.pillar();
        List<String> errs = PillarCompiler.errors(pillar);
        if (!errs.isEmpty() && !Data.truthy(c.kwargs().get("force"))) {
            c.retcode(PILLAR_FAILURE);
            StringBuilder sb = new StringBuilder("Pillar failed to render. Additional info follows:\n");
            for (String e : errs) {
                sb.append("\n- ").append(e);
            }
            throw new CommandExecutionError(sb.toString());
        }
        Map<String, Object> opts = new LinkedHashMap<>(ctx.opts());
        if (c.kwargs().get("saltenv") != null) {
            opts.put("saltenv", String.valueOf(c.kwargs().get("saltenv")));
        }
        opts.putAll(optOverrides);
        FileRoots roots = ctx.service(StateFiles.class).stateRoots();
        RenderContext rc = RenderContext.builder(ctx).pillar(pillar).opts(opts).build();
        String id = String.valueOf(opts.getOrDefault("id", ctx.grains().getOrDefault("id", "")));
        return new HighState(new SlsTree(roots), new Renderer(roots), rc, new Matcher(mapOpt(opts, "nodegroups")),
                new MinionData(id, ctx.grains(), pillar));
    }

    /** The saltenv of an SLS call: saltenv=, else the minion's saltenv option, else base. */
    public static String saltenv(Call c) {
        Object kw = c.kwargs().get("saltenv");
        if (kw != null && !String.valueOf(kw).isEmpty()) {
            return String.valueOf(kw);
        }
        Object opt = c.ctx().opts().get("saltenv");
        return opt == null || String.valueOf(opt).isEmpty() ? "base" : String.valueOf(opt);
    }

    /** Salt's split_input: a list, or a comma-separated string. */
    public static List<String> mods(Call c) {
        List<String> out = new ArrayList<>();
        for (Object m : c.list(0, "mods", List.of())) {
            String s = String.valueOf(m).strip();
            if (!s.isEmpty()) {
                out.add(s);
            }
        }
        if (out.isEmpty()) {
            c.required(0, "mods");
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> mapOpt(Map<String, Object> opts, String key) {
        return opts.get(key) instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }
}
