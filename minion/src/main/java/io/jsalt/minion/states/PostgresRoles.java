package io.jsalt.minion.states;

import io.jsalt.common.data.Data;
import io.jsalt.common.plugin.Call;
import io.jsalt.minion.modules.PostgresModule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * present and absent of postgres_user and postgres_group (salt/states/postgres_user.py and
 * postgres_group.py, which differ only in the word "User"/"Group", the module functions they
 * call, and a user's default_password and valid_until). A password is compared with the stored
 * hash, never shown: a change is reported as {password: True}.
 */
final class PostgresRoles {
    private PostgresRoles() {}

    static final String MODULE_DOC = """
            Through the postgres execution module (the psql client program, run as the postgres system user \
            unless user or a db_host says otherwise). Passwords are compared with the stored hash and never \
            shown: a changed password is reported as password: True.""";

    static final String PRESENT_ARGS = """
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
            """;

    static final String CONN_DOC = """
            user
                The system user psql runs as (default postgres over the local socket).
            maintenance_db, db_user, db_password, db_host, db_port
                The connection, else postgres.* from the minion config or pillar.""";

    static Object present(Call c, boolean isUser) {
        String word = isUser ? "User" : "Group";
        String fn = isUser ? "user" : "group";
        String name = c.requiredStr(0, "name");
        Ret ret = new Ret(name);
        ret.comment = word + " " + name + " is already present";
        Object encrypted = c.arg(-1, "encrypted", null);
        if (encrypted == null) {
            encrypted = "md5";
        }
        Boolean refresh = StateSupport.truth(c.arg(-1, "refresh_password", null));
        boolean refreshPassword = Boolean.TRUE.equals(refresh);
        Map<String, Object> attr = StateSupport.asMap(c.salt("postgres.role_get", List.of(name),
                PostgresConn.dbArgs(c, "return_password", !refreshPassword)));
        String mode = attr.isEmpty() ? "create" : "update";
        Object pwArg = c.arg(-1, "password", null);
        if (isUser && mode.equals("create") && pwArg == null) {
            pwArg = c.arg(-1, "default_password", null);
        }
        String password = pwArg == null ? null : String.valueOf(pwArg);
        if (password != null) {
            Object stored = attr.get("password");
            if (mode.equals("update") && !refreshPassword
                    && PostgresModule.verifyPassword(name, password, stored == null ? "" : String.valueOf(stored), encrypted)) {
                password = null;
            } else {
                password = PostgresModule.encryptPassword(name, password, encrypted);
            }
        }
        Map<String, Object> update = new LinkedHashMap<>();
        Map<String, Object> flags = new LinkedHashMap<>();
        String[][] keys = {{"createdb", "can create databases"}, {"inherit", "inherits privileges"},
            {"login", "can login"}, {"createroles", "can create roles"}, {"replication", "replication"},
            {"superuser", "superuser"}};
        for (String[] k : keys) {
            Boolean want = StateSupport.truth(c.arg(-1, k[0], null));
            flags.put(k[0], want);
            if (mode.equals("update") && want != null && !want.equals(attr.get(k[1]))) {
                update.put(k[0], want);
            }
        }
        String validUntil = isUser ? c.str(-1, "valid_until", null) : null;
        Object groups = c.arg(-1, "groups", null);
        if (mode.equals("update")) {
            if (password != null) {
                update.put("password", true);
            }
            if (validUntil != null) {
                List<?> rows = StateSupport.asList(c.salt("postgres.psql_query",
                        List.of("SELECT '" + validUntil.replace("'", "''") + "'::timestamp(0) as dt;"),
                        PostgresConn.dbArgs(c)));
                Object dt = rows.isEmpty() ? null : StateSupport.asMap(rows.get(0)).get("dt");
                if (dt == null || !dt.equals(attr.get("expiry time"))) {
                    update.put("valid_until", validUntil);
                }
            }
            if (groups != null) {
                List<Object> missing = new ArrayList<>();
                List<?> have = StateSupport.asList(attr.get("groups"));
                for (Object g : groups instanceof List<?> l ? l : List.of(String.valueOf(groups).split(","))) {
                    if (!have.contains(g)) {
                        missing.add(g);
                    }
                }
                if (!missing.isEmpty()) {
                    update.put("groups", missing);
                }
            }
        }
        if (mode.equals("update") && update.isEmpty()) {
            return ret.toMap();
        }
        Map<String, Object> planned = new LinkedHashMap<>();
        if (!update.isEmpty()) {
            planned.put(name, update);
        }
        String finalPassword = password;
        String finalMode = mode;
        Object method = encrypted;
        return Plan.change(word + " " + name + " is set to be " + mode + "d", r -> {
            Map<String, Object> kw = PostgresConn.dbArgs(c, "encrypted", method, "rolepassword", finalPassword,
                    "groups", groups, "valid_until", validUntil);
            flags.forEach((k, v) -> {
                if (v != null) {
                    kw.put(k, v);
                }
            });
            if (Data.truthy(c.salt("postgres." + fn + "_" + finalMode, List.of(name), kw))) {
                r.changes.put(name, update.isEmpty() ? "Present" : update);
                return r.done("The " + fn + " " + name + " has been " + finalMode + "d");
            }
            return r.fail("Failed to " + finalMode + " " + fn + " " + name);
        }).showing(planned).run(c, ret);
    }

    static Object absent(Call c, boolean isUser) {
        String word = isUser ? "User" : "Group";
        String name = c.requiredStr(0, "name");
        Ret ret = new Ret(name);
        Map<String, Object> db = PostgresConn.dbArgs(c);
        if (!Data.truthy(c.salt("postgres.user_exists", List.of(name), db))) {
            return ret.done(word + " " + name + " is not present, so it cannot be removed");
        }
        String fn = "postgres." + (isUser ? "user" : "group") + "_remove";
        return Plan.change(word + " " + name + " is set to be removed", r -> {
            if (Data.truthy(c.salt(fn, List.of(name), db))) {
                r.changes.put(name, "Absent");
                return r.done(word + " " + name + " has been removed");
            }
            return r.fail(word + " " + name + " failed to be removed");
        }).run(c, ret);
    }
}
