package io.jsalt.master.it;

import io.jsalt.common.config.Config;
import io.jsalt.master.Master;
import io.jsalt.master.keys.KeyState;
import io.jsalt.minion.Minion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One fixture for integration tests: a real master on 127.0.0.1 (random port, temp
 * root_dir) and real minions, each in its own temp dir with its own key, talking real TLS.
 * Timeouts are short so tests run fast. Close it to stop everything.
 */
public final class TestFleet implements AutoCloseable {
    private final Path dir;
    private Master master;
    private boolean stopped;
    private final Map<String, Object> masterOpts = new LinkedHashMap<>();
    private final List<Minion> minions = new ArrayList<>();
    private final Map<String, Path> minionDirs = new LinkedHashMap<>();
    private final Map<String, Config> minionConfigs = new LinkedHashMap<>();

    public TestFleet(Path dir) {
        this.dir = dir;
    }

    /** Starts the master; adjust lets a test change options first. */
    public TestFleet startMaster(Consumer<Map<String, Object>> adjust) throws Exception {
        Path root = dir.resolve("master-root");
        masterOpts.put("root_dir", root.toString());
        masterOpts.put("interface", "127.0.0.1");
        masterOpts.put("ret_port", 0L);
        masterOpts.put("timeout", 2L);
        masterOpts.put("gather_job_timeout", 1L);
        masterOpts.put("sock_dir", "/run/sock");
        adjust.accept(masterOpts);
        Files.createDirectories(dir.resolve("master-conf"));
        master = new Master(Config.of(Config.Role.MASTER, dir.resolve("master-conf"), masterOpts)).start();
        return this;
    }

    /** Restarts the master on the same port and dirs (minions reconnect by themselves). */
    public void restartMaster() throws Exception {
        if (!stopped) {
            stopMaster();
        }
        master = new Master(Config.of(Config.Role.MASTER, dir.resolve("master-conf"), masterOpts)).start();
        stopped = false;
    }

    /** Stops the master, keeping its port for {@link #restartMaster}. */
    public void stopMaster() {
        masterOpts.put("ret_port", (long) master.port());
        master.close();
        stopped = true;
    }

    public Master master() {
        return master;
    }

    /** Starts a minion with the given id and static grains. */
    public Minion startMinion(String id, Map<String, Object> grains) throws Exception {
        return startMinion(id, grains, o -> { });
    }

    public Minion startMinion(String id, Map<String, Object> grains, Consumer<Map<String, Object>> adjust)
            throws Exception {
        Path mdir = minionDirs.computeIfAbsent(id, k -> dir.resolve("minion-" + k));
        Files.createDirectories(mdir.resolve("conf"));
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("id", id);
        o.put("master", "127.0.0.1");
        o.put("master_port", (long) master.port());
        o.put("root_dir", mdir.resolve("root").toString());
        o.put("grains", grains);
        o.put("acceptance_wait_time", 1L);
        o.put("recon_default", 100L);
        o.put("recon_max", 500L);
        o.put("log_level", "info");
        adjust.accept(o);
        Config cfg = Config.of(Config.Role.MINION, mdir.resolve("conf"), o);
        minionConfigs.put(id, cfg);
        Minion m = new Minion(cfg).start();
        minions.add(m);
        return m;
    }

    /** The config a minion was started with (for jsalt-call style tests on the same host). */
    public Config minionConfig(String id) {
        return minionConfigs.get(id);
    }

    public Path minionDir(String id) {
        return minionDirs.get(id);
    }

    /** Starts a minion and accepts its key, waiting until it is connected. */
    public Minion acceptedMinion(String id, Map<String, Object> grains) throws Exception {
        Minion m = startMinion(id, grains);
        await(() -> master.keys().list().get(KeyState.PENDING).contains(id), "key of " + id + " pending");
        master.keys().accept(id, false, false);
        await(() -> m.connection().isAccepted() && master.minions().connectedIds().contains(id),
                id + " connected");
        return m;
    }

    /** A condition a test waits for; it may throw (then it counts as not yet true). */
    @FunctionalInterface
    public interface Condition {
        boolean holds() throws Exception;
    }

    public static void await(Condition cond, String what) throws InterruptedException {
        await(cond, what, Duration.ofSeconds(20));
    }

    public static void await(Condition cond, String what, Duration limit) throws InterruptedException {
        long end = System.nanoTime() + limit.toNanos();
        Exception last = null;
        while (System.nanoTime() < end) {
            try {
                if (cond.holds()) {
                    return;
                }
            } catch (Exception e) {
                last = e;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("timed out waiting for: " + what + (last == null ? "" : " (last error: " + last + ")"));
    }

    public Path sockDir() {
        return master.config().path("sock_dir");
    }

    @Override
    public void close() throws IOException {
        for (Minion m : minions) {
            m.close();
        }
        if (master != null && !stopped) {
            master.close();
        }
    }
}
