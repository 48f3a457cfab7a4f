package io.jsalt.minion.grains;

import io.jsalt.common.data.Data;
import io.jsalt.common.host.HostFiles;
import io.jsalt.common.net.Ip;
import io.jsalt.minion.modules.Shlex;
import java.io.File;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The core grains of salt/grains/core.py that CoreGrains' first pass did not set: server_id,
 * fqdn_ip4/fqdn_ip6, dns, the default gateways, kernelparams, cwd, efi, pythonversion, ps,
 * transactional, and the disks and mdadm grains of salt/grains/disks.py and mdadm.py. Like CoreGrains they read files only (the gateways come from /proc/net
 * rather than `ip route`), except pythonversion, which asks python3 once per process.
 */
final class ExtraGrains {
    /**
     * pythonversion when no python3 is installed: Salt 3006's onedir packages ship their own
     * Python 3.10, so that is what a formula sees on a Salt minion without a system Python.
     */
    static final List<Object> ONEDIR_PYTHON = List.of(3L, 10L, 11L, "final", 0L);

    private static volatile List<Object> pythonVersion;

    private ExtraGrains() {}

    static void collect(Map<String, Object> g, String minionId) {
        g.put("server_id", serverId(minionId));
        fqdnIps(g, HostFiles.lines("/etc/hosts"));
        Map<String, Object> dns = dns(HostFiles.lines(Files.exists(Path.of("/run/systemd/resolve/resolv.conf"))
                ? "/run/systemd/resolve/resolv.conf" : "/etc/resolv.conf"));
        if (dns != null) {
            g.put("dns", dns);
        }
        gateways(g, HostFiles.lines("/proc/net/route"), HostFiles.lines("/proc/net/ipv6_route"));
        String cmdline = HostFiles.read("/proc/cmdline");
        if (cmdline != null) {
            g.put("kernelparams", kernelparams(cmdline));
        }
        g.put("cwd", System.getProperty("user.dir"));
        g.put("efi", new File("/sys/firmware/efi/systab").exists());
        g.put("pythonversion", pythonVersion());
        g.put("ps", "ps -efHww");
        g.put("transactional", InitSystem.which("transactional-update") != null);
        disks(g, Path.of("/sys/block"));
        List<String> mdstat = HostFiles.lines("/proc/mdstat");
        if (!mdstat.isEmpty()) {
            g.put("mdadm", mdadm(mdstat));
        }
    }

    /**
     * Salt's disks grain (salt/grains/disks.py): block devices that are not virtual, HDDs in
     * disks and SSDs in ssds by their queue/rotational flag, sorted by name.
     */
    static void disks(Map<String, Object> g, Path sysBlock) {
        List<String> disks = new ArrayList<>();
        List<String> ssds = new ArrayList<>();
        File[] entries = sysBlock.toFile().listFiles();
        if (entries != null) {
            Arrays.sort(entries);
            for (File e : entries) {
                try {
                    if (Files.readSymbolicLink(e.toPath()).toString().startsWith("../devices/virtual/")) {
                        continue;
                    }
                } catch (java.io.IOException | UnsupportedOperationException ex) {
                    // Not a link: test trees and old kernels; read its flag like any device.
                }
                String flag = HostFiles.line(e.getPath() + "/queue/rotational");
                if ("0".equals(flag)) {
                    ssds.add(e.getName());
                } else if ("1".equals(flag)) {
                    disks.add(e.getName());
                }
            }
        }
        g.put("disks", new ArrayList<Object>(disks));
        g.put("ssds", new ArrayList<Object>(ssds));
    }

    /** Salt's mdadm grain (salt/grains/mdadm.py): the md devices /proc/mdstat lists, sorted. */
    static List<Object> mdadm(List<String> mdstat) {
        java.util.TreeSet<String> devices = new java.util.TreeSet<>();
        for (String line : mdstat) {
            if (line.startsWith("Personalities : ") || line.startsWith("unused devices:")) {
                continue;
            }
            int i = line.indexOf(" : ");
            if (i >= 0) {
                devices.add(line.substring(0, i));
            }
        }
        return new ArrayList<>(devices);
    }


    /** Salt's get_server_id: the minion id's SHA-256 as a number, modulo 2**31. */
    static long serverId(String id) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
            return new BigInteger(1, h).mod(BigInteger.TWO.pow(31)).longValue();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * fqdn_ip4 and fqdn_ip6: the addresses getaddrinfo gives for the fqdn. Salt asks the
     * resolver; here /etc/hosts answers (the files database, which glibc consults first), so
     * a name only DNS knows gives empty lists rather than a lookup that may stall the minion.
     */
    static void fqdnIps(Map<String, Object> g, List<String> hostsLines) {
        String fqdn = String.valueOf(g.get("fqdn"));
        List<Object> four = new ArrayList<>();
        List<Object> six = new ArrayList<>();
        for (String line : hostsLines) {
            int hash = line.indexOf('#');
            String[] f = (hash < 0 ? line : line.substring(0, hash)).trim().split("\\s+");
            if (f.length < 2 || !Ip.isAddress(f[0])) {
                continue;
            }
            boolean named = Arrays.stream(f, 1, f.length).anyMatch(n -> n.equalsIgnoreCase(fqdn));
            String addr = Ip.normalize(f[0]);
            List<Object> into = Ip.parse(addr).length == 4 ? four : six;
            if (named && !into.contains(addr)) {
                into.add(addr);
            }
        }
        g.put("fqdn_ip4", g.get("ipv4") instanceof List<?> l && l.isEmpty() ? new ArrayList<>() : four);
        g.put("fqdn_ip6", g.get("ipv6") instanceof List<?> l && l.isEmpty() ? new ArrayList<>() : six);
    }

    /** Salt's salt.utils.dns.parse_resolv; null when there is no resolv.conf. */
    static Map<String, Object> dns(List<String> lines) {
        if (lines.isEmpty()) {
            return null;
        }
        List<Object> nameservers = new ArrayList<>();
        List<Object> ns4 = new ArrayList<>();
        List<Object> ns6 = new ArrayList<>();
        List<Object> search = new ArrayList<>();
        List<Object> sortlist = new ArrayList<>();
        List<Object> options = new ArrayList<>();
        String domain = "";
        for (String raw : lines) {
            String[] words = raw.trim().split("\\s+");
            if (words.length < 2 || words[0].isEmpty()) {
                continue;
            }
            String directive = words[0].toLowerCase(java.util.Locale.ROOT);
            List<String> arg = new ArrayList<>();
            for (String w : Arrays.copyOfRange(words, 1, words.length)) {
                if (w.startsWith("#") || w.startsWith(";")) {
                    break;
                }
                arg.add(w);
            }
            if (arg.isEmpty()) {
                continue;
            }
            switch (directive) {
                case "nameserver" -> {
                    if (!Ip.isAddress(arg.get(0)) || arg.get(0).contains("%")) {
                        continue;
                    }
                    String a = Ip.normalize(arg.get(0));
                    if (!nameservers.contains(a)) {
                        nameservers.add(a);
                    }
                    List<Object> into = Ip.parse(a).length == 4 ? ns4 : ns6;
                    if (!into.contains(a)) {
                        into.add(a);
                    }
                }
                case "domain" -> domain = arg.get(0);
                case "search" -> {
                    search.clear();
                    search.addAll(arg);
                }
                case "sortlist" -> {
                    for (String s : arg) {
                        String net = sortEntry(s);
                        if (net != null && !sortlist.contains(net)) {
                            sortlist.add(net);
                        }
                    }
                }
                case "options" -> {
                    if (!options.contains(arg.get(0))) {
                        options.add(arg.get(0));
                    }
                }
                default -> { }
            }
        }
        return Data.map("nameservers", nameservers, "ip4_nameservers", ns4, "ip6_nameservers", ns6,
                "sortlist", sortlist, "domain", domain, "search", search, "options", options);
    }

    /**
     * A sortlist entry as Python's ip_network(...).with_netmask: "addr/mask"; an IPv4 entry
     * without a mask gets its address class's natural mask, as Salt does.
     */
    private static String sortEntry(String raw) {
        try {
            Ip.Network n;
            if (!raw.contains("/") && Ip.parse(raw).length == 4) {
                int first = Integer.parseInt(raw.substring(0, raw.indexOf('.')));
                int prefix = first < 128 ? 8 : first < 192 ? 16 : 24;
                n = Ip.Network.parse(raw + "/" + prefix, false);
            } else {
                n = Ip.Network.parse(raw, true);
            }
            String addr = Ip.format(n.address());
            return n.address().length == 4 ? addr + "/" + Ip.netmask(n.prefix()) : n.toString();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * ip_gw, ip4_gw and ip6_gw as Salt's default_gateway sets them: the first default route's
     * gateway address, True for a default route without a gateway, False for none.
     */
    static void gateways(Map<String, Object> g, List<String> route4, List<String> route6) {
        Object gw4 = false;
        for (String line : route4) {
            String[] f = line.trim().split("\\s+");
            // Iface Destination Gateway Flags ...; hex, little-endian on the hosts jsalt runs on.
            if (f.length > 7 && f[1].equals("00000000") && f[7].equals("00000000")) {
                long hex = Long.parseLong(f[2], 16);
                gw4 = hex == 0 ? true : (hex & 255) + "." + ((hex >> 8) & 255) + "." + ((hex >> 16) & 255) + "."
                        + ((hex >> 24) & 255);
                break;
            }
        }
        Object gw6 = false;
        for (String line : route6) {
            String[] f = line.trim().split("\\s+");
            // dest dest_len src src_len next_hop metric refcnt use flags iface
            if (f.length > 9 && f[0].matches("0{32}") && f[1].equals("00") && !f[9].equals("lo")) {
                gw6 = f[4].matches("0{32}") ? true : Ip.format(hexBytes(f[4]));
                break;
            }
        }
        g.put("ip_gw", !Boolean.FALSE.equals(gw4) || !Boolean.FALSE.equals(gw6));
        g.put("ip4_gw", gw4);
        g.put("ip6_gw", gw6);
    }

    private static byte[] hexBytes(String hex) {
        byte[] out = new byte[hex.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
        }
        return out;
    }

    /** Salt's kernelparams: [key, value] pairs from /proc/cmdline, value None without '='. */
    static List<Object> kernelparams(String cmdline) {
        List<Object> out = new ArrayList<>();
        for (String item : Shlex.split(cmdline)) {
            String[] kv = item.split("=", -1);
            Object value = kv.length == 2 ? stripQuotes(kv[1]) : null;
            out.add(new ArrayList<>(Arrays.asList(kv[0], value)));
        }
        return out;
    }

    private static String stripQuotes(String s) {
        return s.replaceAll("^\"+|\"+$", "");
    }

    /**
     * pythonversion: Salt reports its own interpreter's sys.version_info. jsalt has none, so it
     * reports the system python3's (asked once per process), or Salt 3006 onedir's Python
     * when there is no python3.
     */
    static List<Object> pythonVersion() {
        List<Object> v = pythonVersion;
        if (v == null) {
            v = askPython();
            pythonVersion = v;
        }
        return new ArrayList<>(v);
    }

    private static List<Object> askPython() {
        try {
            // -I -S: no site packages or environment to load; version_info is the same, the
            // start about half the time (this runs on the minion's start path).
            Process p = new ProcessBuilder("python3", "-I", "-S", "-c",
                    "import sys; print(' '.join(str(x) for x in sys.version_info))")
                    .redirectErrorStream(true).start();
            p.getOutputStream().close();
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return ONEDIR_PYTHON;
            }
            String[] f = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim().split(" ");
            if (p.exitValue() != 0 || f.length != 5) {
                return ONEDIR_PYTHON;
            }
            return List.of(Long.parseLong(f[0]), Long.parseLong(f[1]), Long.parseLong(f[2]), f[3], Long.parseLong(f[4]));
        } catch (java.io.IOException | NumberFormatException e) {
            return ONEDIR_PYTHON;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ONEDIR_PYTHON;
        }
    }
}
