package io.jsalt.master.it;

import io.jsalt.master.cli.CliServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real master in its own JVM ({@code java -cp <test classpath> io.jsalt.master.MasterMain}),
 * for what an in-process master cannot show: SIGKILL, its resident memory. Its config
 * lives in {@code dir}; stopping and starting it again keeps port, keys and job cache.
 */
final class ChildMaster implements AutoCloseable {
    private final Path conf;
    private final Path root;
    private final Path log;
    private final int port;
    private Process process;

    ChildMaster(Path dir, String extraConfig) throws IOException {
        this.conf = Files.createDirectories(dir.resolve("master-conf"));
        this.root = dir.resolve("master-root");
        this.log = dir.resolve("master.log");
        this.port = freePort();
        Files.writeString(conf.resolve("master"), "root_dir: " + root + "\ninterface: 127.0.0.1\nret_port: " + port
                + "\nsock_dir: /run/sock\n" + extraConfig);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }

    /** Starts the process and waits for its control socket. */
    ChildMaster start() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Files.deleteIfExists(CliServer.socketPath(sockDir()));
        process = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                "io.jsalt.master.MasterMain", "-c", conf.toString(), "-l", "warning")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        TestFleet.await(() -> {
            if (!process.isAlive()) {
                throw new AssertionError("master exited: " + Files.readString(log));
            }
            return Files.exists(CliServer.socketPath(sockDir()));
        }, "child master's control socket", Duration.ofSeconds(90));
        return this;
    }

    /**
     * Config for a quick, in-process minion of this master: the id, this master's port, a
     * root under dir, and short reconnect waits so that a restarted master is found at once.
     */
    Map<String, Object> minionOptions(String id, Path dir) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("id", id);
        o.put("master", "127.0.0.1");
        o.put("master_port", (long) port());
        o.put("root_dir", dir.resolve("minion-root").toString());
        o.put("acceptance_wait_time", 1L);
        o.put("recon_default", 100L);
        o.put("recon_max", 500L);
        return o;
    }

    /** SIGKILL (what destroyForcibly sends on Linux): no shutdown hook, no flush. */
    int kill9() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            throw new AssertionError("master did not die");
        }
        return process.exitValue();
    }

    int port() {
        return port;
    }

    Path sockDir() {
        return root.resolve("run/sock");
    }

    /** Resident set size in KiB, from /proc. */
    long rssKib() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.substring(6).trim().split("\\s+")[0]);
            }
        }
        throw new IOException("no VmRSS for " + process.pid());
    }

    boolean isAlive() {
        return process != null && process.isAlive();
    }

    @Override
    public void close() throws Exception {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                kill9();
            }
        }
    }
}
