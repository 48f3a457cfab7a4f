package io.jsalt.common.render;

import com.hubspot.jinjava.lib.filter.Filter;
import io.jsalt.common.net.Ip;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Salt's network filters (salt/utils/network.py): is_ip, is_ipv4, is_ipv6, ipaddr, ipv4,
 * ipv6, ip_host, ipwrap, network_hosts and network_size. A value is an address or an
 * interface ("192.168.0.1/24"); the address filters return the value in Python's text form
 * when it has the version and passes every option ("lo", "multicast", "private" ...), else
 * None, and filter a list down to the values that pass. They replace Jinjava's own ipaddr,
 * ipv4 and ipv6 filters, which return booleans.
 */
final class NetFilters {
    private NetFilters() {}

    static List<Filter> all() {
        return List.of(
                new SaltFilters.Named("is_ip", (v, a, k) -> isIpv(v, 4, options(a, k)) || isIpv(v, 6, options(a, k))),
                new SaltFilters.Named("is_ipv4", (v, a, k) -> isIpv(v, 4, options(a, k))),
                new SaltFilters.Named("is_ipv6", (v, a, k) -> isIpv(v, 6, options(a, k))),
                new SaltFilters.Named("ipv4", (v, a, k) -> ipvFilter(v, 4, options(a, k))),
                new SaltFilters.Named("ipv6", (v, a, k) -> ipvFilter(v, 6, options(a, k))),
                new SaltFilters.Named("ipaddr", (v, a, k) -> ipaddr(v, options(a, k))),
                new SaltFilters.Named("ip_host", (v, a, k) -> perEntry(v, a, k, NetFilters::ipHost)),
                new SaltFilters.Named("network_hosts", (v, a, k) -> perEntry(v, a, k, NetFilters::hosts)),
                new SaltFilters.Named("network_size", (v, a, k) -> perEntry(v, a, k, NetFilters::size)),
                new SaltFilters.Named("ipwrap", (v, a, k) -> ipwrap(v)));
    }

    private static String options(List<Object> a, Map<String, Object> k) {
        Object o = SaltFilters.arg(a, k, 0, "options", null);
        return o == null ? null : PyValues.str(o);
    }

    /** An address or interface of the version, as Python prints it; null otherwise. */
    static String parse(Object value, int version) {
        if (!(PyValues.unwrap(value) instanceof String s)) {
            return null;
        }
        try {
            int slash = s.indexOf('/');
            String addr = slash < 0 ? s : s.substring(0, slash);
            byte[] b = Ip.parse(addr);
            if (b.length != (version == 4 ? 4 : 16)) {
                return null;
            }
            int pct = addr.indexOf('%');
            String text = Ip.format(b) + (pct >= 0 && slash < 0 ? addr.substring(pct) : "");
            if (slash < 0) {
                return text;
            }
            return text + "/" + Ip.Network.parse(s, false).prefix();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** salt.utils.network._is_ipv: the text form when the value passes every option. */
    static String isIpvText(Object value, int version, String options) {
        String text = parse(value, version);
        if (text == null || options == null || options.isEmpty()) {
            return text;
        }
        byte[] b = Ip.parse(text.replaceAll("[/%].*", ""));
        for (String option : options.split(",")) {
            if (!option(b, option.strip())) {
                return null;
            }
        }
        return text;
    }

    private static boolean isIpv(Object value, int version, String options) {
        return isIpvText(value, version, options) != null;
    }

    /** The address properties of Python's ipaddress behind Salt's options; unknown options pass. */
    private static boolean option(byte[] b, String option) {
        boolean v4 = b.length == 4;
        String text = Ip.format(b);
        return switch (option) {
            case "global", "public" -> !Ip.isPrivate(text);
            case "private" -> Ip.isPrivate(text);
            case "link-local", "linklocal", "ll", "link_local" -> in(text, v4 ? "169.254.0.0/16" : "fe80::/10");
            case "loopback", "lo" -> Ip.isLoopback(text);
            case "multicast" -> in(text, v4 ? "224.0.0.0/4" : "ff00::/8");
            case "reserved" -> v4 && in(text, "240.0.0.0/4");
            case "site-local", "sl", "site_local" -> !v4 && in(text, "fec0::/10");
            case "unspecified" -> new BigInteger(1, b).signum() == 0;
            default -> true;
        };
    }

    private static boolean in(String addr, String net) {
        return Ip.Network.parse(net, false).contains(addr);
    }

    /** salt.utils.network._ipv_filter: a string gives its text or None, a list the passing entries. */
    static Object ipvFilter(Object value, int version, String options) {
        Object v = PyValues.unwrap(value);
        if (v instanceof String) {
            return isIpvText(v, version, options);
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            for (Object o : l) {
                String t = isIpvText(o, version, options);
                if (t != null) {
                    out.add(t);
                }
            }
            return out;
        }
        return null;
    }

    /** salt.utils.network.ipaddr: either version; for a list the IPv4 entries, then the IPv6 ones. */
    static Object ipaddr(Object value, String options) {
        Object v4 = ipvFilter(value, 4, options);
        Object v6 = ipvFilter(value, 6, options);
        if (v4 == null || v6 == null) {
            return PyValues.truthy(v4) ? v4 : v6;
        }
        List<Object> out = new ArrayList<>((List<?>) v4);
        out.addAll((List<?>) v6);
        return out;
    }

    private interface Entry {
        Object of(String entry);
    }

    /**
     * salt.utils.network._filter_ipaddr and the filters built on it: the value filtered by
     * version and options, then one result for a single value or a list of them for a list.
     */
    private static Object perEntry(Object value, List<Object> a, Map<String, Object> k, Entry fn) {
        String options = options(a, k);
        Object version = SaltFilters.arg(a, k, 1, "version", null);
        Object out = version == null ? ipaddr(value, options)
                : ipvFilter(value, Integer.parseInt(PyValues.str(version)), options);
        if (!PyValues.truthy(out)) {
            return null;
        }
        List<?> entries = out instanceof List<?> l ? l : List.of(out);
        if (!(PyValues.unwrap(value) instanceof List)) {
            return fn.of(String.valueOf(entries.get(0)));
        }
        List<Object> res = new ArrayList<>();
        for (Object e : entries) {
            res.add(fn.of(String.valueOf(e)));
        }
        return res;
    }

    /** str(ipaddress.ip_interface(entry)): the prefix is always shown. */
    private static Object ipHost(String entry) {
        byte[] b = Ip.parse(entry.replaceAll("[/%].*", ""));
        int slash = entry.indexOf('/');
        return Ip.format(b) + "/" + (slash < 0 ? b.length * 8 : Ip.Network.parse(entry, false).prefix());
    }

    /** ip_network(entry, strict=False).num_addresses. */
    private static Object size(String entry) {
        Ip.Network n = Ip.Network.parse(entry.replaceAll("%[^/]*", ""), false);
        BigInteger size = BigInteger.ONE.shiftLeft(n.address().length * 8 - n.prefix());
        return size.bitLength() < 63 ? (Object) size.longValue() : size;
    }

    /**
     * [str(h) for h in ip_network(entry, strict=False).hosts()]: every address but the network
     * and broadcast ones (IPv4) or the subnet-router anycast one (IPv6); a /31, /32, /127 or /128
     * network is all hosts. Python walks the whole network, so a large one is refused here.
     */
    private static Object hosts(String entry) {
        Ip.Network n = Ip.Network.parse(entry.replaceAll("%[^/]*", ""), false);
        int bits = n.address().length * 8;
        int hostBits = bits - n.prefix();
        if (hostBits > 24) {
            throw new IllegalArgumentException("network_hosts: " + entry + " has more than 2**24 addresses");
        }
        BigInteger base = new BigInteger(1, n.address());
        long count = 1L << hostBits;
        boolean all = hostBits <= 1;
        long first = all ? 0 : 1;
        long last = all ? count - 1 : (bits == 32 ? count - 2 : count - 1);
        List<Object> out = new ArrayList<>();
        for (long i = first; i <= last; i++) {
            out.add(Ip.format(bytes(base.add(BigInteger.valueOf(i)), n.address().length)));
        }
        return out;
    }

    private static byte[] bytes(BigInteger n, int len) {
        byte[] raw = n.toByteArray();
        byte[] out = new byte[len];
        int copy = Math.min(raw.length, len);
        System.arraycopy(raw, raw.length - copy, out, len - copy, copy);
        return out;
    }

    /** salt.utils.network.ipwrap: an IPv6 address in brackets, anything else unchanged. */
    private static Object ipwrap(Object value) {
        Object v = PyValues.unwrap(value);
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            for (Object o : l) {
                out.add(ipwrap(o));
            }
            return out;
        }
        if (v instanceof String s && parse(s, 6) != null && s.indexOf('/') < 0) {
            return "[" + s + "]";
        }
        return v;
    }
}
