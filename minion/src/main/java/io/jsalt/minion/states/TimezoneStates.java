package io.jsalt.minion.states;

import io.jsalt.common.plugin.Call;
import io.jsalt.common.plugin.CommandExecutionError;
import io.jsalt.common.plugin.Fn;
import io.jsalt.common.plugin.StatePlugin;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Salt's timezone state (salt/states/timezone.py) over the timezone execution module. */
public final class TimezoneStates implements StatePlugin {
    @Override
    public String name() {
        return "timezone";
    }

    @Override
    public String doc() {
        return "Management of the system's time zone and whether the hardware clock keeps UTC.";
    }

    @Fn(doc = """
            Make sure the system's time zone is this one.

            utc
                Whether the hardware clock keeps UTC (default True); False is not checked, as in Salt.""",
            example = """
            Europe/Berlin:
              timezone.system:
                - utc: True""")
    public Object system(Call c) {
        String name = c.requiredStr(0, "name");
        boolean utc = c.bool(1, "utc", true);
        Ret ret = new Ret(name);
        Object compare;
        try {
            compare = c.salt("timezone.zone_compare", List.of(name), Map.of());
        } catch (CommandExecutionError e) {
            return ret.fail("Unable to compare desired timezone '" + name + "' to system timezone: " + e.getMessage());
        }
        boolean zoneOk = Boolean.TRUE.equals(compare);
        boolean myUtc = !"localtime".equals(c.salt("timezone.get_hwclock", List.of(), Map.of()));
        // As salt/states/timezone.py: only utc=True is compared with the clock, so utc=False is
        // never a change.
        boolean doUtc = utc && !myUtc;
        if (zoneOk && !doUtc) {
            return ret.done("Timezone " + name + " already set" + (utc ? ", UTC already set to " + name : ""));
        }
        List<String> would = new ArrayList<>();
        if (!zoneOk) {
            would.add("Timezone " + name + " needs to be set");
        }
        if (doUtc) {
            would.add("UTC needs to be set to True");
        }
        return Plan.change(String.join(", ", would), r -> {
            List<String> done = new ArrayList<>();
            if (!zoneOk) {
                c.salt("timezone.set_zone", List.of(name), Map.of());
                r.changes.put("timezone", name);
                done.add("Set timezone " + name);
            }
            if (doUtc) {
                c.salt("timezone.set_hwclock", List.of("UTC"), Map.of());
                r.changes.put("utc", true);
                done.add("Set UTC to True");
            }
            return r.done(String.join(", ", done));
        }).failingWith("Failed to set timezone: ").run(c, ret);
    }
}
