package io.jsalt.master.runners;

import io.jsalt.common.plugin.Call;
import io.jsalt.common.plugin.Fn;
import io.jsalt.common.plugin.RunnerPlugin;
import io.jsalt.master.jobs.JobListener;
import io.jsalt.master.jobs.JobManager;
import io.jsalt.master.jobs.PublishSpec;
import io.jsalt.master.mine.MineStore;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Salt's mine runner: read the mine on the master, ask minions to refresh it. */
public final class MineRunner implements RunnerPlugin {
    @Override
    public String name() {
        return "mine";
    }

    @Override
    public String doc() {
        return "Access the mine from the master: the latest mine_functions values each minion sent.";
    }

    @Fn(doc = """
            Gathers the data from the specified minions' mine: {minion: value} for one function, {function: {minion: \
            value}} for several (a list or comma-separated). tgt_type as for targeting (glob, pcre, list, grain, \
            compound, ...).""",
            example = "jsalt-run mine.get '*' network.ip_addrs")
    public Object get(Call c) {
        String tgt = c.requiredStr(0, "tgt");
        Object fun = c.required(1, "fun");
        String tgtType = c.str(2, "tgt_type", "glob");
        JobManager jobs = c.ctx().service(JobManager.class);
        return c.ctx().service(MineStore.class).get(jobs.expected(tgt, tgtType), fun, null, jobs::expected);
    }

    @Fn(doc = """
            Runs mine.update on the targeted minions and returns {minion: result}. clear=True replaces their mine \
            instead of merging; mine_functions limits the update to those.""",
            example = "jsalt-run mine.update '*'")
    public Object update(Call c) throws InterruptedException {
        String tgt = c.requiredStr(0, "tgt");
        String tgtType = c.str(1, "tgt_type", "glob");
        Map<String, Object> kw = new LinkedHashMap<>();
        kw.put("clear", c.bool(2, "clear", false));
        Object fns = c.arg(3, "mine_functions", null);
        if (fns != null) {
            kw.put("mine_functions", fns);
        }
        JobManager jobs = c.ctx().service(JobManager.class);
        long timeout = c.integer(-1, "timeout", ((Number) c.ctx().opts().getOrDefault("timeout", 5L)).longValue());
        List<String> targets = jobs.expected(tgt, tgtType);
        Map<String, Object> out = new TreeMap<>();
        if (targets.isEmpty()) {
            return new LinkedHashMap<>(out);
        }
        Gather.returns(jobs, new PublishSpec(tgt, tgtType, "mine.update", List.of(), kw, timeout, "mine"), targets,
                timeout).forEach((id, ret) -> out.put(id, ret.get("return")));
        return new LinkedHashMap<>(out);
    }
}
