package io.jsalt.minion.startup;

import io.jsalt.common.Jid;
import io.jsalt.minion.MinionOptions;
import io.jsalt.common.data.Values;
import io.jsalt.common.proto.Publish;
import io.jsalt.common.proto.Return;
import io.jsalt.minion.jobs.JobRunner;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Salt's {@code startup_states}: {@code highstate}, {@code sls} (with {@code sls_list}) or
 * {@code top} (with {@code top_file}), applied once each time the minion starts, as soon as
 * it is connected, as a job with its own JID whose return goes to the master's job cache.
 */
public final class StartupStates {
    private static final Logger log = LoggerFactory.getLogger(StartupStates.class);

    private final Publish publish;
    private final JobRunner runner;
    private final Consumer<Return> sink;
    private final AtomicBoolean done = new AtomicBoolean();

    private StartupStates(Publish publish, JobRunner runner, Consumer<Return> sink) {
        this.publish = publish;
        this.runner = runner;
        this.sink = sink;
    }

    /** The startup run the config asks for, or null when {@code startup_states} is unset. */
    public static StartupStates of(MinionOptions options, JobRunner runner, Consumer<Return> sink) {
        Publish p = publish(options, Jid.systemUtc().next());
        return p == null ? null : new StartupStates(p, runner, sink);
    }

    /** The job for the configured startup states (Salt's minion._state_run), or null. */
    static Publish publish(MinionOptions options, String jid) {
        String mode = options.startupStates();
        if (mode == null || mode.isBlank()) {
            return null;
        }
        String fun;
        List<Object> args = new ArrayList<>();
        switch (mode) {
            case "sls" -> {
                fun = "state.sls";
                args.add(options.slsList() == null ? new ArrayList<>() : new ArrayList<>(options.slsList()));
            }
            case "top" -> {
                fun = "state.top";
                args.add(options.topFile() == null ? "" : options.topFile());
            }
            case "highstate" -> fun = "state.highstate";
            default -> {
                log.warn("startup_states: '{}' is not one of highstate, sls, top; applying the highstate", mode);
                fun = "state.highstate";
            }
        }
        return Publish.newBuilder().setJid(jid).setFun(fun).setArgs(Values.toProto(args))
                .setKwargs(Values.toProto(new java.util.LinkedHashMap<>()))
                .setUser(System.getProperty("user.name")).build();
    }

    /** Starts the run the first time it is called; later calls (reconnects) do nothing. */
    public void runOnce() {
        if (done.compareAndSet(false, true)) {
            log.info("Applying startup states: {} (jid {})", publish.getFun(), publish.getJid());
            // Marked as the minion's own job: the master published no job with this JID.
            runner.submit(publish, r -> sink.accept(r.toBuilder().setMinionJob(true).build()));
        }
    }
}
