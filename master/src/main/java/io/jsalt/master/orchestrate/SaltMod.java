package io.jsalt.master.orchestrate;

import io.jsalt.common.data.Data;
import io.jsalt.common.match.TargetException;
import io.jsalt.common.output.OutputOptions;
import io.jsalt.common.output.Outputters;
import io.jsalt.common.plugin.Context;
import io.jsalt.common.plugin.Registry;
import io.jsalt.common.state.StateEngine;
import io.jsalt.common.state.StateFunctions;
import io.jsalt.master.events.Event;
import io.jsalt.master.events.EventBus;
import io.jsalt.master.events.EventQueue;
import io.jsalt.master.events.TagMatch;
import io.jsalt.master.jobs.JobManager;
import io.jsalt.master.jobs.PublishSpec;
import io.jsalt.master.runners.Gather;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state functions an orchestration runs on the master, Salt's salt/states/saltmod.py
 * (3006): {@code salt.state} and {@code salt.function} publish a job through the
 * {@link JobManager} and wait for the returns, {@code salt.runner} calls a master runner,
 * {@code salt.wait_for_event} waits on the master's event bus. Arguments, comments and the
 * result rules (fail_minions, allow_fail, expect_minions, each minion's retcode and state
 * results, {@code __jid__}) are Salt's. The common state engine calls these as it calls a
 * minion's state modules, so requisites and order behave the same.
 */
final class SaltMod implements StateFunctions {
    private static final Logger log = LoggerFactory.getLogger(SaltMod.class);
    private static final Set<String> FUNCTIONS = Set.of("salt.state", "salt.function", "salt.runner",
            "salt.wait_for_event");
    /** The run's own keys in a state call's arguments, never passed on. */
    private static final Set<String> INTERNAL = Set.of("name", "__env__", "__id__", "__sls__", "__reqs__",
            "__running__", "fun", "state");

    private final JobManager jobs;
    private final Registry runners;
    private final Context runnerCtx;
    private final EventBus bus;
    private final long defaultTimeout;

    /**
     * @param runnerCtx      the context runners called by {@code salt.runner} get
     * @param defaultTimeout the master's {@code timeout}, for steps that give none
     */
    SaltMod(JobManager jobs, Registry runners, Context runnerCtx, EventBus bus, long defaultTimeout) {
        this.jobs = jobs;
        this.runners = runners;
        this.runnerCtx = runnerCtx;
        this.bus = bus;
        this.defaultTimeout = defaultTimeout;
    }

    @Override
    public boolean has(String fun) {
        return FUNCTIONS.contains(fun);
    }

    @Override
    public String missingReason(String fun) {
        return "'" + fun + "' is not available (an orchestration runs salt.state, salt.function, salt.runner and "
                + "salt.wait_for_event)";
    }

    @Override
    public Object call(String fun, Map<String, Object> kwargs, boolean test) {
        return switch (fun) {
            case "salt.state" -> state(kwargs, test);
            case "salt.function" -> function(kwargs, test);
            case "salt.runner" -> runner(kwargs, test);
            case "salt.wait_for_event" -> waitForEvent(kwargs, test);
            default -> throw new IllegalArgumentException(missingReason(fun));
        };
    }

    private static Map<String, Object> ret(Object name) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("name", name);
        r.put("changes", new LinkedHashMap<>());
        r.put("comment", "");
        r.put("result", true);
        return r;
    }

    private static Map<String, Object> fail(Map<String, Object> r, String comment) {
        r.put("result", false);
        r.put("comment", comment);
        return r;
    }

    /** Salt's verify_data message for a state function called without a required argument. */
    private static String missing(String arg, String fun) {
        return "Missing parameter " + arg + " for state " + fun;
    }

    // ---------------------------------------------------------------- salt.state

    /** saltmod.state: state.sls, state.highstate or state.top on the target, judged by its state results. */
    private Map<String, Object> state(Map<String, Object> kw, boolean runTest) {
        Map<String, Object> r = ret(kw.get("name"));
        String refusal = refusal(kw, "salt.state");
        if (refusal != null) {
            return fail(r, refusal);
        }
        String tgt = String.valueOf(kw.get("tgt"));
        long allowFail;
        try {
            allowFail = Long.parseLong(String.valueOf(kw.getOrDefault("allow_fail", 0)).strip());
        } catch (NumberFormatException e) {
            return fail(r, "Passed invalid value for 'allow_fail', must be an int");
        }
        String tgtType = tgtType(kw);
        List<Object> arg = new ArrayList<>();
        Map<String, Object> kwarg = new LinkedHashMap<>();
        String fun;
        if (Data.truthy(kw.get("highstate"))) {
            fun = "state.highstate";
        } else if (Data.truthy(kw.get("top"))) {
            fun = "state.top";
            arg.add(kw.get("top"));
        } else if (Data.truthy(kw.get("sls"))) {
            fun = "state.sls";
            Object sls = kw.get("sls");
            if (sls instanceof List<?> l) {
                List<String> parts = new ArrayList<>();
                l.forEach(x -> parts.add(String.valueOf(x)));
                sls = String.join(",", parts);
            }
            arg.add(sls);
        } else {
            return fail(r, "No highstate or sls specified, no execution made");
        }
        Object test = kw.get("test");
        if (test != null || runTest) {
            kwarg.put("test", test != null ? Data.truthy(test) : true);
        }
        if (Data.truthy(kw.get("pillar"))) {
            kwarg.put("pillar", kw.get("pillar"));
        }
        if (kw.get("pillarenv") != null) {
            kwarg.put("pillarenv", kw.get("pillarenv"));
        }
        if (Data.truthy(kw.get("exclude"))) {
            kwarg.put("exclude", kw.get("exclude"));
        }
        kwarg.put("saltenv", kw.get("saltenv") != null ? kw.get("saltenv") : kw.getOrDefault("__env__", "base"));
        kwarg.put("queue", Data.truthy(kw.get("queue")));
        Object concurrent = kw.getOrDefault("concurrent", false);
        if (!(concurrent instanceof Boolean)) {
            return fail(r, "Must pass in boolean for value of 'concurrent'");
        }
        kwarg.put("concurrent", concurrent);
        boolean expectMinions = !kw.containsKey("expect_minions") || Data.truthy(kw.get("expect_minions"));

        Map<String, Map<String, Object>> cmdRet;
        try {
            cmdRet = cmd(r, tgt, tgtType, fun, arg, kwarg, timeout(kw), expectMinions);
        } catch (TargetException e) {
            return fail(r, e.getMessage());
        }
        List<String> failMinions = failMinions(kw, r);
        if (cmdRet.isEmpty() && expectMinions) {
            return fail(r, "No minions returned");
        }
        Map<String, Object> changes = new LinkedHashMap<>();
        Set<String> failed = new LinkedHashSet<>();
        Map<String, Object> failures = new LinkedHashMap<>();
        Set<String> noChange = new LinkedHashSet<>();
        for (Map.Entry<String, Map<String, Object>> e : cmdRet.entrySet()) {
            String minion = e.getKey();
            Map<String, Object> mdata = e.getValue();
            Object mRet = false;
            boolean mState = !Data.truthy(mdata.get("failed")) && mdata.containsKey("ret");
            if (mState) {
                mRet = mdata.get("ret");
                mState = StateEngine.checkResult(mRet, true);
            }
            if (!mState) {
                if (!failMinions.contains(minion)) {
                    failed.add(minion);
                }
                failures.put(minion, Data.truthy(mRet) ? mRet : "Minion did not respond");
                continue;
            }
            boolean changed = mRet instanceof Map<?, ?> states && states.values().stream()
                    .anyMatch(v -> v instanceof Map<?, ?> item && Data.truthy(item.get("changes")));
            if (changed) {
                changes.put(minion, mRet);
            } else {
                noChange.add(minion);
            }
        }
        if (!changes.isEmpty()) {
            r.put("changes", highstateChanges(changes));
        }
        StringBuilder comment = new StringBuilder();
        if (failed.size() > allowFail) {
            r.put("result", false);
            comment.append("Run failed on minions: ").append(String.join(", ", failed));
        } else {
            comment.append("States ran successfully.");
            if (!changes.isEmpty()) {
                comment.append(" Updating ").append(String.join(", ", changes.keySet())).append('.');
            }
            if (!noChange.isEmpty()) {
                comment.append(" No changes made to ").append(String.join(", ", noChange)).append('.');
            }
        }
        appendFailures(comment, failures);
        r.put("comment", comment.toString());
        if ((Data.truthy(test) || (test == null && runTest)) && Data.truthy(r.get("changes"))
                && Boolean.TRUE.equals(r.get("result"))) {
            // Test mode with changes is the only case where the result is None (Salt's rule).
            r.put("result", null);
        }
        return r;
    }

    // ---------------------------------------------------------------- salt.function

    /** saltmod.function: any execution function on the target, judged by each minion's retcode. */
    private Map<String, Object> function(Map<String, Object> kw, boolean test) {
        Object name = kw.get("name");
        Map<String, Object> r = ret(name);
        String refusal = refusal(kw, "salt.function");
        if (refusal != null) {
            return fail(r, refusal);
        }
        String tgt = String.valueOf(kw.get("tgt"));
        if (kw.get("fail_function") != null) {
            return fail(r, "fail_function is not supported: the master runs no execution modules to judge returns");
        }
        Object rawArg = kw.get("arg");
        List<Object> arg = new ArrayList<>();
        if (rawArg instanceof String s) {
            r.put("warnings", new ArrayList<>(List.of("Please specify 'arg' as a list of arguments.")));
            for (String part : s.strip().split("\\s+")) {
                if (!part.isEmpty()) {
                    arg.add(part);
                }
            }
        } else {
            arg.addAll(argList(rawArg));
        }
        Map<String, Object> kwarg = new LinkedHashMap<>();
        if (kw.get("kwarg") instanceof Map<?, ?> m) {
            m.forEach((k, v) -> kwarg.put(String.valueOf(k), v));
        } else if (kw.get("kwarg") != null) {
            return fail(r, "kwarg must be a dict (not a list) of keyword arguments, got '" + kw.get("kwarg") + "'");
        }
        String fun = String.valueOf(name);
        if (test) {
            r.put("comment", "Function " + fun + " would be executed on target " + tgt);
            r.put("result", null);
            return r;
        }
        boolean expectMinions = Data.truthy(kw.get("expect_minions"));
        Map<String, Map<String, Object>> cmdRet;
        try {
            cmdRet = cmd(r, tgt, tgtType(kw), fun, arg, kwarg, timeout(kw), expectMinions);
        } catch (TargetException | IllegalArgumentException e) {
            return fail(r, e.getMessage());
        }
        List<String> failMinions = failMinions(kw, r);
        Map<String, Object> changes = new LinkedHashMap<>();
        Set<String> failed = new LinkedHashSet<>();
        Map<String, Object> failures = new LinkedHashMap<>();
        for (Map.Entry<String, Map<String, Object>> e : cmdRet.entrySet()) {
            String minion = e.getKey();
            Map<String, Object> mdata = e.getValue();
            Object mRet = false;
            if (mdata.get("retcode") instanceof Number n && n.longValue() != 0) {
                r.put("result", false);
                failed.add(minion);
            }
            boolean mFunc = !Data.truthy(mdata.get("failed"));
            if (mFunc) {
                mRet = mdata.get("ret");
            }
            if (!mFunc) {
                if (!failMinions.contains(minion)) {
                    failed.add(minion);
                }
                failures.put(minion, Data.truthy(mRet) ? mRet : "Minion did not respond");
                continue;
            }
            changes.put(minion, mRet);
        }
        if (cmdRet.isEmpty()) {
            return fail(r, "No minions responded");
        }
        if (!changes.isEmpty()) {
            r.put("changes", highstateChanges(changes));
        }
        StringBuilder comment = new StringBuilder();
        if (!failed.isEmpty()) {
            r.put("result", false);
            comment.append("Running function ").append(fun).append(" failed on minions: ")
                    .append(String.join(", ", failed));
        } else {
            comment.append("Function ran successfully.");
        }
        if (!changes.isEmpty()) {
            comment.append(" Function ").append(fun).append(" ran on ")
                    .append(String.join(", ", changes.keySet())).append('.');
        }
        appendFailures(comment, failures);
        r.put("comment", comment.toString());
        return r;
    }

    // ---------------------------------------------------------------- salt.runner

    /** saltmod.runner: a runner on the master; its return goes under changes:return. */
    private Map<String, Object> runner(Map<String, Object> kw, boolean test) {
        String name = String.valueOf(kw.get("name"));
        if (test) {
            Map<String, Object> r = ret(name);
            r.put("result", null);
            r.put("comment", "Runner function '" + name + "' would be executed.");
            return r;
        }
        Map<String, Object> own = new LinkedHashMap<>(kw);
        own.keySet().removeIf(k -> INTERNAL.contains(k) || k.startsWith("__"));
        RunnerArgs ra = runnerArgs(own);
        List<Object> arg = ra.arg();
        Map<String, Object> kwarg = ra.kwarg();
        Object out;
        boolean success;
        if (runners.function(name) == null) {
            out = runners.missingMessage(name);
            success = false;
        } else {
            try {
                out = runners.invoke(runnerCtx, name, arg, kwarg);
                success = !(out instanceof Map<?, ?> m && m.containsKey("Error"));
            } catch (RuntimeException e) {
                out = "Exception occurred in runner " + name + ": "
                        + (e.getMessage() == null ? e.toString() : e.getMessage());
                success = false;
            }
        }
        Map<String, Object> r = ret(name);
        Map<String, Object> changes = new LinkedHashMap<>();
        changes.put("return", out);
        r.put("changes", changes);
        r.put("result", success);
        r.put("comment", "Runner function '" + name + "' " + (success ? "executed." : "failed."));
        r.put("__orchestration__", true);
        return r;
    }

    // ---------------------------------------------------------------- salt.wait_for_event

    /**
     * saltmod.wait_for_event: waits for events whose tag matches the glob {@code name} until
     * every entry of {@code id_list} has been seen in an event's {@code event_id} field (or
     * in its {@code data} map), or the timeout passes. Events fired before the step starts
     * are not seen, as in Salt.
     */
    private Map<String, Object> waitForEvent(Map<String, Object> kw, boolean test) {
        String name = String.valueOf(kw.get("name"));
        Map<String, Object> r = ret(name);
        r.put("result", false);
        if (test) {
            r.put("comment", "Orchestration would wait for event '" + name + "'");
            r.put("result", null);
            return r;
        }
        if (kw.get("id_list") == null) {
            return fail(r, missing("id_list", "salt.wait_for_event"));
        }
        List<String> idList = new ArrayList<>();
        if (kw.get("id_list") instanceof List<?> l) {
            l.forEach(x -> idList.add(String.valueOf(x)));
        } else {
            idList.add(String.valueOf(kw.get("id_list")));
        }
        String eventId = String.valueOf(kw.getOrDefault("event_id", "id"));
        double timeout;
        try {
            timeout = Double.parseDouble(String.valueOf(kw.getOrDefault("timeout", 300)));
        } catch (NumberFormatException e) {
            return fail(r, "timeout must be a number of seconds, got '" + kw.get("timeout") + "'");
        }
        long start = System.nanoTime();
        long limit = start + (long) (timeout * 1e9);
        List<Object> seen = new ArrayList<>();
        try (EventQueue q = bus.queue(TagMatch.glob(name), 10_000)) {
            while (!idList.isEmpty()) {
                long left = limit - System.nanoTime();
                if (left <= 0) {
                    r.put("comment", "Timeout value reached.");
                    return r;
                }
                Event e = q.poll(left, TimeUnit.NANOSECONDS);
                if (e == null) {
                    continue;
                }
                Object val = e.data().get(eventId);
                if (val == null && e.data().get("data") instanceof Map<?, ?> inner) {
                    val = inner.get(eventId);
                }
                if (val != null && idList.remove(String.valueOf(val))) {
                    seen.add(val);
                    Map<String, Object> changes = new LinkedHashMap<>();
                    changes.put("minions_seen", new ArrayList<>(seen));
                    r.put("changes", changes);
                    log.debug("wait_for_event: Event identifier '{}' removed from id_list; {} items remaining.",
                            val, idList.size());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail(r, "Interrupted while waiting for event '" + name + "'");
        }
        r.put("result", true);
        r.put("comment", "All events seen in " + ((System.nanoTime() - start) / 1e9) + " seconds.");
        return r;
    }

    // ---------------------------------------------------------------- shared

    /** A runner call's positional and keyword arguments. */
    record RunnerArgs(List<Object> arg, Map<String, Object> kwarg) { }

    /**
     * saltutil.runner's arguments (salt/modules/saltutil.py runner): {@code arg} (a list, or
     * one value), {@code kwarg} (a dict), and every other keyword argument joining kwarg.
     */
    static RunnerArgs runnerArgs(Map<String, Object> kw) {
        Map<String, Object> kwarg = new LinkedHashMap<>();
        if (kw.get("kwarg") instanceof Map<?, ?> m) {
            m.forEach((k, v) -> kwarg.put(String.valueOf(k), v));
        }
        kw.forEach((k, v) -> {
            if (!k.equals("arg") && !k.equals("kwarg")) {
                kwarg.putIfAbsent(k, v);
            }
        });
        return new RunnerArgs(argList(kw.get("arg")), kwarg);
    }

    /** An {@code arg} value as a list: a list as it is, one value as a list of it, none as empty. */
    private static List<Object> argList(Object raw) {
        List<Object> out = new ArrayList<>();
        if (raw instanceof List<?> l) {
            out.addAll(l);
        } else if (raw != null) {
            out.add(raw);
        }
        return out;
    }

    /**
     * Why a salt.state or salt.function step (FUN) cannot run, or null: it has no tgt, or it
     * asks for a saltmod option jsalt does not carry out, refused rather than ignored: a step
     * that asked for batches or salt-ssh must not silently run on every minion at once.
     */
    private static String refusal(Map<String, Object> kw, String fun) {
        if (kw.get("tgt") == null) {
            return missing("tgt", fun);
        }
        if (Data.truthy(kw.get("ssh"))) {
            return "ssh is not supported: jsalt has no salt-ssh";
        }
        for (String option : List.of("batch", "subset")) {
            if (kw.get(option) != null) {
                return option + " is not supported in orchestration steps; target the minions in several steps";
            }
        }
        return null;
    }

    private static String tgtType(Map<String, Object> kw) {
        Object t = kw.get("tgt_type");
        if (t == null) {
            t = kw.get("expr_form");
        }
        return t == null ? "glob" : String.valueOf(t);
    }

    private long timeout(Map<String, Object> kw) {
        Object t = kw.get("timeout");
        if (t == null) {
            return defaultTimeout;
        }
        try {
            return Math.max(1, (long) Math.ceil(Double.parseDouble(String.valueOf(t))));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("timeout must be a number of seconds, got '" + t + "'");
        }
    }

    /** fail_minions: a list, or a comma-separated string; anything else is ignored with Salt's warning. */
    @SuppressWarnings("unchecked")
    private static List<String> failMinions(Map<String, Object> kw, Map<String, Object> r) {
        Object fm = kw.get("fail_minions");
        List<String> out = new ArrayList<>();
        if (fm instanceof String s) {
            for (String part : s.split(",")) {
                out.add(part.strip());
            }
        } else if (fm instanceof List<?> l) {
            l.forEach(x -> out.add(String.valueOf(x)));
        } else if (fm != null) {
            ((List<Object>) r.computeIfAbsent("warnings", k -> new ArrayList<>()))
                    .add("'fail_minions' needs to be a list or a comma separated string. Ignored.");
        }
        return out;
    }

    /**
     * saltutil.cmd through the job manager: publishes, waits for the job to finish, and
     * returns each minion's {ret, retcode, jid, out}; with expect_minions, a minion that did
     * not return is {failed: True}. Sets the step's {@code __jid__}.
     */
    private Map<String, Map<String, Object>> cmd(Map<String, Object> r, String tgt, String tgtType, String fun,
                                                 List<Object> arg, Map<String, Object> kwarg, long timeout,
                                                 boolean expectMinions) {
        List<String> targets = jobs.expected(tgt, tgtType);
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        if (targets.isEmpty()) {
            return out;
        }
        Gather.Job job;
        try {
            // Like Salt's saltutil.cmd, wait while the minions still run the job (the job
            // manager's find_job rounds say so), however long a state run takes.
            job = Gather.job(jobs, new PublishSpec(tgt, tgtType, fun, arg, kwarg, timeout, "orchestrate"), targets,
                    0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for " + fun + " on " + tgt, e);
        }
        r.put("__jid__", job.jid());
        job.returns().forEach((id, ret) -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("ret", ret.get("return"));
            m.put("retcode", ret.get("retcode"));
            m.put("jid", job.jid());
            m.put("out", ret.getOrDefault("out", "nested"));
            out.put(id, m);
        });
        if (expectMinions) {
            job.missing().keySet().forEach(id -> out.put(id, new LinkedHashMap<>(Map.of("failed", true))));
        }
        return out;
    }

    private static Map<String, Object> highstateChanges(Map<String, Object> changes) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("out", "highstate");
        c.put("ret", changes);
        return c;
    }

    /** Salt's "Failures:" block: each failing minion's return printed by the highstate outputter, indented. */
    private static void appendFailures(StringBuilder comment, Map<String, Object> failures) {
        if (failures.isEmpty()) {
            return;
        }
        comment.append("\nFailures:\n");
        for (Map.Entry<String, Object> f : failures.entrySet()) {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put(f.getKey(), f.getValue());
            String text = Outputters.get("highstate").format(one, OutputOptions.PLAIN);
            List<String> lines = new ArrayList<>();
            text.lines().forEach(l -> lines.add("    " + l));
            comment.append(String.join("\n", lines)).append('\n');
        }
    }
}
