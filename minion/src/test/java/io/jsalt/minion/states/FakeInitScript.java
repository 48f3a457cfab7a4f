package io.jsalt.minion.states;

import io.jsalt.minion.testhost.TestHost;
import java.util.List;
import java.util.UUID;

/**
 * A real SysV init script in a test host's /etc/init.d for service tests: it runs a sleep as
 * its daemon, keeps a pid file and logs every action it is asked for (both in the host's
 * /tmp). {@link #close} stops the daemon and removes the script and its rc links.
 */
final class FakeInitScript implements AutoCloseable {
    final String name = "jsalt-test-" + UUID.randomUUID().toString().substring(0, 8);
    final String script = "/etc/init.d/" + name;
    final String state = "/tmp/" + name + ".pid";
    final String log = "/tmp/" + name + ".log";
    private final TestHost host;

    FakeInitScript(TestHost host) {
        this(host, false);
    }

    /**
     * restartStops: its restart only stops the daemon and still exits 0, the end state of Debian
     * 12's chrony script when its start runs before the old chronyd has exited.
     */
    FakeInitScript(TestHost host, boolean restartStops) {
        this.host = host;
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
                + "  start) start ;;\n  stop) stop ;;\n  restart|force-reload) stop; " + (restartStops ? "true" : "start") + " ;;\n"
                + "  reload) running || exit 7 ;;\n  status) running || exit 3 ;;\n  *) exit 2 ;;\nesac\nexit 0\n";
        host.write(script, text, "755");
    }

    List<String> actions() {
        TestHost.Result r = host.sh("[ ! -f " + log + " ] || cat " + log);
        return r.output().isEmpty() ? List.of() : List.of(r.output().split("\n"));
    }

    boolean running() {
        return host.exec(script, "status").ok();
    }

    void killBehindItsBack() throws InterruptedException {
        host.sh("kill $(cat " + state + ")");
        for (int i = 0; i < 50 && running(); i++) {
            Thread.sleep(50);
        }
    }

    @Override
    public void close() {
        host.exec(script, "stop");
        host.exec("update-rc.d", "-f", name, "remove");
        host.exec("rm", "-f", script);
    }
}
