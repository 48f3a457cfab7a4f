package io.jsalt.minion.grains;

import io.jsalt.common.net.Ip;
import io.jsalt.common.host.HostFiles;
import java.io.File;
import java.net.Inet4Address;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * This host's network interfaces in the shape of Salt's {@code network.interfaces} (what
 * Salt parses out of {@code ip addr show}), read without running a command:
 * names, state, link and parent from /sys/class/net, IPv4 from the JDK, IPv6 from
 * /proc/net/if_inet6.
 *
 * <pre>
 * eth0: {up: true, hwaddr: 52:54:00:12:34:56,
 *        inet: [{address: 10.0.0.2, netmask: 255.255.255.0, broadcast: 10.0.0.255, label: eth0}],
 *        inet6: [{address: fe80::1, prefixlen: '64', scope: link}]}
 * </pre>
 */
public final class Interfaces {
    private static final String SYS = "/sys/class/net";

    private Interfaces() {}

    /** All interfaces in ifindex order, as {@code ip addr show} lists them. */
    public static Map<String, Object> read() {
        String[] names = new File(SYS).list();
        if (names == null) {
            return new LinkedHashMap<>();
        }
        Map<Integer, String> byIndex = new java.util.TreeMap<>();
        for (String name : names) {
            byIndex.put(intFile(SYS + "/" + name + "/ifindex", Integer.MAX_VALUE - byIndex.size()), name);
        }
        Map<String, List<Map<String, Object>>> inet6 = readInet6();
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<Integer, String> e : byIndex.entrySet()) {
            out.put(e.getValue(), describe(e.getKey(), e.getValue(), byIndex, inet6));
        }
        return out;
    }

    private static Map<String, Object> describe(int index, String name, Map<Integer, String> byIndex,
            Map<String, List<Map<String, Object>>> inet6) {
        String dir = SYS + "/" + name;
        Map<String, Object> data = new LinkedHashMap<>();
        String flags = HostFiles.line(dir + "/flags");
        long f = flags == null ? 0 : Long.decode(flags);
        data.put("up", (f & 0x1) != 0);
        int link = intFile(dir + "/iflink", index);
        if (link != index && link > 0) {
            // ip shows "veth0@if7" for a peer in another namespace, "vlan10@eth0" otherwise.
            data.put("parent", byIndex.getOrDefault(link, "if" + link));
        }
        String hw = HostFiles.line(dir + "/address");
        if (hw != null && !hw.isEmpty()) {
            data.put("hwaddr", hw);
        }
        List<Map<String, Object>> v4 = readInet4(name);
        if (!v4.isEmpty()) {
            data.put("inet", v4);
        }
        List<Map<String, Object>> v6 = inet6.get(name);
        if (v6 != null && !v6.isEmpty()) {
            data.put("inet6", v6);
        }
        return data;
    }

    private static List<Map<String, Object>> readInet4(String name) {
        List<Map<String, Object>> out = new ArrayList<>();
        try {
            NetworkInterface ni = NetworkInterface.getByName(name);
            if (ni == null) {
                return out;
            }
            TreeSet<String> seen = new TreeSet<>();
            addInet4(ni, name, out, seen);
            for (NetworkInterface sub : Collections.list(ni.getSubInterfaces())) {
                addInet4(sub, sub.getName(), out, seen);
            }
        } catch (SocketException e) {
            // An interface that vanished while we looked has no addresses.
        }
        return out;
    }

    private static void addInet4(NetworkInterface ni, String label, List<Map<String, Object>> out,
            TreeSet<String> seen) {
        for (InterfaceAddress ia : ni.getInterfaceAddresses()) {
            if (!(ia.getAddress() instanceof Inet4Address)) {
                continue;
            }
            String addr = Ip.format(ia.getAddress());
            if (!seen.add(addr)) {
                continue;
            }
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("address", addr);
            a.put("netmask", Ip.netmask(ia.getNetworkPrefixLength()));
            a.put("broadcast", ia.getBroadcast() == null ? null : Ip.format(ia.getBroadcast()));
            a.put("label", label);
            out.add(a);
        }
    }

    /** /proc/net/if_inet6: "addr-hex ifindex prefixlen scope flags name", one per address. */
    private static Map<String, List<Map<String, Object>>> readInet6() {
        Map<String, List<Map<String, Object>>> out = new LinkedHashMap<>();
        for (String line : HostFiles.lines("/proc/net/if_inet6")) {
            String[] c = line.trim().split("\\s+");
            if (c.length < 6 || c[0].length() != 32) {
                continue;
            }
            byte[] addr = new byte[16];
            for (int i = 0; i < 16; i++) {
                addr[i] = (byte) Integer.parseInt(c[0].substring(2 * i, 2 * i + 2), 16);
            }
            int scope = Integer.parseInt(c[3], 16);
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("address", Ip.format(addr));
            a.put("prefixlen", String.valueOf(Integer.parseInt(c[2], 16)));
            a.put("scope", scopeName(scope));
            out.computeIfAbsent(c[5], k -> new ArrayList<>()).add(a);
        }
        // ip lists wider scopes first (global before link), which the kernel file does not.
        for (List<Map<String, Object>> l : out.values()) {
            l.sort(Comparator.comparingInt(a -> scopeRank((String) a.get("scope"))));
        }
        return out;
    }

    private static String scopeName(int scope) {
        return switch (scope & 0xF0) {
            case 0x00 -> "global";
            case 0x10 -> "host";
            case 0x20 -> "link";
            case 0x40 -> "site";
            default -> String.valueOf(scope);
        };
    }

    private static int scopeRank(String scope) {
        return switch (scope) {
            case "global" -> 0;
            case "site" -> 1;
            case "link" -> 2;
            case "host" -> 3;
            default -> 4;
        };
    }

    private static int intFile(String path, int dflt) {
        String s = HostFiles.line(path);
        try {
            return s == null ? dflt : Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return dflt;
        }
    }

    // ---- Salt's salt.utils.network helpers over an interfaces map ----

    /** Salt's ip_addrs / ip_addrs6: unique addresses, sorted as Python sorts them. */
    @SuppressWarnings("unchecked")
    public static List<String> addresses(Map<String, Object> ifaces, String proto, String onlyIface,
            boolean includeLoopback) {
        TreeSet<String> set = new TreeSet<>(Ip.ORDER);
        for (Map.Entry<String, Object> e : ifaces.entrySet()) {
            if (onlyIface != null && !onlyIface.equals(e.getKey())) {
                continue;
            }
            for (Map<String, Object> a : entries((Map<String, Object>) e.getValue(), proto)) {
                String addr = String.valueOf(a.get("address"));
                if (includeLoopback || !Ip.isLoopback(addr)) {
                    set.add(addr);
                }
            }
        }
        return new ArrayList<>(set);
    }

    /** The inet or inet6 entries of one interface, secondaries of that type included. */
    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> entries(Map<String, Object> iface, String proto) {
        List<Map<String, Object>> out = new ArrayList<>();
        Object main = iface.get(proto);
        if (main instanceof List<?> l) {
            for (Object o : l) {
                out.add((Map<String, Object>) o);
            }
        }
        if (iface.get("secondary") instanceof List<?> l) {
            for (Object o : l) {
                Map<String, Object> m = (Map<String, Object>) o;
                if (proto.equals(m.get("type"))) {
                    out.add(m);
                }
            }
        }
        return out;
    }

    /** Salt's subnets / subnets6: the networks this host is on, loopback excluded. */
    @SuppressWarnings("unchecked")
    public static List<String> subnets(Map<String, Object> ifaces, String proto, List<String> only) {
        TreeSet<Ip.Network> set = new TreeSet<>(Ip.NETWORK_ORDER);
        String key = proto.equals("inet") ? "netmask" : "prefixlen";
        for (Map.Entry<String, Object> e : ifaces.entrySet()) {
            if (only != null && !only.contains(e.getKey())) {
                continue;
            }
            for (Map<String, Object> a : entries((Map<String, Object>) e.getValue(), proto)) {
                String addr = String.valueOf(a.get("address"));
                Object mask = a.get(key);
                String cidr = addr + (mask == null ? "" : "/" + mask);
                if (!Ip.isLoopback(addr)) {
                    set.add(Ip.Network.parse(cidr, false));
                }
            }
        }
        List<String> out = new ArrayList<>();
        set.forEach(n -> out.add(n.toString()));
        return out;
    }
}
