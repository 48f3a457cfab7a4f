package io.jsalt.minion.states;

import io.jsalt.common.plugin.Call;
import io.jsalt.common.plugin.Fn;
import io.jsalt.common.plugin.StatePlugin;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Salt's debconf states (salt/states/debconfmod.py): preseeded answers to package questions. */
public final class DebconfStates implements StatePlugin {
    @Override
    public String name() {
        return "debconf";
    }

    @Override
    public String doc() {
        return """
                Management of debconf selections.

                The states use the debconf execution module, which needs debconf-get-selections (Debian package \
                debconf-utils).""";
    }

    @Fn(doc = """
            Set debconf selections.

            name
                The package name to set answers for.
            data
                The questions and answers: {question: {type: <type>, value: <value>}}. A boolean value is written as
                true or false. Answers already set are left alone.""",
            example = """
            mysql-server-5.7:
              debconf.set:
                - data:
                    'mysql-server/root_password': {'type': 'password', 'value': 'temppass'}""")
    public Object set(Call c) {
        String name = c.requiredStr(0, "name");
        Ret ret = new Ret(name);
        Map<String, Object> data = StateSupport.asMap(c.arg(1, "data", null));
        Object shown = c.salt("debconf.show", List.of(name), Map.of());
        List<?> current = shown instanceof List<?> l ? l : null;
        StringBuilder unchanged = new StringBuilder();
        Map<String, Object> planned = new LinkedHashMap<>();
        Map<String, Object[]> toSet = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : data.entrySet()) {
            Map<String, Object> args = StateSupport.asMap(e.getValue());
            String type = String.valueOf(args.get("type"));
            Object value = args.get("value");
            // debconf's booleans are true and false; Python's str() would give True and False.
            String text = type.equals("boolean") ? (io.jsalt.common.data.Data.truthy(value) ? "true" : "false")
                    : io.jsalt.common.py.PyRepr.str(value);
            if (current != null && current.contains(new ArrayList<>(List.of(e.getKey(), type, text)))) {
                unchanged.append(unchanged.length() == 0 ? "Unchanged answers: " : "").append(e.getKey()).append(' ');
            } else {
                planned.put(e.getKey(), "New value: " + text);
                toSet.put(e.getKey(), new Object[] {type, text});
            }
        }
        if (planned.isEmpty()) {
            return Plan.nothing("All specified answers are already set").run(c, ret);
        }
        return Plan.change(unchanged.toString(), r -> {
            r.comment = unchanged.toString();
            for (Map.Entry<String, Object[]> e : toSet.entrySet()) {
                String type = (String) e.getValue()[0];
                String text = (String) e.getValue()[1];
                if (io.jsalt.common.data.Data.truthy(c.salt("debconf.set", List.of(name, e.getKey(), type, text), Map.of()))) {
                    r.changes.put(e.getKey(), type.equals("password") ? "(password hidden)" : text);
                } else {
                    r.result = false;
                    r.comment = "Some settings failed to be applied.";
                    r.changes.put(e.getKey(), "Failed to set!");
                }
            }
            return r.toMap();
        }).showing(planned).run(c, ret);
    }
}
