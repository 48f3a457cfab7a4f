package io.jsalt.master;

import io.jsalt.common.config.Config;
import io.jsalt.common.config.Config.ConfigException;
import io.jsalt.common.config.TemplateOptions;
import io.jsalt.common.net.Ip;
import io.jsalt.common.text.Printable;
import io.jsalt.master.dns.DnsHubConfig;
import io.jsalt.master.reactor.ReactorConfig;
import io.jsalt.master.rsync.RsyncHubConfig;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The master's options, typed: one component per option of the master's table
 * ({@link io.jsalt.common.config.OptionTable#MASTER}, named in camel case; {@code interface}
 * is {@code interfaceAddress}; the template options both daemons share are the one
 * {@link TemplateOptions} component), read and checked once at start. {@link #raw} is the options
 * map for what reads any option by name, as Salt's {@code __opts__} (templates, runners,
 * the pillar compiler).
 */
public record MasterOptions(
        Config raw,
        String interfaceAddress,
        int retPort,
        boolean ipv6,
        int pendingHoldMax,
        long pendingHoldTime,
        Path rootDir,
        Path pkiDir,
        Path cachedir,
        Path sockDir,
        Path pidfile,
        Map<String, List<Path>> fileRoots,
        Map<String, List<Path>> pillarRoots,
        Map<String, Object> nodegroups,
        String stateTop,
        TemplateOptions templates,
        boolean pillarSafeRenderError,
        int fileBufferSize,
        long keepJobs,
        long timeout,
        long gatherJobTimeout,
        int tlsHandshakeLimit,
        int tlsHandshakeQueue,
        boolean autoAccept,
        Path autosignFile,
        Path logFile,
        String logLevel,
        long heartbeatInterval,
        int maxFrameBytes,
        int maxHelloBytes,
        ReactorConfig reactor,
        int reactorWorkerThreads,
        int reactorWorkerHwm,
        Map<String, Object> peer,
        String id,
        Path autorejectFile,
        Path autosignGrainsDir,
        boolean permissivePkiAccess,
        Integer workerThreads,
        String pillarenv,
        boolean pillarWatch,
        String stateOutput,
        Boolean stateVerbose,
        DnsHubConfig dnsHub,
        RsyncHubConfig rsyncHub) {

    /**
     * Types the options of a loaded master config ({@link Config} has checked each value
     * against the table) and parses the hub and reactor sections, whose errors are prefixed
     * with the config file so the one start-up line names it.
     */
    public static MasterOptions from(Config c) {
        return new MasterOptions(c,
                c.str("interface"),
                (int) c.integer("ret_port"),
                c.bool("ipv6"),
                (int) c.integer("pending_hold_max"),
                c.integer("pending_hold_time"),
                c.path("root_dir"),
                c.path("pki_dir"),
                c.path("cachedir"),
                c.path("sock_dir"),
                c.path("pidfile"),
                c.roots("file_roots"),
                c.roots("pillar_roots"),
                c.map("nodegroups"),
                c.str("state_top"),
                TemplateOptions.from(c),
                c.bool("pillar_safe_render_error"),
                (int) c.integer("file_buffer_size"),
                c.integer("keep_jobs"),
                c.integer("timeout"),
                c.integer("gather_job_timeout"),
                (int) c.integer("tls_handshake_limit"),
                (int) c.integer("tls_handshake_queue"),
                c.bool("auto_accept"),
                c.path("autosign_file"),
                c.path("log_file"),
                c.str("log_level"),
                c.integer("heartbeat_interval"),
                (int) c.integer("max_frame_bytes"),
                (int) c.integer("max_hello_bytes"),
                section(c, "reactor", ReactorConfig::parse),
                (int) c.integer("reactor_worker_threads"),
                (int) c.integer("reactor_worker_hwm"),
                c.map("peer"),
                c.str("id"),
                c.path("autoreject_file"),
                c.path("autosign_grains_dir"),
                c.bool("permissive_pki_access"),
                c.get("worker_threads") == null ? null : (int) c.integer("worker_threads"),
                c.str("pillarenv"),
                c.bool("pillar_watch"),
                c.str("state_output"),
                c.get("state_verbose") == null ? null : c.bool("state_verbose"),
                section(c, "dns_hub", DnsHubConfig::parse),
                section(c, "rsync_hub", RsyncHubConfig::parse));
    }

    private static <T> T section(Config c, String key, Function<Object, T> parse) {
        try {
            return parse.apply(c.get(key));
        } catch (ConfigException e) {
            throw new ConfigException(c.configDir().resolve(c.role().fileName()) + ": " + e.getMessage());
        }
    }

    /**
     * Where the minion port listens, as Salt binds {@code tcp://interface:ret_port}
     * (salt/transport/zeromq.py): exactly the {@code interface} address, on a socket of that
     * address's family, so an IPv4 address is not listened on as an IPv4-mapped IPv6 one.
     * An IPv6 address needs {@code ipv6: True}, as in Salt (whose socket is IPv4-only
     * otherwise); {@code interface: '::'} with it also takes IPv4 connections (dual stack).
     * Refused with a one-line reason naming the config file: anything but an IP address.
     */
    public InetSocketAddress bindAddress() {
        String file = raw.configDir().resolve(raw.role().fileName()).toString();
        byte[] addr;
        try {
            addr = Ip.parse(interfaceAddress);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(file + ": interface '" + Printable.line(String.valueOf(interfaceAddress))
                    + "' is not an IP address (0.0.0.0, an address of this host, or '::' with ipv6: True)");
        }
        if (addr.length == 16 && !ipv6) {
            throw new ConfigException(file + ": interface '" + Printable.line(interfaceAddress)
                    + "' is an IPv6 address: set ipv6: True to listen on IPv6 (as Salt requires)");
        }
        try {
            return new InetSocketAddress(InetAddress.getByAddress(addr), retPort);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e); // cannot happen: 4 or 16 bytes
        }
    }

    /** The master's own id: {@code id}, else Salt's default, the host name with {@code _master}. */
    public String masterId() {
        if (id != null) {
            return id;
        }
        try {
            return java.net.InetAddress.getLocalHost().getHostName() + "_master";
        } catch (java.net.UnknownHostException e) {
            return "localhost_master";
        }
    }

    /** Event loop threads for minion connections: {@code worker_threads}, else one per CPU. */
    public int eventLoopThreads() {
        return Math.max(1, workerThreads != null ? workerThreads : Runtime.getRuntime().availableProcessors());
    }

    /** The base saltenv's file_roots, where the reactor finds its files. */
    public List<Path> baseFileRoots() {
        return fileRoots.getOrDefault("base", List.of());
    }
}
