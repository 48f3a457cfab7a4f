package io.jsalt.minion.schedule;

import io.jsalt.common.Jid;
import io.jsalt.common.data.Data;
import io.jsalt.common.data.Values;
import io.jsalt.common.proto.Publish;
import io.jsalt.common.proto.Return;
import io.jsalt.minion.jobs.JobRunner;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the {@link Schedule}: a once-a-second tick starts each due job through the
 * minion's {@link JobRunner} with a fresh JID, like a job from the master, and sends its
 * return (marked with the job's {@code schedule} name) to the master, so it lands in the
 * job cache. {@code maxrunning} bounds overlapping runs of one job; {@code splay} adds a
 * random delay to each run.
 */
public final class Scheduler implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Scheduler.class);

    private final Schedule schedule;
    private final JobRunner runner;
    private final Consumer<Return> sink;
    private final String user;
    private final Clock clock;
    private final Jid jids;
    private final Map<String, Long> nextFire = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
    private final long startedMillis;
    private ScheduledFuture<?> ticker;

    public Scheduler(Schedule schedule, JobRunner runner, Consumer<Return> sink, String user, Clock clock) {
        this.schedule = schedule;
        this.runner = runner;
        this.sink = sink;
        this.user = user;
        this.clock = clock;
        this.jids = new Jid(clock);
        this.startedMillis = clock.millis();
    }

    /**
     * The minion daemon's scheduler: the config's {@code schedule}, the saved
     * {@code minion.d/_schedule.conf}, and pillar's {@code schedule}; returns go to sink.
     */
    public static Scheduler forMinion(io.jsalt.minion.MinionOptions options, JobRunner runner,
                                      java.util.function.Supplier<Map<String, Object>> pillar, Consumer<Return> sink) {
        Map<String, Object> configured = options.schedule();
        java.nio.file.Path saveFile = options.configDir().resolve("minion.d").resolve("_schedule.conf");
        return new Scheduler(new Schedule(configured, saveFile, pillar), runner, sink,
                System.getProperty("user.name"), Clock.systemUTC());
    }

    public Schedule schedule() {
        return schedule;
    }

    /** Starts ticking on the given timer. */
    public Scheduler start(ScheduledExecutorService timer) {
        ticker = timer.scheduleWithFixedDelay(this::tickQuietly, 1, 1, TimeUnit.SECONDS);
        return this;
    }

    private void tickQuietly() {
        try {
            tick();
        } catch (RuntimeException e) {
            log.warn("Schedule tick failed: {}", e.getMessage(), e);
        }
    }

    /** Starts every job that is due now; returns the names started. */
    public List<String> tick() {
        List<String> started = new ArrayList<>();
        if (!schedule.enabled()) {
            return started;
        }
        long now = clock.millis();
        Map<String, Map<String, Object>> jobs = schedule.jobs();
        nextFire.keySet().retainAll(jobs.keySet());
        for (Map.Entry<String, Map<String, Object>> e : jobs.entrySet()) {
            String name = e.getKey();
            Map<String, Object> job = e.getValue();
            long interval = intervalMillis(job);
            if (interval <= 0 || job.get("function") == null) {
                continue;
            }
            Long due = nextFire.get(name);
            if (due == null) {
                boolean onStart = Data.truthy(job.get("run_on_start"));
                due = (onStart ? startedMillis : now + interval) + splayMillis(job);
                nextFire.put(name, due);
            }
            if (now < due) {
                continue;
            }
            nextFire.put(name, now + interval + splayMillis(job));
            if (job.containsKey("enabled") && !Data.truthy(job.get("enabled"))) {
                continue;
            }
            if (run(name, job)) {
                started.add(name);
            }
        }
        return started;
    }

    /** Salt's schedule.run_job: start the job now, whatever its timing. */
    public boolean runNow(String name) {
        Map<String, Object> job = schedule.jobs().get(name);
        return job != null && run(name, job);
    }

    /** Epoch millis of a job's next run, or null. */
    public Long nextFireMillis(String name) {
        return nextFire.get(name);
    }

    private boolean run(String name, Map<String, Object> job) {
        long max = job.get("maxrunning") instanceof Number n ? n.longValue() : 1;
        AtomicInteger running = inFlight.computeIfAbsent(name, k -> new AtomicInteger());
        if (running.get() >= max) {
            log.debug("maxrunning ({}) of schedule job {} reached; not starting another", max, name);
            return false;
        }
        running.incrementAndGet();
        List<Object> args = job.get("args") instanceof List<?> l ? new ArrayList<>(l) : new ArrayList<>();
        Map<String, Object> kwargs = new LinkedHashMap<>();
        if (job.get("kwargs") instanceof Map<?, ?> m) {
            m.forEach((k, v) -> kwargs.put(String.valueOf(k), v));
        }
        Publish p = Publish.newBuilder().setJid(jids.next()).setFun(String.valueOf(job.get("function")))
                .setArgs(Values.toProto(args)).setKwargs(Values.toProto(kwargs)).setUser(user).build();
        log.info("Running scheduled job: {} ({} with jid {})", name, p.getFun(), p.getJid());
        runner.submit(p, r -> {
            running.decrementAndGet();
            if (job.containsKey("return_job") && !Data.truthy(job.get("return_job"))) {
                return;
            }
            Map<String, Object> extra = Values.mapFromProto(r.getExtra());
            extra.put("schedule", name);
            extra.put("user", user);
            // Marked as the minion's own job: the master stores it under this minion's JID.
            sink.accept(r.toBuilder().setExtra(Values.toProto(extra)).setMinionJob(true).build());
        });
        return true;
    }

    static long intervalMillis(Map<String, Object> job) {
        long s = num(job.get("seconds")) + num(job.get("minutes")) * 60 + num(job.get("hours")) * 3600
                + num(job.get("days")) * 86400;
        return s * 1000;
    }

    private static long splayMillis(Map<String, Object> job) {
        Object splay = job.get("splay");
        long lo = 0;
        long hi;
        if (splay instanceof Map<?, ?> m) {
            lo = num(m.get("start"));
            hi = num(m.get("end"));
        } else {
            hi = num(splay);
        }
        if (hi <= lo) {
            return lo * 1000;
        }
        return ThreadLocalRandom.current().nextLong(lo * 1000, hi * 1000 + 1);
    }

    private static long num(Object o) {
        if (o instanceof Number n) {
            return n.longValue();
        }
        if (o instanceof String s && !s.isBlank()) {
            try {
                return Long.parseLong(s.trim());
            } catch (NumberFormatException e) {
                return 0;
            }
        }
        return 0;
    }

    @Override
    public void close() {
        if (ticker != null) {
            ticker.cancel(false);
        }
    }
}
