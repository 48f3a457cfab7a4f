package io.jsalt.minion.states;

import io.jsalt.common.plugin.Call;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The connection arguments of the postgres_* states, renamed for the postgres module as Salt's
 * states build their db_args: user is the system user (runas), db_user/db_password/db_host/db_port
 * the connection, maintenance_db the database.
 */
final class PostgresConn {
    private PostgresConn() {}

    /** Salt's db_args of postgres_user/group/database/tablespace/extension, plus extra keywords. */
    static Map<String, Object> dbArgs(Call c, Object... kv) {
        Map<String, Object> out = new LinkedHashMap<>();
        put(out, "maintenance_db", c.arg(-1, "maintenance_db", null));
        put(out, "runas", c.arg(-1, "user", null));
        put(out, "host", c.arg(-1, "db_host", null));
        put(out, "user", c.arg(-1, "db_user", null));
        put(out, "port", c.arg(-1, "db_port", null));
        put(out, "password", c.arg(-1, "db_password", null));
        for (int i = 0; i + 1 < kv.length; i += 2) {
            put(out, String.valueOf(kv[i]), kv[i + 1]);
        }
        return out;
    }

    /** postgres_schema's db_args: the schema functions take these names as they are. */
    static Map<String, Object> schemaArgs(Call c, Object... kv) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String k : new String[] {"db_user", "db_password", "db_host", "db_port", "user"}) {
            put(out, k, c.arg(-1, k, null));
        }
        for (int i = 0; i + 1 < kv.length; i += 2) {
            put(out, String.valueOf(kv[i]), kv[i + 1]);
        }
        return out;
    }

    private static void put(Map<String, Object> out, String k, Object v) {
        if (v != null) {
            out.put(k, v);
        }
    }
}
