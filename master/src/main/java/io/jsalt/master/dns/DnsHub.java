package io.jsalt.master.dns;

import io.jsalt.common.match.MinionData;
import io.jsalt.common.pillar.PillarCompiler;
import io.jsalt.master.events.EventBus;
import io.jsalt.master.events.MasterEvents;
import io.jsalt.master.minions.MinionRegistry;
import io.netty.channel.EventLoopGroup;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Zone;

/**
 * The master as the fleet's DNS server. It keeps the current zone (rebuilt from the minion
 * registry and the master's pillar) and serves it; the zone is rebuilt soon after any
 * auth, key or minion-start event and every 5 seconds (changed grains), and pillar is
 * read again on {@link #refresh()}, which the master's pillar watch calls when a pillar
 * file changes ({@code jsalt-run dns.refresh} too). The serial changes exactly when the
 * records do.
 */
public final class DnsHub implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DnsHub.class);
    private static final long REBUILD_DELAY_MS = 50;
    private static final long REBUILD_EVERY_SEC = 5;

    private final DnsHubConfig cfg;
    private final MinionRegistry minions;
    private final ScheduledExecutorService worker;
    private final ZoneBuilder builder;
    private final AtomicBoolean rebuildQueued = new AtomicBoolean();
    private final Supplier<Map<String, Object>> masterPillar;
    private volatile Map<String, Object> pillar = new LinkedHashMap<>();
    private volatile List<String> pillarErrors = List.of();
    private volatile ZoneState state;
    private volatile List<String> conflicts = List.of();
    /** masterdb's answer in the zone served; kept when pillar names masterdb wrongly. */
    private volatile Set<InetAddress> masterdb = Set.of();
    private volatile String masterdbProblem;
    private DnsServer server;
    private EventBus.Subscription subscription;

    /**
     * @param masterPillar the pillar compiled for the master's own id, with {@code _errors}
     *                     when it failed ({@link io.jsalt.master.hub.MasterPillar#current})
     * @param worker       runs rebuilds (never the DNS event loop, so a slow rebuild cannot
     *                     stall answers)
     */
    public DnsHub(DnsHubConfig cfg, MinionRegistry minions, Supplier<Map<String, Object>> masterPillar,
                  ScheduledExecutorService worker) {
        this.cfg = cfg;
        this.minions = minions;
        this.masterPillar = masterPillar;
        this.worker = worker;
        this.builder = new ZoneBuilder(cfg, nsAddresses(cfg));
    }

    /** Builds the first zone, binds the sockets and starts the periodic rebuild. */
    public DnsHub start(EventLoopGroup group, EventBus bus) throws InterruptedException {
        refresh();
        server = new DnsServer(new DnsAnswerer(() -> state, forwarder(cfg))).start(group, cfg.listen(), cfg.port());
        subscription = bus.subscribe(tag -> tag.equals(MasterEvents.BASE + "/auth")
                || tag.equals(MasterEvents.BASE + "/key")
                || (tag.startsWith(MasterEvents.BASE + "/minion/") && tag.endsWith("/start")), e -> rebuildSoon());
        // Grains updates (a minion's new address) fire no event: a cheap rebuild catches them.
        worker.scheduleWithFixedDelay(this::rebuildSoon, REBUILD_EVERY_SEC, REBUILD_EVERY_SEC, TimeUnit.SECONDS);
        log.info("DNS hub serving zone {} on {}:{} (serial {})", cfg.zone(), cfg.listen(), port(), state.serial());
        return this;
    }

    /** Reads the master's pillar again and rebuilds the zone; returns the zone now served. */
    public synchronized ZoneState refresh() {
        Map<String, Object> p = masterPillar.get();
        List<String> errors = PillarCompiler.errors(p);
        // A pillar file that fails to render must not drop records: keep the last good pillar.
        if (!errors.isEmpty()) {
            log.error("DNS hub: the master's pillar has errors; keeping the previous pillar: {}", errors);
        } else {
            pillar = p == null ? new LinkedHashMap<>() : p;
        }
        pillarErrors = errors;
        return rebuild();
    }

    /** Rebuilds the zone from the registry and the last pillar; bumps the serial only on change. */
    public synchronized ZoneState rebuild() {
        List<MinionData> data = new ArrayList<>();
        for (MinionRegistry.Entry e : minions.all()) {
            data.add(new MinionData(e.id(), e.grains(), e.pillar()));
        }
        ZoneBuilder.Result built = builder.build(data, pillar, masterdb);
        reportConflicts(built.conflicts());
        reportMasterdb(built.masterdbProblem());
        masterdb = built.masterdb();
        ZoneState old = state;
        if (old != null && old.records().equals(built.records())) {
            if (!old.warnings().equals(built.warnings())) {
                state = new ZoneState(old.zone(), old.serial(), old.records(), built.warnings(), old.builtAtMillis());
            }
            return state;
        }
        long now = System.currentTimeMillis() / 1000;
        // Serials are 32-bit and must only grow: the clock, or one more than the last.
        long serial = old == null ? now : Math.max(old.serial() + 1, now);
        serial &= 0xffffffffL;
        List<Record> all = new ArrayList<>();
        all.add(new SOARecord(cfg.zone(), DClass.IN, cfg.ttl(), cfg.ns(), hostmaster(), serial,
                3600, 600, 86400, cfg.ttl()));
        all.addAll(built.records());
        try {
            state = new ZoneState(new Zone(cfg.zone(), all.toArray(new Record[0])), serial,
                    Collections.unmodifiableList(built.records()), built.warnings(), System.currentTimeMillis());
        } catch (IOException e) {
            throw new IllegalStateException("cannot build zone " + cfg.zone() + ": " + e.getMessage(), e);
        }
        for (String w : built.warnings()) {
            log.debug("DNS hub: {}", w);
        }
        log.info("DNS zone {} now has {} records (serial {})", cfg.zone(), built.records().size(), serial);
        return state;
    }

    /**
     * Logs each contested name once, when it becomes contested (a WARNING, as an operator
     * has to rename or remove a minion), and once more when it is settled.
     */
    private void reportConflicts(List<String> now) {
        List<String> before = conflicts;
        if (before.equals(now)) {
            return;
        }
        for (String c : now) {
            if (!before.contains(c)) {
                log.warn("DNS hub: {}", c);
            }
        }
        for (String c : before) {
            if (!now.contains(c)) {
                log.info("DNS hub: no longer in conflict: {}", c);
            }
        }
        conflicts = List.copyOf(now);
    }

    /**
     * Logs why pillar's masterdb was not taken, once when the reason appears or changes (a
     * WARNING: the database clients keep the old primary until someone fixes the pillar).
     */
    private void reportMasterdb(String problem) {
        if (Objects.equals(problem, masterdbProblem)) {
            return;
        }
        if (problem != null) {
            log.warn("DNS hub: {}", problem);
        } else {
            log.info("DNS hub: masterdb follows pillar again");
        }
        masterdbProblem = problem;
    }

    /** Why pillar's choice for masterdb is not served (the last good answer is), or null. */
    public String masterdbProblem() {
        return masterdbProblem;
    }

    /** Names several minions claim (none of them answers); empty when there are none. */
    public List<String> conflicts() {
        return conflicts;
    }

    /** The errors of the last pillar compile (empty when it was fine); the zone kept the pillar before it. */
    public List<String> pillarErrors() {
        return pillarErrors;
    }

    public ZoneState current() {
        return state;
    }

    /** The zone in BIND master-file format: $ORIGIN, $TTL, the SOA, then every record. */
    public String masterFile() {
        return MasterFile.format(state.zone(), cfg.ttl());
    }

    public int port() {
        return server == null ? cfg.port() : server.port();
    }

    public DnsHubConfig config() {
        return cfg;
    }

    /** For hub.status: zone, listen address, serial, record count, forwarders, warnings, conflicts. */
    public Map<String, Object> status() {
        ZoneState z = state;
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("zone", cfg.zone().toString(true));
        out.put("listen", cfg.listen());
        out.put("port", (long) port());
        out.put("serial", z.serial());
        out.put("records", (long) z.records().size());
        List<Object> fw = new ArrayList<>();
        cfg.forwarders().forEach(f -> fw.add(f.getAddress().getHostAddress() + ":" + f.getPort()));
        out.put("forwarders", fw);
        out.put("warnings", new ArrayList<Object>(z.warnings()));
        out.put("conflicts", new ArrayList<Object>(conflicts));
        String problem = masterdbProblem;
        if (problem != null) {
            out.put("masterdb_error", problem);
        }
        if (!pillarErrors.isEmpty()) {
            out.put("pillar_errors", new ArrayList<Object>(pillarErrors));
        }
        return out;
    }

    private void rebuildSoon() {
        if (rebuildQueued.compareAndSet(false, true)) {
            worker.schedule(() -> {
                rebuildQueued.set(false);
                try {
                    rebuild();
                } catch (RuntimeException e) {
                    log.error("DNS zone rebuild failed", e);
                }
            }, REBUILD_DELAY_MS, TimeUnit.MILLISECONDS);
        }
    }

    private Name hostmaster() {
        try {
            return Name.fromString("hostmaster", cfg.zone());
        } catch (org.xbill.DNS.TextParseException e) {
            throw new IllegalStateException(e);
        }
    }

    static Resolver forwarder(DnsHubConfig cfg) {
        if (cfg.forwarders().isEmpty()) {
            return null;
        }
        List<Resolver> rs = new ArrayList<>();
        for (InetSocketAddress a : cfg.forwarders()) {
            SimpleResolver r = new SimpleResolver(a);
            r.setTimeout(Duration.ofSeconds(2));
            rs.add(r);
        }
        ExtendedResolver ext = new ExtendedResolver(rs);
        ext.setTimeout(Duration.ofSeconds(2));
        ext.setRetries(2);
        return ext;
    }

    /** ns_addresses, else the listen address, else this host's non-loopback addresses, else loopback. */
    static List<InetAddress> nsAddresses(DnsHubConfig cfg) {
        List<InetAddress> out = new ArrayList<>();
        for (String s : cfg.nsAddresses()) {
            InetAddress a = ZoneBuilder.literal(s);
            if (a == null) {
                throw new io.jsalt.common.config.Config.ConfigException("dns_hub:ns_addresses: '" + s
                        + "' is not an IP address");
            }
            out.add(a);
        }
        if (!out.isEmpty()) {
            return out;
        }
        InetAddress listen = ZoneBuilder.literal(cfg.listen());
        if (listen != null && !listen.isAnyLocalAddress()) {
            return List.of(listen);
        }
        try {
            for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!ni.isUp() || ni.isLoopback()) {
                    continue;
                }
                for (InetAddress a : Collections.list(ni.getInetAddresses())) {
                    if (!(a instanceof Inet6Address && a.isLinkLocalAddress()) && !a.isLoopbackAddress()) {
                        out.add(a instanceof Inet6Address i6 ? InetAddress.getByAddress(i6.getAddress()) : a);
                    }
                }
            }
        } catch (IOException e) {
            log.debug("Cannot list network interfaces: {}", e.getMessage());
        }
        if (out.isEmpty()) {
            out.add(InetAddress.getLoopbackAddress());
        }
        return out;
    }

    @Override
    public void close() {
        if (subscription != null) {
            subscription.close();
        }
        if (server != null) {
            server.close();
        }
    }
}
