package io.jsalt.minion.modules;

import io.jsalt.common.net.Ip;
import io.jsalt.common.plugin.Call;
import io.jsalt.common.plugin.CommandExecutionError;
import io.jsalt.common.plugin.Context;
import io.jsalt.common.plugin.ExecutionPlugin;
import io.jsalt.common.plugin.Fn;
import io.jsalt.minion.grains.Interfaces;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Salt's network module: this host's addresses, interfaces and subnets. */
public final class NetworkModule implements ExecutionPlugin {
    @Override
    public String name() {
        return "network";
    }

    @Override
    public String doc() {
        return "Module for gathering and managing network information.";
    }

    @Override
    public String unavailableReason(Context ctx) {
        return new File("/sys/class/net").isDirectory() ? null : "/sys/class/net is not available";
    }

    @Fn(doc = """
            Return a list of the IPv4 addresses assigned to the host (loopback excluded).

            interface
                Only the addresses of this interface.
            include_loopback
                Include 127.0.0.1 and friends (default False).
            cidr
                Only addresses inside this network, e.g. 10.0.0.0/8.
            type
                'public' or 'private': only addresses of that kind.""",
            example = """
            jsalt '*' network.ip_addrs
            jsalt '*' network.ip_addrs cidr=10.0.0.0/8""")
    public Object ip_addrs(Call c) {
        return filter(c, Interfaces.addresses(Interfaces.read(), "inet", c.str(0, "interface", null),
                c.bool(1, "include_loopback", false)), c.str(2, "cidr", null), c.str(3, "type", null));
    }

    @Fn(doc = """
            Return a list of the IPv6 addresses assigned to the host (loopback excluded).

            interface, include_loopback, cidr
                As for network.ip_addrs.""",
            example = "jsalt '*' network.ip_addrs6")
    public Object ip_addrs6(Call c) {
        return filter(c, Interfaces.addresses(Interfaces.read(), "inet6", c.str(0, "interface", null),
                c.bool(1, "include_loopback", false)), c.str(2, "cidr", null), null);
    }

    @Fn(doc = """
            Return a dictionary of information about all the interfaces on the minion: up, hwaddr, inet [{address, \
            netmask, broadcast, label}] and inet6 [{address, prefixlen, scope}].""",
            example = "jsalt '*' network.interfaces")
    public Object interfaces(Call c) {
        return Interfaces.read();
    }

    @Fn(doc = "Return the hardware (MAC) address of the given interface.", example = "jsalt '*' network.hwaddr eth0")
    public Object hwaddr(Call c) {
        String iface = c.requiredStr(0, "iface");
        Map<String, Object> ifaces = Interfaces.read();
        if (!ifaces.containsKey(iface)) {
            return "Interface \"" + iface + "\" not in available interfaces: \""
                    + String.join("\", \"", ifaces.keySet()) + "\"";
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> data = (Map<String, Object>) ifaces.get(iface);
        return data.getOrDefault("hwaddr", "");
    }

    @Fn(doc = """
            Return the IPv4 subnets this host is on (loopback excluded), e.g. ['10.0.0.0/24'].

            interfaces
                Only these interfaces (a name or a list).""",
            example = """
            jsalt '*' network.subnets
            jsalt '*' network.subnets interfaces=eth1""")
    public Object subnets(Call c) {
        return Interfaces.subnets(Interfaces.read(), "inet", only(c));
    }

    @Fn(doc = "Return the IPv6 subnets this host is on (loopback excluded).", example = "jsalt '*' network.subnets6")
    public Object subnets6(Call c) {
        return Interfaces.subnets(Interfaces.read(), "inet6", only(c));
    }

    @Fn(doc = """
            True when one of the host's addresses is inside the given network. An invalid network (host bits set \
            included) gives False.""",
            example = "jsalt '*' network.in_subnet 10.0.0.0/16")
    public Object in_subnet(Call c) {
        Ip.Network net;
        try {
            net = Ip.Network.parse(c.requiredStr(0, "cidr"), true);
        } catch (IllegalArgumentException e) {
            c.ctx().log().error("Invalid CIDR '{}'", c.str(0, "cidr", ""));
            return false;
        }
        Map<String, Object> ifaces = Interfaces.read();
        List<String> addrs = new ArrayList<>(Interfaces.addresses(ifaces, "inet", null, false));
        addrs.addAll(Interfaces.addresses(ifaces, "inet6", null, false));
        return addrs.stream().anyMatch(net::contains);
    }

    @Fn(doc = """
            Returns True if given IP is within specified subnet, otherwise False. An invalid network (host bits set \
            included) gives False.""",
            example = "jsalt '*' network.ip_in_subnet 172.17.0.4 172.16.0.0/12")
    public Object ip_in_subnet(Call c) {
        String addr = c.requiredStr(0, "ip_addr");
        String cidr = c.requiredStr(1, "cidr");
        Ip.Network net;
        try {
            net = Ip.Network.parse(cidr, true);
        } catch (IllegalArgumentException e) {
            c.ctx().log().error("Invalid CIDR '{}'", cidr);
            return false;
        }
        if (!Ip.isAddress(addr)) {
            throw new CommandExecutionError("'" + addr + "' does not appear to be an IPv4 or IPv6 address");
        }
        return net.contains(addr);
    }

    @Fn(doc = """
            Returns the CIDR of a subnet based on an IP address (CIDR notation supported) and optional netmask; host \
            bits are cleared.""",
            example = """
            jsalt '*' network.calc_net 172.17.0.5 255.255.255.240
            jsalt '*' network.calc_net 2a02:f6e:a000:80:84d8:8332:7866:4e07/64""")
    public Object calc_net(Call c) {
        String addr = c.requiredStr(0, "ip_addr");
        String mask = c.str(1, "netmask", null);
        String cidr = mask == null ? addr : addr + "/" + mask;
        try {
            return Ip.Network.parse(cidr, false).toString();
        } catch (IllegalArgumentException e) {
            throw new CommandExecutionError("'" + cidr + "' does not appear to be an IPv4 or IPv6 network");
        }
    }

    private static List<String> only(Call c) {
        List<Object> l = c.list(0, "interfaces", null);
        if (l == null) {
            return null;
        }
        List<String> out = new ArrayList<>();
        l.forEach(o -> out.add(String.valueOf(o)));
        return out;
    }

    private static List<Object> filter(Call c, List<String> addrs, String cidr, String type) {
        List<Object> out = new ArrayList<>();
        Ip.Network net = null;
        if (cidr != null && !cidr.isEmpty()) {
            try {
                net = Ip.Network.parse(cidr, true);
            } catch (IllegalArgumentException e) {
                c.ctx().log().error("Invalid CIDR '{}'", cidr);
                return out;
            }
        }
        for (String a : addrs) {
            if (net != null) {
                if (net.contains(a)) {
                    out.add(a);
                }
            } else if ("public".equals(type)) {
                if (!Ip.isPrivate(a)) {
                    out.add(a);
                }
            } else if ("private".equals(type)) {
                if (Ip.isPrivate(a)) {
                    out.add(a);
                }
            } else {
                out.add(a);
            }
        }
        return out;
    }
}
