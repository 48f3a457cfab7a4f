package io.jsalt.master.reactor;

import io.jsalt.common.plugin.Context;
import io.jsalt.common.plugin.Registry;
import io.jsalt.master.events.Event;
import io.jsalt.master.events.EventBus;
import io.jsalt.master.jobs.JobManager;
import io.jsalt.master.jobs.PublishSpec;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Salt's reactor: for each event whose tag matches a {@code reactor} glob, render the
 * listed files with {@code tag} and {@code data} and carry out their reactions. Events
 * wait in one bounded queue ({@code reactor_worker_hwm}) for a small pool of workers
 * ({@code reactor_worker_threads}, started only when needed); when the queue is full the
 * event is dropped and logged, so a storm of events cannot exhaust the master.
 */
public final class Reactor implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Reactor.class);

    private final ReactorConfig config;
    private final List<Path> fileRoots;
    private final JobManager jobs;
    private final Registry runners;
    private final Context runnerCtx;
    private final long timeoutSec;
    private final ThreadPoolExecutor workers;
    private volatile ReactorRenderer renderer = new YamlReactorRenderer();
    private EventBus.Subscription subscription;

    /**
     * @param fileRoots where {@code salt://} reactor paths are looked up (file_roots base)
     */
    public Reactor(ReactorConfig config, List<Path> fileRoots, JobManager jobs, Registry runners, Context runnerCtx,
                   long timeoutSec, int threads, int highWaterMark) {
        this.config = config;
        this.fileRoots = fileRoots;
        this.jobs = jobs;
        this.runners = runners;
        this.runnerCtx = runnerCtx;
        this.timeoutSec = timeoutSec;
        this.workers = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(Math.max(1, highWaterMark)), new DefaultThreadFactory("jsalt-reactor", true));
        this.workers.allowCoreThreadTimeOut(true);
    }

    /** Uses another renderer (the Jinja one) from now on. */
    public void renderer(ReactorRenderer r) {
        this.renderer = r;
    }

    public Reactor listen(EventBus bus) {
        if (!config.isEmpty()) {
            subscription = bus.subscribe(tag -> !config.filesFor(tag).isEmpty(), this::enqueue);
        }
        return this;
    }

    private void enqueue(Event e) {
        try {
            workers.execute(() -> react(e));
        } catch (RejectedExecutionException ex) {
            log.warn("Reactor queue full (reactor_worker_hwm); dropped event {}", e.tag());
        }
    }

    /** Renders and runs every reactor file for the event; one bad file does not stop the others. */
    void react(Event e) {
        for (String file : config.filesFor(e.tag())) {
            List<Reaction> reactions;
            try {
                Path path = resolve(file);
                reactions = Reaction.parse(renderer.render(path, e.tag(), e.data()), file);
            } catch (Exception ex) {
                log.error("Reactor file {} for event {} failed to render: {}", file, e.tag(), ex.getMessage());
                continue;
            }
            for (Reaction r : reactions) {
                try {
                    run(r);
                } catch (RuntimeException ex) {
                    log.error("Reaction '{}' ({}.{}) from {} failed: {}", r.id(), r.client(), r.fun(), file,
                            ex.getMessage() == null ? ex.toString() : ex.getMessage());
                }
            }
        }
    }

    private void run(Reaction r) {
        if (r.client().equals("local")) {
            String jid = jobs.publish(new PublishSpec(r.tgt(), r.tgtType(), r.fun(), new ArrayList<>(r.args()),
                    new LinkedHashMap<>(r.kwargs()), timeoutSec, "Reactor"), null);
            if (jid == null) {
                log.info("Reaction '{}': no minion matched {} ({}); {} not sent", r.id(), r.tgt(), r.tgtType(), r.fun());
            } else {
                log.info("Reaction '{}': published {} to {} as job {}", r.id(), r.fun(), r.tgt(), jid);
            }
            return;
        }
        if (runners.function(r.fun()) == null) {
            throw new IllegalArgumentException(runners.missingMessage(r.fun()));
        }
        Object result = runners.invoke(runnerCtx, r.fun(), new ArrayList<>(r.args()), new LinkedHashMap<>(r.kwargs()));
        log.info("Reaction '{}': runner {} returned {}", r.id(), r.fun(), result);
    }

    /** An absolute path, or salt://path under file_roots. */
    Path resolve(String file) {
        if (file.startsWith("salt://")) {
            String rel = file.substring("salt://".length());
            for (Path root : fileRoots) {
                Path p = root.resolve(rel).normalize();
                if (p.startsWith(root) && Files.isRegularFile(p)) {
                    return p;
                }
            }
            throw new IllegalArgumentException(file + " is not in file_roots " + fileRoots);
        }
        Path p = Path.of(file);
        if (!p.isAbsolute()) {
            throw new IllegalArgumentException("reactor file '" + file + "' must be absolute or salt://");
        }
        return p;
    }

    @Override
    public void close() {
        if (subscription != null) {
            subscription.close();
        }
        workers.shutdownNow();
    }
}
