package io.jsalt.minion.modules;

import io.jsalt.common.plugin.Call;
import io.jsalt.common.plugin.CommandExecutionError;
import io.jsalt.common.plugin.Context;
import io.jsalt.common.plugin.ExecutionPlugin;
import io.jsalt.common.plugin.Fn;
import io.jsalt.common.plugin.InvocationError;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Salt's postgres module (salt/modules/postgres.py): roles, databases, tablespaces, schemas and
 * extensions through the psql client program (see {@link PostgresClient}). Functions return what
 * Salt's return: True/False for the changing ones (False when psql failed; its error is logged),
 * dicts of rows for the listing ones.
 */
public final class PostgresModule implements ExecutionPlugin {
    /** psql as the module runs it; tests put a fake one in the context's services. */
    public interface Psql {
        Run run(String runas, List<String> argv, String stdin, Map<String, String> env);
    }

    /** A finished psql: exit code and output. */
    public record Run(int code, String stdout, String stderr) {}

    private static final String CONN = """


            Connection: user, host, port, maintenance_db, password (else postgres.user, postgres.host, postgres.port, \
            postgres.maintenance_db, postgres.pass from the minion config or pillar); runas: the system user psql runs \
            as (postgres when connecting over the local socket).""";
    private static final String SCHEMA_CONN = """


            Connection: user (the system user psql runs as), db_user, db_password, db_host, db_port.""";
    private static final String EXT_INSTALLED = "EXTENSION INSTALLED";
    private static final String EXT_NOT_INSTALLED = "EXTENSION NOT INSTALLED";
    private static final String EXT_TO_UPGRADE = "EXTENSION TO UPGRADE";
    private static final String EXT_TO_MOVE = "EXTENSION TO MOVE";

    @Override
    public String name() {
        return "postgres";
    }

    /**
     * salt/modules/postgres.py _verify_password, which Salt's postgres_user and postgres_group
     * states call: true when password (plain or a hash) matches the stored verifier.
     */
    public static boolean verifyPassword(String role, String password, String verifier, Object encrypted) {
        return PostgresClient.verify(role, password, verifier, encrypted);
    }

    /** salt/modules/postgres.py _maybe_encrypt_password: the password hashed per encrypted, unless it is a hash. */
    public static String encryptPassword(String role, String password, Object encrypted) {
        return PostgresClient.maybeEncrypt(role, password, encrypted);
    }

    @Override
    public String doc() {
        return "Manage PostgreSQL roles, databases, tablespaces, schemas and extensions through psql.";
    }

    @Override
    public String unavailableReason(Context ctx) {
        if (ctx.services().find(Psql.class).isPresent() || PostgresClient.program(ctx) != null) {
            return null;
        }
        return "psql was not found";
    }

    @Fn(doc = "The server's version (server_version)." + CONN, example = "jsalt '*' postgres.version")
    public Object version(Call c) {
        return PostgresClient.of(c).firstLine("SELECT setting FROM pg_catalog.pg_settings WHERE name = 'server_version'");
    }

    @Fn(doc = """
            Run a query and return its rows as a list of dicts (column: text). Only statements that return rows; \
            write=True runs it in a READ WRITE transaction. An empty list when it fails.""" + CONN,
            example = "jsalt '*' postgres.psql_query 'select * from pg_stat_activity'")
    public Object psql_query(Call c) {
        return rows(PostgresClient.of(c).query(c.requiredStr(0, "query"), c.bool(-1, "write", false)));
    }

    private static List<Object> rows(List<Map<String, String>> rows) {
        List<Object> out = new ArrayList<>();
        rows.forEach(r -> out.add(new LinkedHashMap<String, Object>(r)));
        return out;
    }

    // ---- databases ----

    @Fn(doc = "The databases as {name: {Owner, Encoding, Collate, Ctype, Access privileges, Tablespace}}." + CONN,
            example = "jsalt '*' postgres.db_list")
    public Object db_list(Call c) {
        return dbList(PostgresClient.of(c));
    }

    static Map<String, Object> dbList(PostgresClient pg) {
        return byName(pg.query("SELECT datname as \"Name\", pga.rolname as \"Owner\", "
                + "pg_encoding_to_char(encoding) as \"Encoding\", datcollate as \"Collate\", datctype as \"Ctype\", "
                + "datacl as \"Access privileges\", spcname as \"Tablespace\" "
                + "FROM pg_database pgd, pg_roles pga, pg_tablespace pgts "
                + "WHERE pga.oid = pgd.datdba AND pgts.oid = pgd.dattablespace", false), "Name");
    }

    private static Map<String, Object> byName(List<Map<String, String>> rows, String key) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map<String, String> r : rows) {
            Map<String, Object> m = new LinkedHashMap<>(r);
            out.put(String.valueOf(m.remove(key)), m);
        }
        return out;
    }

    @Fn(doc = "True when the database exists." + CONN, example = "jsalt '*' postgres.db_exists dbname")
    public Object db_exists(Call c) {
        return dbList(PostgresClient.of(c)).containsKey(c.requiredStr(0, "name"));
    }

    @Fn(doc = """
            Create a database.

            tablespace, encoding, lc_collate, lc_ctype, owner, template
                Its settings (CREATE DATABASE ... WITH).""" + CONN,
            example = "jsalt '*' postgres.db_create dbname owner=app template=template0 encoding=UTF8")
    public Object db_create(Call c) {
        return PostgresClient.of(c).exec(dbCreateSql(c.requiredStr(0, "name"), c.str(-1, "tablespace", null),
                c.str(-1, "encoding", null), c.str(-1, "lc_collate", null), c.str(-1, "lc_ctype", null),
                c.str(-1, "owner", null), c.str(-1, "template", null)));
    }

    /** salt/modules/postgres.py db_create: the WITH options in Salt's order. */
    static String dbCreateSql(String name, String tablespace, String encoding, String lcCollate, String lcCtype,
                              String owner, String template) {
        StringBuilder sql = new StringBuilder("CREATE DATABASE ").append(PostgresClient.ident(name));
        String[][] with = {
            {"TABLESPACE", PostgresClient.ddlValue("tablespace", tablespace, '"')},
            {"OWNER", PostgresClient.ddlValue("owner", owner, '"')},
            {"TEMPLATE", template == null ? null : PostgresClient.ident(template)},
            {"ENCODING", PostgresClient.ddlValue("encoding", encoding, '\'')},
            {"LC_COLLATE", PostgresClient.ddlValue("lc_collate", lcCollate, '\'')},
            {"LC_CTYPE", PostgresClient.ddlValue("lc_ctype", lcCtype, '\'')},
        };
        String sep = " WITH ";
        for (String[] w : with) {
            if (w[1] != null) {
                sql.append(sep).append(w[0]).append(" = ").append(w[1]);
                sep = " ";
            }
        }
        return sql.toString();
    }

    @Fn(doc = """
            Change a database's owner and/or tablespace.

            owner_recurse
                Not supported: changing the owner of every object in the database is left to the operator.""" + CONN,
            example = "jsalt '*' postgres.db_alter dbname owner=otheruser")
    public Object db_alter(Call c) {
        String name = c.requiredStr(0, "name");
        String owner = c.str(-1, "owner", null);
        String tablespace = c.str(-1, "tablespace", null);
        if (owner != null && !owner.isEmpty() && c.bool(-1, "owner_recurse", false)) {
            throw new CommandExecutionError("owner_recurse is not supported by jsalt's postgres module");
        }
        PostgresClient pg = PostgresClient.of(c);
        boolean ok = true;
        for (String sql : dbAlterSql(name, owner, tablespace)) {
            ok = pg.exec(sql);
        }
        return ok;
    }

    static List<String> dbAlterSql(String name, String owner, String tablespace) {
        List<String> out = new ArrayList<>();
        if (owner != null && !owner.isEmpty()) {
            out.add("ALTER DATABASE " + PostgresClient.ident(name) + " OWNER TO " + PostgresClient.ident(owner));
        }
        if (tablespace != null && !tablespace.isEmpty()) {
            out.add("ALTER DATABASE " + PostgresClient.ident(name) + " SET TABLESPACE " + PostgresClient.ident(tablespace));
        }
        return out;
    }

    @Fn(doc = "Drop a database, ending the sessions connected to it first." + CONN,
            example = "jsalt '*' postgres.db_remove dbname")
    public Object db_remove(Call c) {
        PostgresClient pg = PostgresClient.of(c);
        for (String sql : dbRemoveSql(c.requiredStr(0, "name"))) {
            if (!pg.exec(sql)) {
                throw new CommandExecutionError("Failed: " + sql.split(" ")[0] + " on database " + c.str(0, "name", ""));
            }
        }
        return true;
    }

    /** salt/modules/postgres.py db_remove: revoke CONNECT, end the other sessions, drop. */
    static List<String> dbRemoveSql(String name) {
        return List.of("REVOKE CONNECT ON DATABASE " + PostgresClient.ident(name) + " FROM public;",
                "SELECT pid, pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = "
                        + PostgresClient.literal(name) + " AND pid <> pg_backend_pid();",
                "DROP DATABASE " + PostgresClient.ident(name) + ";");
    }

    // ---- tablespaces ----

    @Fn(doc = "The tablespaces as {name: {Owner, ACL, Opts, Location}}." + CONN,
            example = "jsalt '*' postgres.tablespace_list")
    public Object tablespace_list(Call c) {
        return tablespaceList(PostgresClient.of(c));
    }

    static Map<String, Object> tablespaceList(PostgresClient pg) {
        return byName(pg.query("SELECT spcname as \"Name\", pga.rolname as \"Owner\", spcacl as \"ACL\", "
                + "spcoptions as \"Opts\", pg_tablespace_location(pgts.oid) as \"Location\" "
                + "FROM pg_tablespace pgts, pg_roles pga WHERE pga.oid = pgts.spcowner", false), "Name");
    }

    @Fn(doc = "True when the tablespace exists." + CONN, example = "jsalt '*' postgres.tablespace_exists tsname")
    public Object tablespace_exists(Call c) {
        return tablespaceList(PostgresClient.of(c)).containsKey(c.requiredStr(0, "name"));
    }

    @Fn(doc = """
            Create a tablespace at location (an existing directory the server owns).

            options
                A dict such as {seq_page_cost: 1.1}.
            owner
                Its owner.""" + CONN,
            example = "jsalt '*' postgres.tablespace_create tsname /srv/ts owner=app")
    public Object tablespace_create(Call c) {
        return PostgresClient.of(c).exec(tablespaceCreateSql(c.requiredStr(0, "name"), c.requiredStr(1, "location"),
                c.map(2, "options", null), c.str(3, "owner", null)));
    }

    static String tablespaceCreateSql(String name, String location, Map<String, Object> options, String owner) {
        StringBuilder sql = new StringBuilder("CREATE TABLESPACE ").append(PostgresClient.ident(name));
        if (owner != null && !owner.isEmpty()) {
            sql.append(" OWNER ").append(PostgresClient.ident(owner));
        }
        sql.append(" LOCATION ").append(PostgresClient.literal(location));
        if (options != null && !options.isEmpty()) {
            List<String> opts = new ArrayList<>();
            options.forEach((k, v) -> opts.add(option(k) + " = " + PostgresClient.literal(String.valueOf(v))));
            sql.append(" WITH ( ").append(String.join(", ", opts)).append(" )");
        }
        return sql.toString();
    }

    /** A tablespace option name (seq_page_cost, random_page_cost, ...). */
    private static String option(String name) {
        if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new InvocationError("'" + name + "' is not a tablespace option name");
        }
        return name;
    }

    @Fn(doc = """
            Change a tablespace: new_name, new_owner, set_option ({name: value}), reset_option (a name).""" + CONN,
            example = "jsalt '*' postgres.tablespace_alter tsname new_owner=otheruser")
    public Object tablespace_alter(Call c) {
        PostgresClient pg = PostgresClient.of(c);
        for (String sql : tablespaceAlterSql(c.requiredStr(0, "name"), c.str(-1, "new_name", null),
                c.str(-1, "new_owner", null), c.map(-1, "set_option", null), c.str(-1, "reset_option", null))) {
            if (!pg.exec(sql)) {
                return false;
            }
        }
        return true;
    }

    static List<String> tablespaceAlterSql(String name, String newName, String newOwner, Map<String, Object> setOption,
                                           String resetOption) {
        List<String> out = new ArrayList<>();
        String ts = "ALTER TABLESPACE " + PostgresClient.ident(name);
        if (newName != null && !newName.isEmpty()) {
            out.add(ts + " RENAME TO " + PostgresClient.ident(newName));
        }
        if (newOwner != null && !newOwner.isEmpty()) {
            out.add(ts + " OWNER TO " + PostgresClient.ident(newOwner));
        }
        if (setOption != null && !setOption.isEmpty()) {
            Map.Entry<String, Object> e = setOption.entrySet().iterator().next();
            out.add(ts + " SET (" + option(e.getKey()) + " = " + PostgresClient.literal(String.valueOf(e.getValue())) + ")");
        }
        if (resetOption != null && !resetOption.isEmpty()) {
            out.add(ts + " RESET (" + option(resetOption) + ")");
        }
        return out;
    }

    @Fn(doc = "Drop a tablespace." + CONN, example = "jsalt '*' postgres.tablespace_remove tsname")
    public Object tablespace_remove(Call c) {
        return PostgresClient.of(c).exec("DROP TABLESPACE " + PostgresClient.ident(c.requiredStr(0, "name")));
    }

    // ---- roles ----

    @Fn(doc = """
            The roles as {name: {superuser, inherits privileges, can create roles, can create databases, \
            can update system catalogs, can login, replication, connections, expiry time, defaults variables, groups}}; \
            return_password=True adds each one's password hash (needs a superuser). False when the server does not \
            answer.""" + CONN,
            example = "jsalt '*' postgres.user_list")
    public Object user_list(Call c) {
        Map<String, Object> out = userList(PostgresClient.of(c), c.bool(-1, "return_password", false));
        return out == null ? false : out;
    }

    /** salt/modules/postgres.py user_list (server 9.5 or later: replication, no rolcatupdate). */
    static Map<String, Object> userList(PostgresClient pg, boolean returnPassword) {
        if (pg.firstLine("SELECT setting FROM pg_catalog.pg_settings WHERE name = 'server_version'") == null) {
            return null;
        }
        String sql = "SELECT pg_roles.rolname as \"name\", pg_roles.rolsuper as \"superuser\", "
                + "pg_roles.rolinherit as \"inherits privileges\", pg_roles.rolcreaterole as \"can create roles\", "
                + "pg_roles.rolcreatedb as \"can create databases\", NULL as \"can update system catalogs\", "
                + "pg_roles.rolcanlogin as \"can login\", pg_roles.rolreplication as \"replication\", "
                + "pg_roles.rolconnlimit as \"connections\", (SELECT array_agg(pg_roles2.rolname) "
                + "FROM pg_catalog.pg_auth_members JOIN pg_catalog.pg_roles pg_roles2 "
                + "ON (pg_auth_members.roleid = pg_roles2.oid) WHERE pg_auth_members.member = pg_roles.oid) as \"groups\", "
                + "pg_roles.rolvaliduntil::timestamp(0) as \"expiry time\", pg_roles.rolconfig as \"defaults variables\""
                + (returnPassword ? ", COALESCE(pg_shadow.passwd, pg_authid.rolpassword) as \"password\" " : " ")
                + "FROM pg_roles "
                + (returnPassword ? "LEFT JOIN pg_authid ON pg_roles.oid = pg_authid.oid "
                        + "LEFT JOIN pg_shadow ON pg_roles.oid = pg_shadow.usesysid" : "");
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map<String, String> row : pg.query(sql, false)) {
            Map<String, Object> r = new LinkedHashMap<>();
            for (String key : List.of("superuser", "inherits privileges", "can create roles", "can create databases",
                    "can update system catalogs", "can login", "replication")) {
                r.put(key, tf(row.get(key)));
            }
            String limit = row.getOrDefault("connections", "");
            r.put("connections", limit.matches("-?\\d+") ? (Object) Long.parseLong(limit) : null);
            String expiry = row.getOrDefault("expiry time", "");
            r.put("expiry time", expiry.matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d") ? expiry : null);
            r.put("defaults variables", row.get("defaults variables"));
            if (returnPassword) {
                r.put("password", row.get("password"));
            }
            r.put("groups", arrayItems(row.getOrDefault("groups", "")));
            out.put(row.get("name"), r);
        }
        return out;
    }

    private static Boolean tf(String v) {
        return "t".equals(v) ? Boolean.TRUE : "f".equals(v) ? Boolean.FALSE : null;
    }

    /** The items of a PostgreSQL array literal such as {a,"b c"}. */
    static List<Object> arrayItems(String array) {
        String inner = array.strip();
        if (inner.startsWith("{") && inner.endsWith("}")) {
            inner = inner.substring(1, inner.length() - 1);
        }
        List<Object> out = new ArrayList<>();
        if (inner.isEmpty()) {
            return out;
        }
        List<List<String>> rows = PostgresClient.csv(inner);
        if (!rows.isEmpty()) {
            out.addAll(rows.get(0));
        }
        return out;
    }

    @Fn(doc = "One role as user_list gives it, or None; return_password=True adds its password hash." + CONN,
            example = "jsalt '*' postgres.role_get postgres")
    public Object role_get(Call c) {
        return roleGet(PostgresClient.of(c), c.requiredStr(0, "name"), c.bool(-1, "return_password", false));
    }

    static Object roleGet(PostgresClient pg, String name, boolean returnPassword) {
        Map<String, Object> all = userList(pg, returnPassword);
        return all == null ? null : all.get(name);
    }

    @Fn(doc = "True when the role exists." + CONN, example = "jsalt '*' postgres.user_exists username")
    public Object user_exists(Call c) {
        return roleGet(PostgresClient.of(c), c.requiredStr(0, "name"), false) != null;
    }

    private static final String ROLE_ARGS = """


            createdb, createroles, inherit, login, superuser, replication
                True/False: the role's attributes (unset: left as they are, or the defaults on creation: inherit, \
                and login for a user).
            connlimit
                Its connection limit.
            rolepassword
                Its password: plain (hashed per encrypted) or an 'md5...'/'SCRAM-SHA-256$...' hash; False removes it.
            encrypted
                md5 (default, also True), scram-sha-256, or False.
            valid_until
                When the password expires.
            groups
                Roles (list or comma-separated) it is granted.""";

    @Fn(doc = "Create a user (a role that can log in); False when it exists." + ROLE_ARGS + CONN,
            example = "jsalt '*' postgres.user_create app rolepassword=s3cret createdb=True")
    public Object user_create(Call c) {
        return roleCreate(c, c.requiredStr(0, "username"), "user");
    }

    @Fn(doc = "Change a user's attributes; False when it does not exist." + ROLE_ARGS + CONN,
            example = "jsalt '*' postgres.user_update app rolepassword=n3w")
    public Object user_update(Call c) {
        return roleUpdate(c, c.requiredStr(0, "username"));
    }

    @Fn(doc = "Drop a user; False when it does not exist or is still there after." + CONN,
            example = "jsalt '*' postgres.user_remove app")
    public Object user_remove(Call c) {
        return roleRemove(PostgresClient.of(c), c.requiredStr(0, "username"));
    }

    @Fn(doc = "Create a group (a role that cannot log in unless login=True); False when it exists." + ROLE_ARGS + CONN,
            example = "jsalt '*' postgres.group_create readers")
    public Object group_create(Call c) {
        return roleCreate(c, c.requiredStr(0, "groupname"), "group");
    }

    @Fn(doc = "Change a group's attributes; False when it does not exist." + ROLE_ARGS + CONN,
            example = "jsalt '*' postgres.group_update readers createdb=False")
    public Object group_update(Call c) {
        return roleUpdate(c, c.requiredStr(0, "groupname"));
    }

    @Fn(doc = "Drop a group; False when it does not exist or is still there after." + CONN,
            example = "jsalt '*' postgres.group_remove readers")
    public Object group_remove(Call c) {
        return roleRemove(PostgresClient.of(c), c.requiredStr(0, "groupname"));
    }

    /** The role attributes of a create/update call. */
    record RoleArgs(Boolean createdb, Boolean createroles, Boolean inherit, Boolean login, Boolean superuser,
                    Boolean replication, Long connlimit, Object rolepassword, Object encrypted, String validUntil,
                    List<Object> groups) {
        static RoleArgs of(Call c) {
            Object pw = c.arg(-1, "rolepassword", null);
            if (pw != null && !(pw instanceof Boolean)) {
                pw = String.valueOf(pw);
            }
            Object limit = c.arg(-1, "connlimit", null);
            return new RoleArgs(PostgresClient.flag(c, "createdb"), PostgresClient.flag(c, "createroles"),
                    PostgresClient.flag(c, "inherit"), PostgresClient.flag(c, "login"),
                    PostgresClient.flag(c, "superuser"), PostgresClient.flag(c, "replication"),
                    limit == null ? null : c.integer(-1, "connlimit", 0), pw, c.arg(-1, "encrypted", null),
                    c.str(-1, "valid_until", null), c.list(-1, "groups", null));
        }
    }

    private static boolean roleCreate(Call c, String name, String type) {
        PostgresClient pg = PostgresClient.of(c);
        RoleArgs a = RoleArgs.of(c);
        if (roleGet(pg, name, false) != null) {
            c.ctx().log().info("{} '{}' already exists", type.equals("user") ? "User" : "Group", name);
            return false;
        }
        return pg.exec("CREATE ROLE " + PostgresClient.ident(name) + roleSql(name, type, a, null));
    }

    private static boolean roleUpdate(Call c, String name) {
        PostgresClient pg = PostgresClient.of(c);
        RoleArgs a = RoleArgs.of(c);
        Object role = roleGet(pg, name, false);
        if (!(role instanceof Map<?, ?> current)) {
            c.ctx().log().info("Role '{}' could not be found", name);
            return false;
        }
        return pg.exec("ALTER ROLE " + PostgresClient.ident(name) + roleSql(name, "role", a, current));
    }

    private static boolean roleRemove(PostgresClient pg, String name) {
        if (roleGet(pg, name, false) == null) {
            return false;
        }
        pg.exec("DROP ROLE " + PostgresClient.ident(name));
        return roleGet(pg, name, false) == null;
    }

    /**
     * salt/modules/postgres.py _role_cmd_args: " WITH <flags>" after CREATE/ALTER ROLE "name", then
     * a GRANT for each group. A user and a group inherit by default; a user logs in by default, a
     * group not. SUPERUSER is left out of an update that would not change it (dbRole: the role now).
     */
    static String roleSql(String name, String type, RoleArgs a, Map<?, ?> dbRole) {
        Boolean inherit = a.inherit() == null && (type.equals("user") || type.equals("group")) ? Boolean.TRUE : a.inherit();
        Boolean login = a.login() == null && type.equals("user") ? Boolean.TRUE
                : a.login() == null && type.equals("group") ? Boolean.FALSE : a.login();
        List<String> flags = new ArrayList<>();
        flag(flags, "INHERIT", inherit);
        flag(flags, "CREATEDB", a.createdb());
        flag(flags, "CREATEROLE", a.createroles());
        boolean skipSuper = dbRole != null && a.superuser() != null
                && a.superuser() == Boolean.TRUE.equals(dbRole.get("superuser"));
        if (!skipSuper) {
            flag(flags, "SUPERUSER", a.superuser());
        }
        flag(flags, "REPLICATION", a.replication());
        flag(flags, "LOGIN", login);
        if (a.connlimit() != null) {
            flags.add("CONNECTION LIMIT " + a.connlimit());
        }
        if (a.rolepassword() instanceof String pw && !pw.isEmpty()) {
            Object method = PostgresClient.method(a.encrypted());
            flags.add(Boolean.FALSE.equals(method) ? "UNENCRYPTED" : "ENCRYPTED");
            flags.add("PASSWORD " + PostgresClient.literal(PostgresClient.maybeEncrypt(name, pw, a.encrypted())));
        } else if (Boolean.FALSE.equals(a.rolepassword())) {
            flags.add("PASSWORD NULL");
        }
        if (a.validUntil() != null && !a.validUntil().isEmpty()) {
            flags.add("VALID UNTIL " + PostgresClient.literal(a.validUntil()));
        }
        StringBuilder sql = new StringBuilder(flags.isEmpty() ? "" : " WITH " + String.join(" ", flags));
        if (a.groups() != null) {
            for (Object g : a.groups()) {
                String group = String.valueOf(g).strip();
                if (!group.isEmpty()) {
                    sql.append("; GRANT ").append(PostgresClient.ident(group)).append(" TO ").append(PostgresClient.ident(name));
                }
            }
        }
        return sql.toString();
    }

    private static void flag(List<String> flags, String flag, Boolean value) {
        if (value != null) {
            flags.add(value ? flag : "NO" + flag);
        }
    }

    // ---- schemas ----

    @Fn(doc = "The schemas of database dbname as {name: {owner, acl}}." + SCHEMA_CONN,
            example = "jsalt '*' postgres.schema_list dbname")
    public Object schema_list(Call c) {
        return schemaList(PostgresClient.ofSchema(c, c.requiredStr(0, "dbname")));
    }

    static Map<String, Object> schemaList(PostgresClient pg) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map<String, String> row : pg.query("SELECT pg_namespace.nspname as \"name\", pg_namespace.nspacl as \"acl\", "
                + "pg_roles.rolname as \"owner\" FROM pg_namespace "
                + "LEFT JOIN pg_roles ON pg_roles.oid = pg_namespace.nspowner", false)) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("owner", row.get("owner"));
            r.put("acl", row.get("acl"));
            out.put(row.get("name"), r);
        }
        return out;
    }

    @Fn(doc = "One schema of database dbname as {owner, acl}, or None." + SCHEMA_CONN,
            example = "jsalt '*' postgres.schema_get dbname name")
    public Object schema_get(Call c) {
        return schemaList(PostgresClient.ofSchema(c, c.requiredStr(0, "dbname"))).get(c.requiredStr(1, "name"));
    }

    @Fn(doc = "True when database dbname has the schema." + SCHEMA_CONN,
            example = "jsalt '*' postgres.schema_exists dbname name")
    public Object schema_exists(Call c) {
        return schemaList(PostgresClient.ofSchema(c, c.requiredStr(0, "dbname"))).containsKey(c.requiredStr(1, "name"));
    }

    @Fn(doc = "Create a schema in database dbname, owned by owner when given; False when it exists." + SCHEMA_CONN,
            example = "jsalt '*' postgres.schema_create dbname name owner=app")
    public Object schema_create(Call c) {
        PostgresClient pg = PostgresClient.ofSchema(c, c.requiredStr(0, "dbname"));
        String name = c.requiredStr(1, "name");
        if (schemaList(pg).containsKey(name)) {
            c.ctx().log().info("'{}' already exists in '{}'", name, c.str(0, "dbname", ""));
            return false;
        }
        return pg.exec(schemaCreateSql(name, c.str(2, "owner", null)));
    }

    static String schemaCreateSql(String name, String owner) {
        return "CREATE SCHEMA " + PostgresClient.ident(name)
                + (owner == null ? "" : " AUTHORIZATION " + PostgresClient.ident(owner));
    }

    @Fn(doc = "Drop a schema of database dbname; False when it does not exist or is still there after." + SCHEMA_CONN,
            example = "jsalt '*' postgres.schema_remove dbname name")
    public Object schema_remove(Call c) {
        PostgresClient pg = PostgresClient.ofSchema(c, c.requiredStr(0, "dbname"));
        String name = c.requiredStr(1, "name");
        if (!schemaList(pg).containsKey(name)) {
            return false;
        }
        pg.exec("DROP SCHEMA " + PostgresClient.ident(name));
        return !schemaList(pg).containsKey(name);
    }

    // ---- extensions ----

    @Fn(doc = "The extensions the server can install, as {name: {name, default_version, ...}}." + CONN,
            example = "jsalt '*' postgres.available_extensions")
    public Object available_extensions(Call c) {
        return available(PostgresClient.of(c));
    }

    private static Map<String, Object> available(PostgresClient pg) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map<String, String> row : pg.query("select * from pg_available_extensions();", false)) {
            if (row.containsKey("default_version") && row.containsKey("name")) {
                out.put(row.get("name"), new LinkedHashMap<String, Object>(row));
            }
        }
        return out;
    }

    @Fn(doc = "The extensions installed in the database (maintenance_db), as {extname: {extversion, schema_name, ...}}."
            + CONN, example = "jsalt '*' postgres.installed_extensions maintenance_db=app")
    public Object installed_extensions(Call c) {
        return installed(PostgresClient.of(c));
    }

    private static Map<String, Object> installed(PostgresClient pg) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map<String, String> row : pg.query("select a.*, b.nspname as schema_name "
                + "from pg_extension a,  pg_namespace b where a.extnamespace = b.oid;", false)) {
            if (row.containsKey("extversion") && row.containsKey("extname")) {
                out.put(row.get("extname"), new LinkedHashMap<String, Object>(row));
            }
        }
        return out;
    }

    @Fn(doc = "One available extension, or None." + CONN, example = "jsalt '*' postgres.get_available_extension plpgsql")
    public Object get_available_extension(Call c) {
        return available(PostgresClient.of(c)).get(c.requiredStr(0, "name"));
    }

    @Fn(doc = "One installed extension, or None." + CONN, example = "jsalt '*' postgres.get_installed_extension plpgsql")
    public Object get_installed_extension(Call c) {
        return installed(PostgresClient.of(c)).get(c.requiredStr(0, "name"));
    }

    @Fn(doc = "True when the server can install the extension (any letter case)." + CONN,
            example = "jsalt '*' postgres.is_available_extension hstore")
    public Object is_available_extension(Call c) {
        String name = c.requiredStr(0, "name");
        return available(PostgresClient.of(c)).keySet().stream().anyMatch(n -> n.equalsIgnoreCase(name));
    }

    @Fn(doc = "True when the extension is installed in the database." + CONN,
            example = "jsalt '*' postgres.is_installed_extension hstore maintenance_db=app")
    public Object is_installed_extension(Call c) {
        return installed(PostgresClient.of(c)).containsKey(c.requiredStr(0, "name"));
    }

    @Fn(doc = """
            The extension's state as a list of flags: EXTENSION NOT INSTALLED, or EXTENSION INSTALLED with \
            EXTENSION TO UPGRADE (older than ext_version) and EXTENSION TO MOVE (relocatable, in another schema than \
            schema).""" + CONN,
            example = "jsalt '*' postgres.create_metadata hstore ext_version=1.8 schema=public")
    public Object create_metadata(Call c) {
        return new ArrayList<Object>(metadata(PostgresClient.of(c), c.requiredStr(0, "name"),
                c.str(-1, "ext_version", null), c.str(-1, "schema", null)));
    }

    static List<String> metadata(PostgresClient pg, String name, String extVersion, String schema) {
        Object ext = installed(pg).get(name);
        if (!(ext instanceof Map<?, ?> m)) {
            return List.of(EXT_NOT_INSTALLED);
        }
        List<String> out = new ArrayList<>(List.of(EXT_INSTALLED));
        Object have = m.get("extversion");
        if (extVersion != null && looseCompare(have == null ? extVersion : String.valueOf(have), extVersion) < 0) {
            out.add(EXT_TO_UPGRADE);
        }
        if (schema != null && "t".equals(m.get("extrelocatable")) && m.get("schema_name") != null
                && !schema.equals(m.get("schema_name"))) {
            out.add(EXT_TO_MOVE);
        }
        return out;
    }

    /** Python's LooseVersion order: runs of digits compare as numbers, other runs as text. */
    static int looseCompare(String a, String b) {
        List<Object> x = looseParts(a);
        List<Object> y = looseParts(b);
        for (int i = 0; i < Math.min(x.size(), y.size()); i++) {
            Object p = x.get(i);
            Object q = y.get(i);
            int cmp;
            if (p instanceof Long l && q instanceof Long m) {
                cmp = Long.compare(l, m);
            } else if (p instanceof Long) {
                cmp = -1; // as Python 3 would refuse; numbers sort first here
            } else if (q instanceof Long) {
                cmp = 1;
            } else {
                cmp = ((String) p).compareTo((String) q);
            }
            if (cmp != 0) {
                return cmp;
            }
        }
        return Integer.compare(x.size(), y.size());
    }

    private static List<Object> looseParts(String v) {
        List<Object> out = new ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\d+|[a-zA-Z]+").matcher(v);
        while (m.find()) {
            String s = m.group();
            out.add(Character.isDigit(s.charAt(0)) ? (Object) Long.parseLong(s.length() > 18 ? s.substring(0, 18) : s) : s);
        }
        return out;
    }

    @Fn(doc = """
            Install an extension in the database (maintenance_db), or move/upgrade it when it is installed.

            if_not_exists
                Default True. schema, ext_version, from_version: as CREATE EXTENSION.""" + CONN,
            example = "jsalt '*' postgres.create_extension hstore maintenance_db=app")
    public Object create_extension(Call c) {
        PostgresClient pg = PostgresClient.of(c);
        String name = c.requiredStr(0, "name");
        String schema = c.str(-1, "schema", null);
        String version = c.str(-1, "ext_version", null);
        List<String> meta = metadata(pg, name, version, schema);
        boolean installable = available(pg).keySet().stream().anyMatch(n -> n.equalsIgnoreCase(name));
        if (installable) {
            String sql = extensionSql(name, meta, c.bool(-1, "if_not_exists", true), schema, version,
                    c.str(-1, "from_version", null));
            if (!sql.isEmpty()) {
                pg.exec(sql);
            }
        }
        meta = metadata(pg, name, version, schema);
        boolean ok = meta.size() == 1 && meta.get(0).equals(EXT_INSTALLED);
        if (!ok) {
            c.ctx().log().info("Failed to create ext: {}", name);
        }
        return ok;
    }

    /** salt/modules/postgres.py create_extension: CREATE EXTENSION when missing, else ALTER to move/upgrade. */
    static String extensionSql(String name, List<String> meta, boolean ifNotExists, String schema, String version,
                               String fromVersion) {
        List<String> args = new ArrayList<>();
        if (meta.contains(EXT_NOT_INSTALLED)) {
            args.add("CREATE EXTENSION");
            if (ifNotExists) {
                args.add("IF NOT EXISTS");
            }
            args.add(PostgresClient.ident(name));
            List<String> with = new ArrayList<>();
            if (schema != null && !schema.isEmpty()) {
                with.add("SCHEMA " + PostgresClient.ident(schema));
            }
            if (version != null && !version.isEmpty()) {
                with.add("VERSION " + PostgresClient.literal(version));
            }
            if (fromVersion != null && !fromVersion.isEmpty()) {
                with.add("FROM " + PostgresClient.literal(fromVersion));
            }
            if (!with.isEmpty()) {
                args.add("WITH");
                args.addAll(with);
            }
            args.add(";");
        } else {
            if (schema != null && !schema.isEmpty() && meta.contains(EXT_TO_MOVE)) {
                args.add("ALTER EXTENSION " + PostgresClient.ident(name) + " SET SCHEMA " + PostgresClient.ident(schema) + ";");
            }
            if (version != null && !version.isEmpty() && meta.contains(EXT_TO_UPGRADE)) {
                args.add("ALTER EXTENSION " + PostgresClient.ident(name) + " UPDATE TO " + PostgresClient.literal(version) + ";");
            }
        }
        return String.join(" ", args).strip();
    }

    @Fn(doc = """
            Drop an installed extension from the database (maintenance_db); True when it is gone.

            if_exists, restrict
                Default False. cascade: default True.""" + CONN,
            example = "jsalt '*' postgres.drop_extension hstore maintenance_db=app")
    public Object drop_extension(Call c) {
        PostgresClient pg = PostgresClient.of(c);
        String name = c.requiredStr(0, "name");
        if (installed(pg).containsKey(name)) {
            pg.exec(dropExtensionSql(name, c.bool(-1, "if_exists", false), c.bool(-1, "restrict", false),
                    c.bool(-1, "cascade", true)));
        }
        return !installed(pg).containsKey(name);
    }

    static String dropExtensionSql(String name, boolean ifExists, boolean restrict, boolean cascade) {
        List<String> args = new ArrayList<>(List.of("DROP EXTENSION"));
        if (ifExists) {
            args.add("IF EXISTS");
        }
        args.add(PostgresClient.ident(name));
        if (cascade) {
            args.add("CASCADE");
        }
        if (restrict) {
            args.add("RESTRICT");
        }
        args.add(";");
        return String.join(" ", args);
    }
}
