package io.jsalt.master.hub;

import io.jsalt.common.Shutdown;
import io.jsalt.master.MasterOptions;
import io.jsalt.common.plugin.Context;
import io.jsalt.common.plugin.Registry;
import io.jsalt.common.plugin.Services;
import io.jsalt.common.proto.RunnerRequest;
import io.jsalt.common.transport.RequestMethod;
import io.jsalt.master.cli.CliHandler;
import io.jsalt.master.dns.DnsHub;
import io.jsalt.master.dns.DnsHubConfig;
import io.jsalt.master.dns.PillarSource;
import io.jsalt.master.events.EventBus;
import io.jsalt.master.events.EventStreamOp;
import io.jsalt.master.events.MasterEvents;
import io.jsalt.master.jobs.JobManager;
import io.jsalt.master.keys.KeyDirectory;
import io.jsalt.master.keys.KeyState;
import io.jsalt.master.mine.MineRequests;
import io.jsalt.master.mine.MineStore;
import io.jsalt.master.pillar.PillarWatch;
import io.jsalt.master.minions.MinionRegistry;
import io.jsalt.master.reactor.Reactor;
import io.jsalt.master.reactor.ReactorConfig;
import io.jsalt.master.reactor.ReactorRenderer;
import io.jsalt.master.rsync.RsyncHub;
import io.jsalt.master.rsync.RsyncHubConfig;
import io.jsalt.master.transport.Authenticator;
import io.jsalt.master.transport.RequestRouter;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The master's fleet-hub services in one place: the event bus and Salt's events, the mine,
 * the reactor, the DNS hub and the rsync hub. The master calls {@link #install} once its
 * key directory, registry and job manager exist, {@link #register} with its services,
 * {@link #start} once runners are loaded, and routes its CLI ops and authenticator
 * through {@link #ops} and {@link #auditing}.
 */
public final class FleetHub implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(FleetHub.class);

    private final MasterOptions options;
    private final String masterId;
    private final MinionRegistry minions;
    private final JobManager jobs;
    private final EventBus bus = new EventBus();
    private final MasterEvents events = new MasterEvents(bus);
    private final MineStore mine;
    private final DnsHubConfig dnsConfig;
    private final RsyncHubConfig rsyncConfig;
    private final ReactorConfig reactorConfig;
    private final ScheduledExecutorService worker;
    private final MasterPillar masterPillar;
    private List<Path> pillarDirs = List.of();
    private final List<Runnable> pillarChangeHooks = new java.util.concurrent.CopyOnWriteArrayList<>();
    private PillarWatch pillarWatch;
    private ReactorRenderer reactorRenderer;
    private EventLoopGroup dnsGroup;
    private DnsHub dns;
    private RsyncHub rsync;
    private Reactor reactor;

    private FleetHub(MasterOptions options, MinionRegistry minions, JobManager jobs, ExecutorService io) {
        this.options = options;
        this.masterId = options.masterId();
        this.minions = minions;
        this.jobs = jobs;
        // MasterOptions has parsed the hub sections: a bad one stopped the master before it listens.
        this.dnsConfig = options.dnsHub();
        this.rsyncConfig = options.rsyncHub();
        this.reactorConfig = options.reactor();
        this.mine = new MineStore(options.cachedir(), io);
        this.worker = Executors.newSingleThreadScheduledExecutor(new DefaultThreadFactory("jsalt-hub", true));
        this.masterPillar = new MasterPillar(masterId);
    }

    /** Creates the hub and hooks it to the key directory, the job manager and the request router. */
    public static FleetHub install(MasterOptions options, KeyDirectory keys, MinionRegistry minions,
                                   JobManager jobs, RequestRouter router, ExecutorService io) throws IOException {
        FleetHub h = new FleetHub(options, minions, jobs, io);
        h.mine.load(keys.list(KeyState.ACCEPTED));
        keys.onAccepted(id -> h.events.key(id, "accept"));
        keys.onRemoved(id -> {
            h.mine.forget(id);
            boolean rejected;
            try {
                rejected = keys.list(KeyState.REJECTED).contains(id);
            } catch (IOException e) {
                rejected = false;
            }
            h.events.key(id, rejected ? "reject" : "delete");
        });
        jobs.observe(new JobManager.Observer() {
            @Override
            public void published(Map<String, Object> load) {
                h.events.jobNew(load);
            }

            @Override
            public void returned(Map<String, Object> ret) {
                h.events.jobReturn(ret);
            }
        });
        router.register(RequestMethod.MINION_START, (id, args) -> {
            h.events.minionStart(id);
            return CompletableFuture.completedFuture(true);
        });
        router.register(RequestMethod.EVENT_FIRE, (id, args) -> {
            h.events.fromMinion(id, args.get("tag") == null ? null : String.valueOf(args.get("tag")), args.get("data"));
            return CompletableFuture.completedFuture(true);
        });
        MineRequests.register(router, h.mine, jobs);
        return h;
    }

    /** Makes the hub's parts available to runners. */
    public void register(Services services) {
        services.put(EventBus.class, bus).put(MasterEvents.class, events).put(MineStore.class, mine);
        services.put(FleetHub.class, this);
    }

    /**
     * Starts the DNS hub, the rsync daemon and the reactor (each only when configured), and,
     * when a hub reads the master's pillar, the pillar watch (or its fallback timer).
     */
    public void start(Services services, Registry runners, Context runnerCtx) throws Exception {
        boolean usesPillar = dnsConfig != null || (rsyncConfig != null && rsyncConfig.usesPillar());
        if (usesPillar) {
            // One compile of the master's pillar, read by both hubs as they start.
            masterPillar.reload();
        }
        services.put(MasterPillar.class, masterPillar);
        if (dnsConfig != null) {
            dnsGroup = new NioEventLoopGroup(1, new DefaultThreadFactory("jsalt-dns", true));
            dns = new DnsHub(dnsConfig, minions, masterPillar::current, worker).start(dnsGroup, bus);
            masterPillar.onReload(dns::refresh);
            services.put(DnsHub.class, dns);
        }
        if (rsyncConfig != null) {
            // Module secrets may come from the master's own pillar, as the DNS hub's names do.
            rsync = new RsyncHub(rsyncConfig, options.cachedir(), worker, masterPillar::current).start();
            if (rsyncConfig.usesPillar()) {
                masterPillar.onReload(rsync::refreshQuietly);
            }
            services.put(RsyncHub.class, rsync);
        }
        if (usesPillar) {
            watchPillar();
        }
        if (!reactorConfig.isEmpty()) {
            reactor = new Reactor(reactorConfig, options.baseFileRoots(), jobs, runners, runnerCtx, options.timeout(),
                    options.reactorWorkerThreads(), options.reactorWorkerHwm());
            if (reactorRenderer != null) {
                reactor.renderer(reactorRenderer);
            }
            reactor.listen(bus);
        }
    }

    /** Wraps the master's authenticator so every decision fires {@code salt/auth}. */
    public Authenticator auditing(Authenticator inner) {
        return events.auditing(inner);
    }

    /** The CLI ops with event streaming: {@code jsalt-run state.event} streams instead of returning. */
    public CliHandler.Operations ops(CliHandler.Operations base) {
        CliHandler.Op<RunnerRequest> runner = base.runner();
        EventStreamOp stream = new EventStreamOp(bus);
        return base.withRunner((req, replies) -> {
            if ("state.event".equals(req.getFun())) {
                stream.run(req, replies);
            } else {
                runner.run(req, replies);
            }
        });
    }

    /**
     * Reloads the master's pillar when a file under pillar_roots changes (the hooks first,
     * then one compile for both hubs); without {@code pillar_watch}, or when the directories
     * cannot be watched, re-reads it every {@code dns_hub:refresh} seconds (60 without a DNS
     * hub), without the hooks.
     */
    private void watchPillar() {
        Runnable changed = () -> {
            pillarChangeHooks.forEach(Runnable::run);
            masterPillar.reload();
        };
        if (options.pillarWatch()) {
            pillarWatch = new PillarWatch(pillarDirs, worker, changed);
            if (pillarWatch.start()) {
                return;
            }
            pillarWatch = null;
        } else {
            log.info("pillar_watch is off: the master's pillar is reloaded on a timer");
        }
        // The timer only re-reads: nothing says a file changed, so the minions' compiled pillar
        // stays cached (PillarService checks its files' stamps itself).
        long every = dnsConfig != null ? dnsConfig.refreshSeconds() : RsyncHub.PILLAR_REFRESH_SECONDS;
        worker.scheduleWithFixedDelay(masterPillar::reload, every, every, TimeUnit.SECONDS);
    }

    /**
     * Where the hubs get the master's pillar; set before {@link #start} or at any time after
     * (then the hubs reload at once).
     */
    public void pillarSource(PillarSource source) {
        masterPillar.source(source);
        if (dns != null || rsync != null) {
            worker.execute(masterPillar::reload);
        }
    }

    /**
     * The pillar_roots directories to watch, and what else must hear of a change (the
     * minions' pillar cache); set before {@link #start}.
     */
    public void pillarFiles(List<Path> dirs, Runnable onChange) {
        this.pillarDirs = List.copyOf(dirs);
        pillarChangeHooks.add(onChange);
    }

    /** The master's own pillar, compiled once per change for both hubs. */
    public MasterPillar masterPillar() {
        return masterPillar;
    }

    /** The reactor's renderer (the Jinja one, once wired); plain YAML until then. */
    public void reactorRenderer(ReactorRenderer r) {
        this.reactorRenderer = r;
        if (reactor != null) {
            reactor.renderer(r);
        }
    }

    public EventBus bus() {
        return bus;
    }

    public MasterEvents events() {
        return events;
    }

    public MineStore mine() {
        return mine;
    }

    public DnsHub dns() {
        return dns;
    }

    public RsyncHub rsync() {
        return rsync;
    }

    @Override
    public void close() {
        Shutdown.inOrder(pillarWatch, reactor, rsync, dns, Shutdown.of(dnsGroup), Shutdown.of(worker));
        log.debug("Fleet hub stopped");
    }
}
