package io.jsalt.common.state;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Salt's short forms (BaseHighState._handle_state_decls): {@code vim: pkg.installed} and
 * {@code pkg.installed: [...]} become {@code pkg: [installed, ...]}. Already padded data
 * passes through unchanged.
 */
final class ShortForms {
    private ShortForms() {}

    @SuppressWarnings("unchecked")
    static void pad(Map<String, Object> high, List<String> errors) {
        for (Map.Entry<String, Object> e : high.entrySet()) {
            String id = e.getKey();
            if (id.startsWith("__")) {
                continue;
            }
            Object body = e.getValue();
            if (!(body instanceof Map)) {
                if (body instanceof String s && s.contains(".")) {
                    Map<String, Object> padded = new LinkedHashMap<>();
                    int dot = s.indexOf('.');
                    padded.put(s.substring(0, dot), new ArrayList<>(List.of(s.substring(dot + 1))));
                    e.setValue(padded);
                    continue;
                }
                errors.add("ID " + id + " is not a dictionary");
                continue;
            }
            Map<String, Object> decls = (Map<String, Object>) body;
            Set<String> seen = new HashSet<>();
            // Rebuilt so a split key keeps its place in definition order.
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<String, Object> d : decls.entrySet()) {
                String key = d.getKey();
                if (key.startsWith("_") || !(d.getValue() instanceof List) || !key.contains(".")) {
                    if (!key.startsWith("_") && d.getValue() instanceof List) {
                        seen.add(key);
                    }
                    out.put(key, d.getValue());
                    continue;
                }
                int dot = key.indexOf('.');
                String state = key.substring(0, dot);
                if (seen.contains(state) || decls.containsKey(state)) {
                    errors.add("ID '" + id + "' in SLS '" + Low.str(decls.get("__sls__"))
                            + "' contains multiple state declarations of the same type");
                    out.put(key, d.getValue());
                    continue;
                }
                List<Object> args = new ArrayList<>((List<Object>) d.getValue());
                args.add(key.substring(dot + 1));
                out.put(state, args);
                seen.add(state);
            }
            decls.clear();
            decls.putAll(out);
        }
    }
}
