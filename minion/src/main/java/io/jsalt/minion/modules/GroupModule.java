package io.jsalt.minion.modules;

import io.jsalt.common.plugin.Call;
import io.jsalt.common.plugin.Context;
import io.jsalt.common.plugin.ExecutionPlugin;
import io.jsalt.common.plugin.Fn;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Salt's groupadd module as {@code group}: local groups through getent, groupadd, gpasswd. */
public final class GroupModule implements ExecutionPlugin {
    @Override
    public String name() {
        return "group";
    }

    @Override
    public String doc() {
        return "Manage local groups with groupadd, groupmod, groupdel and gpasswd.";
    }

    @Override
    public String unavailableReason(Context ctx) {
        return Sh.requires("groupadd", "gpasswd");
    }

    @Fn(doc = "The group as {name, passwd, gid, members}; {} when there is no such group.",
            example = "jsalt '*' group.info adm")
    public Object info(Call c) {
        return info(c.requiredStr(0, "name"));
    }

    @Fn(doc = """
            Add a group.

            gid
                Its gid.
            system
                A system group (gid from the system range).""",
            example = "jsalt '*' group.add deployers 3001")
    public Object add(Call c) {
        List<String> argv = new ArrayList<>(List.of("groupadd"));
        String gid = c.str(1, "gid", null);
        if (gid != null) {
            argv.add("-g");
            argv.add(gid);
        }
        if (c.bool(2, "system", false)) {
            argv.add("-r");
        }
        argv.add(c.requiredStr(0, "name"));
        Sh.check(argv);
        return true;
    }

    @Fn(doc = "Remove a group.", example = "jsalt '*' group.delete deployers")
    public Object delete(Call c) {
        Sh.check(List.of("groupdel", c.requiredStr(0, "name")));
        return true;
    }

    @Fn(doc = "Change the group's gid.", example = "jsalt '*' group.chgid deployers 3002")
    public Object chgid(Call c) {
        Sh.check(List.of("groupmod", "-g", c.requiredStr(1, "gid"), c.requiredStr(0, "name")));
        return true;
    }

    @Fn(doc = "Add a user to the group.", example = "jsalt '*' group.adduser deployers alice")
    public Object adduser(Call c) {
        Sh.check(List.of("gpasswd", "-a", c.requiredStr(1, "username"), c.requiredStr(0, "name")));
        return true;
    }

    @Fn(doc = "Remove a user from the group.", example = "jsalt '*' group.deluser deployers alice")
    public Object deluser(Call c) {
        Sh.check(List.of("gpasswd", "-d", c.requiredStr(1, "username"), c.requiredStr(0, "name")));
        return true;
    }

    @Fn(doc = "Replace the group's members with a comma-separated list of users.",
            example = "jsalt '*' group.members deployers alice,bob")
    public Object members(Call c) {
        List<Object> users = c.list(1, "members_list", List.of());
        List<String> names = new ArrayList<>();
        users.forEach(u -> names.add(String.valueOf(u)));
        Sh.check(List.of("gpasswd", "-M", String.join(",", names), c.requiredStr(0, "name")));
        return true;
    }

    @Fn(doc = "Every group as a list of info dicts.", example = "jsalt '*' group.getent")
    public Object getent(Call c) {
        List<Object> out = new ArrayList<>();
        for (String line : Sh.run(List.of("getent", "group")).stdout().split("\n")) {
            if (!line.isBlank()) {
                out.add(parse(line.split(":", -1)));
            }
        }
        return out;
    }

    static Map<String, Object> info(String name) {
        String[] f = Sh.getent("group", name);
        return f == null ? new LinkedHashMap<>() : parse(f);
    }

    private static Map<String, Object> parse(String[] f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", f[0]);
        m.put("passwd", f.length > 1 ? f[1] : "");
        m.put("gid", f.length > 2 && !f[2].isEmpty() ? Long.parseLong(f[2]) : null);
        TreeSet<String> members = new TreeSet<>();
        if (f.length > 3) {
            for (String u : f[3].split(",")) {
                if (!u.isBlank()) {
                    members.add(u.strip());
                }
            }
        }
        m.put("members", new ArrayList<Object>(members));
        return m;
    }
}
