package io.jsalt.minion.states;

import io.jsalt.common.data.Data;
import io.jsalt.common.plugin.Call;
import io.jsalt.common.plugin.Fn;
import io.jsalt.common.plugin.StatePlugin;
import java.util.List;

/** Salt's postgres_extension states (salt/states/postgres_extension.py). */
public final class PostgresExtensionStates implements StatePlugin {
    @Override
    public String name() {
        return "postgres_extension";
    }

    @Override
    public String doc() {
        return """
                Manage PostgreSQL extensions in a database (maintenance_db), through the postgres execution module \
                (see postgres_database). The extension's files must be installed on the server already.""";
    }

    @Fn(doc = """
            Make sure the extension is installed in the database; moved to schema and upgraded to ext_version when \
            those are given and differ.

            if_not_exists
                CREATE EXTENSION IF NOT EXISTS (default True).
            schema, ext_version, from_version
                As CREATE EXTENSION.
            """ + PostgresRoles.CONN_DOC,
            example = """
            uuid-ossp:
              postgres_extension.present:
                - maintenance_db: appdb
                - schema: public""")
    public Object present(Call c) {
        String name = c.requiredStr(0, "name");
        Ret ret = new Ret(name);
        ret.comment = "Extension " + name + " is already present";
        String schema = c.str(-1, "schema", null);
        String version = c.str(-1, "ext_version", null);
        List<?> meta = StateSupport.asList(c.salt("postgres.create_metadata", List.of(name),
                PostgresConn.dbArgs(c, "schema", schema, "ext_version", version)));
        boolean install = meta.contains("EXTENSION NOT INSTALLED");
        boolean upgrade = meta.contains("EXTENSION INSTALLED")
                && (meta.contains("EXTENSION TO MOVE") || meta.contains("EXTENSION TO UPGRADE"));
        if (!install && !upgrade) {
            return ret.toMap();
        }
        String mode = install ? "install" : "upgrade";
        String past = install ? "installed" : "upgraded";
        return Plan.change("Extension " + name + " is set to be " + past, r -> {
            if (Data.truthy(c.salt("postgres.create_extension", List.of(name), PostgresConn.dbArgs(c,
                    "if_not_exists", c.arg(-1, "if_not_exists", null), "schema", schema, "ext_version", version,
                    "from_version", c.arg(-1, "from_version", null))))) {
                r.changes.put(name, past.substring(0, 1).toUpperCase() + past.substring(1));
                return r.done("The extension " + name + " has been " + past);
            }
            return r.fail("Failed to " + mode + " extension " + name);
        }).run(c, ret);
    }

    @Fn(doc = """
            Make sure the extension is not installed in the database.

            if_exists, restrict
                As DROP EXTENSION (default False). cascade: default True.
            """ + PostgresRoles.CONN_DOC,
            example = """
            hstore:
              postgres_extension.absent:
                - maintenance_db: appdb""")
    public Object absent(Call c) {
        String name = c.requiredStr(0, "name");
        Ret ret = new Ret(name);
        if (!Data.truthy(c.salt("postgres.is_installed_extension", List.of(name), PostgresConn.dbArgs(c)))) {
            return ret.done("Extension " + name + " is not present, so it cannot be removed");
        }
        return Plan.change("Extension " + name + " is set to be removed", r -> {
            if (Data.truthy(c.salt("postgres.drop_extension", List.of(name), PostgresConn.dbArgs(c,
                    "if_exists", c.arg(-1, "if_exists", null), "restrict", c.arg(-1, "restrict", null),
                    "cascade", c.arg(-1, "cascade", null))))) {
                r.changes.put(name, "Absent");
                return r.done("Extension " + name + " has been removed");
            }
            return r.fail("Extension " + name + " failed to be removed");
        }).run(c, ret);
    }
}
