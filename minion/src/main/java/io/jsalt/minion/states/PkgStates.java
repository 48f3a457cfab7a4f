package io.jsalt.minion.states;

import io.jsalt.common.data.Data;
import io.jsalt.common.plugin.Call;
import io.jsalt.common.plugin.CommandExecutionError;
import io.jsalt.common.plugin.Fn;
import io.jsalt.common.py.PyRepr;
import io.jsalt.common.plugin.StatePlugin;
import io.jsalt.minion.modules.PkgModule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Salt's pkg states over the pkg execution module (apt on Debian): installed, latest,
 * removed, purged. Targets are computed first; test mode reports them and stops.
 */
public final class PkgStates implements StatePlugin {
    @Override
    public String name() {
        return "pkg";
    }

    @Override
    public String doc() {
        return """
                Install, upgrade and remove packages (apt on Debian).

                The states call the pkg execution module, which runs apt-get, dpkg-query and apt-cache.""";
    }

    @Fn(doc = """
            Make sure the packages are installed.

            name
                One package.
            pkgs
                A list; items may be {name: version}.
            version
                Version for name: exact ('1.2-3'), a prefix glob ('1.2*') or a comparison ('>=1.2').
            refresh
                apt-get update before installing.

            Differences from Salt: no hold, sources (.deb files), fromrepo or skip_suggestions.""",
            example = """
            web-packages:
              pkg.installed:
                - pkgs:
                  - rsync
                  - curl: '7.88.1-10+deb12u5'
                - refresh: True""")
    public Object installed(Call c) {
        String name = c.requiredStr(0, "name");
        Ret ret = new Ret(name);
        Map<String, String> desired = desired(c);
        resolveLatest(c, name, desired);
        Map<String, String> current = versions(c);
        List<String> targets = new ArrayList<>();
        List<String> already = new ArrayList<>();
        for (Map.Entry<String, String> e : desired.entrySet()) {
            String have = current.get(e.getKey());
            if (have == null || (e.getValue() != null && !VersionSpec.satisfied(c, have, e.getValue()))) {
                targets.add(e.getKey());
            } else {
                already.add(e.getKey());
            }
        }
        if (targets.isEmpty()) {
            return ret.done("All specified packages are already installed");
        }
        Map<String, Object> planned = new LinkedHashMap<>();
        for (String t : targets) {
            planned.put(t, Data.map("new", "installed", "old", ""));
        }
        return Plan.change("The following packages would be installed/updated: " + summary(targets, desired), r -> {
            if (c.bool(-1, "refresh", false)) {
                c.salt("pkg.refresh_db", List.of(), Map.of());
            }
            List<Object> pkgs = new ArrayList<>();
            for (String t : targets) {
                String v = desired.get(t);
                pkgs.add(v == null || VersionSpec.isRange(v) ? t : Data.map(t, exactOrCandidate(v)));
            }
            r.changes = StateSupport.asMap(c.salt("pkg.install", List.of(), Data.map("pkgs", pkgs)));
            Map<String, String> after = versions(c);
            List<String> failed = new ArrayList<>();
            List<String> modified = new ArrayList<>();
            for (String t : targets) {
                String have = after.get(t);
                String want = desired.get(t);
                if (have == null || (want != null && !VersionSpec.satisfied(c, have, want))) {
                    failed.add(t);
                } else {
                    modified.add(t);
                }
            }
            List<String> comment = new ArrayList<>();
            if (!modified.isEmpty()) {
                String m = summary(modified, desired);
                comment.add(m.length() < 20 ? "The following packages were installed/updated: " + m
                        : modified.size() + " targeted package" + (modified.size() > 1 ? "s were" : " was")
                        + " installed/updated.");
            }
            if (!already.isEmpty()) {
                comment.add("The following packages were already installed: " + summary(already, desired));
            }
            if (!failed.isEmpty()) {
                comment.add(0, "The following packages failed to install/update: " + summary(failed, desired));
                r.result = false;
            }
            r.comment = String.join("\n", comment);
            return r.toMap();
        }).showing(planned).failingWith("An error was encountered while installing package(s): ").run(c, ret);
    }

    @Fn(doc = """
            Make sure the packages are installed at the newest version apt offers.

            name / pkgs
                As pkg.installed (versions ignored).
            refresh
                apt-get update first (default True; not in test mode).""",
            example = """
            rsync:
              pkg.latest:
                - refresh: True""")
    public Object latest(Call c) {
        String name = c.requiredStr(0, "name");
        Ret ret = new Ret(name);
        List<String> pkgs = new ArrayList<>(desired(c).keySet());
        // test=True changes nothing on the host, not even the package lists.
        boolean refresh = c.bool(-1, "refresh", true) && !c.ctx().test();
        Map<String, Object> avail;
        try {
            Object a = c.salt("pkg.latest_version", new ArrayList<>(pkgs), Data.map("refresh", refresh));
            avail = pkgs.size() == 1 ? Data.map(pkgs.get(0), a) : StateSupport.asMap(a);
        } catch (CommandExecutionError e) {
            return ret.fail(e.getMessage());
        }
        Map<String, String> current = versions(c);
        List<String> targets = new ArrayList<>();
        Map<String, String> upToDate = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (String p : pkgs) {
            String cand = String.valueOf(avail.getOrDefault(p, ""));
            String have = current.get(p);
            if (!cand.isEmpty()) {
                targets.add(p);
            } else if (have != null) {
                upToDate.put(p, have);
            } else {
                problems.add(p);
            }
        }
        if (!problems.isEmpty()) {
            return ret.fail("No information found for '" + String.join("', '", problems) + "'.");
        }
        if (targets.isEmpty()) {
            String comment;
            if (pkgs.size() > 10) {
                comment = "All " + pkgs.size() + " packages are up-to-date.";
            } else if (pkgs.size() > 1) {
                comment = "All packages are up-to-date (" + String.join(", ", new TreeSet<>(pkgs)) + ").";
            } else {
                comment = "Package " + pkgs.get(0) + " is already up-to-date";
            }
            return ret.done(comment);
        }
        List<String> comments = new ArrayList<>();
        if (!upToDate.isEmpty()) {
            List<String> u = new ArrayList<>();
            new TreeSet<>(upToDate.keySet()).forEach(k -> u.add(k + " (" + upToDate.get(k) + ")"));
            comments.add(upToDate.size() <= 10 ? "The following packages are already up-to-date: " + String.join(", ", u)
                    : upToDate.size() + " packages are already up-to-date");
        }
        List<String> wouldComments = new ArrayList<>(comments);
        wouldComments.add(0, "The following packages would be installed/upgraded: "
                + String.join(", ", new TreeSet<>(targets)));
        return Plan.change(String.join("\n", wouldComments), r -> {
            List<Object> install = new ArrayList<>();
            targets.forEach(t -> install.add(Data.map(t, avail.get(t))));
            r.changes = StateSupport.asMap(c.salt("pkg.install", List.of(), Data.map("pkgs", install)));
            Map<String, String> after = versions(c);
            List<String> ok = new ArrayList<>();
            List<String> failed = new ArrayList<>();
            for (String t : targets) {
                (String.valueOf(avail.get(t)).equals(after.get(t)) ? ok : failed).add(t);
            }
            if (!ok.isEmpty()) {
                comments.add(0, "The following packages were successfully installed/upgraded: "
                        + String.join(", ", new TreeSet<>(ok)));
            }
            if (!failed.isEmpty()) {
                comments.add(0, "The following packages failed to update: " + String.join(", ", new TreeSet<>(failed)));
                r.result = false;
            }
            r.comment = String.join("\n", comments);
            return r.toMap();
        }).failingWith("An error was encountered while installing package(s): ").run(c, ret);
    }

    /** pkg.removed and pkg.purged: apt-get remove or apt-get purge, as the state function says. */
    @Fn(name = "removed", doc = "Make sure the packages are not installed (configuration files are kept).",
            example = """
            telnet:
              pkg.removed""")
    @Fn(name = "purged", doc = "Make sure the packages and their configuration files are gone.",
            example = """
            old-daemons:
              pkg.purged:
                - pkgs:
                  - telnetd
                  - rsh-server""")
    public Object uninstall(Call c) {
        String action = c.function().equals("purged") ? "purge" : "remove";
        String name = c.requiredStr(0, "name");
        Ret ret = new Ret(name);
        Map<String, String> desired = desired(c);
        Map<String, String> current = versions(c);
        Map<String, String> leftovers = action.equals("purge")
                ? StateSupport.asStrings(c.salt("pkg.list_pkgs", List.of(), Data.map("removed", true))) : Map.of();
        List<String> targets = new ArrayList<>();
        for (String p : desired.keySet()) {
            String want = desired.get(p);
            String have = current.get(p);
            boolean installedMatch = have != null && (want == null || VersionSpec.satisfied(c, have, want));
            if (installedMatch || leftovers.containsKey(p)) {
                targets.add(p);
            }
        }
        if (targets.isEmpty()) {
            return ret.done("None of the targeted packages are installed"
                    + (action.equals("purge") ? " or partially installed" : ""));
        }
        Map<String, Object> planned = new LinkedHashMap<>();
        for (String t : targets) {
            planned.put(t, Data.map("new", action + "d", "old", ""));
        }
        return Plan.change("The following packages will be " + action + "d: " + String.join(", ", targets) + ".", r -> {
            r.changes = StateSupport.asMap(c.salt("pkg." + action, List.of(),
                    Data.map("pkgs", new ArrayList<Object>(targets))));
            Map<String, String> after = versions(c);
            Map<String, String> afterLeft = action.equals("purge")
                    ? StateSupport.asStrings(c.salt("pkg.list_pkgs", List.of(), Data.map("removed", true))) : Map.of();
            List<String> failed = new ArrayList<>();
            for (String t : targets) {
                if (after.containsKey(t) || afterLeft.containsKey(t)) {
                    failed.add(t);
                }
            }
            if (!failed.isEmpty()) {
                return r.fail("The following packages failed to " + action + ": " + String.join(", ", failed) + ".");
            }
            return r.done("All targeted packages were " + action + "d.");
        }).showing(planned).failingWith("Error occurred while " + (action.equals("purge") ? "purging" : "removing")
                + " package(s): ").run(c, ret);
    }

    /** {name: wanted version or null} from name/pkgs/version. */
    static Map<String, String> desired(Call c) {
        if (c.arg(-1, "pkgs", null) instanceof List<?> list) {
            return PkgModule.pkgs(list);
        }
        Map<String, String> out = new LinkedHashMap<>();
        Object v = c.arg(-1, "version", null);
        out.put(c.requiredStr(0, "name"), v == null ? null : PyRepr.str(v));
        return out;
    }

    /**
     * version: latest on one package is the version apt would install, or the installed one when
     * that is already the newest (salt/states/pkg.py installed, with pkg.latest_version and
     * pkg.version); the package lists are refreshed only when the state asks for refresh. A
     * package apt knows no version of stays without a version, so apt's own error says why.
     */
    private static void resolveLatest(Call c, String name, Map<String, String> desired) {
        if (desired.size() != 1 || !"latest".equals(desired.get(name))) {
            return;
        }
        String v = String.valueOf(c.salt("pkg.latest_version", List.of(name),
                Data.map("refresh", c.bool(-1, "refresh", false))));
        if (v.isEmpty()) {
            v = String.valueOf(c.salt("pkg.version", List.of(name), Map.of()));
        }
        desired.put(name, v.isEmpty() ? null : v);
    }

    private static Map<String, String> versions(Call c) {
        return StateSupport.asStrings(c.salt("pkg.list_pkgs", List.of(), Map.of()));
    }

    private static String exactOrCandidate(String v) {
        return v.startsWith("=") ? v.substring(1) : v;
    }

    /** Salt's _get_desired_pkg for each name, joined. */
    private static String summary(List<String> names, Map<String, String> desired) {
        List<String> out = new ArrayList<>();
        for (String n : names) {
            String v = desired.get(n);
            if (v == null || v.isEmpty()) {
                out.add(n);
            } else {
                out.add(n + (v.startsWith("<") || v.startsWith(">") || v.startsWith("=") ? "" : "=") + v);
            }
        }
        return String.join(", ", out);
    }
}
