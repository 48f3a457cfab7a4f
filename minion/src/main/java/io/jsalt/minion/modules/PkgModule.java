package io.jsalt.minion.modules;

import io.jsalt.common.plugin.Call;
import io.jsalt.common.plugin.CommandExecutionError;
import io.jsalt.common.plugin.Context;
import io.jsalt.common.plugin.ExecutionPlugin;
import io.jsalt.common.plugin.Fn;
import io.jsalt.common.plugin.InvocationError;
import io.jsalt.common.py.PyRepr;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Salt's aptpkg as {@code pkg}: packages through apt-get and dpkg-query. Every function that
 * changes packages returns Salt's changes shape: {@code {name: {old: ver, new: ver}}}.
 * Repository functions live in {@link AptRepos}.
 */
public final class PkgModule implements ExecutionPlugin {
    private static final List<String> APT_GET = List.of("apt-get", "-q", "-y",
            "-o", "DPkg::Options::=--force-confold", "-o", "DPkg::Options::=--force-confdef");
    private static final Map<String, String> APT_ENV = Map.of("DEBIAN_FRONTEND", "noninteractive",
            "APT_LISTBUGS_FRONTEND", "none", "APT_LISTCHANGES_FRONTEND", "none");

    @Override
    public String name() {
        return "pkg";
    }

    @Override
    public String doc() {
        return "Package management for Debian: apt-get and dpkg-query.";
    }

    @Override
    public String unavailableReason(Context ctx) {
        if (!Sh.has("apt-get") || !Sh.has("dpkg-query")) {
            return "apt-get and dpkg-query are required (Debian-based systems only)";
        }
        return null;
    }

    @Fn(doc = """
            List the installed packages as {name: version}. Packages of a foreign architecture are named name:arch.

            removed
                True: list packages removed but with config files left (dpkg state 'rc') instead.""",
            example = "jsalt '*' pkg.list_pkgs")
    public Object list_pkgs(Call c) {
        return c.bool(-1, "removed", false) ? removedPkgs() : installed();
    }

    @Fn(doc = """
            The installed version of one package as a string ('' when not installed), or a dict of versions for \
            several.""",
            example = "jsalt '*' pkg.version rsync")
    public Object version(Call c) {
        List<String> names = names(c);
        Map<String, String> cur = installed();
        if (names.size() == 1) {
            return cur.getOrDefault(names.get(0), "");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        names.forEach(n -> out.put(n, cur.getOrDefault(n, "")));
        return out;
    }

    @Fn(doc = """
            The version that would be installed or upgraded to ('' when the package is up to date), for one or several \
            packages.

            refresh
                Update the package lists first (default True).""",
            example = "jsalt '*' pkg.latest_version rsync refresh=False")
    public Object latest_version(Call c) {
        List<String> names = names(c);
        if (c.bool(-1, "refresh", true)) {
            refreshDb();
        }
        Map<String, String> cur = installed();
        Map<String, Object> out = new LinkedHashMap<>();
        for (String n : names) {
            String cand = candidate(n);
            String have = cur.get(n);
            out.put(n, cand == null || cand.equals(have) ? "" : cand);
        }
        return names.size() == 1 ? out.get(names.get(0)) : out;
    }

    @Fn(doc = "True when a newer version of the package is available.",
            example = "jsalt '*' pkg.upgrade_available rsync")
    public Object upgrade_available(Call c) {
        String n = c.requiredStr(0, "name");
        String cand = candidate(n);
        String have = installed().get(n);
        return have != null && cand != null && !cand.equals(have);
    }

    @Fn(doc = "Compare two Debian versions: -1, 0 or 1 (dpkg --compare-versions).",
            example = "jsalt '*' pkg.version_cmp 0.2.4-0 0.2.4.1-0")
    public Object version_cmp(Call c) {
        return (long) compare(c.requiredStr(0, "pkg1"), c.requiredStr(1, "pkg2"));
    }

    @Fn(doc = """
            Update the package lists (apt-get update). Returns {source: True} for each source fetched or current, \
            False for each that failed.""",
            example = "jsalt '*' pkg.refresh_db")
    public Object refresh_db(Call c) {
        return refreshDb();
    }

    @Fn(doc = """
            Install packages with apt-get and return what changed as {name: {old, new}}.

            name
                One package.
            pkgs
                A list of packages; items may be {name: version}.
            version
                Version for name.
            refresh
                apt-get update first.""",
            example = "jsalt '*' pkg.install rsync pkgs='[\"curl\", {\"wget\": \"1.21.3-1+b2\"}]'")
    public Object install(Call c) {
        Map<String, String> targets = targets(c);
        if (targets.isEmpty()) {
            return new LinkedHashMap<>();
        }
        if (c.bool(-1, "refresh", false)) {
            refreshDb();
        }
        List<String> argv = new ArrayList<>(APT_GET);
        if (c.bool(-1, "reinstall", false)) {
            argv.add("--reinstall");
        }
        argv.add("install");
        targets.forEach((n, v) -> argv.add(v == null || v.isEmpty() ? n : n + "=" + v));
        return apply(argv, "installing");
    }

    /** apt-get remove or apt-get purge: the function's name is apt-get's action. */
    @Fn(name = "remove", doc = """
            Remove packages (apt-get remove), keeping their configuration files. Returns {name: {old, new: ''}}.""",
            example = "jsalt '*' pkg.remove rsync")
    @Fn(name = "purge", doc = "Remove packages and their configuration files (apt-get purge).",
            example = "jsalt '*' pkg.purge rsync")
    public Object uninstall(Call c) {
        String action = c.function();
        Map<String, String> targets = targets(c);
        Map<String, String> before = installed();
        Map<String, String> gone = action.equals("purge") ? removedPkgs() : Map.of();
        List<String> argv = new ArrayList<>(APT_GET);
        argv.add(action);
        for (String n : targets.keySet()) {
            if (before.containsKey(n) || gone.containsKey(n)) {
                argv.add(n);
            }
        }
        if (argv.size() == APT_GET.size() + 1) {
            return new LinkedHashMap<>();
        }
        Map<String, Object> changes = apply(argv, action.equals("purge") ? "purging" : "removing");
        for (String n : targets.keySet()) {
            // A purge of a package in state 'rc' changes no version, but it did change the host.
            if (gone.containsKey(n) && !changes.containsKey(n) && !removedPkgs().containsKey(n)) {
                changes.put(n, changesOf("", ""));
            }
        }
        return changes;
    }

    @Fn(doc = """
            Configured apt sources as {uri: [entries]}; each entry has line, file, type, architectures, uri, dist, \
            comps, disabled.""",
            example = "jsalt '*' pkg.list_repos")
    public Object list_repos(Call c) {
        return AptRepos.listRepos(AptRepos.sourceFiles(c.str(-1, "file", null)));
    }

    @Fn(doc = "The apt source matching the given line, or {} when none is configured.",
            example = "jsalt '*' pkg.get_repo \"deb http://deb.example.org/debian bookworm main\"")
    public Object get_repo(Call c) {
        return AptRepos.getRepo(c.requiredStr(0, "repo"), AptRepos.sourceFiles(c.str(-1, "file", null)));
    }

    @Fn(doc = """
            Add or change an apt source line.

            file
                The .list file for a new line (default /etc/apt/sources.list).
            disabled
                Comment the line out.
            comments
                Text appended as '# comment'.
            refresh
                apt-get update afterwards.""",
            example = "jsalt '*' pkg.mod_repo \"deb http://deb.example.org/debian bookworm main\" "
            + "file=/etc/apt/sources.list.d/example.list")
    public Object mod_repo(Call c) {
        String repo = c.requiredStr(0, "repo");
        Object comments = c.arg(-1, "comments", null);
        String comment = comments instanceof List<?> l ? String.join(" ", l.stream().map(String::valueOf).toList())
                : comments == null ? null : String.valueOf(comments);
        Map<String, Object> out = AptRepos.modRepo(repo, c.str(-1, "file", null),
                c.bool(-1, "disabled", false), comment);
        if (c.bool(-1, "refresh", c.bool(-1, "refresh_db", true))) {
            refreshDb();
        }
        return out;
    }

    @Fn(doc = "Remove an apt source line from every file that has it; empty files are deleted.",
            example = "jsalt '*' pkg.del_repo \"deb http://deb.example.org/debian bookworm main\"")
    public Object del_repo(Call c) {
        return AptRepos.delRepo(c.requiredStr(0, "repo"), AptRepos.sourceFiles(c.str(-1, "file", null)));
    }

    // ---- implementation, shared with the pkg state through these calls ----

    private Map<String, Object> apply(List<String> argv, String verb) {
        Map<String, String> before = installed();
        Sh.Out o = Sh.run(argv, null, APT_ENV, null);
        Map<String, String> after = installed();
        Map<String, Object> changes = diff(before, after);
        if (!o.ok()) {
            throw new CommandExecutionError("Error occurred " + verb + " package(s): " + o.error()
                    + (changes.isEmpty() ? "" : " (changes: " + PyRepr.repr(changes) + ")"));
        }
        return changes;
    }

    static Map<String, Object> diff(Map<String, String> before, Map<String, String> after) {
        Map<String, Object> out = new TreeMap<>();
        TreeSet<String> all = new TreeSet<>(before.keySet());
        all.addAll(after.keySet());
        for (String n : all) {
            String o = before.getOrDefault(n, "");
            String nv = after.getOrDefault(n, "");
            if (!o.equals(nv)) {
                out.put(n, changesOf(o, nv));
            }
        }
        return new LinkedHashMap<>(out);
    }

    private static Map<String, Object> changesOf(String old, String nw) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("old", old);
        m.put("new", nw);
        return m;
    }

    /** {name: version} of packages dpkg calls installed. */
    static Map<String, String> installed() {
        return dpkgQuery(true);
    }

    private static Map<String, String> removedPkgs() {
        return dpkgQuery(false);
    }

    private static Map<String, String> dpkgQuery(boolean installed) {
        Sh.Out o = Sh.run(List.of("dpkg-query", "-W", "--showformat",
                "${Status}\t${Package}\t${Version}\t${Architecture}\n"));
        String nativeArch = nativeArch();
        Map<String, String> out = new TreeMap<>();
        for (String line : o.stdout().split("\n")) {
            String[] f = line.split("\t", -1);
            if (f.length < 4) {
                continue;
            }
            boolean isInstalled = f[0].endsWith(" installed");
            boolean isRemoved = f[0].endsWith(" config-files");
            if (installed ? !isInstalled : !isRemoved) {
                continue;
            }
            String name = f[3].isEmpty() || f[3].equals("all") || f[3].equals(nativeArch) ? f[1] : f[1] + ":" + f[3];
            out.put(name, f[2]);
        }
        return new LinkedHashMap<>(out);
    }

    private static String nativeArch;

    private static synchronized String nativeArch() {
        if (nativeArch == null) {
            Sh.Out o = Sh.run(List.of("dpkg", "--print-architecture"));
            nativeArch = o.ok() ? o.stdout().strip() : "";
        }
        return nativeArch;
    }

    /** The candidate version apt would install, or null when apt knows no such package. */
    static String candidate(String name) {
        Sh.Out o = Sh.run(List.of("apt-cache", "policy", name));
        for (String line : o.stdout().split("\n")) {
            String t = line.strip();
            if (t.startsWith("Candidate:")) {
                String v = t.substring("Candidate:".length()).strip();
                return v.equals("(none)") ? null : v;
            }
        }
        return null;
    }

    static int compare(String a, String b) {
        if (Sh.run(List.of("dpkg", "--compare-versions", a, "lt", b)).ok()) {
            return -1;
        }
        return Sh.run(List.of("dpkg", "--compare-versions", a, "eq", b)).ok() ? 0 : 1;
    }

    static Map<String, Object> refreshDb() {
        Sh.Out o = Sh.run(List.of("apt-get", "-q", "update"), null, APT_ENV, null);
        Map<String, Object> out = new LinkedHashMap<>();
        for (String line : o.stdout().split("\n")) {
            String[] w = line.strip().split("\\s+");
            if (w.length < 3) {
                continue;
            }
            String src = w[1] + " " + w[2];
            switch (w[0]) {
                case "Hit:", "Get:" -> out.put(src, true);
                case "Ign:" -> out.putIfAbsent(src, null);
                case "Err:" -> out.put(src, false);
                default -> { }
            }
        }
        if (!o.ok()) {
            throw new CommandExecutionError("Error getting repos: " + o.error());
        }
        return out;
    }

    /** name/pkgs/version arguments as {name: version or null}, in the order given. */
    static Map<String, String> targets(Call c) {
        Map<String, String> out = new LinkedHashMap<>();
        Object pkgs = c.arg(-1, "pkgs", null);
        if (pkgs != null) {
            if (!(pkgs instanceof List<?> list)) {
                throw new InvocationError("pkgs must be a list, got '" + pkgs + "'");
            }
            return pkgs(list);
        }
        String name = c.str(0, "name", null);
        if (name == null) {
            throw new InvocationError("no package named: give name or pkgs");
        }
        Object ver = c.arg(-1, "version", null);
        for (String n : name.split(",")) {
            if (!n.isBlank()) {
                out.put(n.strip(), ver == null ? null : PyRepr.str(ver));
            }
        }
        return out;
    }

    /**
     * A pkgs argument as {name: version or null}, in its order: items are package names or
     * {name: version} maps (Salt's salt.utils.data.repack_dictlist, versions as strings). The
     * pkg states read their pkgs argument the same way.
     */
    public static Map<String, String> pkgs(List<?> list) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Object item : list) {
            if (item instanceof Map<?, ?> m) {
                m.forEach((k, v) -> out.put(String.valueOf(k), v == null ? null : PyRepr.str(v)));
            } else {
                out.put(String.valueOf(item), null);
            }
        }
        return out;
    }

    private static List<String> names(Call c) {
        List<String> out = new ArrayList<>();
        for (Object a : c.args()) {
            out.add(String.valueOf(a));
        }
        if (out.isEmpty() && c.kwargs().containsKey("name")) {
            out.add(String.valueOf(c.kwargs().get("name")));
        }
        if (out.isEmpty()) {
            throw new InvocationError("no package named");
        }
        return out;
    }
}
