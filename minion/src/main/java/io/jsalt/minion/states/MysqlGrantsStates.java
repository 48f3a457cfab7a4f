package io.jsalt.minion.states;

import io.jsalt.common.data.Data;
import io.jsalt.common.plugin.Call;
import io.jsalt.common.plugin.CommandExecutionError;
import io.jsalt.common.plugin.Fn;
import io.jsalt.common.plugin.InvocationError;
import io.jsalt.common.plugin.StatePlugin;
import java.util.List;
import java.util.Map;

/** Salt's mysql_grants states: privileges of an account on a database. */
public final class MysqlGrantsStates implements StatePlugin {
    @Override
    public String name() {
        return "mysql_grants";
    }

    @Override
    public String doc() {
        return """
                Manage MySQL/MariaDB grants.

                Through the mysql client program, connected as mysql_database describes.""";
    }

    @Fn(doc = """
            Make sure user@host has grant (e.g. 'select,insert' or 'all privileges') on database ('db.*', 'db.table', \
            '*.*').

            grant_option
                Also WITH GRANT OPTION. Connection arguments as mysql_database.""",
            example = """
            app_grants:
              mysql_grants.present:
                - grant: select,insert,update
                - database: appdb.*
                - user: app
                - host: localhost""")
    public Object present(Call c) {
        String name = c.requiredStr(0, "name");
        Ret ret = new Ret(name);
        Grant g = Grant.of(c);
        try {
            if (g.exists(c)) {
                return ret.done(g.what() + " is already present");
            }
            return Plan.change("MySQL grant " + name + " is set to be created", r -> {
                c.salt("mysql.grant_add", g.args(), MysqlConn.kw(c));
                r.changes.put(name, "Present");
                return r.done(g.what() + " has been added");
            }).run(c, ret);
        } catch (CommandExecutionError | InvocationError e) {
            return ret.fail("Failed to execute: \"GRANT " + g.grant() + " ON " + g.database() + " TO " + g.user()
                    + "@" + g.host()
                    + "\" (" + e.getMessage() + ")");
        }
    }

    @Fn(doc = "Make sure user@host does not have grant on database.", example = """
            old_grants:
              mysql_grants.absent:
                - grant: all privileges
                - database: appdb.*
                - user: olduser""")
    public Object absent(Call c) {
        String name = c.requiredStr(0, "name");
        Ret ret = new Ret(name);
        Grant g = Grant.of(c);
        try {
            if (!g.exists(c)) {
                return ret.done(g.what() + " is not present, so it cannot be revoked");
            }
            return Plan.change("MySQL grant " + name + " is set to be revoked", r -> {
                c.salt("mysql.grant_revoke", g.args(), MysqlConn.kw(c));
                r.changes.put(name, "Absent");
                return r.done(g.what() + " has been revoked");
            }).run(c, ret);
        } catch (CommandExecutionError | InvocationError e) {
            return ret.fail("Unable to revoke grant " + g.grant() + " on " + g.database() + " for " + g.user() + "@" + g.host()
                    + " (" + e.getMessage() + ")");
        }
    }

    /** The grant a state names: its text for comments, and the arguments mysql.grant_* take. */
    private record Grant(String grant, String database, String user, String host, boolean option) {
        static Grant of(Call c) {
            return new Grant(c.requiredStr(-1, "grant"), c.requiredStr(-1, "database"), c.requiredStr(-1, "user"),
                    c.str(-1, "host", "localhost"), c.bool(-1, "grant_option", false));
        }

        String what() {
            return "Grant " + grant + " on " + database + " to " + user + "@" + host;
        }

        List<Object> args() {
            return List.of(grant, database, user, host, option);
        }

        boolean exists(Call c) {
            return Data.truthy(c.salt("mysql.grant_exists", args(), MysqlConn.kw(c)));
        }
    }
}
