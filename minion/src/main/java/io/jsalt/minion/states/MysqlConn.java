package io.jsalt.minion.states;

import io.jsalt.common.plugin.Call;
import java.util.LinkedHashMap;
import java.util.Map;

/** The connection_* arguments of a mysql_* state, passed on to the mysql module with extra keywords. */
final class MysqlConn {
    private MysqlConn() {}

    static Map<String, Object> kw(Call c, Object... kv) {
        Map<String, Object> out = new LinkedHashMap<>();
        c.kwargs().forEach((k, v) -> {
            if (k.startsWith("connection_")) {
                out.put(k, v);
            }
        });
        for (int i = 0; i + 1 < kv.length; i += 2) {
            if (kv[i + 1] != null) {
                out.put(String.valueOf(kv[i]), kv[i + 1]);
            }
        }
        return out;
    }
}
