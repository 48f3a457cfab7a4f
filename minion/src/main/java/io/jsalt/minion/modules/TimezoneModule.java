package io.jsalt.minion.modules;

import io.jsalt.common.plugin.Call;
import io.jsalt.common.plugin.CommandExecutionError;
import io.jsalt.common.plugin.Context;
import io.jsalt.common.plugin.ExecutionPlugin;
import io.jsalt.common.plugin.Fn;
import io.jsalt.minion.files.FileIo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Salt's timezone module for Debian (salt/modules/timezone.py, its Debian branches): the zone
 * is the name in /etc/timezone and the zone file /etc/localtime points to; the hardware clock
 * setting is the last line of /etc/adjtime. Every file is under the minion option
 * {@code timezone.root} (default /), so tests work on a directory of their own.
 */
public final class TimezoneModule implements ExecutionPlugin {
    @Override
    public String name() {
        return "timezone";
    }

    @Override
    public String doc() {
        return """
                Manage the system's time zone and hardware clock setting (Debian: /etc/timezone, /etc/localtime, \
                /etc/adjtime).

                Differences from Salt: the files are written directly, also where timedatectl is installed (it needs a \
                running systemd, which containers and test hosts lack; the files are what it writes).""";
    }

    @Fn(doc = "The current time zone (e.g. Europe/Berlin), from /etc/timezone.", example = "jsalt '*' timezone.get_zone")
    public Object get_zone(Call c) {
        return zone(c.ctx());
    }

    @Fn(doc = """
            True when the time zone is this one: /etc/timezone names it and /etc/localtime has the same content as its \
            zone file.""",
            example = "jsalt '*' timezone.zone_compare Europe/Berlin")
    public Object zone_compare(Call c) {
        String want = c.requiredStr(0, "timezone");
        Path zonefile = zoneFile(c.ctx(), want);
        if (!want.equals(zone(c.ctx()))) {
            return false;
        }
        Path localtime = root(c.ctx()).resolve("etc/localtime");
        if (!Files.exists(localtime)) {
            return "Error: /etc/localtime does not exist.";
        }
        try {
            return Files.mismatch(zonefile, localtime) == -1L;
        } catch (IOException e) {
            throw new CommandExecutionError("Problem reading timezone file /etc/localtime: " + e.getMessage());
        }
    }

    @Fn(doc = "Set the time zone: /etc/localtime becomes a symlink to the zone file and /etc/timezone names it.",
            example = "jsalt '*' timezone.set_zone Europe/Berlin")
    public Object set_zone(Call c) {
        String want = c.requiredStr(0, "timezone");
        Path zonefile = zoneFile(c.ctx(), want);
        Path localtime = root(c.ctx()).resolve("etc/localtime");
        try {
            Files.deleteIfExists(localtime);
            Files.createSymbolicLink(localtime, zonefile.toAbsolutePath());
        } catch (IOException e) {
            throw new CommandExecutionError("Cannot link /etc/localtime to " + zonefile + ": " + e.getMessage());
        }
        FileIo.writeText(root(c.ctx()).resolve("etc/timezone"), want + "\n");
        return true;
    }

    @Fn(doc = """
            The hardware clock setting, 'UTC' or 'localtime' (the last line of /etc/adjtime; UTC without that file).""",
            example = "jsalt '*' timezone.get_hwclock")
    public Object get_hwclock(Call c) {
        List<String> lines = adjtime(c.ctx());
        return lines.size() >= 3 && lines.get(2).strip().equals("LOCAL") ? "localtime" : "UTC";
    }

    @Fn(doc = "Set the hardware clock to keep 'UTC' or 'localtime' (the last line of /etc/adjtime).",
            example = "jsalt '*' timezone.set_hwclock UTC")
    public Object set_hwclock(Call c) {
        String clock = c.requiredStr(0, "clock");
        if (!clock.equalsIgnoreCase("utc") && !clock.equalsIgnoreCase("localtime")) {
            throw new CommandExecutionError("localtime and UTC are the only permitted values");
        }
        List<String> lines = new ArrayList<>(adjtime(c.ctx()));
        while (lines.size() < 3) {
            lines.add(lines.size() == 0 ? "0.0 0 0.0" : "0");
        }
        lines.set(2, clock.equalsIgnoreCase("utc") ? "UTC" : "LOCAL");
        FileIo.writeText(root(c.ctx()).resolve("etc/adjtime"), String.join("\n", lines) + "\n");
        return true;
    }

    private static Path root(Context ctx) {
        Object o = ctx.opts().get("timezone.root");
        return Path.of(o == null ? "/" : String.valueOf(o));
    }

    private static String zone(Context ctx) {
        Path f = root(ctx).resolve("etc/timezone");
        if (!Files.isRegularFile(f)) {
            throw new CommandExecutionError("Unable to get timezone: /etc/timezone does not exist");
        }
        return FileIo.readText(f).strip();
    }

    /**
     * The zone file of a zone name. A name is a relative path of plain words (Europe/Berlin,
     * Etc/GMT+1): anything else could reach outside the zone directory, and is refused as
     * Salt refuses a zone without a file.
     */
    private static Path zoneFile(Context ctx, String zone) {
        Path dir = root(ctx).resolve("usr/share/zoneinfo");
        if (!zone.matches("[A-Za-z0-9_+-]+(/[A-Za-z0-9_+-]+)*")
                || !Files.isRegularFile(dir.resolve(zone))) {
            throw new CommandExecutionError("Invalid timezone '" + zone + "'");
        }
        return dir.resolve(zone);
    }

    private static List<String> adjtime(Context ctx) {
        Path f = root(ctx).resolve("etc/adjtime");
        try {
            return Files.isRegularFile(f) ? Files.readAllLines(f) : List.of();
        } catch (IOException e) {
            throw new CommandExecutionError("Cannot read /etc/adjtime: " + e.getMessage());
        }
    }
}
