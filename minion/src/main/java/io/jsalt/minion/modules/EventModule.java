package io.jsalt.minion.modules;

import io.jsalt.common.plugin.Call;
import io.jsalt.common.plugin.CommandExecutionError;
import io.jsalt.common.plugin.ExecutionPlugin;
import io.jsalt.common.plugin.Fn;
import io.jsalt.common.transport.RequestMethod;
import io.jsalt.minion.api.MasterRequests;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Salt's event module, the half that reaches the master: fire an event on the master's
 * bus, where reactors and {@code jsalt-run state.event} see it. The master refuses tags in
 * its own {@code salt/} and {@code jsalt/} namespaces except {@code salt/minion/<this id>/...}.
 */
public final class EventModule implements ExecutionPlugin {
    @Override
    public String name() {
        return "event";
    }

    @Override
    public String doc() {
        return "Fire events on the master's event bus.";
    }

    @Fn(doc = """
            Send an event to the master's bus with the given tag. The data is the keyword arguments, overlaid by data= \
            (a dict); with_grains=True adds this minion's grains and with_pillar=True its pillar. Returns True.""",
            example = """
            jsalt '*' event.send myco/mytag foo=Foo bar=Bar
            jsalt '*' event.send myco/deploy/done data='{"app": "web"}'""")
    public Object send(Call c) {
        String tag = c.requiredStr(0, "tag");
        Map<String, Object> data = new LinkedHashMap<>();
        if (c.bool(-1, "with_grains", false)) {
            data.put("grains", new LinkedHashMap<>(c.ctx().grains()));
        }
        if (c.bool(-1, "with_pillar", false)) {
            data.put("pillar", new LinkedHashMap<>(c.ctx().pillar()));
        }
        c.userKwargs().forEach((k, v) -> {
            if (!k.equals("tag") && !k.equals("data") && !k.startsWith("with_")) {
                data.put(k, v);
            }
        });
        Object given = c.arg(1, "data", null);
        if (given instanceof Map<?, ?> m) {
            m.forEach((k, v) -> data.put(String.valueOf(k), v));
        }
        return fire(c, tag, data);
    }

    @Fn(doc = """
            Fire an event with the given data and tag on the master's bus (Salt's argument order: data first). Returns \
            True.""",
            example = "jsalt '*' event.fire_master '{\"data\": \"my event data\"}' 'tag'")
    public Object fire_master(Call c) {
        Object data = c.required(0, "data");
        String tag = c.requiredStr(1, "tag");
        return fire(c, tag, data);
    }

    private static Object fire(Call c, String tag, Object data) {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("tag", tag);
        args.put("data", data);
        MasterRequests master = c.ctx().services().find(MasterRequests.class).orElseThrow(() ->
                new CommandExecutionError("No master connection to fire '" + tag + "' on"));
        return master.call(RequestMethod.EVENT_FIRE, args, 10_000);
    }
}
