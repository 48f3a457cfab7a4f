package io.jsalt.common.pillar;

import io.jsalt.common.data.Data;
import io.jsalt.common.plugin.FunctionNotAvailable;
import io.jsalt.common.plugin.Functions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The {@code salt} table pillar SLS files see while the master compiles a minion's pillar:
 * a short, explicit list of lookups (nothing here runs commands or touches the master's
 * files). {@code pillar.*} sees the pillar compiled so far, from the SLS files merged
 * before this one. The master's orchestrate runner gives its templates the same lookups
 * over the orchestration's pillar.
 */
public final class PillarFunctions implements Functions {
    static final Set<String> NAMES = Set.of("grains.get", "grains.item", "grains.items", "pillar.get",
            "pillar.item", "pillar.items", "config.get");

    private final Map<String, Object> opts;
    private final Map<String, Object> grains;
    private final Supplier<Map<String, Object>> pillarSoFar;

    public PillarFunctions(Map<String, Object> opts, Map<String, Object> grains, Supplier<Map<String, Object>> pillarSoFar) {
        this.opts = opts;
        this.grains = grains;
        this.pillarSoFar = pillarSoFar;
    }

    @Override
    public boolean has(String fun) {
        return NAMES.contains(fun);
    }

    @Override
    public Object call(String fun, List<Object> args, Map<String, Object> kwargs) {
        return switch (fun) {
            case "grains.get" -> Data.get(grains, str(args, kwargs, 0, "key", ""), arg(args, kwargs, 1, "default", ""),
                    str(args, kwargs, 2, "delimiter", Data.DEFAULT_DELIMITER));
            case "grains.item" -> PillarGet.item(grains, strings(args), kwargs.getOrDefault("default", ""),
                    String.valueOf(kwargs.getOrDefault("delimiter", Data.DEFAULT_DELIMITER)));
            case "grains.items" -> Data.deepCopy(grains);
            case "pillar.get" -> PillarGet.get(pillarSoFar.get(), str(args, kwargs, 0, "key", ""),
                    arg(args, kwargs, 1, "default", ""), Data.truthy(arg(args, kwargs, 2, "merge", false)),
                    str(args, kwargs, 4, "delimiter", Data.DEFAULT_DELIMITER));
            case "pillar.item" -> PillarGet.item(pillarSoFar.get(), strings(args), kwargs.getOrDefault("default", ""),
                    String.valueOf(kwargs.getOrDefault("delimiter", Data.DEFAULT_DELIMITER)));
            case "pillar.items" -> Data.deepCopy(pillarSoFar.get());
            case "config.get" -> PillarGet.config(opts, grains, pillarSoFar.get(), str(args, kwargs, 0, "key", ""),
                    arg(args, kwargs, 1, "default", ""), str(args, kwargs, 2, "delimiter", Data.DEFAULT_DELIMITER),
                    str(args, kwargs, 3, "merge", null));
            default -> throw new FunctionNotAvailable("'" + fun + "' is not available while the master renders pillar;"
                    + " pillar SLS files may call " + String.join(", ", new java.util.TreeSet<>(NAMES)));
        };
    }

    private static Object arg(List<Object> args, Map<String, Object> kwargs, int pos, String name, Object dflt) {
        if (kwargs != null && kwargs.containsKey(name)) {
            return kwargs.get(name);
        }
        return pos < args.size() ? args.get(pos) : dflt;
    }

    private static String str(List<Object> args, Map<String, Object> kwargs, int pos, String name, String dflt) {
        Object v = arg(args, kwargs, pos, name, dflt);
        return v == null ? dflt : String.valueOf(v);
    }

    private static List<String> strings(List<Object> args) {
        List<String> out = new ArrayList<>();
        args.forEach(a -> out.add(String.valueOf(a)));
        return out;
    }
}
