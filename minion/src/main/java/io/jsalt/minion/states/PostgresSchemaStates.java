package io.jsalt.minion.states;

import io.jsalt.common.data.Data;
import io.jsalt.common.plugin.Call;
import io.jsalt.common.plugin.Fn;
import io.jsalt.common.plugin.StatePlugin;
import java.util.List;

/** Salt's postgres_schema states (salt/states/postgres_schema.py). */
public final class PostgresSchemaStates implements StatePlugin {
    private static final String CONN_DOC = """
            user
                The system user psql runs as (default postgres over the local socket).
            db_user, db_password, db_host, db_port
                The connection, else postgres.* from the minion config or pillar.""";

    @Override
    public String name() {
        return "postgres_schema";
    }

    @Override
    public String doc() {
        return "Manage schemas in PostgreSQL databases, through the postgres execution module (see postgres_database).";
    }

    @Fn(doc = "Make sure schema name exists in database dbname, created with owner when given (an existing schema's "
            + "owner is left as it is).\n\n" + CONN_DOC,
            example = """
            app-schema:
              postgres_schema.present:
                - dbname: appdb
                - name: app
                - owner: app""")
    public Object present(Call c) {
        String dbname = c.requiredStr(-1, "dbname");
        String name = c.requiredStr(-1, "name");
        Ret ret = new Ret(name);
        Object schema = c.salt("postgres.schema_get", List.of(dbname, name), PostgresConn.schemaArgs(c));
        if (schema != null) {
            return ret.done("Schema " + name + " already exists in database " + dbname);
        }
        return Plan.change("Schema " + name + " is set to be created in database " + dbname + ".", r -> {
            if (Data.truthy(c.salt("postgres.schema_create", List.of(dbname, name),
                    PostgresConn.schemaArgs(c, "owner", c.str(-1, "owner", null))))) {
                r.changes.put(name, "Present");
                return r.done("Schema " + name + " has been created in database " + dbname);
            }
            return r.fail("Failed to create schema " + name + " in database " + dbname);
        }).run(c, ret);
    }

    @Fn(doc = "Make sure schema name does not exist in database dbname.\n\n" + CONN_DOC, example = """
            old-schema:
              postgres_schema.absent:
                - dbname: appdb
                - name: old""")
    public Object absent(Call c) {
        String dbname = c.requiredStr(-1, "dbname");
        String name = c.requiredStr(-1, "name");
        Ret ret = new Ret(name);
        if (!Data.truthy(c.salt("postgres.schema_exists", List.of(dbname, name), PostgresConn.schemaArgs(c)))) {
            return ret.done("Schema " + name + " is not present in database " + dbname + ", so it cannot be removed");
        }
        return Plan.change("Schema " + name + " is set to be removed from database " + dbname, r -> {
            if (Data.truthy(c.salt("postgres.schema_remove", List.of(dbname, name), PostgresConn.schemaArgs(c)))) {
                r.changes.put(name, "Absent");
                return r.done("Schema " + name + " has been removed from database " + dbname);
            }
            return r.fail("Schema " + name + " failed to be removed");
        }).run(c, ret);
    }
}
