package io.jsalt.minion.states;

import io.jsalt.common.data.Data;
import io.jsalt.common.plugin.Call;
import io.jsalt.common.plugin.CommandExecutionError;
import io.jsalt.common.plugin.Fn;
import io.jsalt.common.plugin.StatePlugin;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Salt's user states: local accounts present with the given attributes, or absent. */
public final class UserStates implements StatePlugin {
    private static final String REDACTED = "XXX-REDACTED-XXX";

    @Override
    public String name() {
        return "user";
    }

    @Override
    public String doc() {
        return """
                Manage local user accounts.

                The states call the user and shadow execution modules (getent, useradd, usermod, userdel).""";
    }

    @Fn(doc = """
            Make sure the user exists with these attributes (each optional): uid, gid (name or number), groups \
            (remove_groups: True drops others), optional_groups (only those that exist), home, createhome, shell, \
            fullname, roomnumber, workphone, homephone, other, password (a crypt hash), empty_password, system, \
            usergroup.

            Differences from Salt: no expire, mindays/maxdays, win_* or nologinit; password must be a crypt hash (as \
            Salt with hash_password: False).""",
            example = """
            deploy:
              user.present:
                - uid: 2001
                - shell: /bin/bash
                - home: /srv/deploy
                - groups:
                  - adm
                  - www-data""")
    public Object present(Call c) {
        String name = c.requiredStr(0, "name");
        Ret ret = new Ret(name);
        Map<String, Object> info = info(c, name);
        List<String> groups = groups(c);
        if (groups == null && c.arg(-1, "groups", null) != null) {
            return ret.fail("One or more of the groups is not available");
        }
        Object gidArg = c.arg(-1, "gid", null);
        // Salt's user.present does not look the gid up before its test=True report ("User x set
        // to be added", salt/states/user.py present): a group.present the dry run has not
        // applied may create it. Only a real run refuses a primary group that is missing.
        if (gidArg != null && !c.ctx().test() && !gidArg.toString().matches("\\d+") && StateSupport.asMap(
                c.salt("group.info", List.of(gidArg.toString()), Map.of())).isEmpty()) {
            return ret.fail("The following group(s) are not present: " + gidArg);
        }
        String password = c.str(-1, "password", null);
        boolean empty = c.bool(-1, "empty_password", false);
        if (info.isEmpty()) {
            return Plan.change("User " + name + " set to be added", r -> {
                Map<String, Object> kw = new LinkedHashMap<>();
                for (String k : List.of("uid", "gid", "home", "shell", "fullname", "roomnumber", "workphone",
                        "homephone", "other", "usergroup")) {
                    if (c.arg(-1, k, null) != null) {
                        kw.put(k, c.arg(-1, k, null));
                    }
                }
                kw.put("createhome", c.bool(-1, "createhome", true));
                kw.put("system", c.bool(-1, "system", false));
                if (groups != null) {
                    kw.put("groups", new ArrayList<Object>(groups));
                }
                if (password != null) {
                    kw.put("password", password);
                } else if (empty) {
                    kw.put("password", "");
                }
                c.salt("user.add", List.of(name), kw);
                r.changes = info(c, name);
                if (password != null) {
                    r.changes.put("passwd", REDACTED);
                }
                return r.done("New user " + name + " created");
            }).failingWith("Failed to create new user " + name + ": ").run(c, ret);
        }
        Map<String, Object> changes = changes(c, name, info, groups, password, empty);
        if (changes.isEmpty()) {
            return ret.done("User " + name + " is present and up to date");
        }
        StringBuilder b = new StringBuilder("The following user attributes are set to be changed:\n");
        changes.forEach((k, v) -> b.append(k).append(": ").append(v).append('\n'));
        return Plan.change(b.toString(), r -> {
            try {
                apply(c, name, changes, groups);
            } catch (CommandExecutionError e) {
                return r.fail("Failed to update user " + name + ": " + e.getMessage());
            }
            Map<String, Object> left = changes(c, name, info(c, name), groups, password, empty);
            if (!left.isEmpty()) {
                r.changes = left;
                return r.fail("These values could not be changed: " + left);
            }
            r.changes = changes;
            return r.done("Updated user " + name);
        }).showing(changes).run(c, ret);
    }

    @Fn(doc = """
            Make sure the user does not exist.

            purge
                Also remove the home directory and mail spool.
            force
                Remove even while logged in.""",
            example = """
            olduser:
              user.absent:
                - purge: True""")
    public Object absent(Call c) {
        String name = c.requiredStr(0, "name");
        Ret ret = new Ret(name);
        if (info(c, name).isEmpty()) {
            return ret.done("User " + name + " is not present");
        }
        return Plan.change("User " + name + " set for removal", "Removed user " + name,
                () -> c.salt("user.delete", List.of(name), Data.map("remove", c.bool(-1, "purge", false),
                        "force", c.bool(-1, "force", false))))
                .showing(Data.map(name, "removed")).failingWith("Failed to remove user " + name + ": ").run(c, ret);
    }

    private static Map<String, Object> info(Call c, String name) {
        return StateSupport.asMap(c.salt("user.info", List.of(name), Map.of()));
    }

    /** groups plus the optional_groups that exist; null when a required group is missing. */
    private static List<String> groups(Call c) {
        List<Object> want = c.list(-1, "groups", null);
        List<Object> optional = c.list(-1, "optional_groups", null);
        if (want == null && optional == null) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (Object g : want == null ? List.of() : want) {
            if (StateSupport.asMap(c.salt("group.info", List.of(String.valueOf(g)), Map.of())).isEmpty()) {
                return null;
            }
            out.add(String.valueOf(g));
        }
        for (Object g : optional == null ? List.of() : optional) {
            if (!StateSupport.asMap(c.salt("group.info", List.of(String.valueOf(g)), Map.of())).isEmpty()) {
                out.add(String.valueOf(g));
            }
        }
        return out;
    }

    private static Map<String, Object> changes(Call c, String name, Map<String, Object> info, List<String> groups,
                                               String password, boolean empty) {
        Map<String, Object> out = new LinkedHashMap<>();
        compare(out, "uid", c.arg(-1, "uid", null), info.get("uid"));
        Object gid = c.arg(-1, "gid", null);
        if (gid != null) {
            String g = gid.toString();
            Object cur = info.get("gid");
            if (!g.matches("\\d+")) {
                Map<String, Object> gi = StateSupport.asMap(c.salt("group.info", List.of(g), Map.of()));
                g = String.valueOf(gi.get("gid"));
            }
            if (!g.equals(String.valueOf(cur))) {
                out.put("gid", gid);
            }
        }
        for (String k : List.of("home", "shell", "fullname", "roomnumber", "workphone", "homephone", "other")) {
            compare(out, k, c.arg(-1, k, null), info.get(k));
        }
        if (groups != null) {
            TreeSet<String> have = new TreeSet<>();
            ((List<?>) info.getOrDefault("groups", List.of())).forEach(x -> have.add(String.valueOf(x)));
            String primary = primaryGroup(c, info);
            TreeSet<String> want = new TreeSet<>(groups);
            if (primary != null) {
                want.add(primary);
            }
            boolean removeOthers = c.bool(-1, "remove_groups", true);
            boolean differs = removeOthers ? !have.equals(want) : !have.containsAll(want);
            if (differs) {
                out.put("groups", new ArrayList<Object>(groups));
            }
        }
        if (password != null || empty) {
            String cur = String.valueOf(StateSupport.asMap(c.salt("shadow.info", List.of(name), Map.of()))
                    .getOrDefault("passwd", ""));
            String want = password != null ? password : "";
            if (!cur.equals(want)) {
                out.put("passwd", REDACTED);
            }
        }
        return out;
    }

    private static String primaryGroup(Call c, Map<String, Object> info) {
        Object gid = info.get("gid");
        for (Object g : (List<?>) c.salt("group.getent", List.of(), Map.of())) {
            Map<String, Object> m = StateSupport.asMap(g);
            if (String.valueOf(m.get("gid")).equals(String.valueOf(gid))) {
                return String.valueOf(m.get("name"));
            }
        }
        return null;
    }

    private static void compare(Map<String, Object> out, String key, Object want, Object have) {
        if (want != null && !String.valueOf(want).equals(String.valueOf(have))) {
            out.put(key, want);
        }
    }

    private static void apply(Call c, String name, Map<String, Object> changes, List<String> groups) {
        for (Map.Entry<String, Object> e : changes.entrySet()) {
            Object v = e.getValue();
            switch (e.getKey()) {
                case "uid" -> c.salt("user.chuid", List.of(name, v), Map.of());
                case "gid" -> c.salt("user.chgid", List.of(name, v), Map.of());
                case "home" -> c.salt("user.chhome", List.of(name, v), Data.map("persist", false));
                case "shell" -> c.salt("user.chshell", List.of(name, v), Map.of());
                case "fullname" -> c.salt("user.chfullname", List.of(name, v), Map.of());
                case "groups" -> c.salt("user.chgroups", List.of(name, new ArrayList<Object>(groups)),
                        Data.map("append", !c.bool(-1, "remove_groups", true)));
                case "passwd" -> c.salt("shadow.set_password", List.of(name,
                        c.str(-1, "password", "")), Map.of());
                default -> {
                    // roomnumber, workphone, homephone, other: the GECOS fields after the name
                    Map<String, Object> cur = info(c, name);
                    cur.put(e.getKey(), v);
                    c.salt("cmd.run_all", List.of(List.of("usermod", "-c", gecos(cur), name)),
                            Data.map("python_shell", false));
                }
            }
        }
    }

    private static String gecos(Map<String, Object> i) {
        List<String> parts = new ArrayList<>();
        for (String k : List.of("fullname", "roomnumber", "workphone", "homephone", "other")) {
            parts.add(String.valueOf(i.getOrDefault(k, "")));
        }
        while (parts.size() > 1 && parts.get(parts.size() - 1).isEmpty()) {
            parts.remove(parts.size() - 1);
        }
        return String.join(",", parts);
    }
}
