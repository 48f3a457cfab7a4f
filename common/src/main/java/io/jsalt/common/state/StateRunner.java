package io.jsalt.common.state;

import io.jsalt.common.data.Data;
import io.jsalt.common.plugin.Functions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs ordered low chunks with Salt's requisite semantics (salt.state.State.call_chunks,
 * call_chunk, check_requisite and call_listen of Salt 3006): a chunk's requisites run
 * first, whatever their place in the order; a failed requisite fails its dependants with
 * "One or more requisite failed"; watch calls the state module's {@code mod_watch};
 * onchanges and onfail skip states whose trigger did not fire; prereq runs its target in
 * test mode first; listen calls {@code mod_watch} after everything else; failhard stops
 * the run. The result maps each chunk's tag to its return, with {@code __run_num__} in
 * the order the states actually ran.
 *
 * <p>One runner runs one state run; it is not thread-safe.
 */
public final class StateRunner {
    private static final Logger log = LoggerFactory.getLogger(StateRunner.class);

    /** The requisites call_chunk looks at, in Salt's order. */
    private static final List<String> REQUISITES = List.of(
            "require", "require_any", "watch", "watch_any", "prereq", "onfail", "onfail_any",
            "onchanges", "onchanges_any");
    /** The requisite types check_requisite evaluates, in Salt's order. */
    private static final List<String> CHECKED = List.of(
            "require", "require_any", "watch", "watch_any", "prereq", "onfail", "onfail_any",
            "onfail_all", "onchanges", "onchanges_any");

    /**
     * @param test     the run's test flag: nothing changes, results are null where changes would be made
     * @param failhard the minion's failhard option (a state's own {@code failhard} wins)
     * @param grains   for the default shell of onlyif/unless
     */
    public record Options(boolean test, boolean failhard, Map<String, Object> grains) {
        public static Options defaults(boolean test) {
            return new Options(test, false, Map.of());
        }
    }

    private final StateFunctions states;
    private final Options opts;
    private final StateCall caller;
    private final Map<String, Map<String, Object>> running = new LinkedHashMap<>();
    private final Map<String, Map<String, Object>> pre = new HashMap<>();
    private Set<String> active = new HashSet<>();
    private final int[] runNum;
    private boolean failhardHit;

    public StateRunner(StateFunctions states, Functions exec, Options opts) {
        this(states, null, opts, new int[1], exec);
    }

    private StateRunner(StateFunctions states, StateCall caller, Options opts, int[] runNum, Functions exec) {
        this.states = states;
        this.opts = opts;
        this.runNum = runNum;
        this.caller = caller != null ? caller : new StateCall(states, new RunChecks(exec, opts.grains()), opts.test(), runNum);
    }

    /** Runs every chunk (Salt's call_chunks, then call_listen) and returns tag -> return. */
    public Map<String, Object> run(List<Map<String, Object>> chunks) {
        for (Map<String, Object> low : chunks) {
            if (failhardHit) {
                break;
            }
            String tag = Low.tag(low);
            if (!running.containsKey(tag)) {
                callChunk(low, chunks, 0);
                if (checkFailhard(low)) {
                    break;
                }
            }
            active = new HashSet<>();
        }
        if (!failhardHit) {
            callListen(chunks);
        }
        return new LinkedHashMap<>(running);
    }

    /**
     * Records a state whose requisites loop back to it as failed, as Salt's call_chunk does
     * both where it finds the loop and where the recursion grows too deep (salt/state.py).
     */
    private void recursiveRequisite(Map<String, Object> low, String tag) {
        log.error("Recursive requisite found");
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("changes", new LinkedHashMap<>());
        r.put("result", false);
        r.put("comment", "Recursive requisite found");
        r.put("__run_num__", (long) runNum[0]);
        r.put("__sls__", low.get("__sls__"));
        running.put(tag, r);
    }

    private boolean checkFailhard(Map<String, Object> low) {
        if (opts.test()) {
            return false;
        }
        String tag = Low.tag(low);
        Object fh = low.containsKey("failhard") ? low.get("failhard") : opts.failhard();
        if (Data.truthy(fh) && running.containsKey(tag)) {
            Object result = running.get(tag).get("result");
            if (result == null) {
                return false;
            }
            return !Data.truthy(result);
        }
        return false;
    }

    /** A requisite status and the chunks each requisite type resolved to. */
    private record Status(String status, Map<String, List<Map<String, Object>>> reqs) {}

    /** The requisite types whose presence makes check_requisite look further (watch aside). */
    private static final List<String> PRESENT = List.of(
            "require", "require_any", "prerequired", "prereq", "onfail", "onfail_any", "onfail_all", "onchanges",
            "onchanges_any");

    /**
     * Salt's check_requisite: whether the chunk may run now. Its steps: watch becomes
     * require for a state without mod_watch; a chunk with no requisite is met; each
     * requisite is resolved to the chunks it names (one naming nothing is unmet); each
     * type's stats are read off the returns of those chunks; the stats combine into one
     * status.
     */
    private Status checkRequisite(Map<String, Object> low, List<Map<String, Object>> chunks, boolean preCheck) {
        boolean watchPresent = watchWithoutModWatchIsRequire(low);
        if (!watchPresent && PRESENT.stream().noneMatch(low::containsKey)) {
            return new Status("met", new LinkedHashMap<>());
        }
        Map<String, List<Map<String, Object>>> reqs = resolveRequisites(low, chunks, preCheck);
        if (reqs == null) {
            return new Status("unmet", new LinkedHashMap<>());
        }
        Set<String> funStats = new HashSet<>();
        reqs.forEach((rState, reqChunks) -> funStats.addAll(requisiteStats(rState, reqChunks)));
        return new Status(combinedStatus(funStats), reqs);
    }

    /**
     * Without a mod_watch, watch (and watch_any) is a plain require (require_any): the
     * entries move over, after those already there. True when a watch stays, because the
     * state has a mod_watch.
     */
    private boolean watchWithoutModWatchIsRequire(Map<String, Object> low) {
        boolean present = false;
        String modWatch = low.get("state") + ".mod_watch";
        for (String[] pair : new String[][] {{"watch", "require"}, {"watch_any", "require_any"}}) {
            if (!low.containsKey(pair[0])) {
                continue;
            }
            if (states.has(modWatch)) {
                present = true;
                continue;
            }
            List<Object> moved = new ArrayList<>(Low.reqList(low, pair[0]));
            low.remove(pair[0]);
            if (low.containsKey(pair[1])) {
                List<Object> merged = new ArrayList<>(Low.reqList(low, pair[1]));
                merged.addAll(moved);
                low.put(pair[1], merged);
            } else {
                low.put(pair[1], moved);
            }
        }
        return present;
    }

    /**
     * The chunks each requisite type of the chunk names, every type present (empty when the
     * chunk has none of it); null when one requisite names no chunk at all.
     */
    private static Map<String, List<Map<String, Object>>> resolveRequisites(Map<String, Object> low,
                                                                           List<Map<String, Object>> chunks,
                                                                           boolean preCheck) {
        Map<String, List<Map<String, Object>>> reqs = new LinkedHashMap<>();
        for (String r : CHECKED) {
            reqs.put(r, new ArrayList<>());
        }
        if (preCheck) {
            reqs.put("prerequired", new ArrayList<>());
        }
        for (String rState : reqs.keySet()) {
            if (low.get(rState) == null) {
                continue;
            }
            for (Object rawReq : Low.reqList(low, rState)) {
                Map<String, Object> req = Low.trimReq(rawReq);
                if (req.isEmpty()) {
                    continue;
                }
                String reqKey = Low.firstKey(req);
                List<Map<String, Object>> named = namedChunks(reqKey, req.get(reqKey), chunks);
                if (named.isEmpty()) {
                    return null;
                }
                reqs.get(rState).addAll(named);
            }
        }
        return reqs;
    }

    /**
     * The chunks one requisite names: {@code sls: glob} matches the SLS file; any other key
     * matches name or ID by glob, for {@code id} or the chunk's own state type.
     */
    private static List<Map<String, Object>> namedChunks(String reqKey, Object reqVal,
                                                         List<Map<String, Object>> chunks) {
        List<Map<String, Object>> named = new ArrayList<>();
        if (reqVal == null) {
            return named;
        }
        for (Map<String, Object> chunk : chunks) {
            if (reqKey.equals("sls")) {
                if (Low.fnmatch(chunk.get("__sls__"), reqVal)) {
                    named.add(chunk);
                }
            } else if ((Low.fnmatch(chunk.get("name"), reqVal) || Low.fnmatch(chunk.get("__id__"), reqVal))
                    && (reqKey.equals("id") || reqKey.equals(chunk.get("state")))) {
                named.add(chunk);
            }
        }
        return named;
    }

    /**
     * One requisite type's stats: each named chunk's, read off its return (prereq reads the
     * test-mode returns in {@code pre}), then the _any, onfail and _all reconciliations.
     */
    private Set<String> requisiteStats(String rState, List<Map<String, Object>> reqChunks) {
        Set<String> reqStats = new HashSet<>();
        boolean prereq = rState.startsWith("prereq") && !rState.startsWith("prerequired");
        Map<String, Map<String, Object>> runDict = prereq ? pre : running;
        for (Map<String, Object> chunk : reqChunks) {
            Map<String, Object> r = runDict.get(Low.tag(chunk));
            if (r == null) {
                reqStats.add("unmet");
            } else {
                addReturnStats(rState, r, reqStats);
            }
        }
        if (rState.endsWith("_any") || rState.equals("onfail")) {
            if (reqStats.contains("met") || reqStats.contains("change")) {
                reqStats.remove("fail");
            }
            if (reqStats.contains("onchangesmet")) {
                reqStats.remove("onchanges");
                reqStats.remove("fail");
            }
            if (reqStats.contains("onfail") && reqStats.contains("met")) {
                // A met requisite here means one of them failed: onfail fires.
                reqStats.remove("onfail");
            }
        }
        if (rState.endsWith("_all") && reqStats.contains("onfail")) {
            // A met requisite here means one of them failed, but not all did.
            reqStats.remove("met");
        }
        return reqStats;
    }

    /** What one named chunk's return says for a requisite type. */
    private static void addReturnStats(String rState, Map<String, Object> r, Set<String> reqStats) {
        Object result = r.get("result");
        boolean hasChanges = Data.truthy(r.get("changes"));
        if (rState.startsWith("onfail")) {
            if (Boolean.TRUE.equals(result)) {
                reqStats.add("onfail");
                return;
            }
        } else if (Boolean.FALSE.equals(result)) {
            reqStats.add("fail");
            return;
        }
        if (rState.startsWith("onchanges")) {
            reqStats.add(hasChanges ? "onchangesmet" : "onchanges");
            return;
        }
        if (rState.startsWith("watch") && hasChanges) {
            reqStats.add("change");
            return;
        }
        if (rState.startsWith("prereq") && result == null && !rState.startsWith("prerequired")) {
            reqStats.add("premet");
        }
        if (rState.startsWith("prereq") && result != null) {
            if (!rState.startsWith("prerequired")) {
                reqStats.add("pre");
            }
        } else if (!Boolean.FALSE.equals(r.getOrDefault("__state_ran__", true))) {
            reqStats.add("met");
        }
    }

    /** The chunk's status from the stats of all its requisite types, in Salt's precedence. */
    private static String combinedStatus(Set<String> funStats) {
        if (funStats.contains("unmet")) {
            return "unmet";
        } else if (funStats.contains("fail")) {
            return "fail";
        } else if (funStats.contains("pre")) {
            return funStats.contains("premet") ? "met" : "pre";
        } else if (funStats.contains("onfail") && !funStats.contains("onchangesmet")) {
            return "onfail";
        } else if (funStats.contains("onchanges") && !funStats.contains("onchangesmet")) {
            return "onchanges";
        } else if (funStats.contains("change")) {
            return "change";
        } else if (funStats.contains("onfail")) {
            return "onfail";
        }
        return "met";
    }

    /** Salt's call_chunk: runs the chunk's requisites, then the chunk. */
    private void callChunk(Map<String, Object> low, List<Map<String, Object>> chunks, int depth) {
        String tag = Low.tag(low);
        if (!Data.truthy(low.get("prerequired"))) {
            active.add(tag);
        }
        List<String> requisites = new ArrayList<>(REQUISITES);
        Status st;
        boolean isPrereq = Data.truthy(low.get("__prereq__"));
        if (!isPrereq) {
            requisites.add("prerequired");
            st = checkRequisite(low, chunks, true);
        } else {
            st = checkRequisite(low, chunks, false);
        }
        switch (st.status()) {
            case "unmet" -> {
                if (runUnmet(low, chunks, requisites, tag, depth)) {
                    return;
                }
            }
            case "met" -> {
                if (isPrereq) {
                    pre.put(tag, caller.call(low, chunks, running, null));
                } else {
                    running.put(tag, caller.call(low, chunks, running, null));
                }
            }
            case "fail" -> {
                if (pre.containsKey(tag)) {
                    // The prereq that failed was this state's own test run: show that error.
                    Map<String, Object> r = pre.get(tag);
                    r.put("__run_num__", (long) runNum[0]);
                    r.put("__sls__", low.get("__sls__"));
                    running.put(tag, r);
                } else {
                    Set<String> failed = new LinkedHashSet<>();
                    for (List<Map<String, Object>> reqLows : st.reqs().values()) {
                        for (Map<String, Object> reqLow : reqLows) {
                            String reqTag = Low.tag(reqLow);
                            Map<String, Object> reqRet = pre.containsKey(reqTag) ? pre.get(reqTag) : running.get(reqTag);
                            if (reqRet != null && Boolean.FALSE.equals(reqRet.get("result"))) {
                                failed.add(Low.str(reqLow.get("__sls__")) + "." + Low.str(reqLow.get("__id__")));
                            }
                        }
                    }
                    Map<String, Object> r = skipped(false, "One or more requisite failed: " + String.join(", ", failed),
                            low, null);
                    running.put(tag, r);
                    pre.put(tag, r);
                }
                runNum[0]++;
            }
            case "change" -> {
                if (isPrereq) {
                    // Salt's elif chain sends a prereq'd chunk with a fired watch to its plain test run.
                    pre.put(tag, caller.call(low, chunks, running, null));
                    break;
                }
                Map<String, Object> ret = caller.call(low, chunks, running, null);
                if (!Data.truthy(ret.get("changes")) && !Data.truthy(ret.get("skip_watch"))) {
                    Map<String, Object> watch = new LinkedHashMap<>(low);
                    watch.put("sfun", low.get("fun"));
                    watch.put("fun", "mod_watch");
                    Map<String, Object> reqsArg = new LinkedHashMap<>(st.reqs());
                    watch.put("__reqs__", reqsArg);
                    ret = caller.call(watch, chunks, running, reqsArg);
                }
                running.put(tag, ret);
            }
            case "pre" -> {
                Map<String, Object> r = skipped(true, "No changes detected", low, null);
                running.put(tag, r);
                pre.put(tag, r);
                runNum[0]++;
            }
            case "onfail" -> {
                running.put(tag, skipped(true, "State was not run because onfail req did not change", low, false));
                runNum[0]++;
            }
            case "onchanges" -> {
                running.put(tag, skipped(true, "State was not run because none of the onchanges reqs changed",
                        low, false));
                runNum[0]++;
            }
            default -> {
                if (isPrereq) {
                    pre.put(tag, caller.call(low, chunks, running, null));
                } else {
                    running.put(tag, caller.call(low, chunks, running, null));
                }
            }
        }
    }

    /**
     * The "unmet" branch: names what is missing, or runs the requisites first and then
     * this chunk again. Returns true when call_chunk must return at once.
     */
    private boolean runUnmet(Map<String, Object> low, List<Map<String, Object>> chunks, List<String> requisites,
                             String tag, int depth) {
        Map<String, List<Map<String, Object>>> lost = new LinkedHashMap<>();
        List<Map<String, Object>> reqs = new ArrayList<>();
        for (String requisite : requisites) {
            lost.put(requisite, new ArrayList<>());
            if (!low.containsKey(requisite)) {
                continue;
            }
            for (Object rawReq : Low.reqList(low, requisite)) {
                Map<String, Object> req = Low.trimReq(rawReq);
                if (req.isEmpty()) {
                    continue;
                }
                boolean found = false;
                String reqKey = Low.firstKey(req);
                Object reqVal = req.get(reqKey);
                for (Map<String, Object> chunk : chunks) {
                    if (reqVal == null) {
                        continue;
                    }
                    if (reqKey.equals("sls")) {
                        if (Low.fnmatch(chunk.get("__sls__"), reqVal)) {
                            if (requisite.equals("prereq")) {
                                chunk.put("__prereq__", true);
                            }
                            reqs.add(chunk);
                            found = true;
                        }
                        continue;
                    }
                    if (Low.fnmatch(chunk.get("name"), reqVal) || Low.fnmatch(chunk.get("__id__"), reqVal)) {
                        if (reqKey.equals("id") || reqKey.equals(chunk.get("state"))) {
                            if (requisite.equals("prereq")) {
                                chunk.put("__prereq__", true);
                            } else if (requisite.equals("prerequired")) {
                                chunk.put("__prerequired__", true);
                            }
                            reqs.add(chunk);
                            found = true;
                        }
                    }
                }
                if (!found) {
                    lost.get(requisite).add(req);
                }
            }
        }
        boolean anyLost = lost.values().stream().anyMatch(l -> !l.isEmpty());
        if (anyLost) {
            StringBuilder comment = new StringBuilder("The following requisites were not found:\n");
            for (Map.Entry<String, List<Map<String, Object>>> e : lost.entrySet()) {
                if (e.getValue().isEmpty()) {
                    continue;
                }
                comment.append(" ".repeat(19)).append(e.getKey()).append(":\n");
                for (Map<String, Object> lreq : e.getValue()) {
                    String k = Low.firstKey(lreq);
                    comment.append(" ".repeat(23)).append(k).append(": ").append(Low.str(lreq.get(k))).append("\n");
                }
            }
            Map<String, Object> r = skipped(false, comment.toString(), low, null);
            if (Data.truthy(low.get("__prereq__"))) {
                pre.put(tag, r);
            } else {
                running.put(tag, r);
            }
            runNum[0]++;
            return true;
        }
        Map<String, Object> last = low;
        for (Map<String, Object> chunk : reqs) {
            last = chunk;
            String ctag = Low.tag(chunk);
            if (running.containsKey(ctag)) {
                continue;
            }
            if (active.contains(ctag)) {
                if (Data.truthy(chunk.get("__prerequired__"))) {
                    // A prereq cycle: run this chunk with prereq on.
                    if (!pre.containsKey(tag)) {
                        low.put("__prereq__", true);
                        pre.put(ctag, caller.call(low, chunks, running, null));
                    }
                    return true;
                }
                recursiveRequisite(low, tag);
                runNum[0]++;
                return true;
            }
            callChunk(chunk, chunks, 0);
            if (checkFailhard(chunk)) {
                failhardHit = true;
                return true;
            }
        }
        if (Data.truthy(low.get("__prereq__"))) {
            Status again = checkRequisite(low, chunks, false);
            Map<String, Object> r = caller.call(low, chunks, running, null);
            pre.put(tag, r);
            if (!Data.truthy(r.get("changes")) && again.status().equals("change")) {
                Map<String, Object> changes = new LinkedHashMap<>();
                changes.put("watch", "watch");
                r.put("changes", changes);
                r.put("result", null);
            }
        } else {
            if (depth + 1 >= 20) {
                recursiveRequisite(low, tag);
            } else {
                callChunk(low, chunks, depth + 1);
            }
        }
        if (checkFailhard(last)) {
            failhardHit = true;
        }
        return true;
    }

    /** A return for a state that did not run (Salt's fake duration, no name key). */
    private Map<String, Object> skipped(boolean result, String comment, Map<String, Object> low, Boolean stateRan) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("changes", new LinkedHashMap<>());
        r.put("result", result);
        r.put("duration", 0.0);
        r.put("start_time", StateCall.now());
        r.put("comment", comment);
        if (stateRan != null) {
            r.put("__state_ran__", stateRan);
        }
        r.put("__run_num__", (long) runNum[0]);
        r.put("__sls__", low.get("__sls__"));
        return r;
    }

    /** Salt's call_listen: mod_watch for every listener whose target changed. */
    @SuppressWarnings("unchecked")
    private void callListen(List<Map<String, Object>> chunks) {
        // (state, id, name) of every chunk.
        Map<List<String>, Map<String, Object>> crefs = new LinkedHashMap<>();
        List<Map.Entry<List<String>, List<Object>>> listeners = new ArrayList<>();
        for (Map<String, Object> chunk : chunks) {
            List<String> key = List.of(Low.str(chunk.get("state")), Low.str(chunk.get("__id__")),
                    Low.str(chunk.get("name")));
            crefs.put(key, chunk);
            if (chunk.containsKey("listen")) {
                listeners.add(Map.entry(key, new ArrayList<>(Low.reqList(chunk, "listen"))));
            }
            if (chunk.containsKey("listen_in")) {
                for (Object lIn : Low.reqList(chunk, "listen_in")) {
                    if (lIn instanceof Map<?, ?> m) {
                        for (Map.Entry<?, ?> kv : m.entrySet()) {
                            Map<String, Object> self = new LinkedHashMap<>();
                            self.put(Low.str(chunk.get("state")), chunk.get("__id__"));
                            listeners.add(Map.entry(List.of(String.valueOf(kv.getKey()), Low.str(kv.getValue()), "lookup"),
                                    List.of(self)));
                        }
                    }
                }
            }
        }
        List<Map<String, Object>> modWatchers = new ArrayList<>();
        Map<String, Map<String, Object>> errors = new LinkedHashMap<>();
        Set<String> queued = new HashSet<>();
        for (Map.Entry<List<String>, List<Object>> l : listeners) {
            List<String> key = l.getKey();
            for (Object listenTo : l.getValue()) {
                Map<String, Object> target;
                if (listenTo instanceof Map<?, ?> m) {
                    target = (Map<String, Object>) m;
                } else {
                    target = null;
                    for (Map<String, Object> chunk : chunks) {
                        if (Low.str(chunk.get("__id__")).equals(Low.str(listenTo))
                                || Low.str(chunk.get("name")).equals(Low.str(listenTo))) {
                            target = new LinkedHashMap<>();
                            target.put(Low.str(chunk.get("state")), chunk.get("__id__"));
                        }
                    }
                    if (target == null) {
                        continue;
                    }
                }
                for (Map.Entry<String, Object> lt : target.entrySet()) {
                    String lkey = lt.getKey();
                    String lval = Low.str(lt.getValue());
                    if (crefs.keySet().stream().noneMatch(c -> c.get(0).equals(lkey) && c.contains(lval))) {
                        errors.put(listenTag(lkey, lval), listenError(lkey, lval));
                        continue;
                    }
                    for (Map.Entry<List<String>, Map<String, Object>> c : crefs.entrySet()) {
                        if (!c.getKey().get(0).equals(lkey) || !c.getKey().contains(lval)) {
                            continue;
                        }
                        Map<String, Object> toRet = running.get(Low.tag(c.getValue()));
                        if (toRet == null || !Data.truthy(toRet.get("changes"))) {
                            continue;
                        }
                        if (crefs.keySet().stream().noneMatch(cr -> cr.get(0).equals(key.get(0)) && cr.contains(key.get(1)))) {
                            errors.put(listenTag(key.get(0), key.get(1)), listenError(key.get(0), key.get(1)));
                            continue;
                        }
                        for (Map.Entry<List<String>, Map<String, Object>> w : crefs.entrySet()) {
                            if (!w.getKey().get(0).equals(key.get(0)) || !w.getKey().contains(key.get(1))) {
                                continue;
                            }
                            Map<String, Object> watch = new LinkedHashMap<>(w.getValue());
                            watch.put("sfun", watch.get("fun"));
                            watch.put("fun", "mod_watch");
                            watch.put("__id__", "listener_" + Low.str(watch.get("__id__")));
                            for (String req : Low.REQUISITE_KEYWORDS) {
                                watch.remove(req);
                            }
                            // Salt keys the listener runs by tag, so one mod_watch per state.
                            if (queued.add(Low.tag(watch))) {
                                modWatchers.add(watch);
                            }
                        }
                    }
                }
            }
        }
        if (!modWatchers.isEmpty()) {
            // The listeners run as their own call_chunks, numbered after the main run.
            StateRunner sub = new StateRunner(states, caller, opts, runNum, null);
            running.putAll(sub.runChunksOnly(modWatchers));
        }
        for (Map<String, Object> err : errors.values()) {
            err.put("__run_num__", (long) runNum[0]++);
        }
        running.putAll(errors);
    }

    private Map<String, Map<String, Object>> runChunksOnly(List<Map<String, Object>> chunks) {
        for (Map<String, Object> low : chunks) {
            if (failhardHit) {
                break;
            }
            if (!running.containsKey(Low.tag(low))) {
                callChunk(low, chunks, 0);
                if (checkFailhard(low)) {
                    break;
                }
            }
            active = new HashSet<>();
        }
        return running;
    }

    private static String listenTag(String name, String id) {
        Map<String, Object> low = new LinkedHashMap<>();
        low.put("state", "Listen_Error");
        low.put("__id__", "listen_" + id);
        low.put("name", "listen_" + name);
        low.put("fun", "Listen_Error");
        return Low.tag(low);
    }

    private static Map<String, Object> listenError(String lkey, String lval) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("comment", "Referenced state " + lkey + ": " + lval + " does not exist");
        r.put("name", "listen_" + lkey + ":" + lval);
        r.put("result", false);
        r.put("changes", new LinkedHashMap<>());
        return r;
    }
}
