package io.jsalt.common.state;

import io.jsalt.common.plugin.Call;
import io.jsalt.common.plugin.Context;
import io.jsalt.common.plugin.Registry;
import java.util.List;
import java.util.Map;
import org.slf4j.LoggerFactory;

/** State functions from a STATE-family {@link Registry}, each call with the run's context. */
public final class RegistryStateFunctions implements StateFunctions {
    private final Registry registry;
    private final Context ctx;

    public RegistryStateFunctions(Registry registry, Context ctx) {
        this.registry = registry;
        this.ctx = ctx;
    }

    @Override
    public boolean has(String fun) {
        return registry.function(fun) != null;
    }

    @Override
    public String missingReason(String fun) {
        return registry.missingMessage(fun);
    }

    @Override
    public Object call(String fun, Map<String, Object> kwargs, boolean test) {
        Registry.Function f = registry.function(fun);
        Context c = ctx.with(test, ctx.jid(), LoggerFactory.getLogger("jsalt.state." + fun));
        return registry.invoke(new Call(c, fun, List.of(), kwargs, f == null ? null : f.doc()));
    }

    /** Both families: mysql_* states call the mysql execution module, which needs the client. */
    @Override
    public void refreshModules() {
        List<String> states = registry.refresh(ctx);
        List<String> modules = ctx.functions() == null ? List.of() : ctx.functions().refresh();
        if (!states.isEmpty() || !modules.isEmpty()) {
            LoggerFactory.getLogger(RegistryStateFunctions.class).info(
                    "Modules available after the refresh: execution {}, state {}", modules, states);
        }
    }
}
