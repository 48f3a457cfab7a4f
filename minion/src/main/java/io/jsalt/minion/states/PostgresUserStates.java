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
        return """
                Manage PostgreSQL users (roles that can log in).

                Through the postgres execution module (the psql client program, run as the postgres system user \
                unless user or a db_host says otherwise). Passwords are compared with the stored hash and never \
                shown: a changed password is reported as password: True.""";
    }

    @Fn(doc = """
            Make sure the user exists with these attributes.

            createdb, createroles, inherit, login, superuser, replication
                True/False; unset ones are left as they are.
            password
                Plain, or a hash ('md5...', 'SCRAM-SHA-256$...'); hashed per encrypted before it is sent.
            encrypted
                md5 (default; also True), scram-sha-256, or False.
            refresh_password
                Set the password every run without comparing (for servers where the hash cannot be read).
            default_password
                The password when creating the user, unless password is given.
            valid_until
                When its password expires.
            groups
                Roles (list or comma-separated) it must be a member of.
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
