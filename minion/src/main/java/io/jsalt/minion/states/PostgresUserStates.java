package io.jsalt.minion.states;

import io.jsalt.common.plugin.Call;
import io.jsalt.common.plugin.Fn;
import io.jsalt.common.plugin.StatePlugin;

/** Salt's postgres_user states (salt/states/postgres_user.py). */
public final class PostgresUserStates implements StatePlugin {
    @Override
    public String name() {
        return "postgres_user";
    }

    @Override
    public String doc() {
        return "Manage PostgreSQL users (roles that can log in).\n\n" + PostgresRoles.MODULE_DOC;
    }

    @Fn(doc = "Make sure the user exists with these attributes.\n\n" + PostgresRoles.PRESENT_ARGS + """
            default_password
                The password when creating the user, unless password is given.
            valid_until
                When its password expires.
            """ + PostgresRoles.CONN_DOC,
            example = """
            app:
              postgres_user.present:
                - password: "{{ pillar['app']['db_password'] }}"
                - createdb: False
                - groups: readers""")
    public Object present(Call c) {
        return PostgresRoles.present(c, true);
    }

    @Fn(doc = "Make sure the user does not exist.\n\n" + PostgresRoles.CONN_DOC, example = """
            olduser:
              postgres_user.absent""")
    public Object absent(Call c) {
        return PostgresRoles.absent(c, true);
    }
}
