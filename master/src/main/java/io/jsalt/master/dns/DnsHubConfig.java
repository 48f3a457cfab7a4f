package io.jsalt.master.dns;

import io.jsalt.common.config.Config.ConfigException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;

/**
 * The master's {@code dns_hub} option:
 * <pre>
 * dns_hub:
 *   zone: fleet.internal     # required: the zone answered authoritatively
 *   listen: 0.0.0.0          # address to bind (UDP and TCP)
 *   port: 53                 # 0 picks a free port (tests)
 *   ttl: 60                  # TTL of every record, and the negative-answer TTL
 *   forwarders: [192.0.2.1, "192.0.2.2:5353"]   # for names outside the zone; none: REFUSED
 *   ns: ns1                  # name of the NS record (relative to the zone, or absolute)
 *   ns_addresses: []         # its addresses; default the listen address, or this host's
 *   refresh: 60              # seconds between pillar reloads when pillar_watch is off or impossible
 * </pre>
 */
public record DnsHubConfig(Name zone, String listen, int port, long ttl, List<InetSocketAddress> forwarders,
                           Name ns, List<String> nsAddresses, long refreshSeconds) {

    /** Parses the option; the message of a bad value names the key. Null when dns_hub is absent. */
    public static DnsHubConfig parse(Object option) {
        if (option == null) {
            return null;
        }
        if (!(option instanceof Map<?, ?> m)) {
            throw new ConfigException("dns_hub must be a mapping (zone, listen, port, ttl, forwarders)");
        }
        Object z = m.get("zone");
        if (z == null || String.valueOf(z).isBlank()) {
            throw new ConfigException("dns_hub:zone is required (e.g. fleet.internal)");
        }
        Name zone = absolute("dns_hub:zone", String.valueOf(z));
        String listen = String.valueOf(m.get("listen") == null ? "0.0.0.0" : m.get("listen"));
        int port = (int) integer(m, "port", 53, 0, 65535);
        long ttl = integer(m, "ttl", 60, 0, Integer.MAX_VALUE);
        long refresh = integer(m, "refresh", 60, 1, Integer.MAX_VALUE);
        List<InetSocketAddress> forwarders = new ArrayList<>();
        for (String f : strings(m, "forwarders")) {
            forwarders.add(hostPort("dns_hub:forwarders", f, 53));
        }
        String nsText = String.valueOf(m.get("ns") == null ? "ns1" : m.get("ns"));
        Name ns;
        try {
            ns = nsText.endsWith(".") ? Name.fromString(nsText) : Name.fromString(nsText, zone);
        } catch (TextParseException e) {
            throw new ConfigException("dns_hub:ns '" + nsText + "' is not a DNS name: " + e.getMessage());
        }
        return new DnsHubConfig(zone, listen, port, ttl, forwarders, ns, strings(m, "ns_addresses"), refresh);
    }

    private static Name absolute(String key, String text) {
        String t = text.trim().toLowerCase();
        try {
            return Name.fromString(t.endsWith(".") ? t : t + ".");
        } catch (TextParseException e) {
            throw new ConfigException(key + " '" + text + "' is not a DNS name: " + e.getMessage());
        }
    }

    private static long integer(Map<?, ?> m, String key, long dflt, long min, long max) {
        Object v = m.get(key);
        if (v == null) {
            return dflt;
        }
        if (!(v instanceof Long l) || l < min || l > max) {
            throw new ConfigException("dns_hub:" + key + " must be an integer from " + min + " to " + max
                    + ", got '" + v + "'");
        }
        return l;
    }

    private static List<String> strings(Map<?, ?> m, String key) {
        Object v = m.get(key);
        List<String> out = new ArrayList<>();
        if (v == null) {
            return out;
        }
        if (v instanceof List<?> l) {
            l.forEach(x -> out.add(String.valueOf(x)));
        } else {
            out.add(String.valueOf(v));
        }
        return out;
    }

    /** "1.2.3.4", "1.2.3.4:5353", "::1", "[::1]:5353". */
    static InetSocketAddress hostPort(String key, String text, int dfltPort) {
        String host = text.trim();
        int port = dfltPort;
        try {
            if (host.startsWith("[")) {
                int end = host.indexOf(']');
                if (end < 0) {
                    throw new IllegalArgumentException("unclosed [");
                }
                if (end + 1 < host.length()) {
                    port = Integer.parseInt(host.substring(end + 2));
                }
                host = host.substring(1, end);
            } else if (host.indexOf(':') >= 0 && host.indexOf(':') == host.lastIndexOf(':')) {
                port = Integer.parseInt(host.substring(host.indexOf(':') + 1));
                host = host.substring(0, host.indexOf(':'));
            }
            return new InetSocketAddress(org.xbill.DNS.Address.getByAddress(host), port);
        } catch (Exception e) {
            throw new ConfigException(key + ": '" + text + "' is not an address (ADDRESS or ADDRESS:PORT)");
        }
    }
}
