package io.jsalt.minion.modules;

import io.jsalt.common.host.HostFiles;
import io.jsalt.common.plugin.Call;
import io.jsalt.common.plugin.CommandExecutionError;
import io.jsalt.common.plugin.Context;
import io.jsalt.common.plugin.ExecutionPlugin;
import io.jsalt.common.plugin.Fn;
import io.jsalt.common.py.Fnmatch;
import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/** Salt's status module: uptime, load, memory, CPU and disk figures from /proc. */
public final class StatusModule implements ExecutionPlugin {
    @Override
    public String name() {
        return "status";
    }

    @Override
    public String doc() {
        return "Module for returning various status data about a minion.";
    }

    @Override
    public String unavailableReason(Context ctx) {
        return new File("/proc/uptime").exists() ? null : "/proc is not mounted";
    }

    @Fn(doc = """
            Return the uptime for this system: seconds, since_iso, since_t, days, time (H:M) and the number of \
            logged-in users.""",
            example = "jsalt '*' status.uptime")
    public Object uptime(Call c) {
        String text = HostFiles.line("/proc/uptime");
        if (text == null) {
            throw new CommandExecutionError("File /proc/uptime was not found.");
        }
        long seconds = (long) Double.parseDouble(text.split("\\s+")[0]);
        double now = System.currentTimeMillis() / 1000.0;
        double boot = now - seconds;
        long micros = Math.round(boot * 1e6);
        LocalDateTime since = LocalDateTime.ofInstant(
                Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000),
                ZoneId.systemDefault());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("seconds", seconds);
        out.put("since_iso", isoformat(since));
        out.put("since_t", (long) boot);
        long days = seconds / 86400;
        long rest = seconds % 86400;
        out.put("days", days);
        out.put("time", rest / 3600 + ":" + rest % 3600 / 60);
        out.put("users", (long) loggedInUsers());
        return out;
    }

    /** Python's datetime.isoformat: microseconds only when there are some. */
    static String isoformat(LocalDateTime t) {
        String base = String.format("%04d-%02d-%02dT%02d:%02d:%02d", t.getYear(), t.getMonthValue(),
                t.getDayOfMonth(), t.getHour(), t.getMinute(), t.getSecond());
        int micros = t.getNano() / 1000;
        return micros == 0 ? base : base + String.format(".%06d", micros);
    }

    /** USER_PROCESS records in utmp: what "who" counts, read without running it. */
    private static int loggedInUsers() {
        byte[] data;
        try {
            data = Files.readAllBytes(Path.of("/var/run/utmp"));
        } catch (IOException e) {
            return 0;
        }
        final int recordSize = 384;
        final int userProcess = 7;
        ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.nativeOrder());
        int count = 0;
        for (int off = 0; off + recordSize <= data.length; off += recordSize) {
            if (b.getShort(off) == userProcess) {
                count++;
            }
        }
        return count;
    }

    @Fn(doc = "Return the load averages for this minion: {\"1-min\", \"5-min\", \"15-min\"}.",
            example = "jsalt '*' status.loadavg")
    public Object loadavg(Call c) {
        String text = HostFiles.line("/proc/loadavg");
        if (text == null) {
            throw new CommandExecutionError("status.loadavag is not available on your platform");
        }
        String[] f = text.split("\\s+");
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("1-min", Double.parseDouble(f[0]));
        out.put("5-min", Double.parseDouble(f[1]));
        out.put("15-min", Double.parseDouble(f[2]));
        return out;
    }

    @Fn(doc = """
            Return the memory info for this minion from /proc/meminfo: {"MemTotal": {"value": "...", "unit": "kB"}, \
            ...}.""",
            example = "jsalt '*' status.meminfo")
    public Object meminfo(Call c) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String line : HostFiles.lines("/proc/meminfo")) {
            String[] comps = line.trim().split("\\s+");
            if (comps.length < 2) {
                continue;
            }
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("value", comps[1]);
            if (comps.length > 2) {
                v.put("unit", comps[2]);
            }
            out.put(comps[0].replace(":", ""), v);
        }
        return out;
    }

    @Fn(doc = """
            Return the CPU info for this minion from /proc/cpuinfo, one value per field (the last processor's), flags \
            as a list.""",
            example = "jsalt '*' status.cpuinfo")
    public Object cpuinfo(Call c) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String line : HostFiles.lines("/proc/cpuinfo")) {
            int i = line.indexOf(':');
            if (line.isEmpty() || i < 0) {
                continue;
            }
            String key = line.substring(0, i).trim();
            String val = line.substring(i + 1);
            if (key.equals("flags")) {
                out.put(key, new ArrayList<Object>(List.of(val.trim().split("\\s+"))));
            } else {
                out.put(key, val.trim());
            }
        }
        return out;
    }

    @Fn(doc = """
            Return the disk usage for this minion: {mount: {available, total}} in bytes. Arguments starting with / \
            select mount points; others select file system types (globs allowed). No argument: every mount.""",
            example = """
            jsalt '*' status.diskusage [paths and/or filesystem types]
            jsalt '*' status.diskusage / ext4""")
    public Object diskusage(Call c) {
        List<String> paths = new ArrayList<>();
        List<Predicate<String>> types = new ArrayList<>();
        if (c.args().isEmpty()) {
            types.add(Fnmatch.compile("*"));
        }
        for (Object a : c.args()) {
            String s = String.valueOf(a);
            if (s.startsWith("/")) {
                paths.add(s);
            } else {
                types.add(Fnmatch.compile(s));
            }
        }
        if (!types.isEmpty()) {
            for (String line : HostFiles.lines("/proc/mounts")) {
                String[] comps = line.split("\\s+");
                if (comps.length >= 3 && types.stream().anyMatch(p -> p.test(comps[2]))) {
                    if (!paths.contains(comps[1])) {
                        paths.add(comps[1]);
                    }
                }
            }
        }
        Map<String, Object> out = new TreeMap<>();
        for (String p : paths) {
            try {
                FileStore fs = Files.getFileStore(Path.of(p));
                Map<String, Object> v = new LinkedHashMap<>();
                v.put("available", fs.getUsableSpace());
                v.put("total", fs.getTotalSpace());
                out.put(p, v);
            } catch (IOException | SecurityException e) {
                // Salt's statvfs raises here; an unreadable mount is skipped instead.
            }
        }
        return new LinkedHashMap<>(out);
    }
}
