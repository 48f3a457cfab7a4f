package io.jsalt.common.state;

import io.jsalt.common.data.Data;
import io.jsalt.common.plugin.Call;
import io.jsalt.common.plugin.CommandExecutionError;
import io.jsalt.common.plugin.InvocationError;
import io.jsalt.common.py.PyRepr;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One state function call (Salt's State.call): checks the chunk, runs onlyif / unless /
 * creates, calls the function (in test mode for a prereq's dry run), makes the return
 * well-formed and stamps it with {@code __sls__}, {@code __run_num__}, {@code start_time},
 * {@code duration} and {@code __id__}; {@code retry} runs it again until it succeeds.
 */
final class StateCall {
    private static final Logger log = LoggerFactory.getLogger(StateCall.class);
    private static final List<String> RETURN_KEYS = List.of("name", "result", "changes", "comment");

    private final StateFunctions states;
    private final RunChecks checks;
    private final boolean test;
    private final int[] runNum;

    StateCall(StateFunctions states, RunChecks checks, boolean test, int[] runNum) {
        this.states = states;
        this.checks = checks;
        this.test = test;
        this.runNum = runNum;
    }

    Map<String, Object> call(Map<String, Object> low, List<Map<String, Object>> chunks,
                             Map<String, Map<String, Object>> running, Map<String, Object> watchReqs) {
        return call(low, running, watchReqs, 1);
    }

    private Map<String, Object> call(Map<String, Object> low, Map<String, Map<String, Object>> running,
                                     Map<String, Object> watchReqs, int retries) {
        long started = System.nanoTime();
        String startTime = now();
        List<String> errors = verify(low);
        if (!errors.isEmpty()) {
            Map<String, Object> ret = new LinkedHashMap<>();
            ret.put("result", false);
            ret.put("name", low.get("name"));
            ret.put("changes", new LinkedHashMap<>());
            StringBuilder c = new StringBuilder();
            errors.forEach(e -> c.append(e).append('\n'));
            ret.put("comment", c.toString());
            ret.put("__run_num__", (long) runNum[0]++);
            return ret;
        }
        boolean prereq = Data.truthy(low.get("__prereq__"));
        boolean callTest = test || prereq;
        String full = low.get("state") + "." + low.get("fun");
        if (!prereq) {
            log.info("Executing state {} for [{}]", full, Low.str(low.get("name")));
        }
        Map<String, Object> ret = new LinkedHashMap<>();
        ret.put("result", false);
        ret.put("name", low.get("name"));
        ret.put("changes", new LinkedHashMap<>());
        try {
            if (RunChecks.wanted(low) && !states.has(low.get("state") + ".mod_run_check")) {
                ret.putAll(checks.check(low));
            }
            if (!ret.containsKey("result") || Boolean.FALSE.equals(ret.get("result"))) {
                boolean ownCheckCmd = states.has(low.get("state") + ".mod_run_check_cmd");
                ret = wellFormed(states.call(full, kwargs(low, running, watchReqs, ownCheckCmd), callTest));
            }
            if (low.containsKey("check_cmd") && !states.has(low.get("state") + ".mod_run_check_cmd")) {
                ret.putAll(checks.checkCmd(low.get("check_cmd")));
            }
        } catch (RuntimeException e) {
            if (Thread.currentThread().isInterrupted() || e.getCause() instanceof InterruptedException) {
                throw e;
            }
            ret = new LinkedHashMap<>();
            ret.put("result", false);
            ret.put("name", low.get("name"));
            ret.put("changes", new LinkedHashMap<>());
            ret.put("comment", "An exception occurred in this state: " + describe(e));
        }
        unify(ret);
        if (prereq) {
            low.put("__prereq__", false);
            return ret;
        }
        checkRefresh(low, ret);
        ret.put("__sls__", low.get("__sls__"));
        ret.put("__run_num__", (long) runNum[0]++);
        ret.put("start_time", startTime);
        ret.put("duration", durationMs(started));
        ret.put("__id__", low.get("__id__"));
        log.info("Completed state [{}] (duration_in_ms={})", Low.str(low.get("name")), ret.get("duration"));
        if (low.containsKey("retry") && !low.containsKey("parallel")) {
            ret = retry(low, running, watchReqs, retries, ret);
        }
        return ret;
    }

    /**
     * Salt's State.check_refresh for modules (salt/state.py): after a pkg state (or one with
     * reload_modules) changed something, modules that could not run are checked again, so a
     * later state in the same run can use what the package brought (mysql_* after
     * mariadb-server); force_reload_modules refreshes even without changes.
     */
    private void checkRefresh(Map<String, Object> low, Map<String, Object> ret) {
        boolean changed = ret.get("changes") instanceof Map<?, ?> ch && !ch.isEmpty();
        if (changed ? "pkg".equals(low.get("state")) || Data.truthy(low.get("reload_modules"))
                : Data.truthy(low.get("force_reload_modules"))) {
            states.refreshModules();
        }
    }

    /** Salt's verify_data, less the argument-spec check Java cannot make. */
    private List<String> verify(Map<String, Object> low) {
        List<String> errors = new ArrayList<>();
        Object name = low.get("name");
        if (Data.truthy(name) && !(name instanceof String)) {
            errors.add("ID '" + Low.str(name) + "' " + (low.containsKey("__sls__") ? "in SLS '"
                    + Low.str(low.get("__sls__")) + "' " : "") + "is not formed as a string, but is a "
                    + io.jsalt.common.py.PyRepr.typeName(name));
            return errors;
        }
        String full = low.get("state") + "." + low.get("fun");
        if (!states.has(full)) {
            if (low.containsKey("__sls__")) {
                errors.add("State '" + full + "' was not found in SLS '" + Low.str(low.get("__sls__")) + "'");
                String reason = states.missingReason(full);
                if (reason != null && !reason.isEmpty()) {
                    errors.add("Reason: " + reason);
                }
            } else {
                errors.add("Specified state '" + full + "' was not found");
            }
        }
        // A state requiring (or watching) itself would loop: refuse it.
        String reqdec = low.containsKey("require") ? "require" : null;
        if (low.containsKey("watch")) {
            if (!states.has(low.get("state") + ".mod_watch")) {
                List<Object> merged = new ArrayList<>(Low.reqList(low, "require"));
                merged.addAll(Low.reqList(low, "watch"));
                low.remove("watch");
                low.put("require", merged);
                reqdec = "require";
            } else {
                reqdec = "watch";
            }
        }
        if (reqdec != null) {
            for (Object req : Low.reqList(low, reqdec)) {
                if (!(req instanceof Map<?, ?> m) || m.isEmpty()) {
                    continue;
                }
                String first = Low.firstKey(m);
                if (first.equals(Low.str(low.get("state")))
                        && (Low.fnmatch(low.get("name"), m.get(first)) || Low.fnmatch(low.get("__id__"), m.get(first)))) {
                    errors.add("Recursive require detected in SLS " + Low.str(low.get("__sls__")) + " for require "
                            + PyRepr.repr(req) + " in ID " + Low.str(low.get("__id__")));
                }
            }
        }
        return errors;
    }

    /**
     * The chunk's arguments for the function: its own, less what the engine reads. A state
     * module with its own mod_run_check_cmd (file) runs check_cmd itself, so it gets it, as
     * Salt's format_call passes file.managed the check_cmd its signature names
     * (salt/state.py call, salt/states/file.py managed).
     */
    private static Map<String, Object> kwargs(Map<String, Object> low, Map<String, Map<String, Object>> running,
                                              Map<String, Object> watchReqs, boolean ownCheckCmd) {
        Map<String, Object> kw = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : low.entrySet()) {
            String k = e.getKey();
            if (ownCheckCmd && k.equals("check_cmd")) {
                kw.put(k, e.getValue());
                continue;
            }
            if (Low.RUNTIME_KEYWORDS.contains(k) || Low.REQUISITE_KEYWORDS.contains(k)
                    || Low.REQUISITE_IN_KEYWORDS.contains(k) || k.equals("__reqs__")) {
                continue;
            }
            kw.put(k, e.getValue());
        }
        Object env = low.containsKey("saltenv") ? low.get("saltenv") : low.getOrDefault("__env__", "base");
        kw.put("__env__", Low.str(env));
        kw.put("__id__", low.get("__id__"));
        kw.put("__sls__", low.get("__sls__"));
        if (watchReqs != null) {
            kw.put("__reqs__", watchReqs);
            kw.put("__running__", running);
        }
        return kw;
    }

    /** Salt's OutputUnifier content_check: a return a state function owes. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> wellFormed(Object r) {
        Map<String, Object> ret;
        if (r instanceof StateResult sr) {
            ret = sr.toMap();
        } else if (r instanceof Map<?, ?> m) {
            ret = new LinkedHashMap<>((Map<String, Object>) m);
        } else {
            throw new MalformedReturn("Malformed state return. Data must be a dictionary type.");
        }
        if (!(ret.get("changes") instanceof Map)) {
            throw new MalformedReturn("'Changes' should be a dictionary.");
        }
        List<String> missing = new ArrayList<>();
        for (String k : RETURN_KEYS) {
            if (!ret.containsKey(k)) {
                missing.add(k);
            }
        }
        if (!missing.isEmpty()) {
            throw new MalformedReturn("The following keys were not present in the state return: "
                    + String.join(", ", missing) + ".");
        }
        return ret;
    }

    /** Salt's OutputUnifier unify: a list comment becomes lines, a result a bool or None. */
    private static void unify(Map<String, Object> ret) {
        if (ret.get("comment") instanceof List<?> l) {
            List<String> parts = new ArrayList<>();
            l.forEach(x -> parts.add(Low.str(x)));
            ret.put("comment", String.join("\n", parts));
        }
        Object result = ret.get("result");
        if (result != null && !(result instanceof Boolean)) {
            ret.put("result", Data.truthy(result));
        }
    }

    /** Salt's retry: run again while the result is not the one wanted. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> retry(Map<String, Object> low, Map<String, Map<String, Object>> running,
                                      Map<String, Object> watchReqs, int retries, Map<String, Object> ret) {
        Map<String, Object> data = retryData(low.get("retry"));
        low.put("retry", data);
        if (test) {
            ret.put("comment", (Data.truthy(ret.get("comment")) ? Low.str(ret.get("comment")) : "") + "  "
                    + "The state would be retried every " + data.get("interval") + " seconds (with a splay of up to "
                    + data.get("splay") + " seconds) a maximum of " + data.get("attempts")
                    + " times or until a result of " + Low.str(data.get("until")) + " is returned");
            return ret;
        }
        if (data.get("until").equals(ret.get("result")) || (long) data.get("attempts") <= retries) {
            return ret;
        }
        long interval = (long) data.get("interval");
        long splay = (long) data.get("splay");
        if (splay != 0) {
            interval += ThreadLocalRandom.current().nextLong(splay + 1);
        }
        log.info("State result does not match retry until value, state will be re-run in {} seconds", interval);
        try {
            Thread.sleep(interval * 1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to retry", e);
        }
        Map<String, Object> next = call(low, running, watchReqs, retries + 1);
        next.put("comment", "Attempt " + retries + ": Returned a result of \"" + Low.str(ret.get("result"))
                + "\", with the following comment: \"" + Low.str(ret.get("comment")) + "\"\n"
                + (Data.truthy(next.get("comment")) ? Low.str(next.get("comment")) : ""));
        next.put("duration", ((Number) next.get("duration")).doubleValue() + ((Number) ret.get("duration")).doubleValue()
                + interval * 1000);
        if (retries == 1) {
            next.put("start_time", ret.get("start_time"));
        }
        return next;
    }

    private static Map<String, Object> retryData(Object raw) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("until", true);
        out.put("attempts", 2L);
        out.put("splay", 0L);
        out.put("interval", 30L);
        if (raw instanceof Map<?, ?> m) {
            if (m.get("until") instanceof Boolean b) {
                out.put("until", b);
            }
            for (String k : List.of("attempts", "splay", "interval")) {
                if (m.get(k) instanceof Long l) {
                    out.put(k, l);
                }
            }
        }
        return out;
    }

    private static String describe(RuntimeException e) {
        if (e instanceof io.jsalt.common.plugin.ForeignError f) {
            return f.traceback();
        }
        if (e instanceof CommandExecutionError || e instanceof InvocationError || e instanceof MalformedReturn
                || e instanceof Call.InvalidArguments) {
            return e.getMessage();
        }
        StringWriter sw = new StringWriter();
        e.printStackTrace(new PrintWriter(sw));
        return sw.toString();
    }

    /** Python's datetime.time.isoformat() of the local time now. */
    static String now() {
        return isoformat(LocalTime.now());
    }

    /**
     * {@code HH:MM:SS}, and {@code .ffffff} when the microseconds are not 0. Written digit by
     * digit: every state of every run takes its start time, and String.format (its pattern
     * parsed, a Formatter and the locale's digits looked up each time) was a tenth of a warm
     * state run's CPU.
     */
    static String isoformat(LocalTime t) {
        StringBuilder b = new StringBuilder(15);
        digits(b, t.getHour(), 2).append(':');
        digits(b, t.getMinute(), 2).append(':');
        digits(b, t.getSecond(), 2);
        int micros = t.getNano() / 1000;
        return micros == 0 ? b.toString() : digits(b.append('.'), micros, 6).toString();
    }

    /** {@code value} (not negative) as {@code width} decimal digits, zeros in front. */
    private static StringBuilder digits(StringBuilder b, int value, int width) {
        int div = 1;
        for (int i = 1; i < width; i++) {
            div *= 10;
        }
        for (; div > 0; div /= 10) {
            b.append((char) ('0' + value / div % 10));
        }
        return b;
    }

    /** Milliseconds since started, to the microsecond, as Salt computes a duration. */
    static double durationMs(long startedNanos) {
        long micros = (System.nanoTime() - startedNanos) / 1000;
        return micros / 1000.0;
    }

    /** A state function returned something that is not a state return. */
    static final class MalformedReturn extends RuntimeException {
        private static final long serialVersionUID = 1L;

        MalformedReturn(String message) {
            super(message);
        }
    }
}
