package io.jsalt.minion.states;

import io.jsalt.common.data.Data;
import io.jsalt.common.plugin.Call;
import io.jsalt.common.plugin.CommandExecutionError;
import io.jsalt.common.plugin.Fn;
import io.jsalt.common.plugin.StatePlugin;
import java.util.List;
import java.util.Map;

/** Salt's sysctl states (salt/states/sysctl.py): kernel parameters set now and persisted. */
public final class SysctlStates implements StatePlugin {
    @Override
    public String name() {
        return "sysctl";
    }

    @Override
    public String doc() {
        return "Configuration of the kernel using sysctl.";
    }

    @Fn(doc = """
            Ensure that the named sysctl value is set in memory and persisted to the named configuration file.

            name
                The name of the sysctl value to edit.
            value
                The sysctl value to apply, as sysctl or the /proc/sys file prints it (e.g. 1-3 rather than 1,2,3), else
                the state keeps reporting changes.
            config
                The sysctl configuration file; default /etc/sysctl.d/99-salt.conf on hosts systemd runs, else
                /etc/sysctl.conf.""",
            example = """
            vm.swappiness:
              sysctl.present:
                - value: 20""")
    public Object present(Call c) {
        String name = c.requiredStr(0, "name");
        String value = c.requiredStr(1, "value");
        Ret ret = new Ret(name);
        String config = c.str(2, "config", null);
        if (config == null) {
            config = String.valueOf(c.salt("sysctl.default_config", List.of(), Map.of()));
        }
        String file = config;
        Object shown = c.salt("sysctl.show", List.of(), Map.of("config_file", file));
        Map<String, Object> configured = StateSupport.asMap(shown);
        String current = String.valueOf(c.salt("sysctl.get", List.of(name), Map.of()));
        String would;
        if (shown == null) {
            would = "Sysctl option " + name + " might be changed, we failed to check config file at " + file
                    + ". The file is either unreadable, or missing.";
        } else if (!current.isEmpty() && configured.containsKey(name)
                && List.of(value.strip().split("\\s+")).equals(List.of(current.strip().split("\\s+")))) {
            // What Salt's test run reports as done; a real run still lets persist check the file.
            if (value.equals(String.valueOf(configured.get(name)).strip())) {
                return Plan.nothing("Sysctl value " + name + " = " + value + " is already set").run(c, ret);
            }
            would = "Sysctl option " + name + " would be changed to " + value;
        } else if (!current.isEmpty() && !configured.containsKey(name)) {
            would = current.replaceAll(" +|\t+", " ").equals(value.replaceAll(" +|\t+", " "))
                    ? "Sysctl value is currently set on the running system but not in a config file. Sysctl "
                            + "option " + name + " set to be changed to " + value + " in config file."
                    : "Sysctl option " + name + " set to be changed to " + value;
        } else if (current.isEmpty() && configured.containsKey(name)) {
            would = "Sysctl value " + name + " is present in configuration file but is not present in the "
                    + "running config. The value " + name + " is set to be changed to " + value;
        } else {
            would = "Sysctl option " + name + " would be changed to " + value;
        }
        return Plan.change(would, r -> {
            Object update;
            try {
                update = c.salt("sysctl.persist", List.of(name, value, file), Map.of());
            } catch (CommandExecutionError e) {
                return r.fail("Failed to set " + name + " to " + value + ": " + e.getMessage());
            }
            if ("Updated".equals(update)) {
                r.changes.put(name, value);
                return r.done("Updated sysctl value " + name + " = " + value);
            }
            return r.done("Already set".equals(update) ? "Sysctl value " + name + " = " + value + " is already set" : "");
        }).showing(Data.map()).run(c, ret);
    }
}
