package io.jsalt.common.match;

import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;

/**
 * Salt's ipcidr matcher: the target is an address (the minion has exactly that address) or a
 * network (one of the minion's addresses is inside it), IPv4 or IPv6. Addresses come from
 * the grains {@code ipv4} / {@code ipv6}. Parsing is our own, so no string ever reaches a
 * resolver, and follows Python's ipaddress: no leading zeros in IPv4, a network's host
 * bits must be zero, IPv4 masks may be written as a prefix length or a netmask.
 */
final class IpCidr implements Predicate<MinionData> {
    private final byte[] network;
    private final int prefix;
    private final String grain;

    private IpCidr(byte[] network, int prefix) {
        this.network = network;
        this.prefix = prefix;
        this.grain = network.length == 4 ? "ipv4" : "ipv6";
    }

    static IpCidr compile(String tgt) {
        String t = tgt.strip();
        int slash = t.indexOf('/');
        byte[] addr = parse(slash < 0 ? t : t.substring(0, slash));
        if (addr == null) {
            throw invalid(tgt, null);
        }
        int bits = addr.length * 8;
        if (slash < 0) {
            return new IpCidr(addr, bits);
        }
        int prefix = prefixLength(t.substring(slash + 1), addr.length);
        if (prefix < 0) {
            throw invalid(tgt, "bad prefix length or netmask");
        }
        if (!Arrays.equals(addr, mask(addr, prefix))) {
            throw invalid(tgt, "has host bits set");
        }
        return new IpCidr(addr, prefix);
    }

    private static TargetException invalid(String tgt, String why) {
        return new TargetException("Invalid IP/CIDR target: " + tgt + (why == null ? "" : " (" + why + ")"));
    }

    @Override
    public boolean test(MinionData m) {
        Object addrs = m.grains().get(grain);
        if (addrs instanceof List<?> list) {
            for (Object a : list) {
                if (contains(a)) {
                    return true;
                }
            }
            return false;
        }
        return contains(addrs);
    }

    private boolean contains(Object a) {
        if (!(a instanceof String s)) {
            return false;
        }
        byte[] addr = parse(s);
        if (addr == null || addr.length != network.length) {
            return false;
        }
        int full = prefix / 8;
        for (int i = 0; i < full; i++) {
            if (addr[i] != network[i]) {
                return false;
            }
        }
        int rest = prefix % 8;
        if (rest == 0) {
            return true;
        }
        int m = (0xff << (8 - rest)) & 0xff;
        return (addr[full] & m) == (network[full] & m);
    }

    private static byte[] mask(byte[] addr, int prefix) {
        byte[] out = addr.clone();
        for (int i = 0; i < out.length; i++) {
            int keep = Math.max(0, Math.min(8, prefix - i * 8));
            out[i] &= (byte) ((0xff << (8 - keep)) & 0xff);
        }
        return out;
    }

    /** "24", or for IPv4 a netmask "255.255.255.0" or hostmask "0.0.0.255"; -1 if invalid. */
    private static int prefixLength(String s, int len) {
        if (!s.isEmpty() && s.length() <= 3 && s.chars().allMatch(Character::isDigit)) {
            int p = Integer.parseInt(s);
            return p <= len * 8 ? p : -1;
        }
        byte[] m = len == 4 ? parseV4(s) : null;
        if (m == null) {
            return -1;
        }
        long v = ((m[0] & 0xffL) << 24) | ((m[1] & 0xff) << 16) | ((m[2] & 0xff) << 8) | (m[3] & 0xff);
        int ones = Long.bitCount(v);
        if (v == ((0xffffffffL << (32 - ones)) & 0xffffffffL)) {
            return ones;
        }
        long inverted = ~v & 0xffffffffL;
        if (inverted == ((0xffffffffL << ones) & 0xffffffffL)) {
            return 32 - ones;
        }
        return -1;
    }

    /** An IPv4 (4 bytes) or IPv6 (16 bytes) address, or null. */
    static byte[] parse(String s) {
        return s.indexOf(':') >= 0 ? parseV6(s) : parseV4(s);
    }

    static byte[] parseV4(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] out = new byte[4];
        for (int i = 0; i < 4; i++) {
            String p = parts[i];
            if (p.isEmpty() || p.length() > 3 || (p.length() > 1 && p.charAt(0) == '0')
                    || !p.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return null;
            }
            int v = Integer.parseInt(p);
            if (v > 255) {
                return null;
            }
            out[i] = (byte) v;
        }
        return out;
    }

    static byte[] parseV6(String s) {
        int pct = s.indexOf('%');
        if (pct >= 0) {
            // A zone ("fe80::1%eth0") does not take part in containment.
            s = s.substring(0, pct);
        }
        byte[] tail4 = null;
        int lastColon = s.lastIndexOf(':');
        if (s.indexOf('.', lastColon) >= 0) {
            tail4 = parseV4(s.substring(lastColon + 1));
            if (tail4 == null) {
                return null;
            }
            // Keep the colon(s) before the dotted part so "::1.2.3.4" still splits right.
            s = s.substring(0, lastColon + 1) + "0:0";
        }
        int dbl = s.indexOf("::");
        if (dbl >= 0 && s.indexOf("::", dbl + 1) >= 0) {
            return null;
        }
        List<String> head = groups(dbl < 0 ? s : s.substring(0, dbl));
        List<String> rest = dbl < 0 ? List.of() : groups(s.substring(dbl + 2));
        if (head == null || rest == null) {
            return null;
        }
        int count = head.size() + rest.size();
        if (dbl < 0 ? count != 8 : count > 7) {
            return null;
        }
        byte[] out = new byte[16];
        int pos = 0;
        for (String g : head) {
            pos = putGroup(out, pos, g);
        }
        pos = 16 - rest.size() * 2;
        for (String g : rest) {
            pos = putGroup(out, pos, g);
        }
        if (tail4 != null) {
            System.arraycopy(tail4, 0, out, 12, 4);
        }
        return out;
    }

    private static List<String> groups(String s) {
        if (s.isEmpty()) {
            return List.of();
        }
        List<String> gs = Arrays.asList(s.split(":", -1));
        for (String g : gs) {
            if (g.isEmpty() || g.length() > 4 || !g.chars().allMatch(IpCidr::isHex)) {
                return null;
            }
        }
        return gs;
    }

    private static int putGroup(byte[] out, int pos, String g) {
        int v = Integer.parseInt(g, 16);
        out[pos] = (byte) (v >> 8);
        out[pos + 1] = (byte) v;
        return pos + 2;
    }

    private static boolean isHex(int c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}
