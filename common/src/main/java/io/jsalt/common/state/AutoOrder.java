package io.jsalt.common.state;

import java.util.List;
import java.util.Map;

/**
 * Salt's state_auto_order (BaseHighState._handle_iorder): every state declaration without
 * an explicit {@code order} gets the next number from 10000 up, in definition order, so
 * states run in the order they are written unless requisites say otherwise.
 */
final class AutoOrder {
    /** Salt starts counting here, leaving room below for explicit orders. */
    static final long FIRST = 10000;

    private AutoOrder() {}

    @SuppressWarnings("unchecked")
    static void apply(Map<String, Object> high) {
        if (maxOrder(high) >= FIRST) {
            // Numbered at render time (the loader's _handle_iorder, in include order): that
            // numbering is Salt's, and what it left unnumbered runs after it, as in Salt.
            return;
        }
        long next = FIRST;
        for (Map.Entry<String, Object> e : high.entrySet()) {
            if (e.getKey().startsWith("__")) {
                continue;
            }
            if (e.getValue() instanceof String s && s.contains(".")) {
                // Salt numbers only dict bodies, so its one-line declarations ("vim:
                // pkg.installed") run after everything else; here they keep their place.
                int dot = s.indexOf('.');
                Map<String, Object> padded = new java.util.LinkedHashMap<>();
                List<Object> args = new java.util.ArrayList<>();
                args.add(s.substring(dot + 1));
                args.add(new java.util.LinkedHashMap<>(Map.of("order", next++)));
                padded.put(s.substring(0, dot), args);
                e.setValue(padded);
                continue;
            }
            if (!(e.getValue() instanceof Map)) {
                continue;
            }
            for (Map.Entry<String, Object> decl : ((Map<String, Object>) e.getValue()).entrySet()) {
                if (decl.getKey().startsWith("_") || !(decl.getValue() instanceof List)) {
                    continue;
                }
                List<Object> args = (List<Object>) decl.getValue();
                boolean found = false;
                for (Object arg : args) {
                    if (arg instanceof Map<?, ?> m && !m.isEmpty() && "order".equals(Low.firstKey(m))) {
                        found = true;
                    }
                }
                if (!found) {
                    args.add(new java.util.LinkedHashMap<>(Map.of("order", next++)));
                }
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static long maxOrder(Map<String, Object> high) {
        long max = 0;
        for (Map.Entry<String, Object> e : high.entrySet()) {
            if (e.getKey().startsWith("__") || !(e.getValue() instanceof Map<?, ?> body)) {
                continue;
            }
            for (Object decl : body.values()) {
                if (!(decl instanceof List<?> args)) {
                    continue;
                }
                for (Object arg : args) {
                    if (arg instanceof Map<?, ?> m && m.size() == 1 && m.get("order") instanceof Long o) {
                        max = Math.max(max, o);
                    }
                }
            }
        }
        return max;
    }
}
