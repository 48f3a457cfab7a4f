package io.jsalt.common.state;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The {@code env} argument of cmd states: a map, or Salt's list of one-key maps. */
public final class Env {
    private Env() {}

    /**
     * salt.utils.data.repack_dictlist: {@code [{A: 1}, {B: 2}]} becomes {@code {A: 1, B: 2}};
     * a map is returned as is; anything else is returned unchanged for the caller to reject.
     */
    public static Object repack(Object env) {
        if (!(env instanceof List<?> l)) {
            return env;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (Object item : l) {
            if (item instanceof Map<?, ?> m) {
                m.forEach((k, v) -> out.put(String.valueOf(k), v));
            } else {
                return env;
            }
        }
        return out;
    }
}
