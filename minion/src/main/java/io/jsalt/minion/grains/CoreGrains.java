package io.jsalt.minion.grains;

import io.jsalt.common.Version;
import io.jsalt.common.host.HostFiles;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Salt's core grains for a Linux host, read from /etc, /proc, /sys and the JDK. Nothing
 * here asks DNS, and the only command is python3 for pythonversion, run once per process
 * (see ExtraGrains), so collecting again takes a few milliseconds.
 */
public final class CoreGrains {
    /** The Salt release whose grains, functions and outputs jsalt follows. */
    public static final String SALT_VERSION = "3006.0";

    private CoreGrains() {}

    public static Map<String, Object> collect(String minionId) {
        Map<String, Object> g = new LinkedHashMap<>();
        g.put("id", minionId);
        hostname(g);
        kernel(g);
        g.putAll(OsGrains.collect(HostFiles.read("/etc/lsb-release"), osReleaseText(), (String) g.get("cpuarch")));
        cpu(g);
        memory(g);
        network(g);
        String machineId = HostFiles.line("/etc/machine-id");
        if (machineId == null || machineId.isEmpty()) {
            machineId = HostFiles.line("/var/lib/dbus/machine-id");
        }
        if (machineId != null && !machineId.isEmpty()) {
            g.put("machine_id", machineId);
        }
        g.put("init", InitSystem.detect());
        hardware(g);
        process(g);
        ExtraGrains.collect(g, minionId);
        g.put("jsalt_version", Version.VERSION);
        g.put("saltversion", SALT_VERSION);
        g.put("saltversioninfo", versionInfo(SALT_VERSION));
        return g;
    }

    private static String osReleaseText() {
        String text = HostFiles.read("/etc/os-release");
        return text != null ? text : HostFiles.read("/usr/lib/os-release");
    }

    /**
     * localhost is the kernel's host name; fqdn is the canonical name /etc/hosts gives it
     * (what getaddrinfo with AI_CANONNAME answers from the files database). DNS is not asked:
     * a slow resolver must not stall a minion's start.
     */
    static void hostname(Map<String, Object> g) {
        String name = HostFiles.line("/proc/sys/kernel/hostname");
        if (name == null || name.isEmpty()) {
            name = "localhost";
        }
        g.put("localhost", name);
        String fqdn = canonicalFromHosts(name, HostFiles.lines("/etc/hosts"));
        int dot = fqdn.indexOf('.');
        g.put("fqdn", fqdn);
        g.put("host", dot < 0 ? fqdn : fqdn.substring(0, dot));
        g.put("domain", dot < 0 ? "" : fqdn.substring(dot + 1));
    }

    static String canonicalFromHosts(String name, List<String> hostsLines) {
        for (String line : hostsLines) {
            int hash = line.indexOf('#');
            String[] f = (hash < 0 ? line : line.substring(0, hash)).trim().split("\\s+");
            for (int i = 1; i < f.length; i++) {
                if (f[i].equalsIgnoreCase(name)) {
                    return f[1];
                }
            }
        }
        return name;
    }

    private static void kernel(Map<String, Object> g) {
        g.put("kernel", "Linux");
        g.put("nodename", g.get("localhost"));
        g.put("kernelrelease", orElse(HostFiles.line("/proc/sys/kernel/osrelease"), System.getProperty("os.version")));
        g.put("kernelversion", orElse(HostFiles.line("/proc/sys/kernel/version"), ""));
        g.put("cpuarch", orElse(HostFiles.line("/proc/sys/kernel/arch"), machineFromJdk()));
    }

    /** uname -m from the JDK's arch name, for kernels without /proc/sys/kernel/arch. */
    private static String machineFromJdk() {
        String a = System.getProperty("os.arch", "unknown");
        return switch (a) {
            case "amd64" -> "x86_64";
            case "x86", "i386" -> "i686";
            case "arm" -> "armv7l";
            default -> a;
        };
    }

    /** Salt's _linux_cpudata. */
    private static void cpu(Map<String, Object> g) {
        for (String line : HostFiles.lines("/proc/cpuinfo")) {
            int i = line.indexOf(':');
            if (i < 0) {
                continue;
            }
            String key = line.substring(0, i).trim();
            String val = line.substring(i + 1).trim();
            switch (key) {
                case "processor" -> {
                    try {
                        g.put("num_cpus", Long.parseLong(val) + 1);
                    } catch (NumberFormatException e) {
                        // ARM's "Processor : ARMv7 ..." names the model, below.
                        g.put("cpu_model", val);
                    }
                }
                case "# processors" -> g.put("num_cpus", Long.parseLong(val));
                case "vendor_id", "model name", "cpu model", "Processor" -> g.put("cpu_model", val);
                case "flags", "Features" -> g.put("cpu_flags", new ArrayList<Object>(List.of(val.split("\\s+"))));
                default -> { }
            }
        }
        g.putIfAbsent("num_cpus", (long) Runtime.getRuntime().availableProcessors());
        g.putIfAbsent("cpu_model", "Unknown");
    }

    /** Salt's _linux_memdata: MiB, floor division. */
    private static void memory(Map<String, Object> g) {
        Map<String, String> mem = HostFiles.colonPairs("/proc/meminfo");
        g.put("mem_total", kib(mem.get("MemTotal")) / 1024);
        g.put("swap_total", kib(mem.get("SwapTotal")) / 1024);
    }

    private static long kib(String v) {
        if (v == null) {
            return 0;
        }
        try {
            return Long.parseLong(v.split("\\s+")[0]);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** ip_fqdn, ip_interfaces, ip4/ip6_interfaces and hwaddr_interfaces. */
    private static void network(Map<String, Object> g) {
        Map<String, Object> ifaces = Interfaces.read();
        g.put("ipv4", Interfaces.addresses(ifaces, "inet", null, true));
        g.put("ipv6", Interfaces.addresses(ifaces, "inet6", null, true));
        Map<String, Object> all = new LinkedHashMap<>();
        Map<String, Object> v4 = new LinkedHashMap<>();
        Map<String, Object> v6 = new LinkedHashMap<>();
        Map<String, Object> hw = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : ifaces.entrySet()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> iface = (Map<String, Object>) e.getValue();
            List<Object> four = addressList(iface, "inet");
            List<Object> six = addressList(iface, "inet6");
            List<Object> both = new ArrayList<>(four);
            both.addAll(six);
            all.put(e.getKey(), both);
            v4.put(e.getKey(), four);
            v6.put(e.getKey(), six);
            if (iface.containsKey("hwaddr")) {
                hw.put(e.getKey(), iface.get("hwaddr"));
            }
        }
        g.put("ip_interfaces", all);
        g.put("ip4_interfaces", v4);
        g.put("ip6_interfaces", v6);
        g.put("hwaddr_interfaces", hw);
    }

    private static List<Object> addressList(Map<String, Object> iface, String proto) {
        List<Object> out = new ArrayList<>();
        for (Map<String, Object> a : Interfaces.entries(iface, proto)) {
            out.add(a.get("address"));
        }
        return out;
    }

    /** Salt's _hw_data from sysfs; serial and uuid are root-only and skipped when unreadable. */
    private static void hardware(Map<String, Object> g) {
        String dmi = "/sys/class/dmi/id/";
        String[][] keys = {
            {"biosversion", "bios_version"}, {"productname", "product_name"}, {"manufacturer", "sys_vendor"},
            {"biosreleasedate", "bios_date"}, {"uuid", "product_uuid"}, {"serialnumber", "product_serial"}};
        for (String[] k : keys) {
            String v = HostFiles.line(dmi + k[1]);
            if (v != null) {
                g.put(k[0], k[0].equals("uuid") ? v.toLowerCase(Locale.ROOT) : v);
            }
        }
    }

    /** path, shell, pid, user and group of this process, and the locale. */
    private static void process(Map<String, Object> g) {
        String path = orElse(System.getenv("PATH"), "").trim();
        g.put("path", path);
        g.put("systempath", new ArrayList<Object>(List.of(path.split(":", -1))));
        g.put("shell", orElse(System.getenv("SHELL"), "/bin/sh"));
        g.put("pid", ProcessHandle.current().pid());
        Map<String, String> status = HostFiles.colonPairs("/proc/self/status");
        long uid = firstNumber(status.get("Uid"), -1);
        long gid = firstNumber(status.get("Gid"), -1);
        g.put("uid", uid);
        g.put("username", orElse(Passwd.userName(uid), System.getProperty("user.name")));
        g.put("gid", gid);
        g.put("groupname", orElse(Passwd.groupName(gid), ""));
        Map<String, Object> locale = new LinkedHashMap<>();
        String lang = orElse(System.getenv("LC_ALL"), orElse(System.getenv("LANG"), ""));
        int dot = lang.indexOf('.');
        boolean unset = lang.isEmpty() || lang.equals("C") || lang.equals("POSIX");
        locale.put("defaultlanguage", unset ? null : dot < 0 ? lang : lang.substring(0, dot));
        locale.put("defaultencoding", unset || dot < 0 ? null : lang.substring(dot + 1));
        locale.put("detectedencoding", "utf-8");
        locale.put("timezone", LocalTimezone.now());
        g.put("locale_info", locale);
    }

    static long firstNumber(String s, long dflt) {
        if (s == null || s.isBlank()) {
            return dflt;
        }
        try {
            return Long.parseLong(s.trim().split("\\s+")[0]);
        } catch (NumberFormatException e) {
            return dflt;
        }
    }

    private static List<Object> versionInfo(String v) {
        List<Object> out = new ArrayList<>();
        for (String p : v.split("\\.")) {
            out.add(Long.parseLong(p));
        }
        return out;
    }

    private static String orElse(String v, String dflt) {
        return v == null || v.isEmpty() ? dflt : v;
    }
}
