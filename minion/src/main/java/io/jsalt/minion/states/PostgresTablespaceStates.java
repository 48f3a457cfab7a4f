package io.jsalt.minion.states;

import io.jsalt.common.data.Data;
import io.jsalt.common.plugin.Call;
import io.jsalt.common.plugin.Fn;
import io.jsalt.common.plugin.StatePlugin;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Salt's postgres_tablespace states (salt/states/postgres_tablespace.py). */
public final class PostgresTablespaceStates implements StatePlugin {
    @Override
    public String name() {
        return "postgres_tablespace";
    }

    @Override
    public String doc() {
        return "Manage PostgreSQL tablespaces, through the postgres execution module (see postgres_database).";
    }

    @Fn(doc = """
            Make sure the tablespace exists at directory (which must exist, owned by the server's user), with owner \
            and options when given. A tablespace elsewhere fails: moving one means dropping and recreating it.

            options
                A dict such as {seq_page_cost: 1.0, random_page_cost: 4.0}.
            """ + PostgresRoles.CONN_DOC,
            example = """
            ssd:
              postgres_tablespace.present:
                - directory: /srv/ssd-tablespace
                - owner: app""")
    public Object present(Call c) {
        String name = c.requiredStr(0, "name");
        String directory = c.requiredStr(1, "directory");
        Map<String, Object> options = c.map(-1, "options", null);
        String owner = c.str(-1, "owner", null);
        Ret ret = new Ret(name);
        Map<String, Object> spaces = StateSupport.asMap(c.salt("postgres.tablespace_list", List.of(),
                PostgresConn.dbArgs(c)));
        if (!spaces.containsKey(name)) {
            return Plan.change("Tablespace " + name + " is set to be created", r -> {
                if (Data.truthy(c.salt("postgres.tablespace_create", List.of(name, directory),
                        PostgresConn.dbArgs(c, "options", options, "owner", owner)))) {
                    r.changes.put(name, "Present");
                    return r.done("The tablespace " + name + " has been created");
                }
                return r.fail("Failed to create tablespace " + name);
            }).run(c, ret);
        }
        Map<String, Object> have = StateSupport.asMap(spaces.get(name));
        if (!directory.equals(have.get("Location")) && !c.ctx().test()) {
            return ret.fail("Tablespace " + name + " is not at the right location. This is\n"
                    + "            unfixable without dropping and recreating the tablespace.");
        }
        Map<String, Object> planned = new LinkedHashMap<>();
        if (owner != null && !owner.isEmpty() && !owner.equals(have.get("Owner"))) {
            planned.put("owner", owner);
        }
        Map<String, Object> changedOptions = new LinkedHashMap<>();
        String opts = have.get("Opts") == null ? "" : String.valueOf(have.get("Opts"));
        if (options != null) {
            options.forEach((k, v) -> {
                if (!opts.contains(k + "=" + v)) {
                    changedOptions.put(k, v);
                }
            });
        }
        if (!changedOptions.isEmpty()) {
            planned.put("options", changedOptions);
        }
        if (planned.isEmpty()) {
            return ret.done("Tablespace " + name + " is already present");
        }
        String would = planned.containsKey("owner") ? "Tablespace " + name + " owner to be altered"
                : "Tablespace " + name + " options to be altered";
        return Plan.change(would, r -> {
            Map<String, Object> done = new LinkedHashMap<>();
            if (planned.containsKey("owner")) {
                if (!Data.truthy(c.salt("postgres.tablespace_alter", List.of(name),
                        PostgresConn.dbArgs(c, "new_owner", owner)))) {
                    return r.fail("Failed to change the owner of tablespace " + name);
                }
                done.put("owner", owner);
                r.comment = "Tablespace " + name + " owner changed";
            }
            for (Map.Entry<String, Object> e : changedOptions.entrySet()) {
                if (!Data.truthy(c.salt("postgres.tablespace_alter", List.of(name),
                        PostgresConn.dbArgs(c, "set_option", Data.map(e.getKey(), e.getValue()))))) {
                    return r.fail("Failed to change option " + e.getKey() + " of tablespace " + name);
                }
                @SuppressWarnings("unchecked")
                Map<String, Object> o = (Map<String, Object>) done.computeIfAbsent("options", k -> new LinkedHashMap<>());
                o.put(e.getKey(), e.getValue());
                r.comment = "Tablespace " + name + " opts changed";
            }
            r.changes.put(name, done);
            return r.toMap();
        }).showing(Data.map(name, planned)).run(c, ret);
    }

    @Fn(doc = "Make sure the tablespace does not exist.\n\n" + PostgresRoles.CONN_DOC, example = """
            oldspace:
              postgres_tablespace.absent""")
    public Object absent(Call c) {
        String name = c.requiredStr(0, "name");
        Ret ret = new Ret(name);
        Map<String, Object> db = PostgresConn.dbArgs(c);
        if (Data.truthy(c.salt("postgres.tablespace_exists", List.of(name), db))) {
            return Plan.change("Tablespace " + name + " is set to be removed", r -> {
                if (Data.truthy(c.salt("postgres.tablespace_remove", List.of(name), db))) {
                    r.changes.put(name, "Absent");
                    return r.done("Tablespace " + name + " has been removed");
                }
                return r.done("Tablespace " + name + " is not present, so it cannot be removed");
            }).run(c, ret);
        }
        return ret.done("Tablespace " + name + " is not present, so it cannot be removed");
    }
}
