package io.jsalt.minion.states;

import io.jsalt.common.data.Data;
import io.jsalt.common.plugin.Call;
import io.jsalt.common.plugin.CommandExecutionError;
import io.jsalt.common.plugin.Fn;
import io.jsalt.common.plugin.StatePlugin;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Salt's mysql_database states. */
public final class MysqlDatabaseStates implements StatePlugin {
    @Override
    public String name() {
        return "mysql_database";
    }

    @Override
    public String doc() {
        return """
                Manage MySQL/MariaDB databases.

                The mysql_* states call the mysql execution module, which runs the mysql client program (MariaDB or \
                MySQL) rather than a Python driver; passwords go in the environment (MYSQL_PWD), never on the command \
                line. The module is unavailable without the client (Debian package mariadb-client). Without \
                connection_* arguments the client uses the minion options mysql.host, mysql.port, mysql.user, \
                mysql.pass, mysql.unix_socket, mysql.default_file and mysql.charset; with none of those it connects as \
                the calling Unix user over the local socket.""";
    }

    @Fn(doc = """
            Make sure the database exists, with character_set and collate when given. Connection arguments: \
            connection_host, connection_user, connection_pass, connection_port, connection_socket, \
            connection_default_file.""",
            example = """
            appdb:
              mysql_database.present:
                - character_set: utf8mb4
                - collate: utf8mb4_unicode_ci""")
    public Object present(Call c) {
        String name = c.requiredStr(0, "name");
        Ret ret = new Ret(name);
        String cs = c.str(-1, "character_set", null);
        String co = c.str(-1, "collate", null);
        try {
            Map<String, Object> cur = StateSupport.asMap(c.salt("mysql.db_get", List.of(name), MysqlConn.kw(c)));
            if (!cur.isEmpty()) {
                boolean alter = (cs != null && !cs.equals(cur.get("character_set")))
                        || (co != null && !co.equals(cur.get("collate")));
                if (!alter) {
                    return ret.done("Database " + name + " is already present");
                }
                Map<String, Object> planned = new LinkedHashMap<>();
                if (cs != null && !cs.equals(cur.get("character_set"))) {
                    planned.put("character_set", cs);
                }
                if (co != null && !co.equals(cur.get("collate"))) {
                    planned.put("collate", co);
                }
                return Plan.change("Database " + name + " is set to be altered", "Database " + name + " has been altered",
                        () -> c.salt("mysql.alter_db", List.of(name), MysqlConn.kw(c, "character_set", cs, "collate", co)))
                        .showing(planned).run(c, ret);
            }
            return Plan.change("Database " + name + " is not present and needs to be created", r -> {
                c.salt("mysql.db_create", List.of(name), MysqlConn.kw(c, "character_set", cs, "collate", co));
                r.changes.put(name, "Present");
                return r.done("The database " + name + " has been created");
            }).run(c, ret);
        } catch (CommandExecutionError e) {
            return ret.fail("Failed to create database " + name + ": " + e.getMessage());
        }
    }

    @Fn(doc = "Make sure the database does not exist.", example = """
            olddb:
              mysql_database.absent""")
    public Object absent(Call c) {
        String name = c.requiredStr(0, "name");
        Ret ret = new Ret(name);
        try {
            if (!Data.truthy(c.salt("mysql.db_exists", List.of(name), MysqlConn.kw(c)))) {
                return ret.done("Database " + name + " is not present, so it cannot be removed");
            }
            return Plan.change("Database " + name + " is present and needs to be removed", r -> {
                c.salt("mysql.db_remove", List.of(name), MysqlConn.kw(c));
                r.changes.put(name, "Absent");
                return r.done("Database " + name + " has been removed");
            }).run(c, ret);
        } catch (CommandExecutionError e) {
            return ret.fail("Unable to remove database " + name + " (" + e.getMessage() + ")");
        }
    }
}
