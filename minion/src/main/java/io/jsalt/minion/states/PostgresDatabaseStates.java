package io.jsalt.minion.states;

import io.jsalt.common.data.Data;
import io.jsalt.common.plugin.Call;
import io.jsalt.common.plugin.Fn;
import io.jsalt.common.plugin.StatePlugin;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Salt's postgres_database states (salt/states/postgres_database.py). */
public final class PostgresDatabaseStates implements StatePlugin {
    @Override
    public String name() {
        return "postgres_database";
    }

    @Override
    public String doc() {
        return """
                Manage PostgreSQL databases.

                The postgres_* states call the postgres execution module, which runs the psql client program as the \
                postgres system user (over the local socket) unless user, db_host or the minion's postgres.host say \
                otherwise; SQL goes to psql on its standard input and a password in its environment, never on the \
                command line. Without db_* arguments the module uses postgres.user, postgres.host, postgres.port, \
                postgres.pass and postgres.maintenance_db from the minion config or pillar, and finds psql on PATH or \
                in postgres.bins_dir; it is unavailable without psql (Debian package postgresql-client).""";
    }

    @Fn(doc = """
            Make sure the database exists. encoding, lc_collate and lc_ctype only apply when it is created (a \
            database with others fails); owner and tablespace are changed when they differ.

            tablespace, encoding, lc_collate, lc_ctype, owner, template
                As CREATE DATABASE.
            owner_recurse
                Not supported by jsalt.
            """ + PostgresRoles.CONN_DOC,
            example = """
            appdb:
              postgres_database.present:
                - owner: app
                - template: template0
                - encoding: UTF8""")
    public Object present(Call c) {
        String name = c.requiredStr(0, "name");
        Ret ret = new Ret(name);
        String tablespace = c.str(-1, "tablespace", null);
        String encoding = c.str(-1, "encoding", null);
        String collate = c.str(-1, "lc_collate", null);
        String ctype = c.str(-1, "lc_ctype", null);
        String owner = c.str(-1, "owner", null);
        Map<String, Object> dbs = StateSupport.asMap(c.salt("postgres.db_list", List.of(), PostgresConn.dbArgs(c)));
        boolean exists = dbs.containsKey(name);
        Map<String, Object> p = StateSupport.asMap(dbs.get(name));
        if (exists) {
            boolean fixed = differs(p.get("Encoding"), encoding, true) || differs(p.get("Collate"), collate, false)
                    || differs(p.get("Ctype"), ctype, false);
            if (!differs(p.get("Tablespace"), tablespace, false) && !differs(p.get("Owner"), owner, false) && !fixed) {
                return ret.done("Database " + name + " is already present");
            }
            if (fixed) {
                return ret.fail("Database " + name + " has wrong parameters which couldn't be changed on fly.");
            }
            return Plan.change("Database " + name + " exists, but parameters need to be changed", r -> {
                if (Data.truthy(c.salt("postgres.db_alter", List.of(name), PostgresConn.dbArgs(c, "tablespace",
                        tablespace, "owner", owner, "owner_recurse", c.arg(-1, "owner_recurse", null))))) {
                    r.changes.put(name, "Parameters changed");
                    return r.done("Parameters for database " + name + " have been changed");
                }
                return r.fail("Failed to change parameters for database " + name);
            }).run(c, ret);
        }
        return Plan.change("Database " + name + " is set to be created", r -> {
            if (Data.truthy(c.salt("postgres.db_create", List.of(name), PostgresConn.dbArgs(c, "tablespace", tablespace,
                    "encoding", encoding, "lc_collate", collate, "lc_ctype", ctype, "owner", owner,
                    "template", c.str(-1, "template", null))))) {
                r.changes.put(name, "Present");
                return r.done("The database " + name + " has been created");
            }
            return r.fail("Failed to create database " + name);
        }).run(c, ret);
    }

    /** A wanted setting (when given) that the database does not have. */
    private static boolean differs(Object have, String want, boolean ignoreCase) {
        if (want == null || want.isEmpty()) {
            return false;
        }
        return ignoreCase ? !want.equalsIgnoreCase(String.valueOf(have)) : !Objects.equals(want, have);
    }

    @Fn(doc = "Make sure the database does not exist (its sessions are ended first).\n\n" + PostgresRoles.CONN_DOC,
            example = """
            olddb:
              postgres_database.absent""")
    public Object absent(Call c) {
        String name = c.requiredStr(0, "name");
        Ret ret = new Ret(name);
        Map<String, Object> db = PostgresConn.dbArgs(c);
        if (!Data.truthy(c.salt("postgres.db_exists", List.of(name), db))) {
            return ret.done("Database " + name + " is not present, so it cannot be removed");
        }
        return Plan.change("Database " + name + " is set to be removed", r -> {
            if (Data.truthy(c.salt("postgres.db_remove", List.of(name), db))) {
                r.changes.put(name, "Absent");
                return r.done("Database " + name + " has been removed");
            }
            return r.done("Database " + name + " is not present, so it cannot be removed");
        }).run(c, ret);
    }
}
