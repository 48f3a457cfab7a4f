package io.jsalt.minion.states;

import io.jsalt.common.plugin.Call;
import io.jsalt.common.plugin.Fn;
import io.jsalt.common.plugin.StatePlugin;
import java.util.LinkedHashMap;

/**
 * Salt's stateconf states (salt/states/stateconf.py): no-ops that the stateconf renderer reads
 * its SLS file's settings from, and whose goal and start states it generates.
 */
public final class StateconfStates implements StatePlugin {
    @Override
    public String name() {
        return "stateconf";
    }

    @Override
    public String doc() {
        return "No-op states for the stateconf renderer: its settings and its generated goal and start states.";
    }

    @Fn(doc = """
            Does nothing and succeeds (also in test mode): the stateconf renderer gives its arguments to the \
            SLS file's template as variables named after the state's ID.""",
            example = """
            #!stateconf yaml . jinja
            .params:
              stateconf.set:
                - port: 8080
            # --- end of state config ---""")
    public Object set(Call c) {
        return noOp(c);
    }

    @Fn(doc = "The same no-op as stateconf.set.",
            example = """
            .params:
              stateconf.context:
                - port: 8080""")
    public Object context(Call c) {
        return noOp(c);
    }

    /** Salt's _no_op: result True, no changes, an empty comment. */
    private static Object noOp(Call c) {
        return StateSupport.ret(c.requiredStr(0, "name"), true, new LinkedHashMap<>(), "");
    }
}
