package io.jsalt.minion.states;

import io.jsalt.common.data.Data;
import io.jsalt.common.plugin.Call;
import io.jsalt.common.plugin.Fn;
import io.jsalt.common.plugin.StatePlugin;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Salt's host states: names in the hosts file (hosts.file in the minion config, default /etc/hosts). */
public final class HostStates implements StatePlugin {
    @Override
    public String name() {
        return "host";
    }

    @Override
    public String doc() {
        return """
                Manage entries of the hosts file.

                The states call the hosts execution module on the file named by the minion option hosts.file (default \
                /etc/hosts).""";
    }

    @Fn(doc = """
            Make sure the name is listed for the ip (or each of a list of ips).

            clean
                Also remove the name from every other ip.""",
            example = """
            db1.example.org:
              host.present:
                - ip: 10.0.0.5
                - clean: True""")
    public Object present(Call c) {
        String name = c.requiredStr(0, "name");
        Ret ret = new Ret(name);
        List<String> ips = ips(c);
        if (ips.isEmpty()) {
            return ret.fail("No ip address given for host " + name);
        }
        List<String> comments = new ArrayList<>();
        List<String[]> toAdd = new ArrayList<>();
        List<String[]> toRemove = new ArrayList<>();
        for (String ip : ips) {
            if (Data.truthy(c.salt("hosts.has_pair", List.of(ip, name), Map.of()))) {
                comments.add("Host " + name + " (" + ip + ") already present");
            } else {
                toAdd.add(new String[] {ip, name});
            }
        }
        if (c.bool(-1, "clean", false)) {
            Map<String, Object> all = StateSupport.asMap(c.salt("hosts.list_hosts", List.of(), Map.of()));
            all.forEach((ip, entry) -> {
                Object aliases = StateSupport.asMap(entry).get("aliases");
                if (!ips.contains(ip) && aliases instanceof List<?> l && l.contains(name)) {
                    toRemove.add(new String[] {ip, name});
                }
            });
        }
        List<String> would = new ArrayList<>(comments);
        Map<String, Object> planned = new LinkedHashMap<>();
        for (String[] a : toAdd) {
            put(planned, "added", a[0], name);
            would.add("Host " + name + " (" + a[0] + ") would be added");
            comments.add("Added host " + name + " (" + a[0] + ")");
        }
        for (String[] r : toRemove) {
            put(planned, "removed", r[0], name);
            would.add("Host " + name + " (" + r[0] + ") would be removed");
            comments.add("Removed host " + name + " (" + r[0] + ")");
        }
        Plan plan = planned.isEmpty() ? Plan.nothing(String.join("\n", comments))
                : Plan.change(String.join("\n", would), String.join("\n", comments), () -> {
                    toAdd.forEach(a -> c.salt("hosts.add_host", List.of(a[0], name), Map.of()));
                    toRemove.forEach(r -> c.salt("hosts.rm_host", List.of(r[0], name), Map.of()));
                });
        return plan.showing(planned).run(c, ret);
    }

    @Fn(doc = "Make sure the name is not listed for the ip (or any of a list; without ip: for any ip).",
            example = """
            old.example.org:
              host.absent:
                - ip: 10.0.0.9""")
    public Object absent(Call c) {
        String name = c.requiredStr(0, "name");
        Ret ret = new Ret(name);
        List<String> ips = ips(c);
        if (ips.isEmpty()) {
            StateSupport.asMap(c.salt("hosts.list_hosts", List.of(), Map.of())).forEach((ip, entry) -> {
                if (StateSupport.asMap(entry).get("aliases") instanceof List<?> l && l.contains(name)) {
                    ips.add(ip);
                }
            });
        }
        List<String> comments = new ArrayList<>();
        List<String> would = new ArrayList<>();
        List<String> remove = new ArrayList<>();
        Map<String, Object> planned = new LinkedHashMap<>();
        for (String ip : ips) {
            if (!Data.truthy(c.salt("hosts.has_pair", List.of(ip, name), Map.of()))) {
                comments.add("Host " + name + " (" + ip + ") already absent");
                would.add("Host " + name + " (" + ip + ") already absent");
                continue;
            }
            put(planned, "removed", ip, name);
            remove.add(ip);
            would.add("Host " + name + " (" + ip + ") would be removed");
            comments.add("Removed host " + name + " (" + ip + ")");
        }
        if (planned.isEmpty()) {
            return Plan.nothing(comments.isEmpty() ? "Host " + name + " already absent" : String.join("\n", comments))
                    .run(c, ret);
        }
        return Plan.change(String.join("\n", would), String.join("\n", comments),
                () -> remove.forEach(ip -> c.salt("hosts.rm_host", List.of(ip, name), Map.of())))
                .showing(planned).run(c, ret);
    }

    @Fn(doc = """
            Ensure that only the given hostnames are associated with the given IP address (the name), in the given \
            order. Any other hostname associated with the IP address is removed; with no hostnames, all entries for \
            the IP address are removed.

            hostnames
                A single hostname or a list of hostnames.""",
            example = """
            10.0.0.5:
              host.only:
                - hostnames:
                  - db1.example.org
                  - db1""")
    public Object only(Call c) {
        // salt/states/host.py only: compares the space-joined names; test mode reports no changes.
        String name = c.requiredStr(0, "name");
        Ret ret = new Ret(name);
        List<String> wanted = new ArrayList<>();
        for (Object o : c.list(1, "hostnames", List.of())) {
            wanted.add(String.valueOf(o).strip());
        }
        List<String> current = new ArrayList<>();
        StateSupport.asList(c.salt("hosts.get_alias", List.of(name), Map.of())).forEach(a -> current.add(String.valueOf(a)));
        String old = String.join(" ", current);
        String now = String.join(" ", wanted);
        if (old.equals(now)) {
            return Plan.nothing("IP address " + name + " already set to \"" + now + "\"").run(c, ret);
        }
        return Plan.change("Would change " + name + " from \"" + old + "\" to \"" + now + "\"", r -> {
            if (!Data.truthy(c.salt("hosts.set_host", List.of(name, now), Map.of()))) {
                return r.fail("hosts.set_host failed to change " + name + " from \"" + old + "\" to \"" + now + "\"");
            }
            r.changes.put(name, Data.map("old", old, "new", now));
            return r.done("successfully changed " + name + " from \"" + old + "\" to \"" + now + "\"");
        }).run(c, ret);
    }

    private static List<String> ips(Call c) {
        List<String> out = new ArrayList<>();
        for (Object o : c.list(-1, "ip", List.of())) {
            out.add(String.valueOf(o));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static void put(Map<String, Object> changes, String kind, String ip, String name) {
        Map<String, Object> m = (Map<String, Object>) changes.computeIfAbsent(kind, k -> new LinkedHashMap<>());
        ((List<Object>) m.computeIfAbsent(ip, k -> new ArrayList<>())).add(name);
    }
}
