package io.jsalt.minion;

import io.jsalt.common.Shutdown;
import io.jsalt.common.config.Config;
import io.jsalt.common.crypto.KeyMaterial;
import io.jsalt.common.crypto.SecureFiles;
import io.jsalt.common.files.FileClient;
import io.jsalt.common.files.FileRoots;
import io.jsalt.common.match.Matcher;
import io.jsalt.common.pillar.PillarCompiler;
import io.jsalt.common.plugin.Context;
import io.jsalt.common.plugin.Family;
import io.jsalt.common.plugin.Functions;
import io.jsalt.common.plugin.Registry;
import io.jsalt.common.plugin.Services;
import io.jsalt.common.proto.Return;
import io.jsalt.common.transport.MasterKeyVerifier;
import io.jsalt.common.transport.RequestMethod;
import io.jsalt.common.transport.TlsContexts;
import io.jsalt.minion.api.MasterRequests;
import io.jsalt.minion.api.RunningJobs;
import io.jsalt.minion.api.StateRegistry;
import io.jsalt.minion.custom.CustomModules;
import io.jsalt.minion.files.LocalFileClient;
import io.jsalt.minion.files.RemoteFileClient;
import io.jsalt.minion.files.StateFiles;
import io.jsalt.minion.grains.GrainsStore;
import io.jsalt.minion.hub.HubClient;
import io.jsalt.minion.jobs.JobRunner;
import io.jsalt.minion.pillar.MinionPillar;
import io.jsalt.minion.schedule.Scheduler;
import io.jsalt.minion.startup.StartupStates;
import io.jsalt.minion.transport.MasterConnection;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The minion daemon: its key, its grains, its execution modules, and one connection to
 * the master over which jobs arrive and returns leave.
 */
public final class Minion implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Minion.class);

    private final Config config;
    private final MinionOptions options;
    private final String id;
    private GrainsStore grains;
    private Registry registry;
    private JobRunner runner;
    private MasterConnection connection;
    private EventLoopGroup group;
    private ScheduledExecutorService timer;
    private MinionPillar pillars;
    private Context baseContext;
    private Scheduler scheduler;
    private StartupStates startup;
    private boolean local;
    private java.util.function.Supplier<Context> contexts;
    private HubClient hub;

    public Minion(Config config) {
        this.config = config;
        this.options = MinionOptions.from(config);
        this.id = MinionId.resolve(options);
    }

    public String id() {
        return id;
    }

    /** Loads grains and modules: everything a job needs, without connecting. */
    public Minion prepare() {
        grains = GrainsStore.open(id, options.configDir(), options.grains());
        Services services = new Services().put(Config.class, config).put(MinionOptions.class, options)
                .put(GrainsStore.class, grains);
        wireFilesAndPillar(services);
        Functions[] table = new Functions[1];
        java.util.function.Supplier<Context> ctx = () -> new Context(config.opts(), grains.view(), pillars.current(),
                table[0], false, null, LoggerFactory.getLogger("jsalt.module"), services);
        registry = Registry.load(Family.EXECUTION, ctx.get());
        table[0] = registry.bind(ctx);
        services.put(Registry.class, registry);
        services.put(MasterRequests.class, this::askMaster);
        contexts = ctx;
        Registry stateRegistry = Registry.load(Family.STATE, ctx.get());
        services.put(StateRegistry.class, new StateRegistry(stateRegistry));
        CustomModules custom = new CustomModules(options.cachedir().resolve("extmods"), ctx);
        custom.attach(registry, stateRegistry);
        services.put(CustomModules.class, custom);
        timer = Executors.newSingleThreadScheduledExecutor(new DefaultThreadFactory("jsalt-minion-timer", true));
        runner = new JobRunner(registry, ctx, id, options.processCountMax(), timer, options.jobTimeout());
        services.put(RunningJobs.class, runner).put(JobRunner.class, runner);
        Consumer<Return> toMaster = r -> {
            MasterConnection c = connection;
            if (c != null) {
                c.sendReturn(r);
            }
        };
        scheduler = Scheduler.forMinion(options, runner, pillars::current, toMaster);
        services.put(Scheduler.class, scheduler);
        startup = StartupStates.of(options, runner, toMaster);
        baseContext = ctx.get();
        if (local) {
            refreshPillarQuietly();
        }
        return this;
    }

    /**
     * salt:// and pillar: from the master (file server, per-minion pillar) or, with
     * {@code file_client: local}, from this host's file_roots and pillar_roots.
     */
    private void wireFilesAndPillar(Services services) {
        local = options.masterless();
        MasterRequests master = this::askMaster;
        if (local) {
            LocalFileClient files = new LocalFileClient(new FileRoots(options.fileRoots()));
            services.put(FileClient.class, files).put(StateFiles.class, files);
            PillarCompiler compiler = new PillarCompiler(new FileRoots(options.pillarRoots()), config.opts(),
                    new Matcher(options.nodegroups()));
            pillars = new MinionPillar(MinionPillar.local(compiler, id, grains::grains));
        } else {
            RemoteFileClient files = new RemoteFileClient(master, options.cachedir());
            services.put(FileClient.class, files).put(StateFiles.class, files);
            pillars = new MinionPillar(MinionPillar.remote(master));
        }
        services.put(MinionPillar.class, pillars);
    }

    /**
     * The answer to the master's find_job: the running job's data (Salt's saltutil.find_job),
     * or, for a job that has just ended, a note that its return is on its way. That return may
     * still be queued behind this answer on the connection (it was written from the job's
     * thread), and a master told "not running" first would report a minion that did return
     * as not responding. Only for a short while, so an unacknowledged return cannot keep a
     * job waiting for ever.
     */
    private Map<String, Object> findJob(String jid) {
        Map<String, Object> running = runner.find(jid);
        MasterConnection c = connection;
        if (running.isEmpty() && c != null && c.returnInFlight(jid, 30_000)) {
            return Map.of("jid", jid, "returning", true);
        }
        return running;
    }

    private void refreshPillarQuietly() {
        try {
            pillars.refresh();
        } catch (RuntimeException e) {
            log.warn("Could not compile pillar: {}", e.getMessage());
        }
    }

    /**
     * For jsalt-call: a short-lived connection to the master that serves requests (pillar,
     * salt:// files, mine) but takes no jobs and leaves the daemon's connection alone.
     * Waits until accepted and the pillar is fetched; fails with a clear message otherwise.
     */
    public Minion connectForCall(long timeoutMs) throws Exception {
        if (registry == null) {
            prepare();
        }
        KeyMaterial km = KeyMaterial.loadOrCreate(options.pkiDir(), "minion", id);
        MasterKeyVerifier verifier = MasterKeyVerifier.of(options.pkiDir(), options.masterFinger());
        group = new NioEventLoopGroup(1, new DefaultThreadFactory("jsalt-call-loop", true));
        connection = new MasterConnection(options(), TlsContexts.client(km, verifier), group, grains::grains,
                new MasterConnection.Handler() {
                    @Override
                    public void onPublish(io.jsalt.common.proto.Publish p) {
                        // A call connection takes no jobs.
                    }

                    @Override
                    public CompletableFuture<Object> onRequest(RequestMethod method, Map<String, Object> args) {
                        return CompletableFuture.failedFuture(new IllegalArgumentException("not a daemon"));
                    }

                    @Override
                    public void onAccepted() {
                        // The caller waits for accepted() and fetches pillar itself.
                    }
                }).ephemeral(true);
        connection.start();
        try {
            connection.accepted().get(timeoutMs, java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("could not reach the master at " + options.master() + ":"
                    + options.masterPort() + " within " + timeoutMs / 1000
                    + " s; use --local to run masterless");
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage());
        }
        pillars.refresh();
        return this;
    }

    private MasterConnection.Options options() {
        return MasterConnection.Options.of(options, id);
    }

    /** Connects to the master; jobs are served from then on. */
    public Minion start() throws Exception {
        if (registry == null) {
            prepare();
        }
        // The file client cache, state lock and backups live here: 0700, as pki_dir.
        SecureFiles.ensureDirectory(options.cachedir(), SecureFiles.PRIVATE_DIR);
        // A daemon's state runs compile fresh pillar, as a Salt minion daemon's do.
        pillars.freshPerStateRun();
        KeyMaterial km = KeyMaterial.loadOrCreate(options.pkiDir(), "minion", id);
        MasterKeyVerifier verifier = MasterKeyVerifier.of(options.pkiDir(), options.masterFinger());
        hub = new HubClient(options, this::askMaster, registry, contexts);
        group = new NioEventLoopGroup(1, new DefaultThreadFactory("jsalt-minion-loop", true));
        MasterConnection.Options o = options();
        connection = new MasterConnection(o, TlsContexts.client(km, verifier), group, grains::grains,
                new MasterConnection.Handler() {
                    @Override
                    public void onPublish(io.jsalt.common.proto.Publish p) {
                        runner.submit(p, connection::sendReturn);
                    }

                    @Override
                    public CompletableFuture<Object> onRequest(RequestMethod method, Map<String, Object> args) {
                        if (method == RequestMethod.JOB_FIND) {
                            return CompletableFuture.completedFuture(findJob(String.valueOf(args.get("jid"))));
                        }
                        return CompletableFuture.failedFuture(
                                RequestMethod.unknown(method.wire()));
                    }

                    @Override
                    public void onAccepted() {
                        // The connection sent the full grains already. Pillar first (mine_functions and startup
                        // states use it), then the hub client's start event and mine, then the
                        // startup states.
                        CompletableFuture.runAsync(() -> {
                            refreshPillarQuietly();
                            hub.accepted();
                            if (startup != null) {
                                startup.runOnce();
                            }
                        });
                    }
                });
        grains.addListener(g -> connection.request(RequestMethod.GRAINS_UPDATE, Map.of("grains", g), 10_000)
                .exceptionally(err -> {
                    log.warn("Could not send changed grains to the master: {}", err.getMessage());
                    return null;
                }));
        connection.start();
        scheduler.start(timer);
        log.info("jsalt minion '{}' starting; master {}:{}", id, o.host(), o.port());
        return this;
    }

    /** A request to the master over the live connection (mine, events); fails when there is none. */
    private CompletableFuture<Object> askMaster(RequestMethod method, Map<String, Object> args, long timeoutMs) {
        MasterConnection c = connection;
        return c == null ? CompletableFuture.failedFuture(new IllegalStateException("not connected to the master"))
                : c.request(method, args, timeoutMs);
    }

    public Registry registry() {
        return registry;
    }

    public JobRunner runner() {
        return runner;
    }

    public GrainsStore grains() {
        return grains;
    }

    public MasterConnection connection() {
        return connection;
    }

    /** This minion's pillar (current copy, refresh). */
    public MinionPillar pillar() {
        return pillars;
    }

    public Context context() {
        return baseContext;
    }

    @Override
    public void close() {
        Shutdown.inOrder(hub, connection, Shutdown.of(group), scheduler, runner, Shutdown.of(timer));
    }
}
