package io.jsalt.master.jobs;

import io.jsalt.common.py.PyRegex;
import io.jsalt.common.transport.RequestMethod;
import io.jsalt.master.transport.RequestRouter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A minion publishing a job to other minions (publish.publish), as Salt's master allows it
 * (salt/master.py AESFuncs.__verify_minion_publish and salt/daemons/masterapi.py
 * minion_pub): the master option {@code peer} maps regexes of minion ids to lists of
 * function regexes, both matched as Python's re.match does (from the start); with no entry
 * matching the minion's authenticated id and the function, nothing is published. A
 * function of the publish module is never published (no recursion). The answer is Salt's
 * {@code {minion: return}} (form clean) or the full returns (form full) of the minions that
 * returned within the timeout, {} when nothing was published or nothing returned.
 */
public final class PeerPublish {
    private static final Logger log = LoggerFactory.getLogger(PeerPublish.class);
    /** Longest timeout a minion may ask for: a publish holds a request open that long. */
    static final long MAX_TIMEOUT_SEC = 3600;
    /** The peer regexes, compiled once (they come from the master's config: a bounded set). */
    private static final Map<String, Pattern> COMPILED = new ConcurrentHashMap<>();

    private PeerPublish() {}

    /**
     * Answers minion.pub with {@code peer} (the master option), checked first: each key a
     * regex of minion ids, each value a list of function regexes. Salt's target-restricted
     * entries (a dict in the list) are refused rather than read as something else.
     */
    public static void register(RequestRouter router, JobManager jobs, Map<String, Object> peer, Executor io) {
        for (Map.Entry<String, Object> e : peer.entrySet()) {
            if (!(e.getValue() instanceof List<?> funs) || funs.stream().anyMatch(f -> !(f instanceof String))) {
                throw new IllegalArgumentException("peer: the entry '" + e.getKey()
                        + "' must be a list of function regexes");
            }
            for (Object regex : funs) {
                check(e.getKey(), String.valueOf(regex));
            }
            check(e.getKey(), e.getKey());
        }
        // Off the connection's event loop: publishing matches the target over every minion
        // and waits for the job's load to be stored.
        router.register(RequestMethod.MINION_PUB, (id, args) ->
                CompletableFuture.supplyAsync(() -> publish(jobs, peer, id, args), io).thenCompose(f -> f));
    }

    static CompletableFuture<Object> publish(JobManager jobs, Map<String, Object> peer, String id,
            Map<String, Object> args) {
        String fun = String.valueOf(args.get("fun"));
        if (args.get("fun") == null || fun.isEmpty() || args.get("tgt") == null) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("minion.pub needs tgt and fun"));
        }
        long timeout;
        try {
            timeout = Long.parseLong(String.valueOf(args.getOrDefault("timeout", 5L)));
        } catch (NumberFormatException e) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("minion.pub: timeout is not an integer"));
        }
        if (timeout < 0 || timeout > MAX_TIMEOUT_SEC) {
            return CompletableFuture.failedFuture(new IllegalArgumentException(
                    "minion.pub: timeout must be 0 to " + MAX_TIMEOUT_SEC + " seconds"));
        }
        if (fun.startsWith("publish.") || !allowed(peer, id, fun)) {
            log.info("minion {} may not publish {}: no peer entry allows it", id, fun);
            return CompletableFuture.completedFuture(new LinkedHashMap<String, Object>());
        }
        List<Object> arg = args.get("arg") instanceof List<?> l ? new ArrayList<>(l) : new ArrayList<>();
        String tgtType = String.valueOf(args.getOrDefault("tgt_type", "glob"));
        boolean full = "full".equals(args.get("form"));
        Collector collector = new Collector(full);
        String jid;
        try {
            jid = jobs.publish(new PublishSpec(String.valueOf(args.get("tgt")), tgtType, fun, arg,
                    new LinkedHashMap<>(), Math.max(1, timeout), "minion:" + id), collector);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        if (jid == null) {
            return CompletableFuture.completedFuture(new LinkedHashMap<String, Object>());
        }
        log.info("minion {} published {} to {} ({}) as job {}", id, fun, args.get("tgt"), tgtType, jid);
        CompletableFuture.delayedExecutor(timeout, TimeUnit.SECONDS).execute(collector::finish);
        return collector.result;
    }

    private static void check(String entry, String regex) {
        try {
            PyRegex.compile(regex, 0);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("peer: '" + regex + "' (entry '" + entry
                    + "') is not a valid regular expression: " + e.getDescription());
        }
    }

    /** Salt's check: any peer key matching the id whose list has a regex matching the function. */
    static boolean allowed(Map<String, Object> peer, String id, String fun) {
        if (peer == null) {
            return false;
        }
        for (Map.Entry<String, Object> e : peer.entrySet()) {
            if (!(e.getValue() instanceof List<?> funs) || !matches(e.getKey(), id)) {
                continue;
            }
            for (Object f : funs) {
                if (f instanceof String s && matches(s, fun)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Python's re.match: the regex matches at the start of the text. A bad regex matches nothing. */
    private static boolean matches(String regex, String text) {
        try {
            return COMPILED.computeIfAbsent(regex, r -> PyRegex.compile(r, 0)).matcher(text).lookingAt();
        } catch (PatternSyntaxException e) {
            log.error("Invalid regular expression in peer: {}", regex);
            return false;
        }
    }

    /** Gathers the returns; completes when every minion returned, or at the timeout with what came. */
    private static final class Collector implements JobListener {
        final CompletableFuture<Object> result = new CompletableFuture<>();
        private final boolean full;
        private final Map<String, Object> returns = new LinkedHashMap<>();

        Collector(boolean full) {
            this.full = full;
        }

        @Override
        public void started(String jid, List<String> minions) {}

        @Override
        public synchronized void returned(String minionId, Map<String, Object> ret) {
            returns.put(minionId, full ? ret : ret.get("return"));
        }

        @Override
        public void missing(String minionId, String reason) {}

        @Override
        public void done() {
            finish();
        }

        synchronized void finish() {
            result.complete(new LinkedHashMap<>(returns));
        }
    }
}
