package io.jsalt.minion.states;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A real SysV init script in /etc/init.d for service tests (root only): it runs a sleep as its
 * daemon, keeps a pid file and logs every action it is asked for. {@link #close} stops the
 * daemon and removes the script and its rc links.
 */
final class FakeInitScript implements AutoCloseable {
    final String name = "jsalt-test-" + UUID.randomUUID().toString().substring(0, 8);
    final Path script = Path.of("/etc/init.d", name);
    final Path state;
    final Path log;

    FakeInitScript(Path dir) throws IOException {
        this.state = dir.resolve(name + ".pid");
        this.log = dir.resolve(name + ".log");
        String text = "#!/bin/sh\n"
                + "### BEGIN INIT INFO\n# Provides:          " + name + "\n# Required-Start:    $remote_fs\n"
                + "# Required-Stop:     $remote_fs\n# Default-Start:     2 3 4 5\n# Default-Stop:      0 1 6\n"
                + "# Short-Description: jsalt test daemon\n### END INIT INFO\n"
                + "PID=" + state + "\nLOG=" + log + "\n"
                + "running() { [ -f $PID ] && ps -o stat= -p $(cat $PID) 2>/dev/null | grep -qv Z; }\n"
                + "start() { running && return 0; setsid sleep 100000 </dev/null >/dev/null 2>&1 & echo $! > $PID; }\n"
                + "stop() { if running; then kill $(cat $PID); fi; rm -f $PID; }\n"
                + "echo \"$1\" >> $LOG\n"
                + "case \"$1\" in\n"
                + "  start) start ;;\n  stop) stop ;;\n  restart|force-reload) stop; start ;;\n"
                + "  reload) running || exit 7 ;;\n  status) running || exit 3 ;;\n  *) exit 2 ;;\nesac\nexit 0\n";
        Files.writeString(script, text);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    List<String> actions() throws IOException {
        return Files.exists(log) ? Files.readAllLines(log) : List.of();
    }

    boolean running() throws Exception {
        return run(script.toString(), "status") == 0;
    }

    void killBehindItsBack() throws Exception {
        run("sh", "-c", "kill $(cat " + state + ")");
        for (int i = 0; i < 50 && running(); i++) {
            Thread.sleep(50);
        }
    }

    static int run(String... argv) throws Exception {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        p.waitFor(30, TimeUnit.SECONDS);
        return p.exitValue();
    }

    @Override
    public void close() throws Exception {
        run(script.toString(), "stop");
        run("update-rc.d", "-f", name, "remove");
        Files.deleteIfExists(script);
    }
}
