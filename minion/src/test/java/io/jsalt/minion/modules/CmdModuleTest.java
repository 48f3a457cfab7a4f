package io.jsalt.minion.modules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jsalt.common.data.Data;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CmdModuleTest {
    /** What the minion adds to a published job's keyword arguments. */
    private static final Map<String, Object> PUB = Data.map("__pub_jid", "20240101000000000000", "__pub_fun", "cmd.run");

    @TempDir
    Path dir;
    TestMinion m;

    @BeforeEach
    void setUp() {
        m = new TestMinion(dir.resolve("conf"));
    }

    /** The message a call that must fail fails with. */
    private String refusal(String fun, String cmd, Object... kv) {
        return assertThrows(RuntimeException.class, () -> cli(fun, cmd, kv)).getMessage();
    }

    private TestMinion.Result cli(String fun, String cmd, Object... kv) {
        Map<String, Object> kw = Data.map(kv);
        kw.putAll(PUB);
        return m.run(fun, List.of(cmd), kw);
    }

    @Test
    void runFromTheCliGoesThroughTheShell() {
        assertEquals("3", cli("cmd.run", "printf 'a\\nb\\nc\\n' | wc -l").value());
    }

    @Test
    void runFromAnotherModuleIsSplitWithoutAShell() {
        assertEquals("a | wc -l", m.call("cmd.run", "echo a '|' wc -l"));
        assertEquals("a | b", m.call("cmd.run", "echo \"a | b\""));
        assertEquals("2", m.callKw("cmd.run", List.of("printf 'a\\nb\\n' | wc -l"), "python_shell", true));
    }

    @Test
    void runMergesStderrAndSetsTheJobRetcode() {
        TestMinion.Result r = cli("cmd.run", "echo out; echo err >&2; exit 3");
        assertEquals("out\nerr", r.value());
        assertEquals(3, r.retcode());
        assertEquals(0, cli("cmd.run", "true").retcode());
        assertEquals(0, cli("cmd.run", "exit 4", "ignore_retcode", true).retcode());
    }

    @Test
    void runAllReportsPidRetcodeStdoutAndStderrSeparately() {
        Map<?, ?> r = (Map<?, ?>) cli("cmd.run_all", "echo out; echo err >&2; exit 2").value();
        assertEquals(List.of("pid", "retcode", "stdout", "stderr"), List.copyOf(r.keySet()));
        assertEquals(2L, r.get("retcode"));
        assertEquals("out", r.get("stdout"));
        assertEquals("err", r.get("stderr"));
        assertTrue((Long) r.get("pid") > 0);
    }

    @Test
    void retcodeStdoutAndStderrVariants() {
        assertEquals(5L, cli("cmd.retcode", "exit 5").value());
        assertEquals("o", cli("cmd.run_stdout", "echo o; echo e >&2").value());
        assertEquals("e", cli("cmd.run_stderr", "echo o; echo e >&2").value());
        assertEquals(0, cli("cmd.run", "exit 7", "success_retcodes", List.of(7L)).retcode());
    }

    @Test
    void envCwdAndStdinReachTheCommand() throws Exception {
        Path work = Files.createDirectory(dir.resolve("work"));
        assertEquals("bar " + work, cli("cmd.run", "echo $FOO $(pwd)", "env", Data.map("FOO", "bar"), "cwd",
                work.toString()).value());
        assertEquals("C", cli("cmd.run", "echo $LC_MESSAGES").value());
        assertEquals("line1\nline2", cli("cmd.run", "cat", "stdin", "line1\\nline2").value());
        assertEquals("", cli("cmd.run", "echo $HOME", "clean_env", true).value());
    }

    @Test
    void missingCwdIsAClearError() {
        assertEquals("Specified cwd '/no/such/dir' either not absolute or does not exist",
                refusal("cmd.run", "true", "cwd", "/no/such/dir"));
    }

    @Test
    void unknownRunasUserIsAClearError() {
        assertEquals("User 'no_such_user_xyz' is not available",
                refusal("cmd.run", "id", "runas", "no_such_user_xyz"));
    }

    @Test
    void runasRunsAsThatUserWhenRoot() {
        org.junit.jupiter.api.Assumptions.assumeTrue(io.jsalt.minion.grains.Passwd.effectiveUid() == 0, "needs root");
        org.junit.jupiter.api.Assumptions.assumeTrue(io.jsalt.minion.grains.Passwd.user("nobody").isPresent());
        assertEquals("nobody", cli("cmd.run", "id -un", "runas", "nobody", "cwd", "/").value());
    }

    @Test
    void missingProgramWithoutShellSaysWhy() {
        var e = assertThrows(RuntimeException.class, () -> m.call("cmd.run", "no-such-program-xyz --flag"));
        assertTrue(e.getMessage().startsWith("Unable to run command '['no-such-program-xyz', '--flag']'"), e.getMessage());
        assertTrue(e.getMessage().contains("No such file or directory"), e.getMessage());
    }

    @Test
    void timeoutKillsTheWholeProcessTree() throws Exception {
        Path pidFile = dir.resolve("child.pid");
        long start = System.nanoTime();
        TestMinion.Result r = cli("cmd.run", "sleep 30 & echo $! > " + pidFile + "; sleep 30", "timeout", 1L);
        double secs = (System.nanoTime() - start) / 1e9;
        assertTrue(secs < 10, "took " + secs + "s");
        assertEquals("sleep 30 & echo $! > " + pidFile + "; sleep 30 : Timed out after 1 seconds", r.value());
        assertEquals(1, r.retcode());
        long child = Long.parseLong(Files.readString(pidFile).trim());
        assertTrue(endsWithin5s(child), "background child survived");
        Map<?, ?> all = (Map<?, ?>) m.callKw("cmd.run_all", List.of("sleep 5"), "timeout", 0.5);
        assertEquals("['sleep', '5'] : Timed out after 0.5 seconds", all.get("stdout"));
        assertEquals(1L, all.get("retcode"));
    }

    @Test
    void interruptingTheJobThreadKillsTheCommand() throws Exception {
        Path pidFile = dir.resolve("int.pid");
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread job = new Thread(() -> {
            try {
                cli("cmd.run", "echo $$ > " + pidFile + "; sleep 30; sleep 30");
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        job.start();
        for (int i = 0; i < 100 && !Files.exists(pidFile); i++) {
            Thread.sleep(50);
        }
        Thread.sleep(200);
        long shell = Long.parseLong(Files.readString(pidFile).trim());
        List<ProcessHandle> kids = ProcessHandle.of(shell).map(h -> h.descendants().toList()).orElse(List.of());
        job.interrupt();
        job.join(10_000);
        assertFalse(job.isAlive());
        assertTrue(failure.get() != null && failure.get().getMessage().contains("was interrupted"), String.valueOf(failure.get()));
        assertTrue(endsWithin5s(shell));
        assertFalse(kids.isEmpty());
        for (ProcessHandle k : kids) {
            assertTrue(endsWithin5s(k.pid()), "child " + k.pid() + " survived");
        }
    }

    /**
     * SIGKILL has been sent when the call returns; the kernel ends a process when it next runs,
     * which on a loaded host can be a moment later. A survivor is still running after 5 s.
     */
    private static boolean endsWithin5s(long pid) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (running(pid)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(10);
        }
        return true;
    }

    /**
     * Alive and not a zombie: a killed orphan stays a zombie until init reaps it, and test
     * sandboxes often run an init that never does.
     */
    private static boolean running(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (java.io.IOException e) {
            return false;
        }
    }

    @Test
    void badTimeoutIsRefused() {
        assertEquals("Error: timeout soon must be a number", refusal("cmd.run", "true", "timeout", "soon"));
    }

    @Test
    void whichFindsExecutablesOnPath() {
        assertTrue(((String) m.call("cmd.which", "sh")).endsWith("/sh"));
        assertEquals(null, m.call("cmd.which", "no-such-program-xyz"));
        assertEquals(true, m.call("cmd.has_exec", "sh"));
    }
}
