package io.jsalt.minion.modules;

import io.jsalt.common.data.Data;
import io.jsalt.common.match.Matcher;
import io.jsalt.common.match.MinionData;
import io.jsalt.common.match.TargetType;
import io.jsalt.common.mine.MineQuery;
import io.jsalt.common.plugin.Call;
import io.jsalt.common.plugin.CommandExecutionError;
import io.jsalt.common.plugin.ExecutionPlugin;
import io.jsalt.common.plugin.Fn;
import io.jsalt.common.transport.RequestMethod;
import io.jsalt.minion.api.MasterRequests;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Salt's mine module: run the configured mine_functions and keep their latest values on
 * the master, and read other minions' values from there. mine_functions come from the
 * minion config merged with pillar (pillar wins), as Salt's config.merge.
 */
public final class MineModule implements ExecutionPlugin {
    private static final long TIMEOUT_MS = 30_000;

    @Override
    public String name() {
        return "mine";
    }

    @Override
    public String doc() {
        return "The function cache system: data stored on the master for other minions to read.";
    }

    @Fn(doc = """
            Call the configured mine_functions and send their values to the master. clear=True replaces this minion's \
            mine instead of merging. mine_functions (a map like the config option, or a list of function names) limits \
            the update to those. Returns True, or None when no mine functions are configured.""",
            example = "jsalt '*' mine.update")
    public Object update(Call c) {
        boolean clear = c.bool(0, "clear", false);
        Object given = c.arg(1, "mine_functions", null);
        Map<String, Object> functions;
        if (given instanceof List<?> l && !l.isEmpty()) {
            functions = new LinkedHashMap<>();
            l.forEach(f -> functions.put(String.valueOf(f), new LinkedHashMap<>()));
        } else if (given instanceof Map<?, ?> m && !m.isEmpty()) {
            functions = new LinkedHashMap<>();
            m.forEach((k, v) -> functions.put(String.valueOf(k), v));
        } else {
            functions = configured(c);
            if (functions.isEmpty()) {
                return null;
            }
        }
        Map<String, Object> data = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : functions.entrySet()) {
            MineFunctions def = MineFunctions.parse(e.getKey(), e.getValue());
            if (!c.ctx().functions().has(def.target())) {
                c.ctx().log().error("Function {} in mine_functions not available", def.target());
                continue;
            }
            try {
                data.put(def.alias(), def.wrap(c.salt(def.target(), def.args(), def.kwargs())));
            } catch (RuntimeException ex) {
                c.ctx().log().error("Function {} in mine.update failed to execute: {}", def.target(), ex.getMessage());
            }
        }
        return store(c, data, clear);
    }

    @Fn(doc = """
            Run one function and send its value to the mine under name. mine_function=F runs F instead of name; \
            allow_tgt/allow_tgt_type restrict who may read it; other arguments go to the function. Returns True, or \
            False when the function failed.""",
            example = """
            jsalt '*' mine.send network.ip_addrs
            jsalt '*' mine.send eth0_ip_addrs mine_function=network.ip_addrs""")
    public Object send(Call c) {
        String name = c.requiredStr(0, "name");
        Map<String, Object> kw = c.userKwargs();
        kw.remove("name");
        List<Object> args = new ArrayList<>(c.args().size() > 1 ? c.args().subList(1, c.args().size()) : List.of());
        Map<String, Object> def = new LinkedHashMap<>(kw);
        List<Object> asList = new ArrayList<>(args);
        asList.add(def);
        MineFunctions f = MineFunctions.parse(name, asList);
        Object value;
        try {
            value = c.salt(f.target(), f.args(), f.kwargs());
        } catch (RuntimeException ex) {
            c.ctx().log().error("Function {} in mine.send failed to execute: {}", f.target(), ex.getMessage());
            return false;
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put(name, f.wrap(value));
        return store(c, data, false);
    }

    @Fn(doc = """
            Get data from the mine: {minion: value} of the targeted minions that have fun in their mine. Several \
            functions (a list or comma-separated) give {fun: {minion: value}}. tgt_type: glob (default), pcre, list, \
            grain, grain_pcre, pillar, compound, ipcidr, nodegroup. exclude_minion=True leaves this minion out. \
            Masterless (file_client: local), only this minion can match and its own values (stored by mine.update and \
            mine.send) are returned.""",
            example = """
            jsalt '*' mine.get '*' network.interfaces
            jsalt '*' mine.get 'G@roles:db' network.ip_addrs compound""")
    public Object get(Call c) {
        if (local(c)) {
            return localGet(c);
        }
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("tgt", c.requiredStr(0, "tgt"));
        args.put("fun", c.required(1, "fun"));
        args.put("tgt_type", c.str(2, "tgt_type", "glob"));
        Object ret = master(c).call(RequestMethod.MINE_GET, args, TIMEOUT_MS);
        if (c.bool(3, "exclude_minion", false) && ret instanceof Map<?, ?> m) {
            Map<String, Object> copy = new LinkedHashMap<>();
            String self = String.valueOf(c.ctx().opts().get("id"));
            m.forEach((k, v) -> {
                if (!String.valueOf(k).equals(self)) {
                    copy.put(String.valueOf(k), v);
                }
            });
            return copy;
        }
        return ret;
    }

    @Fn(doc = "Remove one function's value from this minion's mine. Returns True.",
            example = "jsalt '*' mine.delete 'network.interfaces'")
    public Object delete(Call c) {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("fun", c.requiredStr(0, "fun"));
        if (local(c)) {
            Map<String, Object> cache = LocalMine.read(c);
            cache.remove(c.requiredStr(0, "fun"));
            return LocalMine.write(c, cache);
        }
        return master(c).call(RequestMethod.MINE_DELETE, args, TIMEOUT_MS);
    }

    @Fn(doc = "Remove all of this minion's mine data. Returns True.", example = "jsalt '*' mine.flush")
    public Object flush(Call c) {
        if (local(c)) {
            return LocalMine.write(c, new LinkedHashMap<>());
        }
        return master(c).call(RequestMethod.MINE_FLUSH, new LinkedHashMap<>(), TIMEOUT_MS);
    }

    @Fn(doc = """
            List the valid entries of the mine configuration: {alias: {function: [args]}} for aliased entries, the \
            definition as written otherwise; entries naming a function this minion lacks are left out. None when \
            nothing is configured.""",
            example = "jsalt '*' mine.valid")
    public Object valid(Call c) {
        Map<String, Object> functions = configured(c);
        if (functions.isEmpty()) {
            return null;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : functions.entrySet()) {
            MineFunctions def = MineFunctions.parse(e.getKey(), Data.deepCopy(e.getValue()));
            if (!c.ctx().functions().has(def.target())) {
                continue;
            }
            out.put(e.getKey(), def.describe(e.getValue()));
        }
        return out;
    }

    /** mine_functions from the config, then pillar over it (Salt's config.merge). */
    @SuppressWarnings("unchecked")
    static Map<String, Object> configured(Call c) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (c.ctx().opts().get("mine_functions") instanceof Map<?, ?> m) {
            out.putAll((Map<String, Object>) Data.deepCopy(m));
        }
        if (c.ctx().pillar() != null && c.ctx().pillar().get("mine_functions") instanceof Map<?, ?> m) {
            out.putAll((Map<String, Object>) Data.deepCopy(m));
        }
        return out;
    }

    private static Object store(Call c, Map<String, Object> data, boolean clear) {
        if (local(c)) {
            Map<String, Object> cache = clear ? new LinkedHashMap<>() : LocalMine.read(c);
            cache.putAll(data);
            return LocalMine.write(c, cache);
        }
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("data", data);
        args.put("clear", clear);
        return master(c).call(RequestMethod.MINE_UPDATE, args, TIMEOUT_MS);
    }

    /** Masterless (file_client: local): the mine is this minion's own cache, as in Salt's mine.py. */
    private static boolean local(Call c) {
        return "local".equals(String.valueOf(c.ctx().opts().get("file_client")));
    }

    /**
     * mine.get when masterless: only this minion can match, and its values come from the local
     * cache that mine.update and mine.send wrote. One function gives {id: value}; a list or
     * several comma-separated ones give {fun: {id: value}}.
     */
    private static Object localGet(Call c) {
        Map<String, Object> ret = new LinkedHashMap<>();
        String id = String.valueOf(c.ctx().opts().get("id"));
        String tgt = c.requiredStr(0, "tgt");
        Object fun = c.required(1, "fun");
        MinionData self = new MinionData(id, c.ctx().grains(), c.ctx().pillar());
        if (!new Matcher().compile(tgt, TargetType.fromSalt(c.str(2, "tgt_type", "glob"))).matches(self)) {
            return ret;
        }
        MineQuery asked = MineQuery.of(fun);
        List<String> functions = asked.names();
        boolean byFunction = asked.byFunction();
        Map<String, Object> cache = LocalMine.read(c);
        for (String f : functions) {
            if (!cache.containsKey(f)) {
                continue;
            }
            Object res = cache.get(f);
            if (res instanceof Map<?, ?> m && m.containsKey("__data__")) {
                res = m.get("__data__");
            }
            if (byFunction) {
                @SuppressWarnings("unchecked")
                Map<String, Object> perFun = (Map<String, Object>) ret.computeIfAbsent(f, k -> new LinkedHashMap<>());
                perFun.put(id, res);
            } else {
                ret.put(id, res);
            }
        }
        return ret;
    }

    private static MasterRequests master(Call c) {
        return c.ctx().services().find(MasterRequests.class).orElseThrow(() -> new CommandExecutionError(
                "The mine lives on the master and this minion has no master connection"));
    }
}
