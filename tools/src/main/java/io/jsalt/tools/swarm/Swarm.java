package io.jsalt.tools.swarm;

import io.jsalt.common.config.Config;
import io.jsalt.common.crypto.KeyMaterial;
import io.jsalt.common.crypto.SecureFiles;
import io.jsalt.common.data.Yaml;
import io.jsalt.common.plugin.Context;
import io.jsalt.common.plugin.Family;
import io.jsalt.common.plugin.Registry;
import io.jsalt.common.plugin.Services;
import io.jsalt.common.proto.KeyStatus;
import io.jsalt.common.proto.Publish;
import io.jsalt.common.proto.Return;
import io.jsalt.common.transport.MasterKeyVerifier;
import io.jsalt.common.transport.RequestMethod;
import io.jsalt.common.transport.TlsContexts;
import io.jsalt.minion.MinionOptions;
import io.jsalt.minion.jobs.JobRunner;
import io.jsalt.minion.modules.GrainsModule;
import io.jsalt.minion.modules.TestModule;
import io.jsalt.minion.transport.MasterConnection;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Many simulated minions in one process, for load tests of a master (Salt's
 * tests/minionswarm.py, lighter): each has its own id, key pair, TLS connection and grains,
 * and speaks the real protocol through {@link MasterConnection}. All connections share one
 * small event loop group; jobs are answered on the event loop, so there is no thread per
 * minion.
 *
 * <p>Simulated minions serve {@code test.ping}, {@code test.echo}, {@code grains.get} and
 * {@code grains.items} with the real modules' code; any other function gets the real
 * minion's "'fun' is not available." error return. The master's {@code job.find} request
 * is answered with an empty map (swarm jobs finish at once).
 *
 * <p>Keys live under {@code <pki_dir>/swarm/<id>/} (minion.pem 0600, minion.pub, minion.crt)
 * and are reused by the next run, so a master that accepted them once accepts them again.
 */
public final class Swarm implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Swarm.class);

    /** The functions a simulated minion runs; anything else is "not available". */
    public static final Set<String> FUNCTIONS = Set.of("test.ping", "test.echo", "grains.get", "grains.items");

    /** The default role sets, cycled through by minion index (index % 6). */
    public static final List<List<String>> DEFAULT_ROLES = List.of(
            List.of("mail"), List.of("db", "masterdb"), List.of("db"),
            List.of("sessions"), List.of("source"), List.of("web"));

    /**
     * How to run the swarm.
     *
     * @param minions     how many minions to simulate (at least 1)
     * @param prefix      id prefix; ids are prefix + zero-padded index
     * @param grainsFile  a YAML list of grain maps (minion i gets element i % size), or null
     *                    for the default mix
     * @param connectRate connections started per second
     * @param threads     event loop threads shared by all connections
     */
    public record Options(int minions, String prefix, Path grainsFile, int connectRate, int threads) {
        public static final String DEFAULT_PREFIX = "ms-";
        public static final int DEFAULT_CONNECT_RATE = 500;
        public static final int DEFAULT_THREADS = 2;

        public Options {
            if (minions < 1) {
                throw new IllegalArgumentException("the number of minions must be at least 1, got " + minions);
            }
            prefix = prefix == null ? DEFAULT_PREFIX : prefix;
            String problem = prefixProblem(prefix);
            if (problem != null) {
                throw new IllegalArgumentException("invalid minion id prefix '" + prefix + "': " + problem);
            }
            if (connectRate < 1) {
                throw new IllegalArgumentException("the connect rate must be at least 1 per second, got "
                        + connectRate);
            }
            if (threads < 1) {
                throw new IllegalArgumentException("the number of threads must be at least 1, got " + threads);
            }
        }

        /** N minions with the default prefix, grains, rate and threads. */
        public static Options of(int minions) {
            return new Options(minions, DEFAULT_PREFIX, null, DEFAULT_CONNECT_RATE, DEFAULT_THREADS);
        }

        private static String prefixProblem(String p) {
            if (p.startsWith(".")) {
                return "it starts with '.'";
            }
            for (char c : p.toCharArray()) {
                if (c == '/' || c == '\\' || c < 0x20 || c == 0x7f || Character.isWhitespace(c)) {
                    return "ids may not contain '/', '\\', blanks or control characters";
                }
            }
            return null;
        }
    }

    private final Config config;
    private final MinionOptions options;
    private final Options opts;
    private final List<Map<String, Object>> grainsTemplates;
    private final List<Sim> sims;
    private final Map<String, Sim> byId;
    private final Registry registry;
    private final Services services = new Services();
    private final Logger moduleLog = LoggerFactory.getLogger("jsalt.module");
    private final AtomicInteger keysReady = new AtomicInteger();
    private final AtomicInteger keysCreated = new AtomicInteger();
    private final AtomicInteger started = new AtomicInteger();
    private final AtomicLong failedAuths = new AtomicLong();
    private final AtomicReference<String> lastProblem = new AtomicReference<>();
    private EventLoopGroup group;
    private ScheduledFuture<?> pacer;
    private volatile long connectStartNanos;
    private volatile boolean closed;
    private boolean starting;

    /**
     * Prepares the swarm (ids and grains; reads the grains file). Keys and connections
     * come with {@link #start()}.
     *
     * @param config the minion config: master, master_port, pki_dir, master_finger,
     *               heartbeat and reconnect settings apply to every simulated minion
     */
    public Swarm(Config config, Options opts) throws IOException {
        this.config = config;
        this.options = MinionOptions.from(config);
        this.opts = opts;
        this.grainsTemplates = opts.grainsFile() == null ? null : readGrainsFile(opts.grainsFile());
        this.registry = Registry.of(Family.EXECUTION, null, List.of(new TestModule(), new GrainsModule()));
        int width = Math.max(5, String.valueOf(opts.minions() - 1).length());
        List<Sim> list = new ArrayList<>(opts.minions());
        Map<String, Sim> ids = new HashMap<>(opts.minions() * 2);
        for (int i = 0; i < opts.minions(); i++) {
            String id = opts.prefix() + zeroPad(i, width);
            Sim s = new Sim(id, grainsFor(i, id));
            list.add(s);
            ids.put(id, s);
        }
        this.sims = Collections.unmodifiableList(list);
        this.byId = ids;
    }

    // ---- grains -------------------------------------------------------------------------

    private Map<String, Object> grainsFor(int index, String id) {
        Map<String, Object> g = new LinkedHashMap<>();
        if (grainsTemplates != null) {
            g.putAll(grainsTemplates.get(index % grainsTemplates.size()));
            g.put("id", id);
            g.put("host", id);
            return Collections.unmodifiableMap(g);
        }
        g.put("id", id);
        g.put("host", id);
        g.put("roles", DEFAULT_ROLES.get(index % DEFAULT_ROLES.size()));
        g.put("os", "Debian");
        g.put("os_family", "Debian");
        g.put("osrelease", "12");
        g.put("kernel", "Linux");
        g.put("num_cpus", 2L);
        g.put("ipv4", List.of(ipv4(index)));
        return Collections.unmodifiableMap(g);
    }

    /** 10.0.0.1 for index 0, counting up through 10.255.255.254. */
    static String ipv4(int index) {
        int n = index % 0xFFFFFE + 1;
        return "10." + ((n >> 16) & 0xFF) + "." + ((n >> 8) & 0xFF) + "." + (n & 0xFF);
    }

    private static String zeroPad(int i, int width) {
        String s = Integer.toString(i);
        return s.length() >= width ? s : "0".repeat(width - s.length()) + s;
    }

    /** Reads a YAML list of grain maps; each becomes immutable and is shared by its minions. */
    static List<Map<String, Object>> readGrainsFile(Path file) throws IOException {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("grains file " + file + " does not exist");
        }
        Object data = Yaml.load(text, file.toString());
        if (!(data instanceof List<?> list) || list.isEmpty()) {
            throw new IllegalArgumentException("grains file " + file + " must hold a non-empty YAML list of "
                    + "grain maps (one per minion kind), got " + (data instanceof List ? "an empty list"
                    : Yaml.typeName(data)));
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof Map<?, ?>)) {
                throw new IllegalArgumentException("grains file " + file + ": element " + i
                        + " must be a map of grains, got " + Yaml.typeName(list.get(i)));
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> m = (Map<String, Object>) frozen(list.get(i));
            out.add(m);
        }
        return List.copyOf(out);
    }

    /** An unmodifiable deep copy (insertion order kept), safe to share among minions. */
    private static Object frozen(Object o) {
        if (o instanceof Map<?, ?> m) {
            Map<String, Object> copy = new LinkedHashMap<>();
            m.forEach((k, v) -> copy.put(String.valueOf(k), frozen(v)));
            return Collections.unmodifiableMap(copy);
        }
        if (o instanceof List<?> l) {
            List<Object> copy = new ArrayList<>(l.size());
            l.forEach(v -> copy.add(frozen(v)));
            return Collections.unmodifiableList(copy);
        }
        return o;
    }

    // ---- start --------------------------------------------------------------------------

    /** The JDK property for the PBE iteration count of keys put in a PKCS12 key store. */
    static final String PKCS12_KEY_ITERATIONS = "keystore.pkcs12.keyPbeIterationCount";

    /**
     * Makes building the swarm's TLS contexts cheap: netty hands each client key to the JDK
     * through an in-memory PKCS12 key store, and the JDK protects the key in it with 10,000
     * PBKDF2 iterations, then unprotects it again: about 4 ms per context, most of the start
     * time of a large swarm. That key store is never written anywhere, so this sets the
     * iteration count to 1 (the key files themselves are unchanged). Process-wide: call it
     * only in a process that persists no PKCS12 key stores (jsalt-swarm's main does; jsalt
     * itself writes none). Does nothing when the property is already set.
     */
    public static void fastTlsContexts() {
        io.jsalt.common.transport.FastHandshakeCrypto.install();
        if (System.getProperty(PKCS12_KEY_ITERATIONS) == null) {
            System.setProperty(PKCS12_KEY_ITERATIONS, "1");
        }
    }

    /** The minion options the simulated minions share (master, port, keys). */
    public MinionOptions options() {
        return options;
    }

    /**
     * Loads or creates every minion's key (in parallel on all cores) and builds its TLS
     * context, then starts the connections, paced at the connect rate, and returns. Fails
     * with the file and reason when a key cannot be read or written. A {@link #close()}
     * meanwhile stops the key work; start then returns without connecting.
     */
    public Swarm start() throws IOException {
        synchronized (this) {
            if (starting) {
                throw new IllegalStateException("the swarm is already started");
            }
            starting = true;
        }
        Path pkiDir = options.pkiDir();
        Path swarmDir = pkiDir.resolve("swarm");
        MasterKeyVerifier verifier = MasterKeyVerifier.of(pkiDir, options.masterFinger());
        prepareKeys(swarmDir, verifier);
        synchronized (this) {
            if (closed) {
                return this;
            }
            group = new NioEventLoopGroup(opts.threads(), new DefaultThreadFactory("jsalt-swarm-loop", true));
            List<InetAddress> sources = sourceAddresses(options.master(), sims.size(), portsPerSourceAddress());
            for (int i = 0; i < sims.size(); i++) {
                Sim s = sims.get(i);
                s.connection = new MasterConnection(MasterConnection.Options.of(options, s.id), s.ssl, group, s::grains, s)
                        .statusListener(s).localAddress(sources.isEmpty() ? null : sources.get(i % sources.size()));
                s.ssl = null;
            }
            log.info("swarm: {} minions connecting to {}:{} at {}/s{}", sims.size(), options.master(),
                    options.masterPort(), opts.connectRate(), sources.isEmpty() ? "" : " from " + sources);
            connectStartNanos = System.nanoTime();
            // One ticker on one event loop starts the connections that are due: no thread and
            // no timer per minion.
            pacer = group.next().scheduleAtFixedRate(this::startDue, 0, 10, TimeUnit.MILLISECONDS);
        }
        return this;
    }

    /**
     * Null when this process may open a socket for each of n minions (and 200 files more), or
     * the one-line problem: the limit, the need and how to raise it.
     */
    public static String openFileLimitProblem(int n) {
        if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.UnixOperatingSystemMXBean os) {
            long max = os.getMaxFileDescriptorCount();
            long needed = n + 200L;
            if (max < needed) {
                return String.format("the open file limit is %d but %d minions need about %d; raise it (ulimit -n)",
                        max, n, needed);
            }
        }
        return null;
    }

    /** The file that holds the system's ephemeral port range (two numbers). */
    static final Path PORT_RANGE_FILE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");

    /**
     * How many connections to one master one source address can carry: three quarters of the
     * system's ephemeral port range (28,232 ports by default), the rest left for everything
     * else on the host; when the range cannot be read, Linux's default range.
     */
    static int portsPerSourceAddress() {
        int size = 60999 - 32768 + 1;
        try {
            String[] f = Files.readString(PORT_RANGE_FILE).trim().split("\\s+");
            size = Integer.parseInt(f[1]) - Integer.parseInt(f[0]) + 1;
        } catch (IOException | RuntimeException e) {
            log.debug("swarm: cannot read {}: {}; taking Linux's default port range", PORT_RANGE_FILE, e.toString());
        }
        return Math.max(1, size * 3 / 4);
    }

    /**
     * The local addresses the connections are spread over, round-robin: none (the system
     * chooses) while one address carries them all. Past that, a master on a loopback IPv4
     * address gets connections from 127.0.0.2 upwards, all of 127.0.0.0/8 being loopback on
     * Linux, so that no address runs out of ephemeral ports; the master still listens on its
     * own address alone. Any other master is warned about: the swarm cannot know which other
     * local addresses reach it.
     */
    static List<InetAddress> sourceAddresses(String master, int minions, int perAddress) throws IOException {
        if (minions <= perAddress) {
            return List.of();
        }
        InetAddress target;
        try {
            target = InetAddress.getByName(master);
        } catch (java.net.UnknownHostException e) {
            return List.of(); // the connections report the unknown host themselves
        }
        if (!(target instanceof java.net.Inet4Address) || !target.isLoopbackAddress()) {
            log.warn("swarm: {} connections to one address ({}) may run out of local ports past about {}: run "
                    + "several swarms on other hosts, or widen net.ipv4.ip_local_port_range", minions, master, perAddress);
            return List.of();
        }
        int needed = (minions + perAddress - 1) / perAddress;
        if (needed > 250) {
            throw new IllegalArgumentException(minions + " minions need more than 250 loopback source addresses");
        }
        List<InetAddress> out = new ArrayList<>(needed);
        for (int last = 2; out.size() < needed; last++) {
            InetAddress a = InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) last});
            if (!a.equals(target)) {
                out.add(a);
            }
        }
        return out;
    }

    private void prepareKeys(Path swarmDir, MasterKeyVerifier verifier) throws IOException {
        SecureFiles.ensureDirectory(swarmDir, SecureFiles.PRIVATE_DIR);
        // Twice the cores: the work is CPU (key pairs, certificates) and fsync (key files).
        int workers = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
        ExecutorService pool = Executors.newFixedThreadPool(workers, new DefaultThreadFactory("jsalt-swarm-keys", true));
        AtomicInteger next = new AtomicInteger();
        List<Future<?>> tasks = new ArrayList<>();
        try {
            for (int w = 0; w < workers; w++) {
                tasks.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < sims.size() && !closed; i = next.getAndIncrement()) {
                        Sim s = sims.get(i);
                        Path dir = swarmDir.resolve(s.id);
                        boolean fresh = !Files.exists(dir.resolve("minion.pem"));
                        KeyMaterial km = KeyMaterial.loadOrCreate(dir, "minion", s.id);
                        s.ssl = TlsContexts.client(km, verifier);
                        if (fresh) {
                            keysCreated.incrementAndGet();
                        }
                        keysReady.incrementAndGet();
                    }
                    return null;
                }));
            }
            for (Future<?> f : tasks) {
                f.get();
            }
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable c = e.getCause();
            next.set(sims.size());
            if (c instanceof IOException io) {
                throw io;
            }
            if (c instanceof RuntimeException re) {
                throw re;
            }
            throw new IOException(c);
        } catch (InterruptedException e) {
            next.set(sims.size());
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while preparing keys");
        } finally {
            pool.shutdownNow();
        }
    }

    private void startDue() {
        if (closed) {
            return;
        }
        long elapsedNanos = System.nanoTime() - connectStartNanos;
        long due = Math.min(sims.size(), 1 + elapsedNanos * opts.connectRate() / 1_000_000_000L);
        while (started.get() < due) {
            Sim s = sims.get(started.getAndIncrement());
            try {
                s.connection.start();
            } catch (RuntimeException e) {
                lastProblem.set(s.id + ": cannot start the connection: " + e);
                log.warn("swarm: cannot start the connection of {}", s.id, e);
            }
        }
        if (started.get() >= sims.size()) {
            pacer.cancel(false);
        }
    }

    // ---- state --------------------------------------------------------------------------

    /** How many minions the swarm simulates. */
    public int size() {
        return sims.size();
    }

    /** The minion ids, in index order. */
    public List<String> ids() {
        List<String> out = new ArrayList<>(sims.size());
        sims.forEach(s -> out.add(s.id));
        return out;
    }

    /** Keys loaded or created so far (all of them once {@link #start()} returns). */
    public int keysReady() {
        return keysReady.get();
    }

    /** Keys this run had to create (the rest were reused from an earlier run). */
    public int keysCreated() {
        return keysCreated.get();
    }

    /** Connections started so far (the rest wait for their turn at the connect rate). */
    public int started() {
        return started.get();
    }

    /** Minions the master has accepted whose connection is up. */
    public int connected() {
        int n = 0;
        for (Sim s : sims) {
            MasterConnection c = s.connection;
            if (c != null && c.isAccepted()) {
                n++;
            }
        }
        return n;
    }

    /** Waits until at least n minions are connected; false on timeout. */
    public boolean awaitConnected(int n, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (connected() >= n) {
                return true;
            }
            if (System.nanoTime() >= end || closed) {
                return false;
            }
            Thread.sleep(50);
        }
    }

    /** TLS handshake failures plus Hello answers other than ACCEPTED, over the swarm's life. */
    public long failedAuths() {
        return failedAuths.get();
    }

    /** The latest connect, handshake or authentication problem ("id: reason"), or null. */
    public String lastProblem() {
        return lastProblem.get();
    }

    /** Nanoseconds since the connections started, or 0 before. */
    public long connectingNanos() {
        long t = connectStartNanos;
        return t == 0 ? 0 : System.nanoTime() - t;
    }

    /** The grains minion id reports (unmodifiable), or null if the swarm has no such minion. */
    public Map<String, Object> grainsOf(String id) {
        Sim s = byId.get(id);
        return s == null ? null : s.grains;
    }

    /** Closes every connection and stops the event loops. */
    @Override
    public void close() {
        closed = true; // before the lock: stops a start() that is still making keys
        synchronized (this) {
            closeConnections();
        }
    }

    private void closeConnections() {
        if (pacer != null) {
            pacer.cancel(false);
        }
        // Close all at once (TLS close_notify included), then wait for them together.
        List<io.netty.util.concurrent.Future<Void>> closing = new ArrayList<>(sims.size());
        for (Sim s : sims) {
            MasterConnection c = s.connection;
            if (c != null) {
                closing.add(c.closeAsync());
            }
        }
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        for (io.netty.util.concurrent.Future<Void> f : closing) {
            long left = end - System.nanoTime();
            if (left <= 0 || !f.awaitUninterruptibly(left, TimeUnit.NANOSECONDS)) {
                break;
            }
        }
        if (group != null) {
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
    }

    // ---- one simulated minion -----------------------------------------------------------

    /** One simulated minion: its id, grains and connection; answers jobs on the event loop. */
    private final class Sim implements MasterConnection.Handler, MasterConnection.StatusListener {
        final String id;
        final Map<String, Object> grains;
        volatile SslContext ssl;
        volatile MasterConnection connection;

        Sim(String id, Map<String, Object> grains) {
            this.id = id;
            this.grains = grains;
        }

        Map<String, Object> grains() {
            return grains;
        }

        @Override
        public void onPublish(Publish p) {
            Return r;
            if (!FUNCTIONS.contains(p.getFun())) {
                r = JobRunner.failure(p, id, registry.missingMessage(p.getFun()), 1);
            } else {
                Context ctx = new Context(config.opts(), grains, Map.of(), null, false, null, moduleLog, services);
                r = JobRunner.execute(registry, ctx, id, p);
            }
            connection.sendReturn(r);
        }

        @Override
        public CompletableFuture<Object> onRequest(RequestMethod method, Map<String, Object> args) {
            if (method == RequestMethod.JOB_FIND) {
                // Swarm jobs finish as they arrive: nothing is ever running.
                return CompletableFuture.completedFuture(new LinkedHashMap<String, Object>());
            }
            return CompletableFuture.failedFuture(
                    RequestMethod.unknown(method.wire()));
        }

        @Override
        public void onAccepted() {
            // The connection sent the grains right after acceptance; a simulated minion has no
            // pillar, mine or startup states.
        }

        @Override
        public void onConnectFailed(Throwable cause) {
            Throwable c = cause;
            while (c.getCause() != null && c.getCause() != c) {
                c = c.getCause();
            }
            String reason = c instanceof java.net.UnknownHostException
                    ? "unknown host '" + c.getMessage() + "' (set master: in the minion config)"
                    : c.getMessage() == null ? c.toString() : c.getMessage();
            lastProblem.set(id + ": cannot reach the master: " + reason);
        }

        @Override
        public void onHandshakeFailed(String reason) {
            failedAuths.incrementAndGet();
            lastProblem.set(id + ": TLS handshake failed: " + reason);
        }

        @Override
        public void onHelloAck(KeyStatus status, String message) {
            if (status != KeyStatus.ACCEPTED) {
                failedAuths.incrementAndGet();
                String hint = switch (status) {
                    case PENDING -> "; accept the keys on the master (jsalt-key -a '" + opts.prefix()
                            + "*') or set auto_accept";
                    case DENIED -> "; the master holds another key for this id (delete the old keys there "
                            + "with jsalt-key -d '" + opts.prefix() + "*', or use another --prefix)";
                    case REJECTED -> "; the master rejected this key (jsalt-key -d '" + opts.prefix()
                            + "*' on the master to start over)";
                    default -> "";
                };
                lastProblem.set(id + ": key " + status.name().toLowerCase(java.util.Locale.ROOT)
                        + (message == null || message.isEmpty() ? "" : " (" + message + ")") + hint);
            }
        }
    }
}
