package io.jsalt.master.runners;

import io.jsalt.common.plugin.Call;
import io.jsalt.common.plugin.CommandExecutionError;
import io.jsalt.common.plugin.Fn;
import io.jsalt.common.plugin.Registry;
import io.jsalt.common.plugin.RunnerPlugin;
import io.jsalt.master.MasterOptions;
import io.jsalt.master.events.EventBus;
import io.jsalt.master.jobs.JobManager;
import io.jsalt.master.orchestrate.Orchestration;
import io.jsalt.master.pillar.PillarService;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Salt's state runner (salt/runners/state.py): orchestrate and its aliases orch and sls.
 * {@code state.event} is the event stream the control socket serves itself.
 */
public final class OrchestrateRunner implements RunnerPlugin {
    private static final String DOC = """
            Run an orchestration: render the SLS files (file_roots, saltenv) on the master with the master's pillar \
            and pillar={...} merged over it, and run them with the state engine: salt.state, salt.function, \
            salt.runner and salt.wait_for_event steps with requisites and order. test=True asks each minion with \
            test=True. Prints the highstate of <master id>; exit code 1 when a step failed.""";

    @Override
    public String name() {
        return "state";
    }

    @Override
    public String doc() {
        return "Orchestration: state runs from the master across minions (and state.event, the event stream).";
    }

    @Fn(doc = DOC, example = "jsalt-run state.orchestrate orch.masterdb pillar='{\"new\": \"db2\"}'")
    public Object orchestrate(Call c) {
        return run(c);
    }

    @Fn(doc = "Alias of state.orchestrate.", example = "jsalt-run state.orch orch.masterdb test=True")
    public Object orch(Call c) {
        return run(c);
    }

    @Fn(doc = "Alias of state.orchestrate.", example = "jsalt-run state.sls orch.masterdb")
    public Object sls(Call c) {
        return run(c);
    }

    private static Object run(Call c) {
        List<String> mods = new ArrayList<>();
        for (Object m : c.list(0, "mods", List.of())) {
            for (String part : String.valueOf(m).split(",")) {
                if (!part.isBlank()) {
                    mods.add(part.strip());
                }
            }
        }
        if (mods.isEmpty()) {
            c.required(0, "mods");
        }
        String saltenv = c.str(1, "saltenv", "base");
        Object pillar = c.arg(-1, "pillar", null);
        if (pillar != null && !(pillar instanceof Map)) {
            throw new CommandExecutionError("Pillar data must be formatted as a dictionary");
        }
        boolean test = c.bool(2, "test", false) || io.jsalt.common.data.Data.truthy(c.ctx().opts().get("test"));
        @SuppressWarnings("unchecked")
        Map<String, Object> override = (Map<String, Object>) pillar;
        MasterOptions options = c.ctx().service(MasterOptions.class);
        Map<String, Object> masterPillar = c.ctx().services().find(PillarService.class)
                .map(p -> p.pillar(options.masterId())).orElseGet(java.util.LinkedHashMap::new);
        Orchestration o = new Orchestration(options, c.ctx().opts(), c.ctx().service(JobManager.class),
                c.ctx().service(Registry.class), c.ctx(), c.ctx().service(EventBus.class));
        return o.run(mods, saltenv, test, masterPillar, override, c.arg(3, "exclude", null));
    }
}
