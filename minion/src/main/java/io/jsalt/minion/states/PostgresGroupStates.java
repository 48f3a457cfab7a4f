package io.jsalt.minion.states;

import io.jsalt.common.plugin.Call;
import io.jsalt.common.plugin.Fn;
import io.jsalt.common.plugin.StatePlugin;

/** Salt's postgres_group states (salt/states/postgres_group.py). */
public final class PostgresGroupStates implements StatePlugin {
    @Override
    public String name() {
        return "postgres_group";
    }

    @Override
    public String doc() {
        return "Manage PostgreSQL groups (roles that cannot log in unless login is set).\n\n" + PostgresRoles.MODULE_DOC;
    }

    @Fn(doc = "Make sure the group exists with these attributes.\n\n" + PostgresRoles.PRESENT_ARGS
            + PostgresRoles.CONN_DOC,
            example = """
            readers:
              postgres_group.present:
                - login: False""")
    public Object present(Call c) {
        return PostgresRoles.present(c, false);
    }

    @Fn(doc = "Make sure the group does not exist.\n\n" + PostgresRoles.CONN_DOC, example = """
            oldgroup:
              postgres_group.absent""")
    public Object absent(Call c) {
        return PostgresRoles.absent(c, false);
    }
}
