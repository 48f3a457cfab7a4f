package io.jsalt.master.rsync;

import io.jsalt.common.crypto.SecureFiles;
import io.jsalt.common.pillar.PillarCompiler;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The master as the fleet's rsync server: writes rsyncd.conf and the secrets files
 * (0600) under {@code cachedir/rsync}, creates the module directories, and runs the real
 * {@code rsync --daemon --no-detach} under a {@link RsyncDaemon} supervisor until the
 * master stops.
 */
public final class RsyncHub implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RsyncHub.class);

    /**
     * Seconds between reloads of the master's pillar when a module has secrets_pillar and
     * the pillar files cannot be watched (the master's pillar watch calls {@link #refresh}).
     */
    public static final long PILLAR_REFRESH_SECONDS = 60;

    private final RsyncHubConfig cfg;
    private final Path dir;
    private final ScheduledExecutorService worker;
    private final Supplier<Map<String, Object>> pillar;
    private final boolean root = "root".equals(System.getProperty("user.name"));
    /** cfg with the pillar secrets last read well; what the files on disk say. */
    private volatile RsyncHubConfig effective;
    private volatile List<String> pillarErrors = List.of();
    private int port;
    private RsyncDaemon daemon;

    public RsyncHub(RsyncHubConfig cfg, Path cacheDir, ScheduledExecutorService worker) {
        this(cfg, cacheDir, worker, Map::of);
    }

    /**
     * PILLAR gives the pillar compiled for the master's own id, read at start and on every
     * {@link #refresh} when a module names a secrets_pillar key.
     */
    public RsyncHub(RsyncHubConfig cfg, Path cacheDir, ScheduledExecutorService worker,
                    Supplier<Map<String, Object>> pillar) {
        this.cfg = cfg;
        this.dir = cacheDir.resolve("rsync");
        this.worker = worker;
        this.pillar = pillar;
        this.effective = cfg;
    }

    public RsyncHub start() throws IOException {
        SecureFiles.ensureDirectory(dir, SecureFiles.PRIVATE_DIR);
        SecureFiles.ensureDirectory(dir.resolve("secrets"), SecureFiles.PRIVATE_DIR);
        for (RsyncHubConfig.Module m : cfg.modules().values()) {
            moduleDirectory(m, root);
        }
        // The daemon appends to these and keeps their mode.
        for (String f : List.of("rsyncd.out", "rsyncd.log", "rsyncd.pid")) {
            SecureFiles.privateFile(dir.resolve(f));
        }
        effective = withPillar();
        write(effective);
        Path conf = dir.resolve("rsyncd.conf");
        port = cfg.port() == 0 ? freePort(cfg.listen()) : cfg.port();
        List<String> argv = new ArrayList<>(List.of("rsync", "--daemon", "--no-detach",
                "--address=" + cfg.listen(), "--port=" + port, "--config=" + conf));
        daemon = new RsyncDaemon(argv, dir.resolve("rsyncd.out"), dir.resolve("rsyncd.pid"), worker);
        daemon.start();
        if (!awaitListening(10_000)) {
            log.warn("The rsync daemon is not accepting connections on {}:{} yet (see {})", cfg.listen(), port,
                    dir.resolve("rsyncd.log"));
        }
        log.info("rsync hub serving modules {} on {}:{}", cfg.modules().keySet(), cfg.listen(), port);
        return this;
    }

    /**
     * Reads the master's pillar again and rewrites the secrets files and rsyncd.conf when the
     * secrets changed; the daemon reads both on every connection, so no restart is needed.
     * A pillar that fails (or lacks a key) keeps the secrets read last; the error is logged and
     * shown by hub.status. Returns the errors (empty when the pillar was good).
     */
    public synchronized List<String> refresh() throws IOException {
        RsyncHubConfig next = withPillar();
        if (!next.equals(effective)) {
            write(next);
            effective = next;
            log.info("rsync hub: module secrets reloaded from pillar");
        }
        return pillarErrors;
    }

    /** {@link #refresh}, logging instead of throwing (for the pillar watch). */
    public void refreshQuietly() {
        try {
            refresh();
        } catch (IOException | RuntimeException e) {
            log.error("rsync hub: could not rewrite the module secrets: {}", e.getMessage());
        }
    }

    /** cfg with the pillar's secrets, or the last good one when the pillar is bad. */
    private RsyncHubConfig withPillar() {
        if (!cfg.usesPillar()) {
            return cfg;
        }
        Map<String, Object> p = pillar.get();
        List<String> errs = PillarCompiler.errors(p);
        RsyncHubConfig next = effective;
        if (errs.isEmpty()) {
            try {
                next = cfg.withPillar(p == null ? Map.of() : p);
            } catch (RuntimeException e) {
                errs = List.of(String.valueOf(e.getMessage()));
            }
        }
        if (!errs.isEmpty() && !errs.equals(pillarErrors)) {
            log.error("rsync hub: keeping the previous secrets: {}", errs);
        }
        pillarErrors = errs;
        return next;
    }

    /** The secrets files and rsyncd.conf for C. */
    private void write(RsyncHubConfig c) throws IOException {
        for (RsyncHubConfig.Module m : c.modules().values()) {
            Path secrets = RsyncdConf.secretsFile(dir, m.name());
            if (m.authUsers().isEmpty()) {
                Files.deleteIfExists(secrets);
            } else {
                SecureFiles.writeAtomically(secrets, RsyncdConf.secrets(m), SecureFiles.PRIVATE);
            }
        }
        SecureFiles.writeAtomically(dir.resolve("rsyncd.conf"), RsyncdConf.render(c, dir, root), SecureFiles.PRIVATE);
    }

    /**
     * Creates a missing module directory; as root, owned by the module's transfer user and
     * group, so that it can write there (rsync chroots into it and then drops to that user).
     * An existing directory is left as the operator made it: a writable module whose
     * directory that user does not own gets a warning, as pushes would fail.
     */
    private static void moduleDirectory(RsyncHubConfig.Module m, boolean root) throws IOException {
        Path path = Path.of(m.path());
        String uid = m.extra().getOrDefault("uid", m.allowRoot() ? "root" : RsyncdConf.DEFAULT_UID).trim();
        String gids = m.extra().getOrDefault("gid", m.allowRoot() ? "root" : RsyncdConf.defaultGid()).trim();
        String gid = gids.replaceFirst("^,", "").split("[,\\s]+")[0];
        boolean created = !Files.isDirectory(path);
        Files.createDirectories(path);
        if (!root || uid.contains("%")) {
            return;
        }
        java.nio.file.attribute.UserPrincipalLookupService names =
                path.getFileSystem().getUserPrincipalLookupService();
        java.nio.file.attribute.PosixFileAttributeView view =
                Files.getFileAttributeView(path, java.nio.file.attribute.PosixFileAttributeView.class);
        try {
            java.nio.file.attribute.UserPrincipal user = uid.matches("\\d+")
                    ? null : names.lookupPrincipalByName(uid);
            if (created) {
                if (user != null) {
                    view.setOwner(user);
                } else {
                    Files.setAttribute(path, "unix:uid", Integer.parseInt(uid));
                }
                if (!gid.equals("*")) {
                    if (gid.matches("\\d+")) {
                        Files.setAttribute(path, "unix:gid", Integer.parseInt(gid));
                    } else {
                        view.setGroup(names.lookupPrincipalByGroupName(gid));
                    }
                }
            } else if (!m.readOnly() && !(user != null ? view.getOwner().equals(user)
                    : Files.getAttribute(path, "unix:uid").equals(Integer.parseInt(uid)))) {
                log.warn("rsync_hub:modules:{}: {} is not owned by the module's user {}: pushes will fail"
                        + " (chown -R {}:{} {})", m.name(), path, uid, uid, gid, path);
            }
        } catch (java.nio.file.attribute.UserPrincipalNotFoundException e) {
            throw new IOException("rsync_hub:modules:" + m.name() + ": no such user or group '" + e.getName() + "'");
        }
    }

    /** Waits until the daemon accepts TCP connections; false when it did not in time. */
    public boolean awaitListening(long timeoutMs) {
        String host = cfg.listen().equals("0.0.0.0") || cfg.listen().equals("::") ? "127.0.0.1" : cfg.listen();
        long end = System.currentTimeMillis() + timeoutMs;
        while (System.currentTimeMillis() < end) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(host, port), 500);
                return true;
            } catch (IOException e) {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
        return false;
    }

    public int port() {
        return port;
    }

    public RsyncDaemon daemon() {
        return daemon;
    }

    /** Modules (secrets never shown) and the daemon's state, for {@code jsalt-run hub.status}. */
    public Map<String, Object> status() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("listen", cfg.listen());
        out.put("port", (long) port);
        out.put("config", dir.resolve("rsyncd.conf").toString());
        out.put("daemon", daemon == null ? Map.of("state", "stopped") : daemon.status());
        if (!pillarErrors.isEmpty()) {
            out.put("pillar_errors", new ArrayList<Object>(pillarErrors));
        }
        Map<String, Object> mods = new LinkedHashMap<>();
        for (RsyncHubConfig.Module m : effective.modules().values()) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("path", m.path());
            d.put("read_only", m.readOnly());
            d.put("comment", m.comment());
            d.put("auth_users", new ArrayList<Object>(m.authUsers()));
            d.put("hosts_allow", new ArrayList<Object>(m.hostsAllow()));
            d.put("allow_root", m.allowRoot());
            if (m.secretsPillar() != null) {
                d.put("secrets_pillar", m.secretsPillar());
            }
            mods.put(m.name(), d);
        }
        out.put("modules", mods);
        return out;
    }

    private static int freePort(String host) throws IOException {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(host, 0));
            return s.getLocalPort();
        }
    }

    @Override
    public void close() {
        if (daemon != null) {
            daemon.close();
        }
    }
}
