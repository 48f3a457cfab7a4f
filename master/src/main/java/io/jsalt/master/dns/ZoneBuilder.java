package io.jsalt.master.dns;

import io.jsalt.common.data.Data;
import io.jsalt.common.match.MinionData;
import io.jsalt.common.net.Ip;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Address;
import org.xbill.DNS.DClass;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.TextParseException;

/**
 * Computes the zone's records (all but the SOA) from what the master knows: one A/AAAA
 * set per accepted minion under its id's first label and its full id, every
 * {@code infra:hosts_entries} name from pillar, and the {@code masterdb} role name. The
 * master's names (apex, NS host, pillar entries, masterdb) are never given to a minion, and
 * a name several minions claim is given to none of them (a conflict). Pure:
 * the same inputs give the same records, in a stable order, so "did the zone change?" is
 * a list comparison.
 */
public final class ZoneBuilder {
    /**
     * The records and what was skipped and why (shown by hub.status); MASTERDB is the answer
     * for masterdb (empty for none), MASTERDB_PROBLEM why pillar's choice was not taken (or null).
     */
    public record Result(List<Record> records, List<String> warnings, List<String> conflicts,
                         Set<InetAddress> masterdb, String masterdbProblem) {}

    /** The role name answered from pillar or from the accepted minion with that role grain. */
    static final String MASTERDB = "masterdb";
    /** Where the operator names masterdb; the db states read the same key. */
    static final String HOSTS_ENTRY_KEY = "infra:hosts_entries:masterdb";
    /** The older key for the same thing, still read; when both are set they must agree. */
    static final String ALIAS_KEY = "infra:db_servers:masterdb";

    /** A label a minion id may bring into the zone: no wildcard, no escapes, no empty label. */
    private static final Pattern LABEL = Pattern.compile("[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?");

    private final DnsHubConfig cfg;
    private final List<InetAddress> nsAddresses;

    public ZoneBuilder(DnsHubConfig cfg, List<InetAddress> nsAddresses) {
        this.cfg = cfg;
        this.nsAddresses = nsAddresses;
    }

    public Result build(List<MinionData> minions, Map<String, Object> pillar) {
        return build(minions, pillar, Set.of());
    }

    /** LAST_MASTERDB is masterdb's answer before: what it keeps when pillar names it wrongly. */
    public Result build(List<MinionData> minions, Map<String, Object> pillar, Set<InetAddress> lastMasterdb) {
        List<String> warnings = new ArrayList<>();
        List<String> conflicts = new ArrayList<>();
        List<MinionData> sorted = new ArrayList<>(minions);
        sorted.sort(Comparator.comparing(MinionData::id));

        // The master's own names come first: pillar hosts entries, the apex, the NS host and
        // the role name masterdb. A minion chooses its id, so a name derived from an id must
        // never replace or join one of these.
        Map<Name, Set<InetAddress>> hosts = new TreeMap<>();
        Object entries = Data.get(pillar, "infra:hosts_entries", null);
        if (entries instanceof Map<?, ?> em) {
            for (Map.Entry<?, ?> e : em.entrySet()) {
                String name = String.valueOf(e.getKey());
                Name n = nameInZone(name);
                if (n == null) {
                    warnings.add("infra:hosts_entries: '" + name + "' is not in zone " + cfg.zone());
                    continue;
                }
                if (n.equals(name(MASTERDB))) {
                    // Its value may also be a name or a minion id: resolved with the minions below.
                    continue;
                }
                Set<InetAddress> addrs = literals(e.getValue(), "infra:hosts_entries:" + name, warnings);
                if (!addrs.isEmpty()) {
                    hosts.computeIfAbsent(n, k -> new LinkedHashSet<>()).addAll(addrs);
                }
            }
        } else if (entries != null) {
            warnings.add("infra:hosts_entries must map names to addresses");
        }
        Set<Name> reserved = new HashSet<>(hosts.keySet());
        reserved.add(cfg.zone());
        reserved.add(cfg.ns());
        reserved.add(name(MASTERDB));

        // Then the minions' names. A name claimed by one minion is that minion's; a name
        // claimed by several (ids with the same first label) is a conflict and none of them
        // gets it, so no minion can join another's record set by choosing its id.
        Map<String, Set<InetAddress>> byId = new TreeMap<>();
        Map<Name, List<String>> claims = new TreeMap<>();
        for (MinionData m : sorted) {
            Set<InetAddress> addrs = minionAddresses(m.grains());
            if (addrs.isEmpty()) {
                warnings.add("minion " + m.id() + " reports no addresses (grains ipv4/ipv6)");
                continue;
            }
            byId.put(m.id(), addrs);
            for (Name n : minionNames(m.id())) {
                if (reserved.contains(n)) {
                    conflicts.add(n + " is the master's own name; minion " + m.id() + " does not get it");
                } else {
                    claims.computeIfAbsent(n, k -> new ArrayList<>()).add(m.id());
                }
            }
        }
        for (Map.Entry<Name, List<String>> c : claims.entrySet()) {
            if (c.getValue().size() == 1) {
                hosts.put(c.getKey(), byId.get(c.getValue().get(0)));
            } else {
                conflicts.add(c.getKey() + " is claimed by minions " + c.getValue() + "; it answers for none of them");
            }
        }

        String[] problem = new String[1];
        Set<InetAddress> masterdb = masterdb(pillar, sorted, hosts, byId, lastMasterdb, warnings, conflicts, problem);
        if (!masterdb.isEmpty()) {
            hosts.put(name(MASTERDB), masterdb);
        }

        List<Record> records = new ArrayList<>();
        records.add(new NSRecord(cfg.zone(), DClass.IN, cfg.ttl(), cfg.ns()));
        if (cfg.ns().subdomain(cfg.zone()) && !hosts.containsKey(cfg.ns())) {
            hosts.put(cfg.ns(), new LinkedHashSet<>(nsAddresses));
        }
        for (Map.Entry<Name, Set<InetAddress>> e : hosts.entrySet()) {
            List<InetAddress> addrs = new ArrayList<>(e.getValue());
            addrs.sort(Comparator.comparing(InetAddress::getHostAddress));
            for (InetAddress a : addrs) {
                records.add(a instanceof Inet4Address
                        ? new ARecord(e.getKey(), DClass.IN, cfg.ttl(), a)
                        : new AAAARecord(e.getKey(), DClass.IN, cfg.ttl(), a));
            }
        }
        return new Result(records, warnings, conflicts, Set.copyOf(masterdb), problem[0]);
    }

    /**
     * masterdb: pillar {@code infra:hosts_entries:masterdb}, or its alias
     * {@code infra:db_servers:masterdb}, when set (an address, a name in the zone or a minion
     * id); else the one minion whose grains give it the role masterdb. A pillar value that
     * cannot be used (the two keys disagree, the name is unknown, or it is a minion without
     * the db role) keeps LAST, the answer before, and says why in PROBLEM.
     */
    private Set<InetAddress> masterdb(Map<String, Object> pillar, List<MinionData> minions,
                                      Map<Name, Set<InetAddress>> hosts, Map<String, Set<InetAddress>> byId,
                                      Set<InetAddress> last, List<String> warnings, List<String> conflicts,
                                      String[] problem) {
        List<String> keys = new ArrayList<>();
        List<Set<InetAddress>> answers = new ArrayList<>();
        List<String> values = new ArrayList<>();
        for (String key : List.of(HOSTS_ENTRY_KEY, ALIAS_KEY)) {
            Object configured = Data.get(pillar, key, null);
            if (configured instanceof Map<?, ?> m) {
                configured = m.get("address") != null ? m.get("address") : m.get("ip") != null ? m.get("ip")
                        : m.get("host") != null ? m.get("host") : m.get("id");
            }
            if (configured == null || String.valueOf(configured).isBlank()) {
                continue;
            }
            List<?> items = configured instanceof List<?> l ? l : List.of(configured);
            String shown = items.size() == 1 ? String.valueOf(items.get(0)).trim() : String.valueOf(items);
            Set<InetAddress> out = new LinkedHashSet<>();
            for (Object item : items) {
                String why = resolveMasterdb(key, String.valueOf(item).trim(), minions, hosts, byId, out, warnings);
                if (why != null) {
                    problem[0] = key + ": " + why + keeps(last);
                    return last;
                }
            }
            keys.add(key);
            values.add(shown);
            answers.add(out);
        }
        if (answers.size() == 2 && !answers.get(0).equals(answers.get(1))) {
            problem[0] = keys.get(0) + ": '" + values.get(0) + "' " + addresses(answers.get(0)) + " disagrees with "
                    + keys.get(1) + ": '" + values.get(1) + "' " + addresses(answers.get(1)) + keeps(last);
            return last;
        }
        if (!answers.isEmpty()) {
            return answers.get(0);
        }
        List<String> withRole = new ArrayList<>();
        for (MinionData m : minions) {
            if (hasRole(m.grains(), "masterdb") && byId.containsKey(m.id())) {
                withRole.add(m.id());
            }
        }
        if (withRole.isEmpty()) {
            return Set.of();
        }
        if (withRole.size() > 1) {
            // Any accepted minion can report the role grain: with several, none is chosen,
            // as for any other contested name. Pillar infra:hosts_entries:masterdb settles it.
            conflicts.add(name(MASTERDB) + " is claimed by minions " + withRole
                    + " (grain role masterdb); it answers for none of them");
            return Set.of();
        }
        return byId.get(withRole.get(0));
    }

    /**
     * Adds the addresses VALUE names to OUT: an address is itself, a name in the zone (a
     * hosts_entries name or a minion's name) what the zone answers for it, a minion id that
     * minion's addresses. Known minions at those addresses must have the db role; an address
     * no known minion reports cannot be checked and is used as it is (the operator may point
     * masterdb at a database outside the fleet). Returns why VALUE cannot be used, or null.
     */
    private String resolveMasterdb(String key, String value, List<MinionData> minions,
                                   Map<Name, Set<InetAddress>> hosts, Map<String, Set<InetAddress>> byId,
                                   Set<InetAddress> out, List<String> warnings) {
        Set<InetAddress> addrs;
        InetAddress literal = literal(value);
        Name n = literal == null ? nameInZone(value) : null;
        if (literal != null) {
            addrs = Set.of(literal);
        } else if (n != null && hosts.containsKey(n)) {
            addrs = hosts.get(n);
        } else if (byId.containsKey(value)) {
            addrs = byId.get(value);
        } else {
            return "'" + value + "' is neither an address, a name in zone " + cfg.zone() + " nor a minion id";
        }
        List<String> owners = new ArrayList<>();
        boolean db = false;
        for (MinionData m : minions) {
            Set<InetAddress> theirs = byId.get(m.id());
            if (theirs != null && (m.id().equals(value) || theirs.stream().anyMatch(addrs::contains))) {
                owners.add(m.id());
                db |= hasRole(m.grains(), "db");
            }
        }
        if (!owners.isEmpty() && !db) {
            return "'" + value + "' " + addresses(addrs) + " is minion " + String.join(", ", owners)
                    + ", which lacks the db role (grains role/roles)";
        }
        if (owners.isEmpty()) {
            warnings.add(key + ": '" + value + "' " + addresses(addrs)
                    + " is no known minion's address; its db role is not checked");
        }
        out.addAll(addrs);
        return null;
    }

    private static String addresses(Set<InetAddress> addrs) {
        List<String> s = new ArrayList<>();
        addrs.forEach(a -> s.add(Ip.format(a)));
        s.sort(null);
        return "(" + String.join(", ", s) + ")";
    }

    private static String keeps(Set<InetAddress> last) {
        return last.isEmpty() ? "; masterdb has no record" : "; masterdb keeps " + addresses(last).replaceAll("[()]", "");
    }

    static boolean hasRole(Map<String, Object> grains, String role) {
        for (String key : List.of("role", "roles")) {
            Object v = grains.get(key);
            if (v instanceof List<?> l ? l.stream().anyMatch(x -> role.equals(String.valueOf(x))) : role.equals(v)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The addresses a minion reports (grains ipv4, ipv6). Loopback counts only when it is
     * all there is; link-local IPv6 never (it needs an interface to mean anything).
     */
    static Set<InetAddress> minionAddresses(Map<String, Object> grains) {
        Set<InetAddress> all = new LinkedHashSet<>();
        for (String key : List.of("ipv4", "ipv6")) {
            Object v = grains.get(key);
            if (v instanceof List<?> l) {
                for (Object o : l) {
                    InetAddress a = literal(String.valueOf(o));
                    if (a != null && !a.isAnyLocalAddress() && !(a instanceof Inet6Address && a.isLinkLocalAddress())) {
                        all.add(a);
                    }
                }
            }
        }
        Set<InetAddress> routable = new LinkedHashSet<>();
        for (InetAddress a : all) {
            if (!a.isLoopbackAddress()) {
                routable.add(a);
            }
        }
        return routable.isEmpty() ? all : routable;
    }

    /**
     * The id's first label and the full id, both under the zone (the full id as is when
     * already in it). Only labels of letters, digits, '-' and '_' count: an id such as
     * "*.x" must not become a wildcard record, nor "a.b." a name outside the zone.
     */
    List<Name> minionNames(String id) {
        List<Name> out = new ArrayList<>();
        String lower = id.toLowerCase(Locale.ROOT);
        String[] labels = lower.split("\\.", -1);
        if (LABEL.matcher(labels[0]).matches()) {
            addIfValid(out, labels[0]);
        }
        for (String l : labels) {
            if (!LABEL.matcher(l).matches()) {
                return out;
            }
        }
        try {
            Name abs = Name.fromString(lower + ".");
            if (abs.subdomain(cfg.zone())) {
                if (!out.contains(abs)) {
                    out.add(abs);
                }
            } else {
                addIfValid(out, lower);
            }
        } catch (TextParseException e) {
            // Too long for a DNS name: the first label alone has to do.
        }
        return out;
    }

    private void addIfValid(List<Name> out, String relative) {
        try {
            Name n = Name.fromString(relative, cfg.zone());
            if (n.subdomain(cfg.zone()) && !out.contains(n)) {
                out.add(n);
            }
        } catch (TextParseException e) {
            // Skipped: ids that are not DNS labels get no record under that name.
        }
    }

    /** A name as written in pillar: a single label is relative to the zone; dotted names must be in it. */
    Name nameInZone(String raw) {
        String s = raw.trim().toLowerCase();
        if (s.isEmpty()) {
            return null;
        }
        try {
            Name n;
            if (s.endsWith(".")) {
                n = Name.fromString(s);
            } else if (!s.contains(".")) {
                n = Name.fromString(s, cfg.zone());
            } else {
                n = Name.fromString(s + ".");
            }
            return n.subdomain(cfg.zone()) ? n : null;
        } catch (TextParseException e) {
            return null;
        }
    }

    private Name name(String relative) {
        try {
            return Name.fromString(relative, cfg.zone());
        } catch (TextParseException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Set<InetAddress> literals(Object v, String where, List<String> warnings) {
        Set<InetAddress> out = new LinkedHashSet<>();
        List<?> items = v instanceof List<?> l ? l : List.of(String.valueOf(v));
        for (Object o : items) {
            InetAddress a = literal(String.valueOf(o));
            if (a == null) {
                warnings.add(where + ": '" + o + "' is not an IP address");
            } else {
                out.add(a);
            }
        }
        return out;
    }

    /** An IP literal, or null; never a DNS lookup. */
    static InetAddress literal(String s) {
        String t = s.trim();
        if (t.isEmpty() || !(Address.isDottedQuad(t) || t.indexOf(':') >= 0)) {
            return null;
        }
        try {
            return Address.getByAddress(t.contains("%") ? t.substring(0, t.indexOf('%')) : t);
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
