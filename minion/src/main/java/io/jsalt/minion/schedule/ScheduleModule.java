package io.jsalt.minion.schedule;

import io.jsalt.common.data.Data;
import io.jsalt.common.data.Yaml;
import io.jsalt.common.plugin.Call;
import io.jsalt.common.plugin.ExecutionPlugin;
import io.jsalt.common.plugin.Fn;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Salt's schedule module: list, add, modify, delete, enable and disable the jobs of the
 * minion's scheduler, run one now, save them to {@code minion.d/_schedule.conf}.
 */
public final class ScheduleModule implements ExecutionPlugin {
    /** The keys schedule.list shows (Salt's SCHEDULE_CONF). */
    private static final Set<String> CONF = Set.of("name", "maxrunning", "function", "splay", "range", "when",
            "once", "once_fmt", "returner", "jid_include", "args", "kwargs", "seconds", "minutes", "hours", "days",
            "enabled", "return_job", "metadata", "cron", "until", "after", "return_config", "return_kwargs",
            "run_on_start", "skip_during_range", "run_after_skip_range");
    private static final String TIMING = """


            function
                The function to run (e.g. state.apply).
            job_args
                A list of positional arguments.
            job_kwargs
                A dict of keyword arguments.
            seconds, minutes, hours, days
                The interval (summed).
            splay
                Up to this many seconds of random delay per run (or {start, end}).
            maxrunning
                How many runs of the job may overlap (default 1).
            run_on_start
                True: run at once when the minion starts.
            enabled
                False: keep the job but do not run it.
            persist
                False: do not save to minion.d/_schedule.conf (default True).""";

    @Override
    public String name() {
        return "schedule";
    }

    @Override
    public String doc() {
        return "Manage the minion's scheduled jobs.";
    }

    private static Scheduler scheduler(Call c) {
        return c.ctx().service(Scheduler.class);
    }

    @Fn(name = "list", doc = """
            List the scheduled jobs (as YAML unless return_yaml=False).

            show_all
                Include internal jobs (names starting with __).
            show_disabled
                False: leave out disabled jobs.""",
            example = """
            jsalt '*' schedule.list
            jsalt '*' schedule.list show_disabled=False""")
    public Object list_(Call c) {
        Map<String, Object> jobs = listing(c, c.bool(-1, "show_all", false), c.bool(-1, "show_disabled", true));
        if (!c.bool(-1, "return_yaml", true)) {
            return jobs;
        }
        Schedule s = scheduler(c).schedule();
        for (Map.Entry<String, Object> e : jobs.entrySet()) {
            if (e.getValue() instanceof Map<?, ?> m) {
                @SuppressWarnings("unchecked")
                Map<String, Object> job = (Map<String, Object>) m;
                job.put("saved", s.saved(e.getKey()));
            }
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("schedule", jobs);
        return Yaml.dump(doc);
    }

    private static Map<String, Object> listing(Call c, boolean showAll, boolean showDisabled) {
        Schedule s = scheduler(c).schedule();
        Map<String, Object> out = new LinkedHashMap<>();
        if (!s.enabled()) {
            out.put("enabled", false);
        }
        for (Map.Entry<String, Map<String, Object>> e : s.jobs().entrySet()) {
            String name = e.getKey();
            if (name.startsWith("__") && !showAll) {
                continue;
            }
            Map<String, Object> job = new LinkedHashMap<>();
            job.put("enabled", true);
            e.getValue().forEach((k, v) -> {
                if (CONF.contains(k) && v != null) {
                    job.put(k, "true".equals(v) ? Boolean.TRUE : "false".equals(v) ? Boolean.FALSE : v);
                }
            });
            if (!showDisabled && !Data.truthy(job.get("enabled"))) {
                continue;
            }
            out.put(name, job);
        }
        return out;
    }

    @Fn(doc = "Add a job to the schedule." + TIMING,
            example = """
            jsalt '*' schedule.add job1 function=test.ping seconds=3600
            jsalt '*' schedule.add highstate function=state.apply minutes=30 splay=60""")
    public Object add(Call c) {
        String name = c.requiredStr(0, "name");
        Map<String, Object> ret = ret("Failed to add job " + name + " to schedule.", false);
        Schedule s = scheduler(c).schedule();
        if (s.jobs().containsKey(name)) {
            ret.put("comment", "Job " + name + " already exists in schedule.");
            return ret;
        }
        Object built = build(c, name);
        if (built instanceof Map<?, ?> err && err.containsKey("result")) {
            return built;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> job = (Map<String, Object>) built;
        if (c.bool(-1, "test", false)) {
            ret.put("comment", "Job: " + name + " would be added to schedule.");
            ret.put("result", true);
            return ret;
        }
        s.put(name, job, c.bool(-1, "persist", true));
        ret.put("comment", "Added job: " + name + " to schedule.");
        ret.put("result", true);
        changes(ret).put(name, "added");
        return ret;
    }

    @Fn(doc = "Change a job of the schedule; arguments as for schedule.add." + TIMING,
            example = "jsalt '*' schedule.modify job1 function=test.ping seconds=60")
    public Object modify(Call c) {
        String name = c.requiredStr(0, "name");
        Map<String, Object> ret = ret("", true);
        Schedule s = scheduler(c).schedule();
        Map<String, Object> current = s.jobs().get(name);
        if (current == null) {
            ret.put("comment", "Job " + name + " does not exist in schedule.");
            ret.put("result", false);
            return ret;
        }
        if (!c.kwargs().containsKey("function")) {
            c.kwargs().put("function", current.get("function"));
        }
        Object built = build(c, name);
        if (built instanceof Map<?, ?> err && err.containsKey("result")) {
            return built;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> job = (Map<String, Object>) built;
        if (job.equals(current)) {
            ret.put("comment", "Job " + name + " in correct state");
            return ret;
        }
        Map<String, Object> diff = new LinkedHashMap<>();
        diff.put("old", current);
        diff.put("new", job);
        changes(ret).put(name, diff);
        if (c.bool(-1, "test", false)) {
            ret.put("comment", "Job: " + name + " would be modified in schedule.");
            return ret;
        }
        s.put(name, job, c.bool(-1, "persist", true) && s.where(name) == Schedule.Where.OPTS);
        ret.put("comment", "Modified job: " + name + " in schedule.");
        return ret;
    }

    @Fn(doc = "Delete a job from the schedule.", example = "jsalt '*' schedule.delete job1")
    public Object delete(Call c) {
        String name = c.requiredStr(0, "name");
        Map<String, Object> ret = ret("Failed to delete job " + name + " from schedule.", false);
        Schedule s = scheduler(c).schedule();
        if (s.where(name) == null) {
            ret.put("comment", "Job " + name + " does not exist.");
            return ret;
        }
        if (c.bool(-1, "test", false)) {
            ret.put("comment", "Job: " + name + " would be deleted from schedule.");
            ret.put("result", true);
            return ret;
        }
        if (s.where(name) == Schedule.Where.PILLAR) {
            ret.put("comment", "Job " + name + " comes from pillar; remove it there.");
            return ret;
        }
        s.delete(name, c.bool(-1, "persist", true));
        ret.put("result", true);
        ret.put("comment", "Deleted Job " + name + " from schedule.");
        changes(ret).put(name, "removed");
        return ret;
    }

    @Fn(doc = "Delete every job the minion owns (pillar jobs stay).", example = "jsalt '*' schedule.purge")
    public Object purge(Call c) {
        Map<String, Object> ret = new LinkedHashMap<>();
        List<Object> comments = new ArrayList<>();
        Map<String, Object> changes = new LinkedHashMap<>();
        Schedule s = scheduler(c).schedule();
        for (String name : s.jobs().keySet()) {
            if (name.startsWith("__") || s.where(name) != Schedule.Where.OPTS) {
                continue;
            }
            if (c.bool(-1, "test", false)) {
                comments.add("Job: " + name + " would be deleted from schedule.");
            } else {
                comments.add("Deleted job: " + name + " from schedule.");
                changes.put(name, "removed");
            }
        }
        if (!c.bool(-1, "test", false)) {
            s.purge(c.bool(-1, "persist", true));
        }
        ret.put("comment", comments);
        ret.put("changes", changes);
        ret.put("result", true);
        return ret;
    }

    @Fn(name = "enable_job", doc = "Enable a job of the schedule.", example = "jsalt '*' schedule.enable_job job1")
    @Fn(name = "disable_job", doc = "Disable a job of the schedule (it stays listed).",
            example = "jsalt '*' schedule.disable_job job1")
    public Object toggle(Call c) {
        boolean on = c.function().startsWith("enable");
        String name = c.requiredStr(0, "name");
        String verb = on ? "enable" : "disable";
        Map<String, Object> ret = ret(new ArrayList<>(), true);
        Schedule s = scheduler(c).schedule();
        if (c.bool(-1, "test", false)) {
            ret.put("comment", "Job: " + name + " would be " + verb + "d in schedule.");
            return ret;
        }
        if (s.where(name) == null) {
            ret.put("comment", "Job " + name + " does not exist.");
            ret.put("result", false);
            return ret;
        }
        s.set(name, "enabled", on, c.bool(-1, "persist", true) && s.where(name) == Schedule.Where.OPTS);
        ret.put("comment", (on ? "Enabled" : "Disabled") + " Job " + name + " in schedule.");
        changes(ret).put(name, verb + "d");
        return ret;
    }

    @Fn(name = "enable", doc = "Enable all scheduled jobs.", example = "jsalt '*' schedule.enable")
    @Fn(name = "disable", doc = "Disable all scheduled jobs (they stay listed).", example = "jsalt '*' schedule.disable")
    public Object all(Call c) {
        boolean on = c.function().equals("enable");
        Map<String, Object> ret = ret(new ArrayList<>(), true);
        if (c.bool(-1, "test", false)) {
            ret.put("comment", "Schedule would be " + (on ? "enabled" : "disabled") + ".");
            return ret;
        }
        scheduler(c).schedule().setEnabled(on, c.bool(-1, "persist", true));
        ret.put("comment", (on ? "Enabled" : "Disabled") + " schedule on minion.");
        changes(ret).put("schedule", on ? "enabled" : "disabled");
        return ret;
    }

    @Fn(doc = "Run a scheduled job now (force=True runs a disabled one too).",
            example = """
            jsalt '*' schedule.run_job job1
            jsalt '*' schedule.run_job job1 force=True""")
    public Object run_job(Call c) {
        String name = c.requiredStr(0, "name");
        Map<String, Object> ret = new LinkedHashMap<>();
        ret.put("comment", new ArrayList<>());
        ret.put("result", true);
        Map<String, Object> job = scheduler(c).schedule().jobs().get(name);
        if (job == null) {
            ret.put("comment", "Job " + name + " does not exist.");
            ret.put("result", false);
        } else if (job.containsKey("enabled") && !Data.truthy(job.get("enabled")) && !c.bool(1, "force", false)) {
            ret.put("comment", "Job " + name + " is disabled.");
        } else if (scheduler(c).runNow(name)) {
            ret.put("comment", "Scheduling Job " + name + " on minion.");
        } else {
            ret.put("comment", "Failed to run job " + name + " on minion.");
            ret.put("result", false);
        }
        return ret;
    }

    @Fn(doc = "Without a name, whether the scheduler is enabled; with one, the job if it exists.",
            example = """
            jsalt '*' schedule.is_enabled
            jsalt '*' schedule.is_enabled name=job1""")
    public Object is_enabled(Call c) {
        String name = c.str(0, "name", null);
        Map<String, Object> jobs = listing(c, false, true);
        if (name == null || name.isEmpty()) {
            return scheduler(c).schedule().enabled();
        }
        Object job = jobs.get(name);
        return job == null ? new LinkedHashMap<>() : job;
    }

    @Fn(doc = "Save the minion's jobs to minion.d/_schedule.conf, read again when it starts.",
            example = "jsalt '*' schedule.save")
    public Object save(Call c) {
        Map<String, Object> ret = new LinkedHashMap<>();
        if (c.bool(-1, "test", false)) {
            ret.put("comment", "Schedule would be saved.");
        } else {
            scheduler(c).schedule().save();
            ret.put("comment", "Schedule (non-pillar items) saved.");
        }
        ret.put("result", true);
        return ret;
    }

    @Fn(doc = "When a job runs next (local time, Salt's format).", example = "jsalt '*' schedule.show_next_fire_time job1")
    public Object show_next_fire_time(Call c) {
        String name = c.requiredStr(0, "name");
        Long next = scheduler(c).nextFireMillis(name);
        Map<String, Object> ret = new LinkedHashMap<>();
        if (next == null) {
            ret.put("comment", "Job " + name + " does not exist or has not been scheduled yet.");
            ret.put("result", false);
            return ret;
        }
        ret.put("next_fire_time", java.time.LocalDateTime.ofInstant(Instant.ofEpochMilli(next),
                java.time.ZoneId.systemDefault()).withNano(0).toString());
        ret.put("result", true);
        return ret;
    }

    /** Salt's build_schedule_item; an error map (with result) when the arguments are wrong. */
    private static Object build(Call c, String name) {
        Map<String, Object> kw = c.userKwargs();
        Map<String, Object> job = new LinkedHashMap<>();
        if (kw.get("function") == null) {
            return ret("Job " + name + " requires a function.", false);
        }
        job.put("function", kw.get("function"));
        for (String t : List.of("seconds", "minutes", "hours", "days")) {
            if (kw.containsKey(t)) {
                if (kw.containsKey("when") || kw.containsKey("cron")) {
                    return ret("Error: Unable to use \"seconds\", \"minutes\", \"hours\", or \"days\" with \"when\" "
                            + "or \"cron\" options.", false);
                }
                job.put(t, kw.get(t));
            }
        }
        if (kw.containsKey("when") || kw.containsKey("cron")) {
            return ret("jsalt's scheduler supports seconds, minutes, hours and days; when and cron are not "
                    + "supported.", false);
        }
        if (kw.containsKey("job_args")) {
            if (!(kw.get("job_args") instanceof List)) {
                return ret("job_args is not a list. please correct and try again.", false);
            }
            job.put("args", kw.get("job_args"));
        }
        if (kw.containsKey("job_kwargs")) {
            if (!(kw.get("job_kwargs") instanceof Map)) {
                return ret("job_kwargs is not a dict. please correct and try again.", false);
            }
            job.put("kwargs", kw.get("job_kwargs"));
        }
        job.put("maxrunning", kw.getOrDefault("maxrunning", 1L));
        job.put("name", kw.getOrDefault("job_name", name));
        job.put("enabled", kw.getOrDefault("enabled", true));
        job.put("jid_include", kw.getOrDefault("jid_include", true));
        for (String k : List.of("splay", "return_job", "metadata", "run_on_start", "returner", "until", "after")) {
            if (kw.containsKey(k)) {
                job.put(k, kw.get(k));
            }
        }
        return job;
    }

    private static Map<String, Object> ret(Object comment, boolean result) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("comment", comment);
        r.put("result", result);
        r.put("changes", new LinkedHashMap<>());
        return r;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> changes(Map<String, Object> ret) {
        return (Map<String, Object>) ret.get("changes");
    }
}
