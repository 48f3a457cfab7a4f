package io.jsalt.minion.states;

import io.jsalt.common.data.Data;
import io.jsalt.common.data.Yaml;
import io.jsalt.common.plugin.Context;
import io.jsalt.common.plugin.Family;
import io.jsalt.common.plugin.Registry;
import io.jsalt.common.plugin.Services;
import io.jsalt.common.state.Compiler;
import io.jsalt.common.state.RegistryStateFunctions;
import io.jsalt.common.state.StateEngine;
import io.jsalt.common.state.StateRunner;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * Runs SLS text through the real compiler, runner and state modules (loaded with
 * ServiceLoader, as the minion loads them), with no master and no files.
 */
final class SlsHarness {
    final Registry exec;
    final Registry states;
    private final Context ctx;
    private final Map<String, Object> grains = Data.map("id", "web1", "shell", "/bin/sh", "os_family", "Debian");

    SlsHarness() {
        this(new LinkedHashMap<>());
    }

    SlsHarness(Map<String, Object> pillar) {
        Services services = new Services();
        Context[] holder = new Context[1];
        Map<String, Object> opts = new LinkedHashMap<>();
        Context probe = new Context(opts, grains, pillar, null, false, null, LoggerFactory.getLogger("test"), services);
        exec = Registry.load(Family.EXECUTION, probe);
        states = Registry.load(Family.STATE, probe);
        ctx = new Context(opts, grains, pillar, exec.bind(() -> holder[0]), false, "20240101000000000000",
                LoggerFactory.getLogger("test"), services);
        holder[0] = ctx;
    }

    /** High data from SLS text, every ID in SLS 'test' of saltenv base. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> high(String sls) {
        Map<String, Object> high = Yaml.loadMap(sls, "test.sls");
        for (Map.Entry<String, Object> e : high.entrySet()) {
            if (e.getValue() instanceof String s && s.contains(".")) {
                // The renderer pads short declarations and stamps them like any other.
                Map<String, Object> padded = new LinkedHashMap<>();
                padded.put(s.substring(0, s.indexOf('.')), new java.util.ArrayList<>(List.of(s.substring(s.indexOf('.') + 1))));
                e.setValue(padded);
            }
            if (e.getValue() instanceof Map) {
                Map<String, Object> body = (Map<String, Object>) e.getValue();
                body.put("__sls__", "test");
                body.put("__env__", "base");
            }
        }
        return high;
    }

    /** The run's return: a map by tag, or the list of compile errors. */
    Object apply(String sls, boolean test) {
        return apply(high(sls), test, false);
    }

    Object apply(Map<String, Object> high, boolean test, boolean failhard) {
        StateEngine engine = new StateEngine(new RegistryStateFunctions(states, ctx), ctx.functions(),
                new StateRunner.Options(test, failhard, grains), new Compiler());
        return engine.callHigh(high);
    }

    /** The returns by ID (the first chunk of each ID wins). */
    @SuppressWarnings("unchecked")
    static Map<String, Map<String, Object>> byId(Object ret) {
        if (ret instanceof List) {
            throw new AssertionError("compile errors: " + ret);
        }
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : ((Map<String, Object>) ret).entrySet()) {
            String id = e.getKey().split("_\\|-", -1)[1];
            out.putIfAbsent(id, (Map<String, Object>) e.getValue());
        }
        return out;
    }
}
