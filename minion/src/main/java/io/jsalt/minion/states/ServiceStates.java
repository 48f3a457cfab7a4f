package io.jsalt.minion.states;

import io.jsalt.common.data.Data;
import io.jsalt.common.plugin.Call;
import io.jsalt.common.plugin.Fn;
import io.jsalt.common.plugin.StatePlugin;
import java.util.List;
import java.util.Map;

/**
 * Salt's service states over the service execution module: running, dead, enabled,
 * disabled, and mod_watch (restart or reload when a watched state changed).
 */
public final class ServiceStates implements StatePlugin {
    @Override
    public String name() {
        return "service";
    }

    @Override
    public String doc() {
        return """
                Keep services running or stopped, enabled or disabled at boot.

                The states call the service execution module: systemctl when /run/systemd/system exists, else \
                /etc/init.d/NAME and update-rc.d.

                Differences from Salt: without systemd, init scripts are run directly (not through service(8)) and \
                boot links are judged in runlevel 2 (Debian's default).""";
    }

    @Fn(doc = """
            Make sure the service is running.

            enable
                True/False: also enable/disable it at boot.
            sig
                Judge 'running' by a process matching this pattern instead of the status command.
            reload
                On a watch, reload instead of restart.
            full_restart
                On a watch, stop then start.
            init_delay
                Seconds to wait after starting.""",
            example = """
            rsync:
              service.running:
                - enable: True
                - reload: False
                - watch:
                  - file: /etc/rsyncd.conf""")
    public Object running(Call c) {
        String name = c.requiredStr(0, "name");
        Ret ret = new Ret(name);
        if (c.kwargs().containsKey("enabled")) {
            return enabledUsed(ret);
        }
        if (!available(c, name)) {
            return notPresent(c, ret, "started");
        }
        Object enable = c.arg(-1, "enable", null);
        boolean before = status(c, name);
        boolean beforeEnabled = enabled(c, name);
        if (before) {
            return already(c, ret, "running", enable, beforeEnabled);
        }
        return Plan.change("Service " + name + " is set to start", r -> {
            boolean started = call(c, "service.start", name);
            long delay = c.integer(-1, "init_delay", 0);
            if (started && delay > 0) {
                sleep(delay);
            }
            boolean after = started && settle(c, name, true);
            if (!started || !after) {
                r.result = false;
                r.comment = "Service " + name + " failed to start";
            } else {
                r.comment = "Started service " + name;
            }
            atBoot(c, r, enable, after);
            if ((before != after || beforeEnabled != enabled(c, name)) && r.changes.isEmpty()) {
                r.changes.put(name, after);
            }
            if (started && delay > 0) {
                r.comment += "\nDelayed return for " + delay + " seconds";
            }
            return r.toMap();
        }).run(c, ret);
    }

    @Fn(doc = """
            Make sure the service is stopped.

            enable
                True/False: also enable/disable it at boot.
            sig
                Judge 'running' by a process matching this pattern.""",
            example = """
            telnetd:
              service.dead:
                - enable: False""")
    public Object dead(Call c) {
        String name = c.requiredStr(0, "name");
        Ret ret = new Ret(name);
        if (c.kwargs().containsKey("enabled")) {
            return enabledUsed(ret);
        }
        if (!available(c, name)) {
            ret.comment = "The named service " + name + " is not available";
            return ret.toMap();
        }
        Object enable = c.arg(-1, "enable", null);
        boolean before = status(c, name);
        boolean beforeEnabled = enabled(c, name);
        if (!before) {
            return already(c, ret, "dead", enable, beforeEnabled);
        }
        return Plan.change("Service " + name + " is set to be killed", r -> {
            boolean stopped = call(c, "service.stop", name);
            boolean after = !settle(c, name, false);
            if (!stopped || after) {
                r.result = false;
                r.comment = "Service " + name + " failed to die";
            } else {
                r.comment = "Service " + name + " was killed";
            }
            // Salt's dead reports the boot setting with the status it found after the stop
            // (salt/states/service.py dead: _disable(name, after_toggle_status, ...)), so a
            // service whose status still says running is "disabled, and is running".
            atBoot(c, r, enable, !stopped || after);
            if ((before != after || beforeEnabled != enabled(c, name)) && r.changes.isEmpty()) {
                r.changes.put(name, stopped);
            }
            return r.toMap();
        }).run(c, ret);
    }

    /** service.enabled and service.disabled: Salt's _enable or _disable, as the function's name says. */
    @Fn(name = "enabled", doc = "Make sure the service starts at boot; whether it runs now is left alone.",
            example = """
            rsync:
              service.enabled""")
    @Fn(name = "disabled", doc = "Make sure the service does not start at boot; whether it runs now is left alone.",
            example = """
            rsync:
              service.disabled""")
    public Object bootSetting(Call c) {
        Ret ret = new Ret(c.requiredStr(0, "name"));
        return c.function().equals("enabled") ? enable(c, ret, null) : disable(c, ret, null);
    }

    @Fn(doc = """
            Called by the state engine when a watched state changed: for service.running, restart the service (reload: \
            True reloads, full_restart: True stops and starts), or start it when it is stopped; for service.dead, stop \
            it. sfun names the watching function. For service.running the service must be running afterwards: when an \
            init script's restart left it stopped, it is started.""",
            example = """
            rsync:
              service.running:
                - reload: True
                - watch:
                  - file: /etc/rsyncd.conf""")
    public Object mod_watch(Call c) {
        String name = c.requiredStr(0, "name");
        Ret ret = new Ret(name);
        String sfun = c.str(-1, "sfun", "running");
        if (sfun.contains(".")) {
            sfun = sfun.substring(sfun.indexOf('.') + 1);
        }
        String func;
        String verb;
        String past;
        if (sfun.equals("dead")) {
            if (!status(c, name)) {
                return ret.done("Service is already stopped");
            }
            func = "service.stop";
            verb = "stop";
            past = "stopped";
        } else if (sfun.equals("running")) {
            if (status(c, name)) {
                if (c.bool(-1, "reload", false)) {
                    boolean force = c.bool(-1, "force", false);
                    func = force ? "service.force_reload" : "service.reload";
                    verb = force ? "forcefully reload" : "reload";
                } else if (c.bool(-1, "full_restart", false)) {
                    func = "service.full_restart";
                    verb = "fully restart";
                } else {
                    func = "service.restart";
                    verb = "restart";
                }
            } else {
                func = "service.start";
                verb = "start";
            }
            past = verb + "ed";
        } else {
            return ret.fail("Unable to trigger watch for service." + sfun);
        }
        String fun = func;
        String infinitive = verb;
        boolean sfunRunning = sfun.equals("running");
        return Plan.change("Service is set to be " + past, r -> {
            boolean result;
            if (fun.equals("service.full_restart")) {
                result = call(c, "service.stop", name) && call(c, "service.start", name);
            } else {
                result = call(c, fun, name);
            }
            if (result && sfunRunning && !fun.equals("service.stop") && !settle(c, name, true)) {
                // Some init scripts' restart returns success with the daemon stopped: Debian 12's
                // chrony script stops without waiting for chronyd to exit, so its start still
                // finds the old chronyd, says "already running", and the old one then exits.
                // service.running promises a running service, so it is started once more
                // (Salt's mod_watch does not check, and the next apply would start it instead).
                result = call(c, "service.start", name) && settle(c, name, true);
            }
            r.changes.put(name, result);
            r.result = result;
            r.comment = result ? "Service " + past : "Failed to " + infinitive + " the service";
            return r.toMap();
        }).run(c, ret);
    }

    // ---- Salt's _enable / _disable: started is true (running), false (dead) or null ----

    /** The states' enable argument: True enables the service at boot, False disables it, None leaves it. */
    private static void atBoot(Call c, Ret ret, Object enable, Boolean started) {
        if (Boolean.TRUE.equals(StateSupport.truth(enable))) {
            enable(c, ret, started);
        } else if (Boolean.FALSE.equals(StateSupport.truth(enable))) {
            disable(c, ret, started);
        }
    }

    /**
     * A service that is not installed: with test=True, Salt assumes an earlier state of the run
     * installs it (result None), so a formula's dry-run before its package is in passes; a real
     * run fails (salt/states/service.py, running and enabled).
     */
    private static Map<String, Object> notPresent(Call c, Ret ret, String would) {
        if (c.ctx().test()) {
            return ret.wouldChange("Service " + ret.name + " not present; if created in this state run, it would have been "
                    + would);
        }
        return ret.fail("The named service " + ret.name + " is not available");
    }

    private static Map<String, Object> enable(Call c, Ret ret, Boolean started) {
        String name = ret.name;
        String state = started == null ? "in the desired state" : started ? "running" : "dead";
        if (!available(c, name)) {
            return notPresent(c, ret, "enabled");
        }
        if (enabled(c, name)) {
            return ret.done("Service " + name + " is already enabled, and is " + state);
        }
        return Plan.change("Service " + name + " set to be enabled", r -> {
            if (call(c, "service.enable", name) && enabled(c, name)) {
                r.changes.put(name, true);
                return r.done("Service " + name + " has been enabled, and is " + state);
            }
            return r.fail(started == null ? "Failed when setting service " + name + " to start at boot, but the "
                    + "service was already running" : started ? "Failed when setting service " + name + " to start at "
                    + "boot, but the service is running" : "Failed when setting service " + name + " to start at "
                    + "boot, and the service is dead");
        }).run(c, ret);
    }

    private static Map<String, Object> disable(Call c, Ret ret, Boolean started) {
        String name = ret.name;
        String state = started == null ? "in the desired state" : started ? "running" : "dead";
        if (!available(c, name)) {
            return ret.done("The named service " + name + " is not available");
        }
        if (!enabled(c, name)) {
            return ret.done("Service " + name + " is already disabled, and is " + state);
        }
        return Plan.change("Service " + name + " set to be disabled", r -> {
            if (call(c, "service.disable", name) && !enabled(c, name)) {
                r.changes.put(name, true);
                return r.done("Service " + name + " has been disabled, and is " + state);
            }
            return r.fail("Failed when setting service " + name + " to not start at boot, "
                    + (started == null ? "but the service was already running" : started ? "and is running"
                    : "and the service is dead"));
        }).run(c, ret);
    }

    /**
     * The answer of running and dead when the service is already as wanted (Salt's service.running
     * and service.dead in salt/states/service.py): only the boot setting may still change.
     */
    private static Map<String, Object> already(Call c, Ret ret, String state, Object enable, boolean beforeEnabled) {
        ret.comment = "The service " + ret.name + " is already " + state;
        if (StateSupport.truth(enable) != null && StateSupport.truth(enable) != beforeEnabled) {
            atBoot(c, ret, enable, null);
        }
        return ret.toMap();
    }

    private static Map<String, Object> enabledUsed(Ret ret) {
        return ret.fail("Service option 'enabled' not supported. Use 'enable' instead.");
    }

    private static boolean available(Call c, String name) {
        return Data.truthy(c.salt("service.available", List.of(name), Map.of()));
    }

    private static boolean status(Call c, String name) {
        String sig = c.str(-1, "sig", null);
        return Data.truthy(c.salt("service.status", sig == null ? List.of(name) : List.of(name, sig), Map.of()));
    }

    /**
     * Waits up to 5 s for the status to become {@code want}: many init scripts return before
     * their daemon wrote its pid file (or exited), so one immediate check misreports.
     * Returns whether the wanted status was reached.
     */
    private static boolean settle(Call c, String name, boolean want) {
        for (int i = 0; i < 25; i++) {
            if (status(c, name) == want) {
                return true;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    private static boolean enabled(Call c, String name) {
        return Data.truthy(c.salt("service.enabled", List.of(name), Map.of()));
    }

    private static boolean call(Call c, String fun, String name) {
        return Data.truthy(c.salt(fun, List.of(name), Map.of()));
    }

    private static void sleep(long seconds) {
        try {
            Thread.sleep(seconds * 1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
