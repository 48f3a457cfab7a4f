package io.jsalt.master.runners;

import io.jsalt.common.plugin.Call;
import io.jsalt.common.plugin.Fn;
import io.jsalt.common.plugin.RunnerPlugin;
import io.jsalt.master.jobs.JobCache;
import io.jsalt.master.jobs.JobManager;
import io.jsalt.master.jobs.JobViews;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Salt's jobs runner over the embedded job cache. */
public final class JobsRunner implements RunnerPlugin {
    @Override
    public String name() {
        return "jobs";
    }

    @Override
    public String doc() {
        return "Look up jobs and their returns in the master's job cache.";
    }

    @Fn(doc = """
            List the jobs in the job cache (oldest first): {jid: {Function, Arguments, Target, Target-type, User, \
            StartTime}}. Filters: search_function, search_target, search_metadata, start_time, end_time.""",
            example = "jsalt-run jobs.list_jobs search_function='state.*'")
    public Object list_jobs(Call c) {
        JobViews.ListJobsFilter f = new JobViews.ListJobsFilter(c.arg(-1, "search_metadata", null),
                c.arg(-1, "search_function", null), c.arg(-1, "search_target", null),
                c.str(-1, "start_time", null), c.str(-1, "end_time", null));
        return JobViews.listJobs(c.ctx().service(JobCache.class), f);
    }

    @Fn(doc = "The returns of one job: {minion: return}. missing=True also lists minions that did not return.",
            example = "jsalt-run jobs.lookup_jid 20261122041822123456")
    public Object lookup_jid(Call c) {
        String jid = c.requiredStr(0, "jid");
        JobViews.Lookup l = JobViews.lookupJid(c.ctx().service(JobCache.class), jid,
                c.bool(-1, "returned", true), c.bool(-1, "missing", false));
        return l.saltShape();
    }

    @Fn(doc = """
            One job's load and its returns: {jid, Function, Arguments, Target, Target-type, User, Minions, StartTime, \
            Result}.""",
            example = "jsalt-run jobs.list_job 20261122041822123456")
    public Object list_job(Call c) {
        return JobViews.listJob(c.ctx().service(JobCache.class), c.requiredStr(0, "jid"));
    }

    @Fn(doc = """
            One job's load and its returns under its jid: {jid: {Function, Arguments, Target, Target-type, User, \
            StartTime, Result: {minion: {return, out}}}}.""",
            example = "jsalt-run jobs.print_job 20261122041822123456")
    public Object print_job(Call c) {
        return JobViews.printJob(c.ctx().service(JobCache.class), c.requiredStr(0, "jid"));
    }

    @Fn(doc = """
            Jobs some minion is still running: {jid: {Function, Arguments, Target, Target-type, User, StartTime, \
            Running: [minion, ...], Returned: [minion, ...]}}.""",
            example = "jsalt-run jobs.active")
    public Object active(Call c) {
        JobCache cache = c.ctx().service(JobCache.class);
        Map<String, List<String>> running = c.ctx().service(JobManager.class).active();
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> e : running.entrySet()) {
            String jid = e.getKey();
            Map<String, Object> load = cache.load(jid).orElse(Map.of());
            Map<String, Object> item = JobViews.formatJidInstance(jid, load);
            item.put("Running", new ArrayList<Object>(e.getValue()));
            item.put("Returned", new ArrayList<Object>(cache.returns(jid).keySet()));
            out.put(jid, item);
        }
        return out;
    }
}
