package io.jsalt.minion.modules;

import io.jsalt.common.plugin.Call;
import io.jsalt.common.plugin.CommandExecutionError;
import io.jsalt.common.plugin.Context;
import io.jsalt.common.plugin.ExecutionPlugin;
import io.jsalt.common.plugin.Fn;
import io.jsalt.common.plugin.InvocationError;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Salt's mysql module (databases, users, grants) for MySQL and MariaDB, through the mysql
 * client program. See {@link MysqlClient} for the connection settings.
 */
public final class MysqlModule implements ExecutionPlugin {
    private static final String CONN = """


            Connection: connection_host, connection_port, connection_user, connection_pass, connection_socket, \
            connection_default_file (else mysql.* in the minion config).""";
    private static final Pattern GRANT_LINE = Pattern.compile(
            "^GRANT (.+?) ON (.+?) TO (\\S+?)(?: IDENTIFIED .*?)?( WITH .*GRANT OPTION.*)?$");

    @Override
    public String name() {
        return "mysql";
    }

    @Override
    public String doc() {
        return "Manage MySQL/MariaDB databases, users and grants.";
    }

    @Override
    public String unavailableReason(Context ctx) {
        return MysqlClient.program() == null ? "the mysql client (package mariadb-client) is not installed" : null;
    }

    @Fn(doc = "Run SQL and return {columns: [...], results: [[...]], 'rows returned': n}." + CONN,
            example = "jsalt '*' mysql.query mysql 'SELECT User, Host FROM user'")
    public Object query(Call c) {
        MysqlClient.Rows r = MysqlClient.of(c).query(c.str(0, "database", null), c.requiredStr(1, "query"));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("columns", new ArrayList<Object>(r.columns()));
        List<Object> rows = new ArrayList<>();
        r.rows().forEach(row -> rows.add(new ArrayList<Object>(row)));
        out.put("results", rows);
        out.put("rows returned", (long) rows.size());
        return out;
    }

    @Fn(doc = "The databases, sorted." + CONN, example = "jsalt '*' mysql.db_list")
    public Object db_list(Call c) {
        List<Object> out = new ArrayList<>();
        MysqlClient.of(c).query(null, "SHOW DATABASES").rows().forEach(r -> out.add(r.get(0)));
        return out;
    }

    @Fn(doc = "True when the database exists." + CONN, example = "jsalt '*' mysql.db_exists app")
    public Object db_exists(Call c) {
        return dbExists(MysqlClient.of(c), c.requiredStr(0, "name"));
    }

    @Fn(doc = """
            Create a database.

            character_set, collate
                Its defaults.""" + CONN,
            example = "jsalt '*' mysql.db_create app character_set=utf8mb4 collate=utf8mb4_unicode_ci")
    public Object db_create(Call c) {
        String name = c.requiredStr(0, "name");
        StringBuilder sql = new StringBuilder("CREATE DATABASE IF NOT EXISTS ").append(MysqlClient.ident(name));
        return runWithCharset(c, sql);
    }

    @Fn(doc = "The database's default character set and collation as {character_set, collate}." + CONN,
            example = "jsalt '*' mysql.db_get app")
    public Object db_get(Call c) {
        MysqlClient.Rows r = MysqlClient.of(c).query(null, "SELECT DEFAULT_CHARACTER_SET_NAME, DEFAULT_COLLATION_NAME "
                + "FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = " + MysqlClient.quote(c.requiredStr(0, "name")));
        Map<String, Object> out = new LinkedHashMap<>();
        if (!r.rows().isEmpty()) {
            out.put("character_set", r.rows().get(0).get(0));
            out.put("collate", r.rows().get(0).get(1));
        }
        return out;
    }

    @Fn(doc = "Change a database's default character set and collation." + CONN,
            example = "jsalt '*' mysql.alter_db app character_set=utf8mb4 collate=utf8mb4_unicode_ci")
    public Object alter_db(Call c) {
        StringBuilder sql = new StringBuilder("ALTER DATABASE ").append(MysqlClient.ident(c.requiredStr(0, "name")));
        return runWithCharset(c, sql);
    }

    /** Runs CREATE/ALTER DATABASE with the call's character_set and collate clauses, if any. */
    private static boolean runWithCharset(Call c, StringBuilder sql) {
        String cs = c.str(1, "character_set", null);
        String co = c.str(2, "collate", null);
        if (cs != null) {
            sql.append(" CHARACTER SET ").append(word(cs));
        }
        if (co != null) {
            sql.append(" COLLATE ").append(word(co));
        }
        MysqlClient.of(c).query(null, sql.toString());
        return true;
    }

    @Fn(doc = "Drop a database." + CONN, example = "jsalt '*' mysql.db_remove app")
    public Object db_remove(Call c) {
        MysqlClient.of(c).query(null, "DROP DATABASE IF EXISTS " + MysqlClient.ident(c.requiredStr(0, "name")));
        return true;
    }

    @Fn(doc = """
            True when the account exists; with password or password_hash, only when that is its password; with \
            passwordless=True, only when it has none.""" + CONN,
            example = "jsalt '*' mysql.user_exists app localhost password=s3cret")
    public Object user_exists(Call c) {
        return userExists(c, MysqlClient.of(c), c.requiredStr(0, "user"), c.str(1, "host", "localhost"));
    }

    @Fn(doc = """
            Create an account.

            password / password_hash
                Its password (plain, or the '*...' hash).
            allow_passwordless
                Allow neither.
            unix_socket
                Authenticate by the Unix user instead.""" + CONN,
            example = "jsalt '*' mysql.user_create app localhost password=s3cret")
    public Object user_create(Call c) {
        String sql = "CREATE USER " + account(c) + authClause(c); // arguments are checked before the client
        MysqlClient.of(c).query(null, sql);
        return true;
    }

    @Fn(doc = "Change an account's password (password or password_hash)." + CONN,
            example = "jsalt '*' mysql.user_chpass app localhost password=n3w")
    public Object user_chpass(Call c) {
        String sql = "ALTER USER " + account(c) + authClause(c); // arguments are checked before the client
        MysqlClient.of(c).query(null, sql);
        return true;
    }

    @Fn(doc = "Drop an account." + CONN, example = "jsalt '*' mysql.user_remove app localhost")
    public Object user_remove(Call c) {
        MysqlClient.of(c).query(null, "DROP USER IF EXISTS " + account(c));
        return true;
    }

    @Fn(doc = "Every account as [{User, Host}]." + CONN, example = "jsalt '*' mysql.user_list")
    public Object user_list(Call c) {
        List<Object> out = new ArrayList<>();
        for (List<String> r : MysqlClient.of(c).query(null, "SELECT User, Host FROM mysql.user ORDER BY User, Host").rows()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("User", r.get(0));
            m.put("Host", r.get(1));
            out.add(m);
        }
        return out;
    }

    @Fn(doc = "The account's grants as the server prints them (SHOW GRANTS)." + CONN,
            example = "jsalt '*' mysql.user_grants app localhost")
    public Object user_grants(Call c) {
        return new ArrayList<Object>(grants(MysqlClient.of(c), c.requiredStr(0, "user"), c.str(1, "host", "localhost")));
    }

    @Fn(doc = """
            True when the account has the privileges (e.g. 'select,insert' or 'ALL PRIVILEGES') on database ('db.*', \
            'db.table', '*.*').

            grant_option
                Also WITH GRANT OPTION.""" + CONN,
            example = "jsalt '*' mysql.grant_exists 'SELECT,INSERT' 'app.*' app localhost")
    public Object grant_exists(Call c) {
        return grantExists(MysqlClient.of(c), c.requiredStr(0, "grant"), c.requiredStr(1, "database"),
                c.requiredStr(2, "user"), c.str(3, "host", "localhost"), c.bool(4, "grant_option", false));
    }

    @Fn(doc = "Grant privileges on database to an account." + CONN,
            example = "jsalt '*' mysql.grant_add 'SELECT,INSERT' 'app.*' app localhost")
    public Object grant_add(Call c) {
        String sql = "GRANT " + privileges(c.requiredStr(0, "grant")) + " ON " + target(c.requiredStr(1, "database"))
                + " TO " + MysqlClient.account(c.requiredStr(2, "user"), c.str(3, "host", "localhost"))
                + (c.bool(4, "grant_option", false) ? " WITH GRANT OPTION" : "");
        MysqlClient.of(c).query(null, sql);
        return true;
    }

    @Fn(doc = "Revoke privileges on database from an account." + CONN,
            example = "jsalt '*' mysql.grant_revoke 'SELECT,INSERT' 'app.*' app localhost")
    public Object grant_revoke(Call c) {
        String privs = privileges(c.requiredStr(0, "grant"));
        if (c.bool(4, "grant_option", false)) {
            privs += ", GRANT OPTION";
        }
        MysqlClient.of(c).query(null, "REVOKE " + privs + " ON " + target(c.requiredStr(1, "database"))
                + " FROM " + MysqlClient.account(c.requiredStr(2, "user"), c.str(3, "host", "localhost")));
        return true;
    }

    // ---- shared by the functions above ----

    static boolean dbExists(MysqlClient db, String name) {
        return !db.query(null, "SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = "
                + MysqlClient.quote(name)).rows().isEmpty();
    }

    private static boolean userExists(Call c, MysqlClient db, String user, String host) {
        String where = "User = " + MysqlClient.quote(user) + " AND Host = " + MysqlClient.quote(host);
        String pw = c.str(-1, "password", null);
        String hash = c.str(-1, "password_hash", null);
        if (hash == null && pw != null) {
            hash = db.query(null, "SELECT PASSWORD(" + MysqlClient.quote(pw) + ")").rows().get(0).get(0);
        }
        if (hash != null) {
            where += " AND (authentication_string = " + MysqlClient.quote(hash)
                    + " OR Password = " + MysqlClient.quote(hash) + ")";
        } else if (c.bool(-1, "passwordless", false)) {
            where += " AND authentication_string = '' AND Password = ''";
        }
        return !db.query(null, "SELECT User FROM mysql.user WHERE " + where).rows().isEmpty();
    }

    /** The account the user functions name: user, then host (localhost when not given). */
    private static String account(Call c) {
        return MysqlClient.account(c.requiredStr(0, "user"), c.str(1, "host", "localhost"));
    }

    private static String authClause(Call c) {
        String pw = c.str(-1, "password", null);
        String hash = c.str(-1, "password_hash", null);
        if (c.bool(-1, "unix_socket", false)) {
            return " IDENTIFIED VIA unix_socket";
        }
        if (hash != null) {
            return " IDENTIFIED BY PASSWORD " + MysqlClient.quote(hash);
        }
        if (pw != null) {
            return " IDENTIFIED BY " + MysqlClient.quote(pw);
        }
        if (c.bool(-1, "allow_passwordless", false)) {
            return "";
        }
        throw new InvocationError("password or password_hash must be specified, unless allow_passwordless=True");
    }

    static List<String> grants(MysqlClient db, String user, String host) {
        List<String> out = new ArrayList<>();
        try {
            db.query(null, "SHOW GRANTS FOR " + MysqlClient.account(user, host)).rows().forEach(r -> out.add(r.get(0)));
        } catch (CommandExecutionError e) {
            if (!e.getMessage().contains("1141")) { // ER_NONEXISTING_GRANT: no such account
                throw e;
            }
        }
        return out;
    }

    static boolean grantExists(MysqlClient db, String grant, String database, String user, String host,
                               boolean grantOption) {
        Set<String> want = privilegeSet(grant);
        String target = normalTarget(database);
        for (String line : grants(db, user, host)) {
            Matcher m = GRANT_LINE.matcher(line.strip());
            if (!m.matches() || !normalTarget(m.group(2)).equals(target)) {
                continue;
            }
            Set<String> have = privilegeSet(m.group(1));
            boolean option = m.group(4) != null;
            boolean all = have.contains("ALL PRIVILEGES");
            if ((all || have.containsAll(want)) && (!grantOption || option)) {
                return true;
            }
        }
        return false;
    }

    /** Privileges as a set of upper-case names; ALL means ALL PRIVILEGES. */
    static Set<String> privilegeSet(String grant) {
        Set<String> out = new LinkedHashSet<>();
        for (String p : splitPrivileges(grant)) {
            String u = p.strip().replaceAll("\\s+", " ").toUpperCase(Locale.ROOT);
            out.add(u.equals("ALL") ? "ALL PRIVILEGES" : u);
        }
        return out;
    }

    /** Splits "SELECT (a, b), INSERT" at the commas outside parentheses. */
    private static List<String> splitPrivileges(String grant) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        StringBuilder cur = new StringBuilder();
        for (char ch : grant.toCharArray()) {
            if (ch == '(') {
                depth++;
            } else if (ch == ')') {
                depth--;
            }
            if (ch == ',' && depth == 0) {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(ch);
            }
        }
        if (!cur.toString().isBlank()) {
            out.add(cur.toString());
        }
        return out;
    }

    private static String privileges(String grant) {
        List<String> out = new ArrayList<>();
        for (String p : privilegeSet(grant)) {
            if (!p.matches("[A-Z ]+(\\([A-Za-z0-9_, ]+\\))?")) {
                throw new InvocationError("'" + p + "' is not a privilege");
            }
            out.add(p);
        }
        return String.join(", ", out);
    }

    /** db.* / db.table / *.* with the names quoted. */
    private static String target(String database) {
        String[] parts = database.split("\\.", 2);
        if (parts.length != 2) {
            throw new InvocationError("database must be 'db.table', 'db.*' or '*.*', got '" + database + "'");
        }
        return quotePart(parts[0]) + "." + quotePart(parts[1]);
    }

    private static String quotePart(String p) {
        String bare = p.replace("`", "");
        return bare.equals("*") ? "*" : MysqlClient.ident(bare);
    }

    private static String normalTarget(String t) {
        return t.replace("`", "").replace("'", "").replace("\"", "").strip();
    }

    private static String word(String s) {
        if (!s.matches("[A-Za-z0-9_]+")) {
            throw new InvocationError("'" + s + "' is not a character set or collation name");
        }
        return s;
    }
}
