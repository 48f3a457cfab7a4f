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
        return """
                Manage PostgreSQL groups (roles that cannot log in unless login is set).

                Through the postgres execution module (the psql client program, run as the postgres system user \
                unless user or a db_host says otherwise). Passwords are compared with the stored hash and never \
                shown: a changed password is reported as password: True.""";
    }

    @Fn(doc = """
            Make sure the group exists with these attributes.

            createdb, createroles, inherit, login, superuser, replication
                True/False; unset ones are left as they are.
            password
                Plain, or a hash ('md5...', 'SCRAM-SHA-256$...'); hashed per encrypted before it is sent.
            encrypted
                md5 (default; also True), scram-sha-256, or False.
            refresh_password
                Set the password every run without comparing (for servers where the hash cannot be read).
            groups
                Roles (list or comma-separated) it must be a member of.
            """ + PostgresRoles.CONN_DOC,
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
