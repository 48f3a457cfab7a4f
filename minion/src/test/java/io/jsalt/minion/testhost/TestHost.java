package io.jsalt.minion.testhost;

import io.jsalt.common.py.PyJson;
import io.jsalt.minion.CallMain;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A throwaway test host (bin/jsalt-testhost): its own network, mount, UTS, IPC and PID
 * namespaces and an overlay root over the machine's "/", so a test may install packages,
 * write /etc/init.d or add users without changing the machine that runs the build. The
 * host sees the machine's files (the JDK, the build's class path) but keeps every write to
 * itself; it has a loopback and no route out. {@link #close} kills all its processes and
 * deletes its files.
 *
 * <p>Where hosts cannot be made (not root, no unshare or nsenter, no overlay), {@link #create}
 * aborts the test with the reason, which is also printed, so a skip is never silent.
 *
 * <p>One host for all tests of a class: {@code @RegisterExtension static final
 * TestHost.PerClass HOST = TestHost.perClass("name");} and {@code HOST.host()} in the tests.
 */
public final class TestHost implements AutoCloseable {
    /** Output and exit code of a command run in a host. */
    public record Result(int exit, String output) {
        public boolean ok() {
            return exit == 0;
        }
    }

    private static final long TIMEOUT_SECONDS = 300;

    private final String name;
    private final Path script;
    private final Path base;
    private final Path debs;
    private boolean closed;

    /** A JUnit 5 extension that creates a host before a class's tests and destroys it after them. */
    public static final class PerClass implements BeforeAllCallback, AfterAllCallback {
        private final String name;
        private TestHost host;

        private PerClass(String name) {
            this.name = name;
        }

        public TestHost host() {
            return host;
        }

        @Override
        public void beforeAll(ExtensionContext context) {
            host = create(name);
        }

        @Override
        public void afterAll(ExtensionContext context) {
            if (host != null) {
                host.close();
                host = null;
            }
        }
    }

    /** One host, NAME, for the tests of the class that registers the extension. */
    public static PerClass perClass(String name) {
        return new PerClass(name);
    }

    private TestHost(String name, Path script, Path base, Path debs) {
        this.name = name;
        this.script = script;
        this.base = base;
        this.debs = debs;
    }

    /**
     * The test network (bin/jsalt-testhost net up): the bridge jsbr0 with 10.77.0.254/24 on the
     * machine's side and, with {@code proxy}, the apt proxy on 10.77.0.254:3142 (it needs the
     * built tools module). Closing it destroys the networked hosts of this module and deletes
     * the veths, their network namespaces and the bridge. The network is one per machine.
     */
    public static final class Network implements AutoCloseable {
        private final TestHost tool;

        private Network(TestHost tool) {
            this.tool = tool;
        }

        @Override
        public void close() {
            Result r = tool.tool(List.of("net", "down"), null);
            if (!r.ok()) {
                throw new IllegalStateException("could not take the test network down: " + r.output());
            }
        }
    }

    /** Brings the test network up; aborts the calling test when hosts cannot be made here. */
    public static Network network(boolean proxy) {
        TestHost tool = prepare("network", false);
        Result r = tool.tool(proxy ? List.of("net", "up") : List.of("net", "up", "--no-proxy"), null);
        if (!r.ok()) {
            throw new IllegalStateException("could not bring the test network up: " + r.output());
        }
        return new Network(tool);
    }

    /**
     * Creates host NAME (lower-case letters, digits and '-'); a host of that name left over
     * from an interrupted run is destroyed first. Aborts the calling test when hosts cannot
     * be made here.
     */
    public static TestHost create(String name) {
        return create(name, null);
    }

    /**
     * Creates host NAME on the test network ({@link #network}) with address IP (10.77.0.1 to
     * 10.77.0.253), its apt using the proxy; with a null IP, a host with only a loopback.
     */
    public static TestHost create(String name, String ip) {
        return createUnder(List.of(), name, ip == null ? List.of() : List.of("--ip", ip));
    }

    /**
     * Creates host NAME with create's OPTIONS ({@code --eth0}, ...), run as the argument of
     * WRAPPER ({@link #toolUnder}; empty: none).
     */
    static TestHost createUnder(List<String> wrapper, String name, List<String> options) {
        TestHost host = prepare(name, false);
        List<String> args = new ArrayList<>(List.of("create", name));
        args.addAll(options);
        Result r = host.toolUnder(wrapper, args, null);
        if (!r.ok()) {
            throw new IllegalStateException("could not create test host " + name + ": " + r.output());
        }
        return host;
    }

    /**
     * Creates host NAME on the files of BASE, a host {@link #seal sealed} before: what BASE
     * installed or changed is there from the start, and NAME's own writes stay its own.
     */
    public static TestHost createOn(String name, TestHost base) {
        TestHost host = prepare(name, false);
        Result r = host.tool(List.of("create", name, "--base", base.name), null);
        if (!r.ok()) {
            throw new IllegalStateException("could not create test host " + name + " on " + base.name + ": " + r.output());
        }
        return host;
    }

    /**
     * Creates host NAME booting systemd as its PID 1 (create --systemd): returns once systemd
     * says the system is running or degraded. Aborts the calling test when systemd hosts cannot
     * be made here (besides what any host needs: systemd, a cgroup namespace, writable cgroups).
     */
    public static TestHost createSystemd(String name) {
        TestHost host = prepare(name, true);
        Result r = host.tool(List.of("create", name, "--systemd"), null);
        if (!r.ok()) {
            throw new IllegalStateException("could not create systemd test host " + name + ": " + r.output());
        }
        return host;
    }

    private static TestHost prepare(String name, boolean systemd) {
        Path script = script();
        String reason = script == null ? "bin/jsalt-testhost not found above " + Path.of("").toAbsolutePath()
                : unavailableReason(script, systemd);
        if (reason != null) {
            System.out.println("[test host] skipping: test hosts cannot be made here: " + reason);
            Assumptions.abort("test hosts cannot be made here: " + reason);
        }
        // Hosts and the package cache live in this module's build directory: each checkout has
        // its own, and a clean build starts from nothing.
        Path target = Path.of("target").toAbsolutePath();
        return new TestHost(name, script, target.resolve("testhosts"), target.resolve("testhost-debs"));
    }

    /** Why hosts cannot be made on this machine, or null when they can. */
    private static String unavailableReason(Path script, boolean systemd) {
        try {
            Process p = new ProcessBuilder(systemd ? List.of(script.toString(), "check", "--systemd")
                    : List.of(script.toString(), "check")).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return p.waitFor() == 0 ? null : out.isEmpty() ? "jsalt-testhost check failed" : out;
        } catch (IOException e) {
            return e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    /** The script in the repository's bin/, found from the module directory Maven runs tests in. */
    private static Path script() {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            Path s = d.resolve("bin/jsalt-testhost");
            if (Files.isExecutable(s)) {
                return s;
            }
        }
        return null;
    }

    public String name() {
        return name;
    }

    /** The host's directory on the machine (its files, pid, init.log; a systemd host's cgroups list). */
    Path directory() {
        return base.resolve(name);
    }

    /** Runs a command inside the host as root and waits for it. */
    public Result exec(String... argv) {
        return execInput(null, argv);
    }

    /** The same with text on its standard input. */
    public Result execInput(String stdin, String... argv) {
        List<String> args = new ArrayList<>(List.of("exec", name));
        args.addAll(List.of(argv));
        return tool(args, stdin);
    }

    /**
     * jsalt-call --local --out json with the config in CONF_DIR of the host, run with this
     * test's class path: its exit code, the JSON's "local" and everything it printed.
     */
    public Object[] jsaltCall(String confDir, int timeoutMinutes, String... fun) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("-c", confDir, "--local", "--out", "json"));
        args.addAll(List.of(fun));
        Process p = java(CallMain.class.getName(), args.toArray(String[]::new));
        p.getOutputStream().close();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(timeoutMinutes, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException("jsalt-call did not end:\n" + text);
        }
        int start = text.indexOf("{\n");
        if (start < 0) {
            throw new IllegalStateException("jsalt-call printed no JSON:\n" + text);
        }
        return new Object[] {p.exitValue(), ((Map<?, ?>) PyJson.loads(text.substring(start))).get("local"), text};
    }

    /** Runs a shell command line inside the host. */
    public Result sh(String command) {
        return exec("sh", "-c", command);
    }

    /** Writes a file inside the host (its parent directory must exist there). */
    public void write(String path, String text, String mode) {
        Result r = execInput(text, "sh", "-c", "cat > \"$1\" && chmod " + mode + " \"$1\"", "write", path);
        if (!r.ok()) {
            throw new IllegalStateException("could not write " + path + " in " + name + ": " + r.output());
        }
    }

    /**
     * Reboots the host: its rc2.d services stopped and its PID 1 sent SIGTERM, or with
     * {@code hard} a power cut (SIGKILL, nothing cleans up); then it boots again on the same
     * upper directory, running its /etc/rc2.d/S* scripts. Returns when the boot is done.
     */
    public void reboot(boolean hard) {
        Result r = tool(hard ? List.of("reboot", name, "--hard") : List.of("reboot", name), null);
        if (!r.ok()) {
            throw new IllegalStateException("could not reboot test host " + name + ": " + r.output());
        }
    }

    /**
     * Shuts the host down and keeps its files as a read-only layer for {@link #createOn}; it no
     * longer runs, and {@link #close} deletes it.
     */
    public void seal() {
        Result r = tool(List.of("seal", name), null);
        if (!r.ok()) {
            throw new IllegalStateException("could not seal test host " + name + ": " + r.output());
        }
    }

    /**
     * Downloads packages (and their dependencies the host lacks) into the host's apt cache, the
     * only step that uses the machine's network; installing them inside the host then needs
     * none. The cache outlives the host, so later runs download nothing.
     */
    public void fetch(String... packages) {
        List<String> args = new ArrayList<>(List.of("fetch", name));
        args.addAll(List.of(packages));
        Result r = tool(args, null);
        if (!r.ok()) {
            throw new IllegalStateException("could not fetch " + args.subList(2, args.size()) + ": " + r.output());
        }
    }

    /**
     * Starts a Java class's main method inside the host with this test's class path (which the
     * host sees through its overlay), stdout and stderr merged; the caller talks to it over its
     * standard input and output.
     */
    public Process java(String mainClass, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(script.toString(), "exec", name,
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", testClassPath(),
                "-Djsalt.testLogLevel=" + System.getProperty("jsalt.testLogLevel", "OFF"), mainClass));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        environment(pb);
        return pb.start();
    }

    /**
     * Surefire may start tests from a manifest-only jar in /tmp, which the host does not see
     * (its /tmp is its own); it names the real class path in this property.
     */
    private static String testClassPath() {
        String cp = System.getProperty("surefire.test.class.path");
        return cp == null || cp.isBlank() ? System.getProperty("java.class.path") : cp;
    }

    private void environment(ProcessBuilder pb) {
        pb.environment().put("JSALT_TESTHOST_DIR", base.toString());
        pb.environment().put("JSALT_TESTHOST_DEBS", debs.toString());
    }

    private Result tool(List<String> args, String stdin) {
        return toolUnder(List.of(), args, stdin);
    }

    /**
     * Runs bin/jsalt-testhost ARGS as the argument of WRAPPER (a command that runs the rest of
     * its command line, such as {@code flock LOCKFILE}), as a user would.
     */
    Result toolUnder(List<String> wrapper, List<String> args, String stdin) {
        List<String> cmd = new ArrayList<>(wrapper);
        cmd.add(script.toString());
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        if (stdin == null) {
            pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        }
        environment(pb);
        try {
            Process p = pb.start();
            if (stdin != null) {
                try (var in = p.getOutputStream()) {
                    in.write(stdin.getBytes(StandardCharsets.UTF_8));
                }
            }
            // Read before waiting, so a chatty command cannot block on a full pipe.
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Result(-1, out + "\n(timed out)");
            }
            return new Result(p.exitValue(), out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Kills every process of the host and deletes its files; the machine is left as it was. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            Result r = tool(List.of("destroy", name), null);
            if (!r.ok()) {
                throw new IllegalStateException("could not destroy test host " + name + ": " + r.output());
            }
        }
    }
}
