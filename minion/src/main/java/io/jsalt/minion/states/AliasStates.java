package io.jsalt.minion.states;

import io.jsalt.common.data.Data;
import io.jsalt.common.plugin.Call;
import io.jsalt.common.plugin.Fn;
import io.jsalt.common.plugin.StatePlugin;
import java.util.List;
import java.util.Map;

/** Salt's alias states (salt/states/alias.py): mail aliases through the aliases module. */
public final class AliasStates implements StatePlugin {
    @Override
    public String name() {
        return "alias";
    }

    @Override
    public String doc() {
        return """
                Configuration of email aliases.

                The mail aliases are managed in the file named by the minion option aliases.file (default \
                /etc/aliases); newaliases runs after a change when it is installed.""";
    }

    @Fn(doc = """
            Ensures that the named alias is present with the given target or list of targets. If the alias exists but \
            the target differs, the previous entry is replaced. A list of targets is written comma-separated.

            target
                The target (or targets) of the alias.""",
            example = """
            someone:
              alias.present:
                - target: user@example.com""")
    public Object present(Call c) {
        String name = c.requiredStr(0, "name");
        Object target = c.required(1, "target");
        Ret ret = new Ret(name);
        String shown = io.jsalt.common.py.PyRepr.str(target);
        if (Data.truthy(c.salt("aliases.has_target", List.of(name, target), Map.of()))) {
            return Plan.nothing("Alias " + name + " already present").run(c, ret);
        }
        return Plan.change("Alias " + name + " -> " + shown + " is set to be added", r -> {
            if (!Data.truthy(c.salt("aliases.set_target", List.of(name, target), Map.of()))) {
                return r.fail("Failed to set alias " + name + " -> " + shown);
            }
            r.changes.put("alias", name);
            return r.done("Set email alias " + name + " -> " + shown);
        }).run(c, ret);
    }

    @Fn(doc = "Ensure that the named alias is absent.", example = """
            someone:
              alias.absent""")
    public Object absent(Call c) {
        String name = c.requiredStr(0, "name");
        Ret ret = new Ret(name);
        if (String.valueOf(c.salt("aliases.get_target", List.of(name), Map.of())).isEmpty()) {
            return Plan.nothing("Alias " + name + " already absent").run(c, ret);
        }
        return Plan.change("Alias " + name + " is set to be removed", r -> {
            if (!Data.truthy(c.salt("aliases.rm_alias", List.of(name), Map.of()))) {
                return r.fail("Failed to remove alias " + name);
            }
            r.changes.put("alias", name);
            return r.done("Removed alias " + name);
        }).run(c, ret);
    }
}
