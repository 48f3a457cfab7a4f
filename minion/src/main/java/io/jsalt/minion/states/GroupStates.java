package io.jsalt.minion.states;

import io.jsalt.common.plugin.Call;
import io.jsalt.common.plugin.Fn;
import io.jsalt.common.plugin.StatePlugin;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Salt's group states: local groups present with a gid and members, or absent. */
public final class GroupStates implements StatePlugin {
    @Override
    public String name() {
        return "group";
    }

    @Override
    public String doc() {
        return """
                Manage local groups and their members.

                The states call the group execution module (getent, groupadd, groupmod, groupdel, gpasswd).""";
    }

    @Fn(doc = """
            Make sure the group exists.

            gid
                Its gid.
            system
                Create it as a system group.
            members
                Exactly these users.
            addusers / delusers
                Users to add / remove (not with members).""",
            example = """
            deployers:
              group.present:
                - gid: 3001
                - addusers:
                  - alice
                  - bob""")
    public Object present(Call c) {
        String name = c.requiredStr(0, "name");
        Ret ret = new Ret(name);
        List<Object> members = c.list(-1, "members", null);
        List<Object> add = c.list(-1, "addusers", null);
        List<Object> del = c.list(-1, "delusers", null);
        if (members != null && (add != null || del != null)) {
            return ret.fail("Error. Only one of 'members' or 'addusers'/'delusers' may be used.");
        }
        Map<String, Object> info = info(c, name);
        if (info.isEmpty()) {
            return Plan.change("Group " + name + " set to be added", r -> {
                Map<String, Object> kw = new LinkedHashMap<>();
                if (c.arg(-1, "gid", null) != null) {
                    kw.put("gid", c.arg(-1, "gid", null));
                }
                kw.put("system", c.bool(-1, "system", false));
                c.salt("group.add", List.of(name), kw);
                List<Object> users = members != null ? members : add;
                if (users != null && !users.isEmpty()) {
                    c.salt("group.members", List.of(name, StateSupport.csv(users)), Map.of());
                }
                r.changes = info(c, name);
                return r.done("New group " + name + " created");
            }).failingWith("Failed to create new group " + name + ": ").run(c, ret);
        }
        Map<String, Object> changes = changes(c, info, members, add, del);
        if (changes.isEmpty()) {
            return ret.done("Group " + name + " is present and up to date");
        }
        StringBuilder b = new StringBuilder("The following group attributes are set to be changed:\n");
        changes.forEach((k, v) -> b.append(k).append(": ").append(v).append('\n'));
        return Plan.change(b.toString(), r -> {
            if (changes.containsKey("gid")) {
                c.salt("group.chgid", List.of(name, changes.get("gid")), Map.of());
            }
            if (changes.containsKey("members")) {
                c.salt("group.members", List.of(name, StateSupport.csv(members)), Map.of());
            }
            for (Object u : StateSupport.asList(changes.get("addusers"))) {
                c.salt("group.adduser", List.of(name, u), Map.of());
            }
            for (Object u : StateSupport.asList(changes.get("delusers"))) {
                c.salt("group.deluser", List.of(name, u), Map.of());
            }
            Map<String, Object> left = changes(c, info(c, name), members, add, del);
            if (!left.isEmpty()) {
                r.changes.put("Failed", left);
                return r.fail(b + "Some changes could not be applied");
            }
            r.changes.put("Final", "All changes applied successfully");
            return r.done(b.toString());
        }).showing(changes).failingWith(b + "Failed: ").run(c, ret);
    }

    @Fn(doc = "Make sure the group does not exist.", example = """
            oldgroup:
              group.absent""")
    public Object absent(Call c) {
        String name = c.requiredStr(0, "name");
        Ret ret = new Ret(name);
        if (info(c, name).isEmpty()) {
            return ret.done("Group not present");
        }
        return Plan.change("Group " + name + " is set for removal", r -> {
            c.salt("group.delete", List.of(name), Map.of());
            r.changes.put(name, "");
            return r.done("Removed group " + name);
        }).failingWith("Failed to remove group " + name + ": ").run(c, ret);
    }

    private static Map<String, Object> info(Call c, String name) {
        return StateSupport.asMap(c.salt("group.info", List.of(name), Map.of()));
    }

    private static Map<String, Object> changes(Call c, Map<String, Object> info, List<Object> members,
                                               List<Object> add, List<Object> del) {
        Map<String, Object> out = new LinkedHashMap<>();
        Object gid = c.arg(-1, "gid", null);
        if (gid != null && !String.valueOf(gid).equals(String.valueOf(info.get("gid")))) {
            out.put("gid", gid);
        }
        TreeSet<String> have = new TreeSet<>();
        StateSupport.asList(info.get("members")).forEach(m -> have.add(String.valueOf(m)));
        if (members != null) {
            TreeSet<String> want = new TreeSet<>();
            members.forEach(m -> want.add(String.valueOf(m)));
            if (!want.equals(have)) {
                out.put("members", new ArrayList<Object>(want));
            }
        }
        List<Object> toAdd = new ArrayList<>();
        for (Object u : add == null ? List.of() : add) {
            if (!have.contains(String.valueOf(u))) {
                toAdd.add(String.valueOf(u));
            }
        }
        if (!toAdd.isEmpty()) {
            out.put("addusers", toAdd);
        }
        List<Object> toDel = new ArrayList<>();
        for (Object u : del == null ? List.of() : del) {
            if (have.contains(String.valueOf(u))) {
                toDel.add(String.valueOf(u));
            }
        }
        if (!toDel.isEmpty()) {
            out.put("delusers", toDel);
        }
        return out;
    }
}
