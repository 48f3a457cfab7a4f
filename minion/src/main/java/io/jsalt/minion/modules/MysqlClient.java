package io.jsalt.minion.modules;

import io.jsalt.common.plugin.Call;
import io.jsalt.common.plugin.CommandExecutionError;
import io.jsalt.common.plugin.Context;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Talks to MySQL/MariaDB through the {@code mysql} client program (batch mode, tab-separated
 * rows). Connection settings as Salt's mysql module: connection_host, connection_port,
 * connection_user, connection_pass, connection_socket, connection_default_file in the call,
 * else mysql.host, mysql.port, mysql.user, mysql.pass, mysql.unix_socket, mysql.default_file
 * in the minion config. With none, the client connects as the calling Unix user over the
 * local socket (root on Debian's MariaDB).
 */
final class MysqlClient {
    /** A result: column names and rows of strings (null for SQL NULL). */
    record Rows(List<String> columns, List<List<String>> rows) {}

    private final List<String> base;
    private final Map<String, String> env;

    private MysqlClient(List<String> base, Map<String, String> env) {
        this.base = base;
        this.env = env;
    }

    static String program() {
        return Sh.has("mysql") ? "mysql" : Sh.has("mariadb") ? "mariadb" : null;
    }

    static MysqlClient of(Call c) {
        Context ctx = c.ctx();
        List<String> argv = new ArrayList<>();
        String prog = program();
        if (prog == null) {
            throw new CommandExecutionError("The mysql client is not installed");
        }
        argv.add(prog);
        String defaults = setting(c, "connection_default_file", "mysql.default_file");
        if (defaults != null) {
            argv.add("--defaults-file=" + defaults);
        }
        add(argv, "--host=", setting(c, "connection_host", "mysql.host"));
        add(argv, "--port=", setting(c, "connection_port", "mysql.port"));
        add(argv, "--user=", setting(c, "connection_user", "mysql.user"));
        add(argv, "--socket=", setting(c, "connection_socket", "mysql.unix_socket"));
        add(argv, "--default-character-set=", setting(c, "connection_charset", "mysql.charset"));
        argv.addAll(List.of("--batch", "--raw"));
        Map<String, String> env = new HashMap<>();
        String pass = setting(c, "connection_pass", "mysql.pass");
        if (pass != null) {
            env.put("MYSQL_PWD", pass);
        }
        return new MysqlClient(argv, env);
    }

    private static String setting(Call c, String kw, String opt) {
        Object v = c.kwargs().get(kw);
        if (v == null) {
            v = c.ctx().opts().get(opt);
        }
        return v == null ? null : String.valueOf(v);
    }

    private static void add(List<String> argv, String flag, String v) {
        if (v != null && !v.isEmpty()) {
            argv.add(flag + v);
        }
    }

    /** Runs one statement (or several separated by ';') and returns the last result set. */
    Rows query(String database, String sql) {
        List<String> argv = new ArrayList<>(base);
        if (database != null && !database.isEmpty()) {
            argv.add("--database=" + database);
        }
        Sh.Out o = Sh.run(argv, sql, env, null);
        if (!o.ok()) {
            throw new CommandExecutionError("MySQL Error: " + o.error());
        }
        List<String> cols = new ArrayList<>();
        List<List<String>> rows = new ArrayList<>();
        for (String line : o.stdout().split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            List<String> cells = new ArrayList<>();
            for (String cell : line.split("\t", -1)) {
                cells.add(cell.equals("NULL") ? null : cell);
            }
            if (cols.isEmpty()) {
                cols.addAll(cells);
            } else {
                rows.add(cells);
            }
        }
        return new Rows(cols, rows);
    }

    /** A SQL string literal. */
    static String quote(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    /** A quoted identifier (database, table). */
    static String ident(String s) {
        return "`" + s.replace("`", "``") + "`";
    }

    /** 'user'@'host'. */
    static String account(String user, String host) {
        return quote(user) + "@" + quote(host);
    }
}
