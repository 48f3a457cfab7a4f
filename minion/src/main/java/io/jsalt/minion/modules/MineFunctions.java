package io.jsalt.minion.modules;

import io.jsalt.common.plugin.Call;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One {@code mine_functions} entry, parsed as salt.utils.mine.parse_function_definition
 * does. An entry is an alias mapped to: nothing (call the alias with no arguments); a list
 * of positional arguments and single-key keyword maps (module.run style); or, the
 * deprecated form, a map of keyword arguments. {@code mine_function} names the function
 * when the alias is not one; {@code allow_tgt}/{@code allow_tgt_type} restrict readers.
 */
record MineFunctions(String alias, String function, List<Object> args, Map<String, Object> kwargs,
                     Map<String, Object> acl) {

    static MineFunctions parse(String alias, Object definition) {
        String function = null;
        List<Object> args = new ArrayList<>();
        Map<String, Object> kwargs = new LinkedHashMap<>();
        if (Call.spread(definition, args, kwargs)) {
            Object f = kwargs.remove("mine_function");
            function = f == null ? null : String.valueOf(f);
        }
        Map<String, Object> acl = new LinkedHashMap<>();
        Object allowTgt = kwargs.remove("allow_tgt");
        Object allowType = kwargs.remove("allow_tgt_type");
        if (allowTgt != null && !String.valueOf(allowTgt).isEmpty()) {
            acl.put("allow_tgt", allowTgt);
            if (allowType != null && !String.valueOf(allowType).isEmpty()) {
                acl.put("allow_tgt_type", allowType);
            }
        }
        return new MineFunctions(alias, function, args, kwargs, acl);
    }

    /** The execution function to call. */
    String target() {
        return function == null ? alias : function;
    }

    /** Salt's wrap_acl_structure: the value with its ACL, when there is one. */
    Object wrap(Object value) {
        if (acl.isEmpty()) {
            return value;
        }
        Map<String, Object> w = new LinkedHashMap<>();
        w.put("__data__", value);
        w.put("__saltmine_acl__", 1L);
        w.putAll(acl);
        return w;
    }

    /** How mine.valid shows the entry: {alias: {function: [args..., {k: v}...]}} or as written. */
    Object describe(Object definition) {
        if (function == null) {
            return definition;
        }
        List<Object> all = new ArrayList<>(args);
        kwargs.forEach((k, v) -> {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put(k, v);
            all.add(one);
        });
        Map<String, Object> out = new LinkedHashMap<>();
        out.put(function, all);
        return out;
    }
}
