package io.jsalt.minion.states;

import io.jsalt.common.data.Data;
import io.jsalt.common.plugin.Call;
import io.jsalt.common.plugin.CommandExecutionError;
import io.jsalt.common.plugin.Fn;
import io.jsalt.common.plugin.InvocationError;
import io.jsalt.common.plugin.StatePlugin;
import java.util.List;
import java.util.Map;

/** Salt's mysql_user states: accounts user@host with a password. */
public final class MysqlUserStates implements StatePlugin {
    @Override
    public String name() {
        return "mysql_user";
    }

    @Override
    public String doc() {
        return """
                Manage MySQL/MariaDB accounts.

                Through the mysql client program, connected as mysql_database describes.""";
    }

    @Fn(doc = """
            Make sure the account name@host exists with this password.

            host
                Default localhost.
            password / password_hash
                Plain, or the '*...' hash.
            allow_passwordless
                Allow an account with neither.
            unix_socket
                Authenticate by the Unix user. Connection arguments as mysql_database.""",
            example = """
            app:
              mysql_user.present:
                - host: localhost
                - password: "{{ pillar['app']['db_password'] }}\"""")
    public Object present(Call c) {
        String user = c.requiredStr(0, "name");
        String host = c.str(-1, "host", "localhost");
        Ret ret = new Ret(user);
        String password = c.str(-1, "password", null);
        String hash = c.str(-1, "password_hash", null);
        boolean passwordless = c.bool(-1, "allow_passwordless", false);
        boolean socket = c.bool(-1, "unix_socket", false);
        if (password == null && hash == null && !passwordless && !socket) {
            return ret.fail("password or password_hash must be specified, unless allow_passwordless=True");
        }
        String who = user + "@" + host;
        Map<String, Object> auth = MysqlConn.kw(c, "password", password, "password_hash", hash,
                "allow_passwordless", passwordless, "unix_socket", socket ? true : null,
                "passwordless", password == null && hash == null && passwordless ? true : null);
        try {
            boolean exists = Data.truthy(c.salt("mysql.user_exists", List.of(user, host), MysqlConn.kw(c)));
            if (exists) {
                boolean samePw = socket || Data.truthy(c.salt("mysql.user_exists", List.of(user, host), auth));
                if (samePw) {
                    return ret.done("User " + who + " is already present"
                            + (password == null && hash == null ? (socket ? "" : " with passwordless login")
                            : " with the desired password"));
                }
                return Plan.change("Password for user " + who + " is set to be changed",
                        "Password for user " + who + " has been changed",
                        () -> c.salt("mysql.user_chpass", List.of(user, host), auth))
                        .showing(Data.map(user, "Updated")).run(c, ret);
            }
            return Plan.change("User " + who + " is set to be added", r -> {
                c.salt("mysql.user_create", List.of(user, host), auth);
                r.changes.put(user, "Present");
                return r.done("The user " + who + " has been added");
            }).run(c, ret);
        } catch (CommandExecutionError | InvocationError e) {
            return ret.fail("Failed to create user " + who + " (" + e.getMessage() + ")");
        }
    }

    @Fn(doc = "Make sure the account name@host does not exist.", example = """
            olduser:
              mysql_user.absent:
                - host: localhost""")
    public Object absent(Call c) {
        String user = c.requiredStr(0, "name");
        String host = c.str(-1, "host", "localhost");
        Ret ret = new Ret(user);
        String who = user + "@" + host;
        try {
            if (!Data.truthy(c.salt("mysql.user_exists", List.of(user, host), MysqlConn.kw(c)))) {
                return ret.done("User " + who + " is not present, so it cannot be removed");
            }
            return Plan.change("User " + who + " is set to be removed", r -> {
                c.salt("mysql.user_remove", List.of(user, host), MysqlConn.kw(c));
                r.changes.put(user, "Absent");
                return r.done("User " + who + " has been removed");
            }).run(c, ret);
        } catch (CommandExecutionError e) {
            return ret.fail("Unable to remove user " + who + " (" + e.getMessage() + ")");
        }
    }
}
