package io.jsalt.master;

import io.jsalt.common.Shutdown;
import io.jsalt.common.config.Config;
import io.jsalt.common.crypto.KeyMaterial;
import io.jsalt.common.crypto.SecureFiles;
import io.jsalt.common.match.Matcher;
import io.jsalt.common.net.Ip;
import io.jsalt.common.plugin.Context;
import io.jsalt.common.plugin.Family;
import io.jsalt.common.plugin.Registry;
import io.jsalt.common.plugin.Services;
import io.jsalt.common.proto.KeyStatus;
import io.jsalt.common.transport.FastHandshakeCrypto;
import io.jsalt.common.transport.TlsContexts;
import io.jsalt.master.cli.CliHandler;
import io.jsalt.master.cli.CliServer;
import io.jsalt.master.cli.Ops;
import io.jsalt.master.fileserver.FileServer;
import io.jsalt.master.hub.FleetHub;
import io.jsalt.master.jobs.PeerPublish;
import io.jsalt.master.jobs.JobCache;
import io.jsalt.master.jobs.JobManager;
import io.jsalt.master.keys.Decision;
import io.jsalt.master.keys.KeyAdmission;
import io.jsalt.master.keys.KeyDirectory;
import io.jsalt.master.keys.KeyOperations;
import io.jsalt.master.keys.KeyState;
import io.jsalt.master.minions.MinionRegistry;
import io.jsalt.master.pillar.PillarService;
import io.jsalt.master.transport.Authenticator;
import io.jsalt.master.transport.HandshakeGate;
import io.jsalt.master.transport.MasterServerInitializer;
import io.jsalt.master.transport.MinionLink;
import io.jsalt.master.transport.PendingPeers;
import io.jsalt.master.transport.RequestRouter;
import io.jsalt.master.transport.SessionHandler;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.InternetProtocolFamily;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.nio.channels.spi.SelectorProvider;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The master daemon: one TLS port for minions (event loops, no thread per minion), one
 * unix socket for the CLI tools, the key store, the job cache and the minion data cache.
 */
public final class Master implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Master.class);
    /** How often the held pending minions are checked against autosign (see PendingPeers). */
    static final long AUTOSIGN_SWEEP_SECONDS = 5;

    private final Config config;
    private final MasterOptions options;
    private KeyMaterial keyMaterial;
    private KeyDirectory keyDir;
    private KeyOperations keys;
    private KeyAdmission admission;
    private JobCache cache;
    private MinionRegistry minions;
    private JobManager jobs;
    private Registry runners;
    private Context runnerCtx;
    private EventLoopGroup boss;
    private EventLoopGroup workers;
    private EventLoopGroup cliGroup;
    private ExecutorService io;
    private PendingPeers pendingPeers;
    private ExecutorService cliWorkers;
    private ScheduledExecutorService timer;
    private Channel server;
    private HandshakeGate gate;
    private CliServer cli;
    private FleetHub hub;
    private PillarService pillars;
    private final RequestRouter router = new RequestRouter();
    private final MinionLink link = new MinionLink();
    private final java.util.List<AutoCloseable> features = new java.util.ArrayList<>();

    /** Types and checks the options (a bad hub or reactor section fails here, before anything starts). */
    public Master(Config config) {
        this.config = config;
        this.options = MasterOptions.from(config);
        // A bad interface is a start-up error before anything is opened.
        options.bindAddress();
    }

    /**
     * Starts the master in the order its parts need each other: the stores on disk, the
     * shared executors, the minion registry and the job manager, the request handlers
     * (hub, pillar, file server), the runners, the hubs, then the minion port and last
     * the control socket, so nothing reaches a part that is not there yet.
     */
    public Master start() throws Exception {
        openStores();
        startExecutors();
        trackMinionsAndJobs();
        installRequestHandlers();
        Services services = loadRunners();
        hub.start(services, runners, runnerCtx);
        listenForMinions();
        openControlSocket();
        log.info("jsalt master listening on {} (fingerprint {})", listening(), keyMaterial.fingerprint());
        return this;
    }

    /** The cache directory, the master's key pair, the key directory (with admission and
     * jsalt-key operations over it) and the job cache. */
    private void openStores() throws Exception {
        SecureFiles.ensureDirectory(options.cachedir(), SecureFiles.PRIVATE_DIR);
        keyMaterial = KeyMaterial.loadOrCreate(options.pkiDir(), "master", options.masterId());
        keyDir = KeyDirectory.fromOpts(config.opts());
        keys = new KeyOperations(keyDir);
        admission = KeyAdmission.fromOpts(keyDir, config.opts());
        cache = JobCache.open(options.cachedir().resolve("jobs.mv.db"));
    }

    /** The I/O pool, the timer (which also prunes the job cache) and the control socket's workers. */
    private void startExecutors() {
        io = Executors.newFixedThreadPool(2, new DefaultThreadFactory("jsalt-io", true));
        timer = Executors.newSingleThreadScheduledExecutor(new DefaultThreadFactory("jsalt-timer", true));
        cliWorkers = new ThreadPoolExecutor(2, 32, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(1024),
                new DefaultThreadFactory("jsalt-cli", true));
        cache.startPruner(timer, Duration.ofHours(options.keepJobs()));
    }

    /** The minion registry (accepted keys and their cached data) and the job manager. */
    private void trackMinionsAndJobs() throws Exception {
        minions = new MinionRegistry(options.cachedir(), io);
        minions.loadCache(keys.list(KeyState.ACCEPTED));
        keyDir.onAccepted(minions::accepted);
        pendingPeers = new PendingPeers(options.pendingHoldMax(), options.pendingHoldTime() * 1000,
                id -> keyDir.has(KeyState.ACCEPTED, id), (id, ch) -> {
                    MinionRegistry.Entry e = minions.get(id);
                    return e != null && e.channel() == ch;
                });
        keyDir.onAccepted(pendingPeers::accepted);
        // An autosign entry added while a minion waits reaches it within this period (Salt's
        // minion would find it at its next try, acceptance_wait_time: 10 s by default).
        // On the I/O pool: it reads the autosign files, and the timer drives job deadlines.
        timer.scheduleWithFixedDelay(() -> io.execute(() -> {
            try {
                pendingPeers.autosignSweep(admission::autosigns);
            } catch (RuntimeException e) {
                log.warn("Checking the held pending minions against autosign failed", e);
            }
        }), AUTOSIGN_SWEEP_SECONDS, AUTOSIGN_SWEEP_SECONDS, TimeUnit.SECONDS);
        keyDir.onRemoved(minions::removed);
        jobs = new JobManager(minions, cache, () -> new Matcher(options.nodegroups()), link, timer,
                options.gatherJobTimeout());
    }

    /** What answers the minions' requests: the hub (events, mine), pillar and the file server. */
    private void installRequestHandlers() throws Exception {
        // grains.update is the session's own (SessionHandler): its first one makes the minion ready.
        hub = FleetHub.install(options, keyDir, minions, jobs, router, io);
        PeerPublish.register(router, jobs, options.peer(), io);
        pillars = PillarService.install(options, router, minions);
        features.add(pillars);
        keyDir.onRemoved(pillars::forget);
        hub.pillarSource(pillars::pillar);
        hub.pillarFiles(pillars.dirs(), pillars::invalidate);
        hub.reactorRenderer(new io.jsalt.master.reactor.JinjaReactorRenderer(config.opts()));
        features.add(FileServer.install(options, router));
    }

    /** The runner plugins and the services they reach; returns those services for the hubs. */
    private Services loadRunners() {
        Services services = new Services()
                .put(Config.class, config)
                .put(MasterOptions.class, options)
                .put(JobCache.class, cache)
                .put(JobManager.class, jobs)
                .put(MinionRegistry.class, minions)
                .put(KeyOperations.class, keys)
                .put(PillarService.class, pillars);
        Context base = new Context(config.opts(), new LinkedHashMap<>(), new LinkedHashMap<>(), null, false, null,
                LoggerFactory.getLogger("jsalt.runner"), services);
        runners = Registry.load(Family.RUNNER, base);
        runnerCtx = new Context(config.opts(), new LinkedHashMap<>(), new LinkedHashMap<>(),
                runners.bind(() -> null), false, null, LoggerFactory.getLogger("jsalt.runner"), services);
        services.put(Registry.class, runners);
        hub.register(services);
        return services;
    }

    /** The TLS port for minions: key decisions, sessions, the handshake gate and the event loops. */
    private void listenForMinions() throws Exception {
        FastHandshakeCrypto.install();
        SslContext ssl = TlsContexts.server(keyMaterial);
        Authenticator auth = hub.auditing((id, pem, grains) -> {
            try {
                Decision d = admission.admit(id, pem, grains);
                return new Authenticator.Result(KeyStatus.valueOf(d.name()), "");
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        SessionHandler.Factory sessions = new SessionHandler.Factory(minions, jobs, router, link);
        boolean epoll = Epoll.isAvailable();
        boss = epoll ? new EpollEventLoopGroup(1, new DefaultThreadFactory("jsalt-boss", true))
                : new NioEventLoopGroup(1, new DefaultThreadFactory("jsalt-boss", true));
        int nWorkers = options.eventLoopThreads();
        workers = epoll ? new EpollEventLoopGroup(nWorkers, new DefaultThreadFactory("jsalt-loop", true))
                : new NioEventLoopGroup(nWorkers, new DefaultThreadFactory("jsalt-loop", true));
        long idle = options.heartbeatInterval() * 3;
        gate = new HandshakeGate(options.tlsHandshakeLimit(), options.tlsHandshakeQueue());
        var limits = new MasterServerInitializer.Limits(options.maxHelloBytes(), options.maxFrameBytes());
        InetSocketAddress bind = options.bindAddress();
        // A socket of the address's own family: netty's default is an IPv6 socket for every
        // address, which listens on an IPv4 one as ::ffff:a.b.c.d (ss shows that, and a check
        // for a.b.c.d:4506 fails).
        InternetProtocolFamily family = bind.getAddress() instanceof Inet6Address
                ? InternetProtocolFamily.IPv6 : InternetProtocolFamily.IPv4;
        ServerBootstrap b = new ServerBootstrap()
                .group(boss, workers)
                .channelFactory(() -> epoll ? new EpollServerSocketChannel(family)
                        : new NioServerSocketChannel(SelectorProvider.provider(), family))
                .option(ChannelOption.SO_BACKLOG, 4096)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                .childHandler(new MasterServerInitializer(ssl, limits, idle, auth, io, sessions, gate, pendingPeers));
        server = b.bind(bind).sync().channel();
    }

    /** The unix socket the CLI tools speak to. */
    private void openControlSocket() throws Exception {
        cliGroup = new EpollEventLoopGroup(1, new DefaultThreadFactory("jsalt-cli-loop", true));
        cli = new CliServer(options.sockDir());
        cli.start(cliGroup, new CliHandler.Factory(hub.ops(Ops.all(config, jobs, keys, pendingPeers, runners, runnerCtx)),
                cliWorkers));
    }

    /** Pending minions' connections held open until their key is accepted. */
    public PendingPeers pendingPeers() {
        return pendingPeers;
    }

    /** The bound minion address as an operator checks it with ss: 10.0.0.1:4506, [::]:4506. */
    public String listening() {
        InetSocketAddress a = (InetSocketAddress) server.localAddress();
        String host = Ip.format(a.getAddress());
        return (a.getAddress() instanceof Inet6Address ? "[" + host + "]" : host) + ":" + a.getPort();
    }

    /** The bound minion port (useful with ret_port 0 in tests). */
    public int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    public String fingerprint() {
        return keyMaterial.fingerprint();
    }

    public Config config() {
        return config;
    }

    /** The typed options. */
    public MasterOptions options() {
        return options;
    }

    public KeyOperations keys() {
        return keys;
    }

    public JobManager jobs() {
        return jobs;
    }

    /** The TLS handshake gate (how many handshakes run and wait). */
    public HandshakeGate handshakeGate() {
        return gate;
    }

    public MinionRegistry minions() {
        return minions;
    }

    public JobCache cache() {
        return cache;
    }

    /** Events, mine, reactor, DNS and rsync hubs. */
    public FleetHub hub() {
        return hub;
    }

    public RequestRouter router() {
        return router;
    }

    /** Blocks until the server channel closes. */
    public void awaitTermination() throws InterruptedException {
        server.closeFuture().sync();
    }

    @Override
    public void close() {
        Shutdown.inOrder(cli, server == null ? null : () -> server.close().syncUninterruptibly(),
                Shutdown.of(boss), Shutdown.of(workers), Shutdown.of(cliGroup), hub,
                Shutdown.of(cliWorkers), Shutdown.of(timer), Shutdown.of(io));
        for (AutoCloseable f : features) {
            try {
                f.close();
            } catch (Exception e) {
                log.warn("Error closing {}: {}", f, e.getMessage());
            }
        }
        if (jobs != null) {
            jobs.close();
        }
        if (cache != null) {
            cache.close();
        }
    }
}
