package io.jsalt.common.net;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.regex.Pattern;

/**
 * IP addresses and networks as Python's {@code ipaddress} prints and orders them, which is
 * what Salt's network grains and functions return. Parsing never touches DNS.
 */
public final class Ip {
    private static final Pattern V4 = Pattern.compile(
            "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");

    /** Orders as Python sorts ipaddress objects: IPv4 before IPv6, then numerically. */
    public static final Comparator<String> ORDER = Comparator
            .comparingInt((String s) -> parse(s).length)
            .thenComparing(Ip::parse, Arrays::compareUnsigned);

    private Ip() {}

    /** The address bytes (4 or 16) of a literal; throws IllegalArgumentException otherwise. */
    public static byte[] parse(String literal) {
        String s = literal == null ? "" : literal.trim();
        int pct = s.indexOf('%');
        if (pct >= 0) {
            s = s.substring(0, pct);
        }
        boolean v4 = V4.matcher(s).matches();
        if (!v4 && (s.indexOf(':') < 0 || !s.matches("[0-9A-Fa-f:.]+"))) {
            throw new IllegalArgumentException("'" + literal + "' does not appear to be an IPv4 or IPv6 address");
        }
        try {
            // Safe: the string is a numeric literal, so no name lookup happens.
            return InetAddress.getByName(v4 ? s : "[" + s + "]").getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("'" + literal + "' does not appear to be an IPv4 or IPv6 address");
        }
    }

    public static boolean isAddress(String literal) {
        try {
            parse(literal);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Canonical text: dotted quad, or RFC 5952 compressed IPv6 without a zone. */
    public static String format(byte[] addr) {
        if (addr.length == 4) {
            return (addr[0] & 255) + "." + (addr[1] & 255) + "." + (addr[2] & 255) + "." + (addr[3] & 255);
        }
        int[] h = new int[8];
        for (int i = 0; i < 8; i++) {
            h[i] = ((addr[2 * i] & 255) << 8) | (addr[2 * i + 1] & 255);
        }
        // The first longest run of two or more zero groups becomes "::".
        int bestStart = -1;
        int bestLen = 1;
        for (int i = 0; i < 8; ) {
            if (h[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && h[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(h[i]));
        }
        return sb.toString();
    }

    public static String format(InetAddress a) {
        return format(a.getAddress());
    }

    public static String normalize(String literal) {
        return format(parse(literal));
    }

    public static boolean isV6(InetAddress a) {
        return a instanceof Inet6Address;
    }

    public static boolean isLoopback(String literal) {
        byte[] b = parse(literal);
        if (b.length == 4) {
            return (b[0] & 255) == 127;
        }
        for (int i = 0; i < 15; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return b[15] == 1;
    }

    /** Python's is_private for the common ranges (RFC 1918, loopback, link-local, ULA). */
    public static boolean isPrivate(String literal) {
        for (String net : new String[] {"0.0.0.0/8", "10.0.0.0/8", "127.0.0.0/8", "169.254.0.0/16",
                "172.16.0.0/12", "192.0.0.0/29", "192.0.2.0/24", "192.168.0.0/16", "198.18.0.0/15",
                "198.51.100.0/24", "203.0.113.0/24", "240.0.0.0/4", "255.255.255.255/32",
                "::1/128", "::/128", "::ffff:0:0/96", "100::/64", "2001::/23", "2001:db8::/32",
                "fc00::/7", "fe80::/10"}) {
            if (Network.parse(net, false).contains(literal)) {
                return true;
            }
        }
        return false;
    }

    /** Dotted netmask for a prefix length, as Salt's cidr_to_ipv4_netmask. */
    public static String netmask(int prefix) {
        long mask = prefix == 0 ? 0 : (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
        return ((mask >> 24) & 255) + "." + ((mask >> 16) & 255) + "." + ((mask >> 8) & 255) + "." + (mask & 255);
    }

    /** Prefix length of a dotted netmask, or of a number given as text. */
    public static int prefixOf(String mask) {
        if (mask.matches("\\d+")) {
            return Integer.parseInt(mask);
        }
        int bits = 0;
        for (byte b : parse(mask)) {
            bits += Integer.bitCount(b & 255);
        }
        return bits;
    }

    /** An IP network: address with host bits cleared, and prefix length. */
    public record Network(byte[] address, int prefix) {
        /**
         * Parses "a.b.c.d/n" or "addr/mask". Strict, as Python's ip_network: host bits set
         * is an error; lenient clears them (ip_interface(...).network).
         */
        public static Network parse(String cidr, boolean strict) {
            String s = cidr.trim();
            int slash = s.indexOf('/');
            byte[] addr = Ip.parse(slash < 0 ? s : s.substring(0, slash));
            int max = addr.length * 8;
            int prefix = slash < 0 ? max : prefixOf(s.substring(slash + 1));
            if (prefix < 0 || prefix > max) {
                throw new IllegalArgumentException("'" + cidr + "' does not appear to be an IPv4 or IPv6 network");
            }
            byte[] net = mask(addr, prefix);
            if (strict && !Arrays.equals(net, addr)) {
                throw new IllegalArgumentException(cidr + " has host bits set");
            }
            return new Network(net, prefix);
        }

        private static byte[] mask(byte[] addr, int prefix) {
            byte[] out = addr.clone();
            for (int i = 0; i < out.length; i++) {
                int keep = Math.max(0, Math.min(8, prefix - 8 * i));
                out[i] = (byte) (out[i] & (0xFF << (8 - keep)));
            }
            return out;
        }

        public boolean contains(String literal) {
            byte[] a = Ip.parse(literal);
            return a.length == address.length && Arrays.equals(mask(a, prefix), address);
        }

        @Override
        public String toString() {
            return format(address) + "/" + prefix;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Network n && n.prefix == prefix && Arrays.equals(n.address, address);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(address) * 31 + prefix;
        }
    }

    /** Orders networks as Python does: by version, address, then prefix. */
    public static final Comparator<Network> NETWORK_ORDER = Comparator
            .comparingInt((Network n) -> n.address().length)
            .thenComparing(Network::address, Arrays::compareUnsigned)
            .thenComparingInt(Network::prefix);
}
