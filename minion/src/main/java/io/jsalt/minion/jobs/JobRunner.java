package io.jsalt.minion.jobs;

import io.jsalt.common.data.Values;
import io.jsalt.common.plugin.Call;
import io.jsalt.common.plugin.CommandExecutionError;
import io.jsalt.common.plugin.Context;
import io.jsalt.common.plugin.FunctionNotAvailable;
import io.jsalt.common.plugin.InvocationError;
import io.jsalt.common.plugin.Registry;
import io.jsalt.common.proto.Publish;
import io.jsalt.common.proto.Return;
import io.jsalt.minion.api.RunningJobs;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs jobs off the event loop in a bounded pool (process_count_max threads, a bounded
 * queue), with an optional per-job time limit, and turns results and failures into
 * Salt's return shape and retcodes.
 */
public final class JobRunner implements RunningJobs, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(JobRunner.class);

    /** A job in flight. */
    private record Running(Publish publish, long pid, long startedMillis, Future<?> future) {}

    private final Registry registry;
    private final Supplier<Context> context;
    private final String minionId;
    private final ThreadPoolExecutor pool;
    private final ScheduledExecutorService timer;
    private final long jobTimeoutSec;
    private final Map<String, Running> running = new ConcurrentHashMap<>();

    public JobRunner(Registry registry, Supplier<Context> context, String minionId, int maxJobs,
                     ScheduledExecutorService timer, long jobTimeoutSec) {
        this.registry = registry;
        this.context = context;
        this.minionId = minionId;
        this.timer = timer;
        this.jobTimeoutSec = jobTimeoutSec;
        this.pool = new ThreadPoolExecutor(maxJobs, maxJobs, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(1000),
                r -> {
                    Thread t = new Thread(r, "jsalt-job");
                    t.setDaemon(true);
                    return t;
                });
        this.pool.allowCoreThreadTimeOut(true);
    }

    /** Starts a job; the return goes to the sink when it ends, whatever happens. */
    public void submit(Publish p, Consumer<Return> sink) {
        String jid = p.getJid();
        if (running.containsKey(jid)) {
            log.debug("Job {} already running; ignoring the duplicate publish", jid);
            return;
        }
        try {
            Future<?> f = pool.submit(() -> {
                try {
                    sink.accept(execute(p));
                } finally {
                    running.remove(jid);
                }
            });
            running.put(jid, new Running(p, ProcessHandle.current().pid(), System.currentTimeMillis(), f));
            if (jobTimeoutSec > 0) {
                timer.schedule(() -> {
                    if (running.containsKey(jid)) {
                        log.warn("Job {} ({}) exceeded job_timeout of {} s; stopping it", jid, p.getFun(), jobTimeoutSec);
                        f.cancel(true);
                    }
                }, jobTimeoutSec, TimeUnit.SECONDS);
            }
        } catch (RejectedExecutionException e) {
            sink.accept(failure(p, "The minion is overloaded: too many queued jobs; job not run.", 1));
        }
    }

    /** Runs one function synchronously and builds the return (also used by jsalt-call). */
    public Return execute(Publish p) {
        return execute(registry, context.get(), minionId, p);
    }

    /**
     * Runs one function of the registry synchronously in the given base context and builds
     * the return as minion {@code minionId}: Salt's return shape, messages and retcodes for
     * every failure. Shared with jsalt-swarm, whose simulated minions answer like real ones.
     */
    public static Return execute(Registry registry, Context base, String minionId, Publish p) {
        String fun = p.getFun();
        List<Object> args = Values.listFromProto(p.getArgs());
        Map<String, Object> kwargs = Values.mapFromProto(p.getKwargs());
        boolean test = kwargs.containsKey("test") ? io.jsalt.common.data.Data.truthy(kwargs.get("test")) : base.test();
        Context ctx = base.with(test, p.getJid(), LoggerFactory.getLogger("jsalt.module." + fun));
        Registry.Function f = registry.function(fun);
        if (f == null) {
            return failure(p, minionId, registry.missingMessage(fun), 1);
        }
        // Salt hands functions the publish data as __pub_* keyword arguments (cmd.run uses
        // them to decide on a shell); test.arg and friends hide them again.
        Map<String, Object> withPub = new LinkedHashMap<>(kwargs);
        withPub.put("__pub_fun", fun);
        withPub.put("__pub_jid", p.getJid());
        withPub.put("__pub_user", p.getUser());
        Call call = new Call(ctx, fun, args, withPub, f.doc());
        Object ret;
        int retcode;
        try {
            ret = registry.invoke(call);
            retcode = call.retcode() == null ? 0 : call.retcode();
        } catch (FunctionNotAvailable | io.jsalt.common.plugin.ForeignError e) {
            return failure(p, minionId, e.getMessage(), 1);
        } catch (CommandExecutionError e) {
            return failure(p, minionId, "ERROR: " + e.getMessage(), 1);
        } catch (InvocationError e) {
            return failure(p, minionId, "ERROR executing '" + fun + "': " + e.getMessage(), 1);
        } catch (Call.InvalidArguments e) {
            return failure(p, minionId, e.getMessage() + "\n" + e.doc(), 1);
        } catch (RuntimeException e) {
            if (Thread.currentThread().isInterrupted() || e.getCause() instanceof InterruptedException) {
                return failure(p, minionId, "The job was killed before it finished.", 1);
            }
            StringWriter sw = new StringWriter();
            e.printStackTrace(new PrintWriter(sw));
            log.warn("{} raised an exception", fun, e);
            return failure(p, minionId, "The minion function caused an exception: " + sw, 1);
        }
        try {
            return build(p, minionId, ret, retcode, retcode == 0);
        } catch (Values.TooDeepException e) {
            // The master could not read such a return; say why instead of never answering.
            return failure(p, minionId, "ERROR: the return of " + fun + " is " + e.getMessage(), 1);
        }
    }

    private Return failure(Publish p, String message, int retcode) {
        return failure(p, minionId, message, retcode);
    }

    /** A failed job's return: the message as the return value, success false. */
    public static Return failure(Publish p, String minionId, String message, int retcode) {
        return build(p, minionId, message, retcode, false);
    }

    /** A return in Salt's shape (jid, id, fun, return, retcode, success, fun_args, out). */
    public static Return build(Publish p, String minionId, Object ret, int retcode, boolean success) {
        Map<String, Object> extra = new LinkedHashMap<>();
        String out = FunctionOutputters.of(p.getFun());
        if (out != null) {
            extra.put("out", out);
        }
        return Return.newBuilder()
                .setJid(p.getJid()).setId(minionId).setFun(p.getFun())
                .setRet(Values.toProto(ret))
                .setRetcode(retcode).setSuccess(success)
                .setFunArgs(Values.toProto(funArgs(p)))
                .setExtra(Values.toProto(extra))
                .build();
    }

    private static List<Object> funArgs(Publish p) {
        List<Object> out = new ArrayList<>(Values.listFromProto(p.getArgs()));
        Map<String, Object> kw = Values.mapFromProto(p.getKwargs());
        if (!kw.isEmpty()) {
            Map<String, Object> shown = new LinkedHashMap<>(kw);
            shown.put("__kwarg__", true);
            out.add(shown);
        }
        return out;
    }

    @Override
    public List<Map<String, Object>> running() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Running r : running.values()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("fun", r.publish().getFun());
            m.put("arg", Values.listFromProto(r.publish().getArgs()));
            m.put("jid", r.publish().getJid());
            m.put("pid", r.pid());
            m.put("user", r.publish().getUser());
            m.put("id", minionId);
            out.add(m);
        }
        return out;
    }

    /** The running job's data, or an empty map (Salt's saltutil.find_job). */
    public Map<String, Object> find(String jid) {
        for (Map<String, Object> m : running()) {
            if (jid.equals(m.get("jid"))) {
                return m;
            }
        }
        return new LinkedHashMap<>();
    }

    @Override
    public boolean kill(String jid) {
        Running r = running.get(jid);
        if (r == null) {
            return false;
        }
        return r.future().cancel(true);
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
