package io.jsalt.common.pillar;

import io.jsalt.common.data.Data;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Salt's pillar.get and config.get lookups (salt/modules/pillar.py, salt/modules/config.py),
 * shared by the minion's pillar module and the function table pillar SLS files see.
 */
public final class PillarGet {
    private static final Logger log = LoggerFactory.getLogger(PillarGet.class);

    private PillarGet() {}

    /**
     * pillar.get: {@code key} walks nested dicts and lists by {@code delimiter}; with
     * {@code merge}, a dict default is deep-merged under the found dict and a list default is
     * extended with the found list's new items.
     */
    @SuppressWarnings("unchecked")
    public static Object get(Map<String, Object> pillar, String key, Object dflt, boolean merge, String delimiter) {
        String delim = delimiter == null || delimiter.isEmpty() ? Data.DEFAULT_DELIMITER : delimiter;
        if (merge) {
            if (dflt instanceof Map<?, ?> d) {
                Object found = Data.get(pillar, key, new LinkedHashMap<>(), delim);
                if (found instanceof Map<?, ?> f) {
                    return Data.deepMerge((Map<String, Object>) d, (Map<String, Object>) f);
                }
                log.error("pillar.get: Default ({}) is a dict, but the returned pillar value ({}) is of type '{}'. "
                        + "Merge will be skipped.", dflt, found, io.jsalt.common.data.Yaml.typeName(found));
            } else if (dflt instanceof List<?> d) {
                Object found = Data.get(pillar, key, new ArrayList<>(), delim);
                if (found instanceof List<?> f) {
                    List<Object> out = (List<Object>) Data.deepCopy(d);
                    for (Object x : f) {
                        if (!out.contains(x)) {
                            out.add(x);
                        }
                    }
                    return out;
                }
                log.error("pillar.get: Default ({}) is a list, but the returned pillar value ({}) is of type '{}'. "
                        + "Merge will be skipped.", dflt, found, io.jsalt.common.data.Yaml.typeName(found));
            } else {
                log.error("pillar.get: Default ({}) is of type '{}', must be a dict or list to merge. Merge will be "
                        + "skipped.", dflt, io.jsalt.common.data.Yaml.typeName(dflt));
            }
        }
        return Data.get(pillar, key, dflt, delim);
    }

    /** pillar.item: each key looked up (nested), missing ones give the default. */
    public static Map<String, Object> item(Map<String, Object> pillar, List<String> keys, Object dflt, String delimiter) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String k : keys) {
            out.put(k, Data.get(pillar, k, dflt, delimiter == null ? Data.DEFAULT_DELIMITER : delimiter));
        }
        return out;
    }

    /** config.get: the minion (or master) options first, then grains, then pillar, then the default. */
    public static Object config(Map<String, Object> opts, Map<String, Object> grains, Map<String, Object> pillar,
                                String key, Object dflt, String delimiter) {
        String delim = delimiter == null ? Data.DEFAULT_DELIMITER : delimiter;
        for (Map<String, Object> src : List.of(opts, grains, pillar)) {
            if (src != null && Data.has(src, key, delim)) {
                return Data.get(src, key, null, delim);
            }
        }
        return dflt;
    }
}
