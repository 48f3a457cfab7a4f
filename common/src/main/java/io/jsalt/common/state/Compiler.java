package io.jsalt.common.state;

import io.jsalt.common.data.Data;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns high data into ordered low chunks, as Salt's State.call_high does before it runs
 * anything: short forms padded, definition order recorded ({@code state_auto_order}),
 * {@code extend} reconciled, the structure verified, the {@code _in} requisites, {@code use}
 * and {@code prereq} folded into their targets, {@code exclude} applied, then one chunk per
 * state function and name, sorted by {@code order}.
 *
 * <p>High data is Salt's: {@code id -> {state: [fun, {arg: value}, ...], __sls__, __env__}}
 * plus optional top-level {@code __extend__} (a list of {@code {id: body}}) and
 * {@code __exclude__} (sls names or {@code {sls|id: glob}}). The input is not modified.
 */
public final class Compiler {
    /** What compiling gave: the chunks in run order, or the errors that stop the run. */
    public record Result(List<Map<String, Object>> chunks, List<String> errors, Map<String, Object> high) {
        public boolean ok() {
            return errors.isEmpty();
        }
    }

    private final boolean autoOrder;
    private final Set<String> disabledRequisites;

    /** A compiler with Salt's defaults: auto order on, no disabled requisites. */
    public Compiler() {
        this(true, Set.of());
    }

    public Compiler(boolean autoOrder, Set<String> disabledRequisites) {
        this.autoOrder = autoOrder;
        this.disabledRequisites = disabledRequisites;
    }

    /** From minion options: {@code state_auto_order}, {@code disabled_requisites}. */
    public static Compiler fromOpts(Map<String, Object> opts) {
        Object ao = opts.get("state_auto_order");
        Set<String> disabled = new LinkedHashSet<>();
        Object dr = opts.get("disabled_requisites");
        if (dr instanceof List<?> l) {
            l.forEach(x -> disabled.add(String.valueOf(x)));
        } else if (dr != null) {
            disabled.add(String.valueOf(dr));
        }
        return new Compiler(ao == null || Data.truthy(ao), disabled);
    }

    /** Salt's call_high up to compile_high_data. */
    @SuppressWarnings("unchecked")
    public Result compile(Map<String, Object> input) {
        Map<String, Object> high = (Map<String, Object>) Data.deepCopy(input);
        List<String> errors = new ArrayList<>();
        if (autoOrder) {
            AutoOrder.apply(high);
        }
        ShortForms.pad(high, errors);
        if (!errors.isEmpty()) {
            return new Result(List.of(), errors, high);
        }
        errors.addAll(Extend.reconcile(high, false));
        errors.addAll(Verify.high(high));
        if (!errors.isEmpty()) {
            return new Result(List.of(), errors, high);
        }
        errors.addAll(RequisiteIn.apply(high, disabledRequisites));
        applyExclude(high);
        if (!errors.isEmpty()) {
            return new Result(List.of(), errors, high);
        }
        return new Result(lowChunks(high), errors, high);
    }

    /**
     * Salt's compile_high_data with its order_chunks: the low chunks of high data that has
     * passed {@link Verify#high}, in run order. This is what state.show_low_sls prints (Salt
     * compiles there without extend, requisite_in or exclude) and the last step of
     * {@link #compile}. The input is not modified.
     */
    public static List<Map<String, Object>> lowChunks(Map<String, Object> high) {
        return order(chunks(high));
    }

    /** Salt's apply_exclude: drop whole SLS files (globs) and single IDs. */
    @SuppressWarnings("unchecked")
    static void applyExclude(Map<String, Object> high) {
        Object ex = high.remove("__exclude__");
        if (!(ex instanceof List<?> exclude)) {
            return;
        }
        Set<String> exSls = new LinkedHashSet<>();
        Set<String> exId = new LinkedHashSet<>();
        for (Object exc : exclude) {
            if (exc instanceof String s) {
                exSls.add(s);
            } else if (exc instanceof Map<?, ?> m && m.size() == 1) {
                String key = Low.firstKey(m);
                if ("sls".equals(key)) {
                    exSls.add(Low.str(m.get("sls")));
                } else if ("id".equals(key)) {
                    exId.add(Low.str(m.get("id")));
                }
            }
        }
        if (!exSls.isEmpty()) {
            for (Map.Entry<String, Object> e : high.entrySet()) {
                if (e.getKey().startsWith("__") || !(e.getValue() instanceof Map)) {
                    continue;
                }
                Object sls = ((Map<String, Object>) e.getValue()).get("__sls__");
                if (sls == null || Low.str(sls).isEmpty()) {
                    continue;
                }
                for (String pat : exSls) {
                    if (Low.fnmatch(sls, pat)) {
                        exId.add(e.getKey());
                    }
                }
            }
        }
        exId.forEach(high::remove);
    }

    /** Salt's compile_high_data: one chunk per state (and per entry of names). */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> chunks(Map<String, Object> high) {
        List<Map<String, Object>> chunks = new ArrayList<>();
        for (Map.Entry<String, Object> idEntry : high.entrySet()) {
            String id = idEntry.getKey();
            if (id.startsWith("__") || !(idEntry.getValue() instanceof Map)) {
                continue;
            }
            Map<String, Object> body = (Map<String, Object>) idEntry.getValue();
            for (Map.Entry<String, Object> st : body.entrySet()) {
                String state = st.getKey();
                if (state.startsWith("__") || !(st.getValue() instanceof List)) {
                    continue;
                }
                Set<String> funcs = new LinkedHashSet<>();
                List<Object> names = new ArrayList<>();
                Map<String, Object> chunk = new LinkedHashMap<>();
                chunk.put("state", state);
                chunk.put("name", id);
                for (String key : List.of("__sls__", "__env__", "__sls_included_from__")) {
                    if (body.containsKey(key)) {
                        chunk.put(key, body.get(key));
                    }
                }
                chunk.put("__id__", id);
                for (Object arg : (List<Object>) st.getValue()) {
                    if (arg instanceof String s) {
                        funcs.add(s);
                    } else if (arg instanceof Map<?, ?> m) {
                        for (Map.Entry<?, ?> kv : m.entrySet()) {
                            String key = String.valueOf(kv.getKey());
                            Object val = kv.getValue();
                            if (key.equals("names")) {
                                if (val instanceof List<?> l) {
                                    for (Object n : l) {
                                        if (!names.contains(n)) {
                                            names.add(n);
                                        }
                                    }
                                }
                            } else if (key.equals("state")) {
                                // A state override is never passed down.
                                continue;
                            } else if (key.equals("name") && !(val instanceof String)) {
                                // An invalid name falls back to the ID.
                                chunk.put(key, id);
                            } else {
                                chunk.put(key, val);
                            }
                        }
                    }
                }
                if (!names.isEmpty()) {
                    long nameOrder = 1;
                    for (Object entry : names) {
                        Map<String, Object> live = (Map<String, Object>) Data.deepCopy(chunk);
                        if (entry instanceof Map<?, ?> em && !em.isEmpty()) {
                            String lowName = Low.firstKey(em);
                            live.put("name", lowName);
                            Object extra = em.get(lowName);
                            if (extra instanceof List<?> items) {
                                for (Object item : items) {
                                    if (item instanceof Map<?, ?> im) {
                                        im.forEach((k, v) -> live.put(String.valueOf(k), Data.deepCopy(v)));
                                    }
                                }
                            }
                        } else {
                            live.put("name", entry);
                        }
                        live.put("name_order", nameOrder++);
                        for (String fun : funcs) {
                            Map<String, Object> one = new LinkedHashMap<>(live);
                            one.put("fun", fun);
                            chunks.add(one);
                        }
                    }
                } else {
                    for (String fun : funcs) {
                        Map<String, Object> one = (Map<String, Object>) Data.deepCopy(chunk);
                        one.put("fun", fun);
                        chunks.add(one);
                    }
                }
            }
        }
        return chunks;
    }

    /**
     * Salt's order_chunks: explicit {@code order: N} first (lowest first), {@code first} is
     * 0, states without an order after every numbered one, {@code last} after those, and
     * negative orders counted back from the end; ties by state, name and function. A chunk
     * without an order keeps its {@code name_order}, as in Salt, which only folds it into
     * an order the chunk has.
     */
    static List<Map<String, Object>> order(List<Map<String, Object>> chunks) {
        long cap = 1;
        for (Map<String, Object> chunk : chunks) {
            if (chunk.get("order") instanceof Long o && o > cap - 1 && o > 0) {
                cap = o + 100;
            }
        }
        for (Map<String, Object> chunk : chunks) {
            Object o = chunk.get("order");
            if (!chunk.containsKey("order")) {
                chunk.put("order", cap);
                continue;
            }
            double order;
            if (o instanceof Number n) {
                order = n.doubleValue();
            } else if ("last".equals(o)) {
                order = cap + 1000000;
            } else if ("first".equals(o)) {
                order = 0;
            } else {
                order = cap;
            }
            Object nameOrder = chunk.remove("name_order");
            if (nameOrder instanceof Number no) {
                order = order + no.doubleValue() / 10000.0;
            }
            if (order < 0) {
                order = cap + 1000000 + order;
            }
            chunk.put("order", order == Math.rint(order) && !(o instanceof Double) ? (Object) (long) order : order);
        }
        List<Map<String, Object>> sorted = new ArrayList<>(chunks);
        sorted.sort(Comparator.<Map<String, Object>>comparingDouble(c -> ((Number) c.get("order")).doubleValue())
                .thenComparing(c -> Low.str(c.get("state")) + Low.str(c.get("name")) + Low.str(c.get("fun"))));
        return sorted;
    }
}
