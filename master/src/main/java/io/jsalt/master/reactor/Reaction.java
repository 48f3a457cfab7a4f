package io.jsalt.master.reactor;

import io.jsalt.common.plugin.Call;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One reaction from a rendered reactor file: the client ({@code local} publishes a job to
 * minions, {@code runner} runs a runner on the master), the function and its arguments.
 * Both of Salt's syntaxes are read: {@code arg}/{@code kwarg} and the newer {@code args}
 * (a list of one-key maps, or a map, of keyword arguments); for runners, other keys in
 * the list are keyword arguments too (the old runner syntax).
 */
public record Reaction(String id, String client, String fun, String tgt, String tgtType, List<Object> args,
                       Map<String, Object> kwargs) {

    /** Reads every reaction of a rendered file, in order; errors name the file and the id. */
    public static List<Reaction> parse(Map<String, Object> high, String file) {
        List<Reaction> out = new ArrayList<>();
        for (Map.Entry<String, Object> e : high.entrySet()) {
            String id = e.getKey();
            if (id.equals("include") || id.equals("extend")) {
                throw new IllegalArgumentException(file + ": " + id + " is not supported in reactor files");
            }
            if (!(e.getValue() instanceof Map<?, ?> body)) {
                throw new IllegalArgumentException(file + ": '" + id + "' must map a function to its arguments");
            }
            for (Map.Entry<?, ?> f : body.entrySet()) {
                out.add(one(file, id, String.valueOf(f.getKey()), f.getValue()));
            }
        }
        return out;
    }

    private static Reaction one(String file, String id, String key, Object value) {
        int dot = key.indexOf('.');
        if (dot < 0) {
            throw new IllegalArgumentException(file + ": '" + id + "': '" + key
                    + "' is not CLIENT.FUNCTION (local.*, runner.*)");
        }
        String client = key.substring(0, dot);
        if (client.equals("cmd")) {
            client = "local"; // Salt's old spelling
        }
        String fun = key.substring(dot + 1);
        if (!client.equals("local") && !client.equals("runner")) {
            throw new IllegalArgumentException(file + ": '" + id + "': the " + client
                    + " client is not supported (use local.* or runner.*)");
        }
        Map<String, Object> low = new LinkedHashMap<>();
        if (value instanceof List<?> l) {
            for (Object item : l) {
                if (!(item instanceof Map<?, ?> m)) {
                    throw new IllegalArgumentException(file + ": '" + id + "': " + key
                            + " takes a list of one-key maps, got '" + item + "'");
                }
                m.forEach((k, v) -> low.put(String.valueOf(k), v));
            }
        } else if (value instanceof Map<?, ?> m) {
            m.forEach((k, v) -> low.put(String.valueOf(k), v));
        } else if (value != null) {
            throw new IllegalArgumentException(file + ": '" + id + "': " + key + " takes a list of one-key maps");
        }
        List<Object> args = new ArrayList<>();
        Map<String, Object> kwargs = new LinkedHashMap<>();
        Object arg = low.remove("arg");
        if (arg instanceof List<?> al) {
            args.addAll(al);
        } else if (arg != null) {
            args.add(arg);
        }
        if (low.remove("kwarg") instanceof Map<?, ?> kw) {
            kw.forEach((k, v) -> kwargs.put(String.valueOf(k), v));
        }
        Call.spread(low.remove("args"), args, kwargs);
        String tgt = null;
        String tgtType = "glob";
        if (client.equals("local")) {
            Object t = low.remove("tgt");
            if (t == null || String.valueOf(t).isBlank()) {
                throw new IllegalArgumentException(file + ": '" + id + "': " + key + " needs a tgt");
            }
            tgt = String.valueOf(t);
            Object type = low.remove("tgt_type");
            Object legacy = low.remove("expr_form");
            tgtType = type != null ? String.valueOf(type) : legacy != null ? String.valueOf(legacy) : "glob";
        } else {
            // The old runner syntax: the remaining keys are the runner's keyword arguments.
            low.forEach(kwargs::putIfAbsent);
        }
        return new Reaction(id, client, fun, tgt, tgtType, args, kwargs);
    }
}
