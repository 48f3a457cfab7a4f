package io.jsalt.minion.modules;

import io.jsalt.common.plugin.Call;
import io.jsalt.common.plugin.CommandExecutionError;
import io.jsalt.common.plugin.Context;
import io.jsalt.common.plugin.ExecutionPlugin;
import io.jsalt.common.plugin.Fn;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Salt's useradd module as {@code user}: local accounts through getent, useradd, usermod, userdel. */
public final class UserModule implements ExecutionPlugin {
    @Override
    public String name() {
        return "user";
    }

    @Override
    public String doc() {
        return "Manage local user accounts with useradd, usermod and userdel.";
    }

    @Override
    public String unavailableReason(Context ctx) {
        return Sh.requires("useradd", "getent");
    }

    @Fn(doc = """
            The user's account as {name, uid, gid, home, shell, passwd, fullname, roomnumber, workphone, homephone, \
            other, groups}; {} when there is no such user.""",
            example = "jsalt '*' user.info root")
    public Object info(Call c) {
        return info(c.requiredStr(0, "name"));
    }

    @Fn(doc = """
            Add a user. Arguments: name, uid, gid, groups (list), home, createhome (True), shell, fullname, system, \
            usergroup, password (a crypt hash).""",
            example = "jsalt '*' user.add deploy uid=2001 shell=/bin/bash groups='[\"adm\"]'")
    public Object add(Call c) {
        String name = c.requiredStr(0, "name");
        List<String> argv = new ArrayList<>(List.of("useradd"));
        opt(argv, "-u", c.str(1, "uid", null));
        opt(argv, "-g", c.str(2, "gid", null));
        List<Object> groups = c.list(3, "groups", null);
        if (groups != null && !groups.isEmpty()) {
            argv.add("-G");
            argv.add(join(groups));
        }
        opt(argv, "-d", c.str(4, "home", null));
        argv.add(c.bool(5, "createhome", true) ? "-m" : "-M");
        opt(argv, "-s", c.str(6, "shell", null));
        String gecos = gecos(c.str(-1, "fullname", null), c.str(-1, "roomnumber", null),
                c.str(-1, "workphone", null), c.str(-1, "homephone", null), c.str(-1, "other", null));
        opt(argv, "-c", gecos);
        if (c.bool(-1, "system", false)) {
            argv.add("-r");
        }
        Object usergroup = c.arg(-1, "usergroup", null);
        if (usergroup != null) {
            argv.add(io.jsalt.common.data.Data.truthy(usergroup) ? "-U" : "-N");
        }
        opt(argv, "-p", c.str(-1, "password", null));
        argv.add(name);
        Sh.check(argv);
        return true;
    }

    @Fn(doc = """
            Remove a user.

            remove
                Also remove the home directory and mail spool.
            force
                Remove even while the user is logged in.""",
            example = "jsalt '*' user.delete deploy remove=True")
    public Object delete(Call c) {
        List<String> argv = new ArrayList<>(List.of("userdel"));
        if (c.bool(1, "remove", false)) {
            argv.add("-r");
        }
        if (c.bool(2, "force", false)) {
            argv.add("-f");
        }
        argv.add(c.requiredStr(0, "name"));
        Sh.Out o = Sh.run(argv);
        // userdel exits 12 when only the home directory could not be removed: the user is gone.
        if (!o.ok() && o.code() != 12) {
            throw new CommandExecutionError("userdel failed: " + o.error());
        }
        return true;
    }

    @Fn(doc = "Change the user's uid.", example = "jsalt '*' user.chuid deploy 2002")
    public Object chuid(Call c) {
        return mod(c.requiredStr(0, "name"), "-u", c.requiredStr(1, "uid"));
    }

    @Fn(doc = "Change the user's primary group (name or gid).", example = "jsalt '*' user.chgid deploy 2002")
    public Object chgid(Call c) {
        return mod(c.requiredStr(0, "name"), "-g", c.requiredStr(1, "gid"));
    }

    @Fn(doc = "Change the user's login shell.", example = "jsalt '*' user.chshell deploy /bin/zsh")
    public Object chshell(Call c) {
        return mod(c.requiredStr(0, "name"), "-s", c.requiredStr(1, "shell"));
    }

    @Fn(doc = """
            Change the user's home directory.

            persist
                Move the old home's contents.""",
            example = "jsalt '*' user.chhome deploy /srv/deploy")
    public Object chhome(Call c) {
        String name = c.requiredStr(0, "name");
        List<String> flags = new ArrayList<>(List.of("-d", c.requiredStr(1, "home")));
        if (c.bool(2, "persist", false)) {
            flags.add("-m");
        }
        return mod(name, flags);
    }

    @Fn(doc = """
            Set the user's supplementary groups.

            append
                Add to the current groups instead of replacing them.""",
            example = "jsalt '*' user.chgroups deploy adm,www-data")
    public Object chgroups(Call c) {
        String name = c.requiredStr(0, "name");
        List<Object> groups = c.list(1, "groups", List.of());
        List<String> flags = new ArrayList<>();
        if (c.bool(2, "append", false)) {
            flags.add("-a");
        }
        flags.add("-G");
        flags.add(join(groups));
        return mod(name, flags);
    }

    @Fn(doc = "Change the user's full name (the first GECOS field).",
            example = "jsalt '*' user.chfullname deploy 'Deploy User'")
    public Object chfullname(Call c) {
        String name = c.requiredStr(0, "name");
        Map<String, Object> cur = info(name);
        List<String> f = gecosFields(cur);
        f.set(0, c.requiredStr(1, "fullname"));
        return mod(name, "-c", gecos(f.get(0), f.get(1), f.get(2), f.get(3), f.get(4)));
    }

    @Fn(doc = "The groups the user belongs to, primary group included, sorted.",
            example = "jsalt '*' user.list_groups root")
    public Object list_groups(Call c) {
        return new ArrayList<Object>(groups(c.requiredStr(0, "name")));
    }

    @Fn(doc = "Every user name, sorted.", example = "jsalt '*' user.list_users")
    public Object list_users(Call c) {
        TreeSet<String> out = new TreeSet<>();
        for (String line : Sh.run(List.of("getent", "passwd")).stdout().split("\n")) {
            if (line.contains(":")) {
                out.add(line.substring(0, line.indexOf(':')));
            }
        }
        return new ArrayList<Object>(out);
    }

    static Map<String, Object> info(String name) {
        Map<String, Object> m = new LinkedHashMap<>();
        String[] f = Sh.getent("passwd", name);
        if (f == null) {
            return m;
        }
        String[] g = (f.length > 4 ? f[4] : "").split(",", -1);
        m.put("name", f[0]);
        m.put("passwd", f[1]);
        m.put("uid", Long.parseLong(f[2]));
        m.put("gid", Long.parseLong(f[3]));
        m.put("fullname", g.length > 0 ? g[0] : "");
        m.put("roomnumber", g.length > 1 ? g[1] : "");
        m.put("workphone", g.length > 2 ? g[2] : "");
        m.put("homephone", g.length > 3 ? g[3] : "");
        m.put("other", g.length > 4 ? String.join(",", List.of(g).subList(4, g.length)) : "");
        m.put("home", f.length > 5 ? f[5] : "");
        m.put("shell", f.length > 6 ? f[6] : "");
        m.put("groups", new ArrayList<Object>(groups(name)));
        return m;
    }

    static TreeSet<String> groups(String name) {
        Sh.Out o = Sh.run(List.of("id", "-Gn", name));
        TreeSet<String> out = new TreeSet<>();
        if (o.ok()) {
            for (String g : o.stdout().strip().split("\\s+")) {
                if (!g.isEmpty()) {
                    out.add(g);
                }
            }
        }
        return out;
    }

    private static boolean mod(String name, String flag, String value) {
        return mod(name, List.of(flag, value));
    }

    /** Every change to an existing user is one usermod run: usermod FLAGS NAME, failing loudly. */
    private static boolean mod(String name, List<String> flags) {
        List<String> argv = new ArrayList<>(List.of("usermod"));
        argv.addAll(flags);
        argv.add(name);
        Sh.check(argv);
        return true;
    }

    private static List<String> gecosFields(Map<String, Object> info) {
        List<String> f = new ArrayList<>();
        for (String k : List.of("fullname", "roomnumber", "workphone", "homephone", "other")) {
            f.add(String.valueOf(info.getOrDefault(k, "")));
        }
        return f;
    }

    static String gecos(String full, String room, String work, String home, String other) {
        if (full == null && room == null && work == null && home == null && other == null) {
            return null;
        }
        List<String> parts = new ArrayList<>(List.of(nz(full), nz(room), nz(work), nz(home), nz(other)));
        while (parts.size() > 1 && parts.get(parts.size() - 1).isEmpty()) {
            parts.remove(parts.size() - 1);
        }
        return String.join(",", parts);
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static void opt(List<String> argv, String flag, String value) {
        if (value != null && !value.isEmpty()) {
            argv.add(flag);
            argv.add(value);
        }
    }

    private static String join(List<Object> items) {
        List<String> s = new ArrayList<>();
        items.forEach(i -> s.add(String.valueOf(i)));
        return String.join(",", s);
    }
}
