package io.jsalt.common.state.high;

import io.jsalt.common.data.Data;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * High data to Salt's low chunks, as State.compile_high_data and order_chunks do in Salt
 * 3006: one chunk per (ID, state, function, name), {@code names} expanded with
 * {@code name_order}, sorted by {@code order} then state+name+function. This is what
 * {@code state.show_low_sls} prints; it neither applies {@code __extend__} /
 * {@code __exclude__} nor resolves requisites (Salt's show_low_sls does not either).
 */
public final class LowChunks {
    private LowChunks() {}

    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> compile(Map<String, Object> high) {
        List<Map<String, Object>> chunks = new ArrayList<>();
        for (Map.Entry<String, Object> e : high.entrySet()) {
            String name = e.getKey();
            if (name.startsWith("__") || !(e.getValue() instanceof Map<?, ?>)) {
                continue;
            }
            Map<String, Object> body = (Map<String, Object>) e.getValue();
            for (Map.Entry<String, Object> decl : body.entrySet()) {
                String state = decl.getKey();
                if (state.startsWith("__") || !(decl.getValue() instanceof List<?> run)) {
                    continue;
                }
                Set<String> funcs = new LinkedHashSet<>();
                List<Object> names = new ArrayList<>();
                Map<String, Object> chunk = new LinkedHashMap<>();
                chunk.put("state", state);
                chunk.put("name", name);
                for (String k : List.of("__sls__", "__env__", "__sls_included_from__")) {
                    if (body.containsKey(k)) {
                        chunk.put(k, body.get(k));
                    }
                }
                chunk.put("__id__", name);
                for (Object arg : run) {
                    if (arg instanceof String s) {
                        funcs.add(s);
                    } else if (arg instanceof Map<?, ?> m) {
                        for (Map.Entry<String, Object> kv : ((Map<String, Object>) m).entrySet()) {
                            switch (kv.getKey()) {
                                case "names" -> {
                                    if (kv.getValue() instanceof List<?> l) {
                                        for (Object n : l) {
                                            if (!names.contains(n)) {
                                                names.add(n);
                                            }
                                        }
                                    }
                                }
                                case "state" -> { } // a state override is not passed down
                                case "name" -> chunk.put("name", kv.getValue() instanceof String ? kv.getValue() : name);
                                default -> chunk.put(kv.getKey(), kv.getValue());
                            }
                        }
                    }
                }
                if (!names.isEmpty()) {
                    long nameOrder = 1;
                    for (Object entry : names) {
                        Map<String, Object> live = (Map<String, Object>) Data.deepCopy(chunk);
                        if (entry instanceof Map<?, ?> m && !m.isEmpty()) {
                            String lowName = String.valueOf(m.keySet().iterator().next());
                            live.put("name", lowName);
                            if (m.get(lowName) instanceof List<?> extras) {
                                for (Object x : extras) {
                                    if (x instanceof Map<?, ?> xm) {
                                        live.putAll((Map<String, Object>) xm);
                                    }
                                }
                            }
                        } else {
                            live.put("name", entry);
                        }
                        live.put("name_order", nameOrder++);
                        for (String fun : funcs) {
                            Map<String, Object> c = (Map<String, Object>) Data.deepCopy(live);
                            c.put("fun", fun);
                            chunks.add(c);
                        }
                    }
                } else {
                    for (String fun : funcs) {
                        Map<String, Object> c = (Map<String, Object>) Data.deepCopy(chunk);
                        c.put("fun", fun);
                        chunks.add(c);
                    }
                }
            }
        }
        return order(chunks);
    }

    /** Salt's order_chunks: numeric orders, "first"/"last", negative orders and name_order. */
    static List<Map<String, Object>> order(List<Map<String, Object>> chunks) {
        long cap = 1;
        for (Map<String, Object> c : chunks) {
            if (c.get("order") instanceof Long o && o > cap - 1 && o > 0) {
                cap = o + 100;
            }
        }
        for (Map<String, Object> c : chunks) {
            if (!c.containsKey("order")) {
                c.put("order", cap);
                continue;
            }
            Object o = c.get("order");
            if (!(o instanceof Long) && !(o instanceof Double)) {
                o = "last".equals(o) ? (Object) (cap + 1000000) : "first".equals(o) ? (Object) 0L : (Object) cap;
            }
            if (c.containsKey("name_order")) {
                long no = ((Number) c.remove("name_order")).longValue();
                o = ((Number) o).doubleValue() + no / 10000.0;
            }
            if (((Number) o).doubleValue() < 0) {
                o = o instanceof Long l ? (Object) (cap + 1000000 + l) : (Object) (cap + 1000000 + ((Number) o).doubleValue());
            }
            c.put("order", o);
        }
        List<Map<String, Object>> sorted = new ArrayList<>(chunks);
        sorted.sort(Comparator.<Map<String, Object>>comparingDouble(c -> ((Number) c.get("order")).doubleValue())
                .thenComparing(c -> String.valueOf(c.get("state")) + pyStr(c.get("name")) + c.get("fun")));
        return sorted;
    }

    private static String pyStr(Object o) {
        return o instanceof Boolean b ? (b ? "True" : "False") : String.valueOf(o);
    }
}
