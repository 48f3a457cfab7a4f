package io.jsalt.master.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launchers in bin/ as a user runs them, against the packaged jars (so this runs in
 * failsafe's integration-test phase, after {@code package} has filled target/lib/).
 */
class PackagedLauncherIT {
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

    record Result(int exit, String out) {}

    /** A launcher as a user runs it from the checkout, without the caller's JSALT_JAVA_OPTS. */
    private static ProcessBuilder launcher(Map<String, String> env, String... args) {
        ProcessBuilder pb = new ProcessBuilder(args).directory(ROOT.toFile()).redirectErrorStream(true);
        pb.environment().remove("JSALT_JAVA_OPTS");
        pb.environment().putAll(env);
        return pb;
    }

    private static Result run(Map<String, String> env, String... args) throws Exception {
        Process p = launcher(env, args).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "launcher did not finish");
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    private static Path archiveIn(Path dir) throws IOException {
        return archiveIn(dir, "minion");
    }

    private static Path archiveIn(Path dir, String name) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(f -> f.getFileName().toString().matches(name + "-\\d+\\.jsa")).findFirst().orElse(null);
        }
    }

    @Test
    void minionBuildsItsClassDataSharingArchiveOnceAndRunsFromIt(@TempDir Path cds) throws Exception {
        String minion = ROOT.resolve("bin/jsalt-minion").toString();
        Map<String, String> env = Map.of("JSALT_CDS_DIR", cds.toString());

        // First start: no archive yet; it runs without one and builds it in the background.
        Result first = run(env, minion, "--version");
        assertEquals(0, first.exit(), first.out());
        assertTrue(first.out().contains(io.jsalt.common.Version.VERSION), first.out());
        Path archive = null;
        for (int i = 0; i < 600 && archive == null; i++) {
            Thread.sleep(200);
            archive = archiveIn(cds);
        }
        assertNotNull(archive, "no archive was built in " + cds + ": " + readOrEmpty(cds.resolve("minion-dump.log")));

        // Next start maps it: with -Xshare:on the JVM refuses to start when it cannot.
        Result second = run(Map.of("JSALT_CDS_DIR", cds.toString(),
                "JSALT_JAVA_OPTS", "-Xshare:on -Xlog:cds=info:stdout"), minion, "--version");
        assertEquals(0, second.exit(), second.out());
        assertTrue(second.out().contains("Opened archive " + archive), second.out());
        assertTrue(second.out().contains(io.jsalt.common.Version.VERSION), second.out());

        // JSALT_CDS=off: the JDK's own archive only.
        Result off = run(Map.of("JSALT_CDS_DIR", cds.toString(), "JSALT_CDS", "off",
                "JSALT_JAVA_OPTS", "-Xlog:cds=info:stdout"), minion, "--version");
        assertEquals(0, off.exit(), off.out());
        assertFalse(off.out().contains(cds.toString()), off.out());
        assertEquals(List.of(archive), listJsa(cds), "one archive, reused");
    }

    @Test
    void theMastersCliToolsShareAnArchiveOfTheirOwn(@TempDir Path cds) throws Exception {
        // jsalt, jsalt-key and jsalt-run start from one archive of the CLI's classes
        // (master/src/main/cds/cli.classlist), built in the background by the first of them.
        Map<String, String> env = Map.of("JSALT_CDS_DIR", cds.toString());
        Result first = run(env, ROOT.resolve("bin/jsalt").toString(), "--version");
        assertEquals(0, first.exit(), first.out());
        Path archive = null;
        for (int i = 0; i < 600 && archive == null; i++) {
            Thread.sleep(200);
            archive = archiveIn(cds, "cli");
        }
        assertNotNull(archive, "no archive was built in " + cds + ": " + readOrEmpty(cds.resolve("cli-dump.log")));
        for (String tool : List.of("jsalt", "jsalt-key", "jsalt-run")) {
            Result r = run(Map.of("JSALT_CDS_DIR", cds.toString(), "JSALT_JAVA_OPTS", "-Xshare:on -Xlog:cds=info:stdout"),
                    ROOT.resolve("bin/" + tool).toString(), "--version");
            assertEquals(0, r.exit(), r.out());
            assertTrue(r.out().contains("Opened archive " + archive), tool + ": " + r.out());
            // With the archive's heap objects the JDK's module graph comes ready-made, which
            // only G1 maps on JDK 17: the serial collector left every start to build it.
            assertTrue(r.out().contains("full module graph: enabled"), tool + ": " + r.out());
        }
        // jsalt-call runs with the minion's jars: neither archive is for it.
        Result call = run(Map.of("JSALT_CDS_DIR", cds.toString(), "JSALT_JAVA_OPTS", "-Xlog:cds=info:stdout"),
                ROOT.resolve("bin/jsalt-call").toString(), "--version");
        assertEquals(0, call.exit(), call.out());
        assertFalse(call.out().contains(cds.toString()), call.out());
        assertEquals(List.of(archive), listJsa(cds), "the CLI's archive only");
    }

    @Test
    void aStaleArchiveIsReplacedNotUsed(@TempDir Path cds) throws Exception {
        // An archive whose stamp does not match these jars is never passed to the JVM; a
        // matching one is built beside it and the stale one removed.
        Path stale = Files.writeString(cds.resolve("minion-1.jsa"), "not an archive");
        String minion = ROOT.resolve("bin/jsalt-minion").toString();
        Result first = run(Map.of("JSALT_CDS_DIR", cds.toString(), "JSALT_JAVA_OPTS", "-Xshare:on"),
                minion, "--version");
        assertEquals(0, first.exit(), first.out());
        for (int i = 0; i < 600 && Files.exists(stale); i++) {
            Thread.sleep(200);
        }
        assertFalse(Files.exists(stale), "stale archive still there");
        assertEquals(1, listJsa(cds).size());
    }

    /**
     * {@code -d} waits until the daemon is up or has failed and says which; what the daemon
     * printed before its log was open goes to this command's stderr, and no file is left in
     * TMPDIR (no /tmp/jsalt-KIND.UID.out shared by every daemon of a user).
     */
    @Test
    void daemonModeWaitsUntilTheDaemonIsUpOrHasFailedAndSaysWhich(@TempDir Path work) throws Exception {
        Path etc = Files.createDirectories(work.resolve("etc"));
        Path tmpDir = Files.createDirectories(work.resolve("tmp"));
        Map<String, String> env = Map.of("TMPDIR", tmpDir.toString());
        String masterBin = ROOT.resolve("bin/jsalt-master").toString();

        Files.writeString(etc.resolve("master"), "root_dir: " + work.resolve("master") + "\ninterface: not-an-ip\n");
        Result failed = run(env, masterBin, "-c", etc.toString(), "-d");
        assertEquals(1, failed.exit(), failed.out());
        assertTrue(failed.out().contains("interface 'not-an-ip' is not an IP address"), failed.out());
        assertTrue(failed.out().contains("jsalt-master failed to start (exit code 1)"), failed.out());
        assertEquals(List.of(), listIn(tmpDir));

        Files.writeString(etc.resolve("master"), "root_dir: " + work.resolve("master") + "\ninterface: 127.0.0.1\n"
                + "ret_port: 0\nlog_file: " + work.resolve("master.log") + "\n");
        Result up = run(env, masterBin, "-c", etc.toString(), "-d");
        // The daemon wrote its pidfile before the launcher said it is up.
        Path pidfile = work.resolve("master/var/run/jsalt-master.pid");
        long pid = Long.parseLong(Files.readString(pidfile).trim());
        try {
            assertEquals(0, up.exit(), up.out());
            assertTrue(up.out().matches("jsalt-master started \\(pid " + pid
                    + ", listening on 127\\.0\\.0\\.1:\\d+\\)\n"), up.out());
            assertEquals(List.of(), listIn(tmpDir));
        } finally {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
            ProcessHandle.of(pid).ifPresent(h -> h.onExit().join());
        }
    }

    private static List<Path> listIn(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        }
    }

    @Test
    void aMinionStartedByItsLauncherAnswersAndAppliesStatesWithItsOwnJars(@TempDir Path work) throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Path etc = Files.createDirectories(work.resolve("etc"));
        Path srv = Files.createDirectories(work.resolve("srv"));
        Path out = work.resolve("out.txt");
        Files.writeString(etc.resolve("master"), "root_dir: " + work.resolve("master") + "\ninterface: 127.0.0.1\n"
                + "ret_port: " + port + "\nauto_accept: True\nlog_level: warning\nfile_roots:\n  base:\n    - " + srv + "\n");
        Files.writeString(etc.resolve("minion"), "root_dir: " + work.resolve("minion") + "\nid: launcher-minion\n"
                + "master: 127.0.0.1\nmaster_port: " + port + "\nlog_level: warning\n");
        // Jinja, grains and file.managed: the libraries a state run needs are on its class path.
        Files.writeString(srv.resolve("hello.sls"), out + ":\n  file.managed:\n"
                + "    - contents: \"{{ grains['id'] }} {{ grains['locale_info']['timezone'] }}\"\n");
        Map<String, String> env = Map.of("JSALT_CDS_DIR", work.resolve("cds").toString());
        String jsalt = ROOT.resolve("bin/jsalt").toString();
        Process master = start(env, work.resolve("master.out"), ROOT.resolve("bin/jsalt-master").toString(), "-c", etc.toString());
        Process minion = start(env, work.resolve("minion.out"), ROOT.resolve("bin/jsalt-minion").toString(), "-c", etc.toString());
        try {
            boolean answered = false;
            for (int i = 0; i < 60 && !answered; i++) {
                answered = run(env, jsalt, "-c", etc.toString(), "-t", "5", "launcher-minion", "test.ping").out().contains("True");
                if (!answered) {
                    Thread.sleep(500);
                }
            }
            assertTrue(answered, "the minion did not answer test.ping: " + readOrEmpty(work.resolve("minion.out")));
            Result applied = run(env, jsalt, "-c", etc.toString(), "launcher-minion", "state.apply", "hello");
            assertEquals(0, applied.exit(), applied.out());
            assertTrue(Files.readString(out).matches("launcher-minion \\S+\n"), Files.readString(out));
            // A file the minion manages without a mode gets Salt's 0644.
            assertEquals("rw-r--r--", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(out)));

            // The master runs with umask 077, the minion with Salt's 022 (the launcher exec's the JVM).
            assertTrue(Files.readString(Path.of("/proc/" + master.pid() + "/status")).contains("\nUmask:\t0077\n"),
                    "umask of the master");
            assertTrue(Files.readString(Path.of("/proc/" + minion.pid() + "/status")).contains("\nUmask:\t0022\n"),
                    "umask of the minion");

            // The launcher exec's the JVM: the minion's class path is its own jars, not the master's.
            List<String> cmd = List.of(minion.info().arguments().orElseThrow());
            String cp = cmd.get(cmd.indexOf("-cp") + 1);
            assertTrue(cp.contains("/target/lib/jsalt-minion-") && cp.contains("/lib/jinjava-"), cp);
            assertFalse(cp.contains("jsalt-master-") || cp.contains("/lib/h2-") || cp.contains("/lib/dnsjava-"), cp);
        } finally {
            for (Process p : List.of(minion, master)) {
                p.destroy();
                if (!p.waitFor(30, TimeUnit.SECONDS)) {
                    p.destroyForcibly().waitFor();
                }
            }
        }
    }

    @Test
    void theMasterRunsWithUmask077AndTheMinionWithSalts022(@TempDir Path fake) throws Exception {
        // A stand-in JDK whose java is the process the launcher execs (or starts with -d):
        // it prints its own umask as the kernel reports it.
        Path fakeJava = Files.createDirectories(fake.resolve("bin")).resolve("java");
        Files.writeString(fakeJava, "#!/bin/sh\ngrep '^Umask:' /proc/$$/status\n");
        fakeJava.toFile().setExecutable(true);
        Map<String, String> env = Map.of("JAVA_HOME", fake.toString(), "JSALT_CDS", "off");
        // Salt's daemonize() sets 022 (salt/utils/process.py): what the minion runs creates
        // files as by hand; the minion's own files get 0600/0700 in code.
        for (Map.Entry<String, String> d : Map.of("jsalt-master", "0077", "jsalt-minion", "0022").entrySet()) {
            Result r = run(env, ROOT.resolve("bin/" + d.getKey()).toString(), "-c", fake.toString());
            assertEquals(0, r.exit(), r.out());
            assertEquals("Umask:\t" + d.getValue(), r.out().strip(), d.getKey());
        }
        // In the background (-d) too: this stand-in exits without saying it is up, so the
        // launcher reports a failed start and shows what it printed.
        Result bg = run(env, ROOT.resolve("bin/jsalt-master").toString(), "-d", "-c", fake.toString());
        assertEquals(1, bg.exit(), bg.out());
        assertEquals("Umask:\t0077\njsalt-master failed to start (exit code 0)", bg.out().strip());
    }

    @Test
    void nativeHeapTrimmingIsAskedOnlyOfJvmsThatHaveIt(@TempDir Path fake) throws Exception {
        // A stand-in JDK whose java prints the options the launcher gives it.
        Path java = Files.createDirectories(fake.resolve("bin")).resolve("java");
        Files.writeString(java, "#!/bin/sh\necho \"$@\"\n");
        java.toFile().setExecutable(true);
        String minion = ROOT.resolve("bin/jsalt-minion").toString();
        Map<String, Boolean> expected = Map.of("17.0.8", false, "17.0.9", true, "17.0.15", true, "20.0.2", false,
                "21", false, "21.0.1", true, "25", true, "17-ea", false);
        for (Map.Entry<String, Boolean> e : expected.entrySet()) {
            Files.writeString(fake.resolve("release"), "JAVA_VERSION=\"" + e.getKey() + "\"\n");
            Result r = run(Map.of("JAVA_HOME", fake.toString(), "JSALT_CDS", "off"), minion, "--version");
            assertEquals(0, r.exit(), r.out());
            assertTrue(r.out().contains("io.jsalt.minion.MinionMain --version"), r.out());
            assertEquals(e.getValue(), r.out().contains("-XX:+UnlockExperimentalVMOptions -XX:TrimNativeHeapInterval=5000"),
                    e.getKey() + ": " + r.out());
        }
        Files.delete(fake.resolve("release"));
        assertFalse(run(Map.of("JAVA_HOME", fake.toString(), "JSALT_CDS", "off"), minion, "--version").out()
                .contains("TrimNativeHeapInterval"), "no release file");
    }

    @Test
    void launchersReachedThroughSymlinksFindTheBuildOfTheirCheckout(@TempDir Path elsewhere) throws Exception {
        // As a user links /usr/local/bin/jsalt to the checkout's bin/jsalt: the launcher must
        // find target/lib beside the file the link points to, not beside the link. A link to
        // a link and a working directory outside the checkout as well.
        Path usrLocalBin = Files.createDirectories(elsewhere.resolve("usr/local/bin"));
        Path otherBin = Files.createDirectories(elsewhere.resolve("opt/bin"));
        Files.createSymbolicLink(usrLocalBin.resolve("jsalt"), ROOT.resolve("bin/jsalt"));
        Files.createSymbolicLink(otherBin.resolve("jsalt-minion"), ROOT.resolve("bin/jsalt-minion"));
        Files.createSymbolicLink(usrLocalBin.resolve("jsalt-minion"), otherBin.resolve("jsalt-minion"));
        for (String name : List.of("jsalt", "jsalt-minion")) {
            ProcessBuilder pb = launcher(Map.of("JSALT_CDS", "off"), usrLocalBin.resolve(name).toString(), "--version")
                    .directory(elsewhere.toFile());
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(120, TimeUnit.SECONDS), name + " did not finish");
            assertEquals(0, p.exitValue(), name + ": " + out);
            assertTrue(out.contains(io.jsalt.common.Version.VERSION), name + ": " + out);
        }
    }

    private static Process start(Map<String, String> env, Path log, String... args) throws IOException {
        return launcher(env, args).redirectOutput(log.toFile()).start();
    }

    private static List<Path> listJsa(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(f -> f.getFileName().toString().endsWith(".jsa")).toList();
        }
    }

    private static String readOrEmpty(Path p) throws IOException {
        return Files.exists(p) ? Files.readString(p) : "";
    }
}
