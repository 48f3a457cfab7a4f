package io.jsalt.minion.modules;

import io.jsalt.common.data.Data;
import io.jsalt.common.plugin.CommandExecutionError;
import io.jsalt.common.py.Fnmatch;
import java.util.List;
import java.util.Map;

/** Salt's salt.utils.data.filter_by, shared by grains.filter_by (and pillar's, later). */
public final class FilterBy {
    private FilterBy() {}

    /**
     * Picks the lookup_dict value whose key (a glob) matches the value at {@code lookup} in
     * {@code traverse}, falls back to the {@code dflt} key, merges it over {@code base}'s
     * value and merges {@code merge} over the result.
     */
    @SuppressWarnings("unchecked")
    public static Object apply(Map<String, Object> lookupDict, String lookup, Map<String, Object> traverse,
            Object merge, String dflt, String base) {
        Object ret = null;
        Object val = Data.get(traverse, lookup, List.of());
        for (Object each : val instanceof List<?> l ? l : List.of(val)) {
            String test = each instanceof Boolean b ? (b ? "True" : "False") : String.valueOf(each);
            for (Map.Entry<String, Object> e : lookupDict.entrySet()) {
                if (Fnmatch.matches(test, e.getKey())) {
                    ret = e.getValue();
                    break;
                }
            }
            if (ret != null) {
                break;
            }
        }
        if (ret == null) {
            ret = lookupDict.get(dflt);
        }
        ret = Data.deepCopy(ret);
        if (base != null && !base.isEmpty() && lookupDict.containsKey(base)) {
            Object baseValues = lookupDict.get(base);
            if (ret == null) {
                ret = Data.deepCopy(baseValues);
            } else if (baseValues instanceof Map) {
                if (!(ret instanceof Map)) {
                    throw new CommandExecutionError("filter_by default and look-up values must both be dictionaries.");
                }
                ret = Data.deepMerge((Map<String, Object>) baseValues, (Map<String, Object>) ret);
            }
        }
        if (Data.truthy(merge)) {
            if (!(merge instanceof Map)) {
                throw new CommandExecutionError("filter_by merge argument must be a dictionary.");
            }
            if (ret == null) {
                ret = Data.deepCopy(merge);
            } else if (ret instanceof Map) {
                ret = Data.deepMerge((Map<String, Object>) ret, (Map<String, Object>) merge);
            }
        }
        return ret;
    }
}
