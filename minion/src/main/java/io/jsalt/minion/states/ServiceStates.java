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
        return "Keep services running or stopped, enabled or disabled at boot."
                + "\n\nThe states call the service execution module: systemctl when /run/systemd/system "
                + "exists, else /etc/init.d/NAME and update-rc.d.\n\nDifferences from Salt: without systemd, "
                + "init scripts are run directly (not through service(8)) and boot links are judged in "
                + "runlevel 2 (Debian's default).";
    }

    @Fn(doc = "Make sure the service is running.\n\nenable\n    True/False: also enable/disable it at boot.\n"
            + "sig\n    Judge 'running' by a process matching this pattern instead of the status command.\n"
            + "reload\n    On a watch, reload instead of restart.\nfull_restart\n    On a watch, stop then start.\n"
            + "init_delay\n    Seconds to wait after starting.",
            example = "rsync:\n  service.running:\n    - enable: True\n    - reload: False\n    - watch:\n"
            + "      - file: /etc/rsyncd.conf")
    public Object running(Call c) {
        String name = c.requiredStr(0, "name");
        Ret ret = new Ret(name);
        if (c.kwargs().containsKey("enabled")) {
            return enabledUsed(ret);
        }
        if (!available(c, name)) {
            return ret.fail("The named service " + name + " is not available");
        }
        Object enable = c.arg(-1, "enable", null);
        boolean before = status(c, name);
        boolean beforeEnabled = enabled(c, name);
        if (before) {
            ret.comment = "The service " + name + " is already running";
            if (truth(enable) != null && truth(enable) != beforeEnabled) {
                atBoot(c, ret, enable, null);
            }
            return ret.toMap();
        }
        if (c.ctx().test()) {
            return ret.wouldChange("Service " + name + " is set to start");
        }
        boolean started = call(c, "service.start", name);
        long delay = c.integer(-1, "init_delay", 0);
        if (started && delay > 0) {
            sleep(delay);
        }
        boolean after = started && settle(c, name, true);
        if (!started || !after) {
            ret.result = false;
            ret.comment = "Service " + name + " failed to start";
        } else {
            ret.comment = "Started service " + name;
        }
        atBoot(c, ret, enable, after);
        if ((before != after || beforeEnabled != enabled(c, name)) && ret.changes.isEmpty()) {
            ret.changes.put(name, after);
        }
        if (started && delay > 0) {
            ret.comment += "\nDelayed return for " + delay + " seconds";
        }
        return ret.toMap();
    }

    @Fn(doc = "Make sure the service is stopped.\n\nenable\n    True/False: also enable/disable it at boot.\n"
            + "sig\n    Judge 'running' by a process matching this pattern.",
            example = "telnetd:\n  service.dead:\n    - enable: False")
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
            ret.comment = "The service " + name + " is already dead";
            if (truth(enable) != null && truth(enable) != beforeEnabled) {
                atBoot(c, ret, enable, null);
            }
            return ret.toMap();
        }
        if (c.ctx().test()) {
            return ret.wouldChange("Service " + name + " is set to be killed");
        }
        boolean stopped = call(c, "service.stop", name);
        boolean after = !settle(c, name, false);
        if (!stopped || after) {
            ret.result = false;
            ret.comment = "Service " + name + " failed to die";
        } else {
            ret.comment = "Service " + name + " was killed";
        }
        atBoot(c, ret, enable, false);
        if ((before != after || beforeEnabled != enabled(c, name)) && ret.changes.isEmpty()) {
            ret.changes.put(name, stopped);
        }
        return ret.toMap();
    }

    @Fn(doc = "Make sure the service starts at boot; whether it runs now is left alone.",
            example = "rsync:\n  service.enabled")
    public Object enabled(Call c) {
        String name = c.requiredStr(0, "name");
        Ret ret = new Ret(name);
        enable(c, ret, null);
        return ret.toMap();
    }

    @Fn(doc = "Make sure the service does not start at boot; whether it runs now is left alone.",
            example = "rsync:\n  service.disabled")
    public Object disabled(Call c) {
        String name = c.requiredStr(0, "name");
        Ret ret = new Ret(name);
        disable(c, ret, null);
        return ret.toMap();
    }

    @Fn(doc = "Called by the state engine when a watched state changed: for service.running, restart "
            + "the service (reload: True reloads, full_restart: True stops and starts), or start it when it "
            + "is stopped; for service.dead, stop it. sfun names the watching function.",
            example = "rsync:\n  service.running:\n    - reload: True\n    - watch:\n      - file: /etc/rsyncd.conf")
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
        if (c.ctx().test()) {
            return ret.wouldChange("Service is set to be " + past);
        }
        boolean result;
        if (func.equals("service.full_restart")) {
            result = call(c, "service.stop", name) && call(c, "service.start", name);
        } else {
            result = call(c, func, name);
        }
        ret.changes.put(name, result);
        ret.result = result;
        ret.comment = result ? "Service " + past : "Failed to " + verb + " the service";
        return ret.toMap();
    }

    // ---- Salt's _enable / _disable: started is true (running), false (dead) or null ----

    /** The states' enable argument: True enables the service at boot, False disables it, None leaves it. */
    private static void atBoot(Call c, Ret ret, Object enable, Boolean started) {
        if (Boolean.TRUE.equals(truth(enable))) {
            enable(c, ret, started);
        } else if (Boolean.FALSE.equals(truth(enable))) {
            disable(c, ret, started);
        }
    }

    private static void enable(Call c, Ret ret, Boolean started) {
        String name = ret.name;
        String state = started == null ? "in the desired state" : started ? "running" : "dead";
        if (!available(c, name)) {
            ret.result = false;
            ret.comment = "The named service " + name + " is not available";
            return;
        }
        if (enabled(c, name)) {
            ret.comment = "Service " + name + " is already enabled, and is " + state;
            return;
        }
        if (c.ctx().test()) {
            ret.result = null;
            ret.comment = "Service " + name + " set to be enabled";
            return;
        }
        if (call(c, "service.enable", name) && enabled(c, name)) {
            ret.changes.put(name, true);
            ret.comment = "Service " + name + " has been enabled, and is " + state;
            return;
        }
        ret.result = false;
        ret.comment = started == null ? "Failed when setting service " + name + " to start at boot, but the service "
                + "was already running" : started ? "Failed when setting service " + name + " to start at boot, but "
                + "the service is running" : "Failed when setting service " + name + " to start at boot, and the "
                + "service is dead";
    }

    private static void disable(Call c, Ret ret, Boolean started) {
        String name = ret.name;
        String state = started == null ? "in the desired state" : started ? "running" : "dead";
        if (!available(c, name)) {
            ret.comment = "The named service " + name + " is not available";
            return;
        }
        if (!enabled(c, name)) {
            ret.comment = "Service " + name + " is already disabled, and is " + state;
            return;
        }
        if (c.ctx().test()) {
            ret.result = null;
            ret.comment = "Service " + name + " set to be disabled";
            return;
        }
        if (call(c, "service.disable", name) && !enabled(c, name)) {
            ret.changes.put(name, true);
            ret.comment = "Service " + name + " has been disabled, and is " + state;
            return;
        }
        ret.result = false;
        ret.comment = "Failed when setting service " + name + " to not start at boot, "
                + (started == null ? "but the service was already running" : started ? "and is running"
                : "and the service is dead");
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

    private static Boolean truth(Object o) {
        if (o == null) {
            return null;
        }
        if (o instanceof String s) {
            return s.equalsIgnoreCase("true") || s.equalsIgnoreCase("yes") || s.equals("1");
        }
        return Data.truthy(o);
    }

    private static void sleep(long seconds) {
        try {
            Thread.sleep(seconds * 1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
