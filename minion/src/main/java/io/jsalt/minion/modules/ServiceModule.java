package io.jsalt.minion.modules;

import io.jsalt.common.plugin.Call;
import io.jsalt.common.plugin.Context;
import io.jsalt.common.plugin.ExecutionPlugin;
import io.jsalt.common.plugin.Fn;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Salt's service module for Debian: systemctl when the host was booted with systemd (Salt's
 * test: {@code /run/systemd/system} exists), otherwise the init scripts in /etc/init.d with
 * update-rc.d for boot links, as salt/modules/debian_service.py.
 */
public final class ServiceModule implements ExecutionPlugin {
    static final Path INIT_D = Path.of("/etc/init.d");
    private static final double TIMEOUT = 300;
    /** Debian's default runlevel; without a running init, runlevel(8) cannot say. */
    private static final String RUNLEVEL = "2";

    @Override
    public String name() {
        return "service";
    }

    @Override
    public String doc() {
        return "Start, stop and enable services: systemd when it is PID 1, else Debian's init scripts.";
    }

    @Override
    public String unavailableReason(Context ctx) {
        if (systemd()) {
            return Sh.has("systemctl") ? null : "systemd is running but systemctl is missing";
        }
        return Files.isDirectory(INIT_D) ? null : "neither systemd nor " + INIT_D + " is present";
    }

    /** Salt's salt.utils.systemd.booted. */
    static boolean systemd() {
        return Files.isDirectory(Path.of("/run/systemd/system"));
    }

    /** The verbs of the service's own command: systemctl VERB UNIT, or /etc/init.d/NAME VERB. */
    @Fn(name = "start", doc = "Start the service; True when its start command succeeded.",
            example = "jsalt '*' service.start rsync")
    @Fn(name = "stop", doc = "Stop the service; True when its stop command succeeded.", example = "jsalt '*' service.stop rsync")
    @Fn(name = "restart", doc = "Restart the service.", example = "jsalt '*' service.restart rsync")
    @Fn(name = "reload", doc = "Reload the service's configuration.", example = "jsalt '*' service.reload rsync")
    @Fn(name = "force_reload", doc = "Force-reload the service (reload, or restart when it cannot reload).",
            example = "jsalt '*' service.force_reload rsync")
    public Object action(Call c) {
        return action(c.requiredStr(0, "name"), c.function().replace('_', '-'));
    }

    @Fn(doc = """
            True when the service is running (its status command exits 0).

            sig
                Instead, look for a process whose command line matches this pattern (pgrep -f).""",
            example = "jsalt '*' service.status rsync")
    public Object status(Call c) {
        return status(c.requiredStr(0, "name"), c.str(1, "sig", null));
    }

    @Fn(name = "enable", doc = "Enable the service at boot (update-rc.d, or systemctl enable).",
            example = "jsalt '*' service.enable rsync")
    @Fn(name = "disable", doc = "Disable the service at boot.", example = "jsalt '*' service.disable rsync")
    public Object atBoot(Call c) {
        return atBoot(c.requiredStr(0, "name"), c.function());
    }

    /**
     * Enables or disables the service at boot ({@code how} is "enable" or "disable"):
     * systemctl where systemd runs, else update-rc.d: the defaults links are made first so
     * that there is something to enable or disable.
     */
    private static boolean atBoot(String name, String how) {
        if (systemd()) {
            return Sh.run(List.of("systemctl", how, unit(name))).ok();
        }
        Sh.run(List.of("update-rc.d", name, "defaults"));
        return Sh.run(List.of("update-rc.d", name, how)).ok();
    }

    @Fn(doc = "True when the service starts at boot.", example = "jsalt '*' service.enabled rsync")
    public Object enabled(Call c) {
        return enabled(c.requiredStr(0, "name"));
    }

    @Fn(doc = "True when the service does not start at boot.", example = "jsalt '*' service.disabled rsync")
    public Object disabled(Call c) {
        return !enabled(c.requiredStr(0, "name"));
    }

    @Fn(doc = "True when a service of this name exists on this host.", example = "jsalt '*' service.available rsync")
    public Object available(Call c) {
        return getAll().contains(c.requiredStr(0, "name"));
    }

    @Fn(doc = "True when no service of this name exists on this host.", example = "jsalt '*' service.missing rsync")
    public Object missing(Call c) {
        return !getAll().contains(c.requiredStr(0, "name"));
    }

    @Fn(doc = "Every service on this host, sorted.", example = "jsalt '*' service.get_all")
    public Object get_all(Call c) {
        return new ArrayList<Object>(getAll());
    }

    @Fn(doc = "The services that start at boot, sorted.", example = "jsalt '*' service.get_enabled")
    public Object get_enabled(Call c) {
        List<Object> out = new ArrayList<>();
        for (String s : getAll()) {
            if (enabled(s)) {
                out.add(s);
            }
        }
        return out;
    }

    static boolean action(String name, String verb) {
        if (systemd()) {
            return Sh.run(List.of("systemctl", verb.equals("force-reload") ? "reload-or-restart" : verb, unit(name))).ok();
        }
        return Sh.runDaemonizing(List.of(INIT_D.resolve(name).toString(), verb), TIMEOUT).ok();
    }

    static boolean status(String name, String sig) {
        if (sig != null && !sig.isBlank()) {
            return Sh.run(List.of("pgrep", "-f", sig)).ok();
        }
        if (systemd()) {
            return Sh.run(List.of("systemctl", "is-active", "--quiet", unit(name))).ok();
        }
        Path script = INIT_D.resolve(name);
        return Files.isExecutable(script) && Sh.runDaemonizing(List.of(script.toString(), "status"), 60).ok();
    }

    static boolean enabled(String name) {
        if (systemd()) {
            return Sh.run(List.of("systemctl", "is-enabled", "--quiet", unit(name))).ok();
        }
        Path rc = Path.of("/etc/rc" + RUNLEVEL + ".d");
        if (!Files.isDirectory(rc)) {
            return false;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(rc, "S[0-9][0-9]" + globEscape(name))) {
            return ds.iterator().hasNext();
        } catch (IOException e) {
            return false;
        }
    }

    static TreeSet<String> getAll() {
        TreeSet<String> out = new TreeSet<>();
        if (systemd()) {
            Sh.Out o = Sh.run(List.of("systemctl", "list-unit-files", "--type=service", "--no-legend", "--no-pager"));
            for (String line : o.stdout().split("\n")) {
                String unit = line.strip().split("\\s+")[0];
                if (unit.endsWith(".service")) {
                    out.add(unit.substring(0, unit.length() - ".service".length()));
                }
            }
        }
        if (Files.isDirectory(INIT_D)) {
            try (Stream<Path> s = Files.list(INIT_D)) {
                s.filter(p -> Files.isExecutable(p) && Files.isRegularFile(p))
                        .map(p -> p.getFileName().toString())
                        .filter(n -> !n.equals("README") && !n.equals("skeleton") && !n.startsWith("."))
                        .forEach(out::add);
            } catch (IOException e) {
                // an unreadable init.d lists nothing more
            }
        }
        return out;
    }

    private static String unit(String name) {
        return name.contains(".") ? name : name + ".service";
    }

    private static String globEscape(String s) {
        return s.replaceAll("([*?\\[\\]{}\\\\])", "\\\\$1");
    }
}
