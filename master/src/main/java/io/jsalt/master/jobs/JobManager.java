package io.jsalt.master.jobs;

import io.jsalt.common.Jid;
import io.jsalt.common.data.Values;
import io.jsalt.common.match.CompiledTarget;
import io.jsalt.common.match.Matcher;
import io.jsalt.common.match.TargetType;
import io.jsalt.common.proto.Envelope;
import io.jsalt.common.proto.Publish;
import io.jsalt.common.proto.Return;
import io.jsalt.common.py.PyRepr;
import io.jsalt.common.transport.RequestMethod;
import io.jsalt.master.minions.MinionRegistry;
import io.jsalt.master.transport.MinionLink;
import io.jsalt.master.transport.SessionHandler;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes jobs to the minions a target selects and follows them until every expected
 * minion returned or is known not to. The expected list is computed from the master's
 * current data (accepted keys, cached grains and pillar); a publish is encoded once and
 * the same bytes are written to every connection.
 */
public final class JobManager implements SessionHandler.JobSink {
    private static final Logger log = LoggerFactory.getLogger(JobManager.class);

    private final MinionRegistry minions;
    private final JobCache cache;
    private final Supplier<Matcher> matcher;
    private final MinionLink link;
    private final ScheduledExecutorService timer;
    private final long gatherJobTimeoutSec;
    private final Map<String, ActiveJob> active = new ConcurrentHashMap<>();
    private final Jid jids = Jid.systemUtc();
    private final java.util.concurrent.ExecutorService notifier = java.util.concurrent.Executors
            .newSingleThreadExecutor(new io.netty.util.concurrent.DefaultThreadFactory("jsalt-job-events", true));
    private volatile Observer observer;

    /** Sees every job's publish load and every stored return (the event bus listens here). */
    public interface Observer {
        void published(Map<String, Object> load);

        void returned(Map<String, Object> ret);
    }

    public JobManager(MinionRegistry minions, JobCache cache, Supplier<Matcher> matcher, MinionLink link,
                      ScheduledExecutorService timer, long gatherJobTimeoutSec) {
        this.minions = minions;
        this.cache = cache;
        this.matcher = matcher;
        this.link = link;
        this.timer = timer;
        this.gatherJobTimeoutSec = gatherJobTimeoutSec;
    }

    /** Sets the one observer of published jobs and stored returns. */
    public void observe(Observer o) {
        this.observer = o;
    }

    /** Minions the target selects now, sorted; throws TargetException for a bad target. */
    public List<String> expected(String tgt, String tgtType) {
        CompiledTarget t = matcher.get().compile(tgt, TargetType.fromSalt(tgtType));
        List<String> out = new ArrayList<>();
        for (MinionRegistry.Entry e : minions.all()) {
            if (t.matches(e.data())) {
                out.add(e.id());
            }
        }
        out.sort(null);
        return out;
    }

    /**
     * Sends the job to the minions the spec selects. Returns the JID, or null when no
     * minion matched (then nothing was sent and the listener is not called).
     */
    public String publish(PublishSpec spec, JobListener listener) {
        List<String> targets = expected(spec.tgt(), spec.tgtType());
        if (targets.isEmpty()) {
            return null;
        }
        return publishTo(spec, targets, listener);
    }

    /** Sends the job to exactly these (already selected) minions. */
    public String publishTo(PublishSpec spec, List<String> targets, JobListener listener) {
        String jid = jids.next();
        Map<String, Object> load = new LinkedHashMap<>();
        load.put("jid", jid);
        load.put("fun", spec.fun());
        load.put("arg", spec.args());
        load.put("kwargs", spec.kwargs());
        load.put("tgt", spec.tgt());
        load.put("tgt_type", spec.tgtType());
        load.put("user", spec.user());
        load.put("minions", targets);
        cache.saveLoad(jid, load);

        ActiveJob job = new ActiveJob(jid, spec, new TreeSet<>(targets), listener);
        active.put(jid, job);
        if (listener != null) {
            listener.started(jid, targets);
        }
        Envelope env = Envelope.newBuilder().setPublish(Publish.newBuilder()
                .setJid(jid).setFun(spec.fun())
                .setArgs(Values.toProto(spec.args()))
                .setKwargs(Values.toProto(spec.kwargs()))
                .setUser(spec.user() == null ? "" : spec.user())).build();
        // The connections are grouped by the event loop that serves them and each loop gets
        // one task that writes to all of its own: a writeAndFlush from this thread would queue
        // a task (and may wake the loop) per connection, 2,000 of them for a job to 2,000
        // minions. A connection that closes meanwhile fails its write, as before; the job's
        // deadline then finds the minion gone.
        Map<EventLoop, List<Channel>> byLoop = new IdentityHashMap<>();
        for (String id : targets) {
            MinionRegistry.Entry e = minions.get(id);
            if (e != null && e.connected()) {
                byLoop.computeIfAbsent(e.channel().eventLoop(), l -> new ArrayList<>()).add(e.channel());
            } else {
                job.notConnected(id);
            }
        }
        ByteBuf encoded = Unpooled.wrappedBuffer(env.toByteArray());
        try {
            byLoop.forEach((loop, channels) -> write(loop, channels, encoded));
        } finally {
            encoded.release();
        }
        Observer o = observer;
        if (o != null) {
            o.published(load);
        }
        job.checkDone();
        if (!job.finished) {
            timer.schedule(() -> deadline(job), Math.max(1, spec.timeoutSec()), TimeUnit.SECONDS);
        }
        return jid;
    }

    /** Writes the publish to each channel on their event loop, in one task. */
    private static void write(EventLoop loop, List<Channel> channels, ByteBuf encoded) {
        ByteBuf mine = encoded.retainedDuplicate();
        Runnable task = () -> {
            try {
                for (Channel ch : channels) {
                    ch.writeAndFlush(mine.retainedDuplicate());
                }
            } finally {
                mine.release();
            }
        };
        try {
            loop.execute(task);
        } catch (RejectedExecutionException closing) {
            // The master is closing: nothing is sent, as a write to a closed channel sends nothing.
            mine.release();
        }
    }

    /** Stops the listener thread (the master is closing). */
    public void close() {
        notifier.shutdownNow();
    }

    /** Jobs still running somewhere: jid -> minions that have not returned yet. */
    public Map<String, List<String>> active() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (ActiveJob j : active.values()) {
            synchronized (j) {
                List<String> running = new ArrayList<>(j.waiting());
                if (!running.isEmpty()) {
                    out.put(j.jid, running);
                }
            }
        }
        return out;
    }

    public ActiveJob job(String jid) {
        return active.get(jid);
    }

    @Override
    public void acknowledged(String minionId, String jid) {
        ActiveJob j = active.get(jid);
        if (j != null) {
            synchronized (j) {
                j.acked.add(minionId);
            }
        }
    }

    /**
     * Takes a return only from a minion the job was for: one of the minions the master
     * published it to (while it runs, or late, from the saved load's {@code minions}), or,
     * for a return the minion marked as its own job (scheduler, startup_states: Salt's "req"
     * returns, salt/master.py {@code _return}) with a JID the master has never seen, as that
     * minion's standalone job. Anything else is refused: logged, stored nowhere, fired nowhere.
     */
    @Override
    public CompletableFuture<Void> returned(String minionId, Return ret) {
        String jid = ret.getJid();
        ActiveJob pending = active.get(jid);
        String refusal;
        boolean standalone = false;
        if (!Jid.isValid(jid)) {
            refusal = "not a valid JID";
        } else if (pending != null) {
            refusal = pending.expected.contains(minionId) ? null : "the job was not published to this minion";
        } else {
            java.util.Optional<Map<String, Object>> load = cache.load(jid);
            if (load.isPresent()) {
                refusal = targeted(load.get(), minionId) ? null : "the job was not published to this minion";
            } else if (ret.getMinionJob()) {
                refusal = null;
                standalone = true;
            } else {
                refusal = "the master published no job with this JID";
            }
        }
        if (refusal != null) {
            return refuse(minionId, jid, refusal);
        }
        Map<String, Object> data = ReturnData.of(ret);
        if (pending != null) {
            // Marked now, on the connection's thread: a later "is it still running?" answer
            // from the same minion must not report it missing while the return is committed.
            pending.arriving(minionId);
        }
        // A job the minion started itself (startup states, its scheduler) has no load yet: as
        // Salt's master does for such returns, store one so jobs.list_jobs shows the job. If a
        // load appeared meanwhile, the return still counts only when that load is this
        // minion's own job (a second minion racing with the same invented JID gets nothing).
        CompletableFuture<Boolean> loaded = !standalone ? CompletableFuture.completedFuture(false)
                : cache.saveLoadIfAbsent(jid, ReturnData.standaloneLoad(minionId, ret))
                        .thenCompose(stored -> stored || cache.load(jid).map(l -> targeted(l, minionId)).orElse(false)
                                ? CompletableFuture.completedFuture(stored)
                                : refuse(minionId, jid, "the JID is another minion's job").thenApply(v -> false));
        // The minion is acknowledged once the return is durable; a duplicate (false) is
        // acknowledged too but not shown again. Listeners run on their own thread, never the
        // cache writer's: a listener may publish (batch mode), and publishing waits on it.
        CompletableFuture<Boolean> durable = loaded.thenCompose(l -> cache.saveReturn(ret.getJid(), minionId, data));
        durable.whenCompleteAsync((fresh, err) -> {
            if (err != null) {
                if (pending != null) {
                    pending.notArriving(minionId);
                }
                return;
            }
            Observer o = observer;
            if (fresh && o != null) {
                o.returned(data);
            }
            ActiveJob j = active.get(ret.getJid());
            if (fresh && j != null) {
                j.returned(minionId, data);
            }
        }, notifier);
        return durable.thenApply(fresh -> null);
    }

    /** Whether a saved load lists {@code minionId} among the minions the job was for. */
    private static boolean targeted(Map<String, Object> load, String minionId) {
        return load.get("minions") instanceof List<?> l && l.contains(minionId);
    }

    private static CompletableFuture<Void> refuse(String minionId, String jid, String why) {
        // The JID is the minion's text: shown quoted and escaped, and cut short.
        String shown = jid.length() > 64 ? jid.substring(0, 64) + "..." : jid;
        log.warn("Refused a return from minion {} for job {}: {}", PyRepr.repr(minionId), PyRepr.repr(shown), why);
        return CompletableFuture.failedFuture(new SessionHandler.RefusedReturn(why));
    }

    @Override
    public void disconnected(String minionId) {
        // Nothing to do at once: the job's deadline asks again and reports it missing.
    }

    private void deadline(ActiveJob job) {
        List<String> missing;
        synchronized (job) {
            if (job.finished) {
                return;
            }
            missing = new ArrayList<>(job.waiting());
        }
        List<CompletableFuture<Boolean>> checks = new ArrayList<>();
        for (String id : missing) {
            MinionRegistry.Entry e = minions.get(id);
            CompletableFuture<Boolean> running;
            if (e == null || !e.connected()) {
                running = CompletableFuture.completedFuture(false);
            } else {
                running = link.request(e.channel(), RequestMethod.JOB_FIND, Map.of("jid", job.jid), gatherJobTimeoutSec * 1000)
                        .thenApply(r -> r instanceof Map<?, ?> m && !m.isEmpty())
                        .exceptionally(err -> false);
            }
            checks.add(running.thenApply(stillRunning -> {
                if (!stillRunning) {
                    job.noResponse(id);
                }
                return stillRunning;
            }));
        }
        CompletableFuture.allOf(checks.toArray(new CompletableFuture<?>[0])).whenComplete((v, err) -> {
            job.checkDone();
            synchronized (job) {
                if (job.finished) {
                    return;
                }
            }
            timer.schedule(() -> deadline(job), Math.max(1, job.spec.timeoutSec()), TimeUnit.SECONDS);
        });
    }

    /**
     * One job while minions may still return for it. Every expected minion is in exactly one
     * of three places: still awaited, returned, or gone (not connected / no response); the
     * count of awaited ones is kept so a return costs O(1), not a scan of 10,000 ids.
     */
    public final class ActiveJob {
        final String jid;
        final PublishSpec spec;
        final Set<String> expected;
        final Set<String> returned = new HashSet<>();
        final Set<String> acked = new HashSet<>();
        final Set<String> arriving = new HashSet<>();
        final Map<String, String> gone = new LinkedHashMap<>();
        final JobListener listener;
        private int awaited;
        boolean finished;

        ActiveJob(String jid, PublishSpec spec, Set<String> expected, JobListener listener) {
            this.jid = jid;
            this.spec = spec;
            this.expected = expected;
            this.listener = listener;
            this.awaited = expected.size();
        }

        /** The minions still awaited, in id order (a scan: for listings and deadlines only). */
        synchronized List<String> waiting() {
            List<String> out = new ArrayList<>();
            // "arriving" ids are still waited for: their return is being stored.
            for (String id : expected) {
                if (!returned.contains(id) && !gone.containsKey(id)) {
                    out.add(id);
                }
            }
            return out;
        }

        private void markGone(String id, String why) {
            if (expected.contains(id) && !returned.contains(id) && gone.put(id, why) == null) {
                awaited--;
            }
        }

        synchronized void notConnected(String id) {
            markGone(id, "Not connected");
        }

        void returned(String id, Map<String, Object> data) {
            JobListener l;
            boolean wasGone;
            synchronized (this) {
                if (!expected.contains(id) || returned.contains(id)) {
                    return;
                }
                // A return that arrives after the minion was reported missing is still news.
                wasGone = gone.remove(id) != null;
                returned.add(id);
                arriving.remove(id);
                l = listener;
            }
            if (l != null) {
                try {
                    l.returned(id, data);
                } catch (RuntimeException e) {
                    log.warn("Job listener failed for {}", jid, e);
                }
            }
            // Counted only once the listener has the return: a deadline's checkDone on another
            // thread must not end the job (and the CLI's reply) before this return is passed on.
            if (!wasGone) {
                synchronized (this) {
                    awaited--;
                }
            }
            checkDone();
        }

        synchronized void arriving(String id) {
            arriving.add(id);
        }

        synchronized void notArriving(String id) {
            arriving.remove(id);
        }

        synchronized void noResponse(String id) {
            if (!arriving.contains(id)) {
                markGone(id, "No response");
            }
        }

        void checkDone() {
            Map<String, String> report;
            synchronized (this) {
                if (finished || awaited > 0) {
                    return;
                }
                finished = true;
                report = new LinkedHashMap<>(gone);
            }
            active.remove(jid);
            if (listener != null) {
                report.forEach(listener::missing);
                listener.done();
            }
        }
    }
}
