package io.jsalt.minion.modules;

import io.jsalt.common.data.Data;
import io.jsalt.common.pillar.PillarGet;
import io.jsalt.common.plugin.Call;
import io.jsalt.common.plugin.CommandExecutionError;
import io.jsalt.common.plugin.Context;
import io.jsalt.common.plugin.InvocationError;
import io.jsalt.minion.grains.Passwd;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Talks to PostgreSQL through the {@code psql} client program, as Salt's postgres module
 * (salt/modules/postgres.py, _psql_cmd and _run_psql) does: {@code psql --no-align
 * --no-readline --no-psqlrc --no-password [--username U] [--host H] [--port P] --dbname DB}, run
 * as the runas user (default {@code postgres} when connecting over the local socket). The SQL
 * goes on standard input, never on the command line, and the password in the environment
 * (PGPASSWORD), so neither shows in the process list; psql stops at the first error and reports
 * it tersely, without echoing the statement (which may carry a password hash).
 */
final class PostgresClient {
    /** Where to connect, filled in from the minion config as Salt's _connection_defaults does. */
    record Conn(String user, String host, String port, String db, String password, String runas) {}

    private final Context ctx;
    private final Conn conn;

    PostgresClient(Context ctx, Conn conn) {
        this.ctx = ctx;
        this.conn = conn;
    }

    Conn conn() {
        return conn;
    }

    /** The module functions' connection arguments: user, host, port, maintenance_db, password, runas. */
    static PostgresClient of(Call c) {
        return connect(c.ctx(), c.str(-1, "user", null), c.str(-1, "host", null), c.str(-1, "port", null),
                c.str(-1, "maintenance_db", null), c.str(-1, "password", null), c.str(-1, "runas", null));
    }

    /**
     * The schema functions' arguments (salt/modules/postgres.py schema_*): the database is the
     * first argument, user is the system user to run as, db_user/db_password/db_host/db_port connect.
     */
    static PostgresClient ofSchema(Call c, String dbname) {
        return connect(c.ctx(), c.str(-1, "db_user", null), c.str(-1, "db_host", null), c.str(-1, "db_port", null),
                dbname, c.str(-1, "db_password", null), c.str(-1, "user", null));
    }

    static PostgresClient connect(Context ctx, String user, String host, String port, String db, String password,
                                  String runas) {
        user = orOption(ctx, user, "postgres.user");
        host = orOption(ctx, host, "postgres.host");
        port = orOption(ctx, port, "postgres.port");
        db = orOption(ctx, db, "postgres.maintenance_db");
        if (db == null) {
            db = "postgres";
        }
        if (password == null) {
            Object p = option(ctx, "postgres.pass");
            password = p == null ? null : String.valueOf(p);
        }
        if (runas == null || runas.isEmpty()) {
            // Salt's _run_psql: over the local socket, psql runs as the postgres system user.
            runas = host == null || host.startsWith("/") ? "postgres" : null;
        }
        for (String[] a : new String[][] {{"user", user}, {"host", host}, {"port", port}, {"maintenance_db", db},
            {"runas", runas}}) {
            checkArg(a[0], a[1]);
        }
        if (port != null && !port.matches("[0-9]{1,5}")) {
            throw new InvocationError("port must be a port number, got '" + port + "'");
        }
        return new PostgresClient(ctx, new Conn(user, host, port, db, password, runas));
    }

    /** A value for a psql option: no NUL, and not starting with '-' (it would be read as an option). */
    private static void checkArg(String name, String v) {
        if (v != null && (v.indexOf('\0') >= 0 || v.startsWith("-"))) {
            throw new InvocationError(name + " must not start with '-' or contain NUL, got '" + v + "'");
        }
    }

    /** The same server, another database (the extension and schema functions' maintenance_db). */
    PostgresClient withDb(String db) {
        checkArg("maintenance_db", db);
        return new PostgresClient(ctx, new Conn(conn.user, conn.host, conn.port, db, conn.password, conn.runas));
    }

    private static String orOption(Context ctx, String given, String key) {
        if (given != null && !given.isEmpty()) {
            return given;
        }
        Object v = option(ctx, key);
        return v == null || String.valueOf(v).isEmpty() ? null : String.valueOf(v);
    }

    /** config.option: minion config, grains, pillar, master config. */
    static Object option(Context ctx, String key) {
        return PillarGet.option(ctx.opts(), ctx.grains(), ctx.pillar(), key, null);
    }

    /** The psql program: on PATH, else in postgres.bins_dir (Salt's _find_pg_binary); null when neither. */
    static String program(Context ctx) {
        if (Sh.has("psql")) {
            return "psql";
        }
        Object dir = option(ctx, "postgres.bins_dir");
        if (dir != null && !String.valueOf(dir).isEmpty()) {
            File f = new File(String.valueOf(dir), "psql");
            if (f.canExecute()) {
                return f.getPath();
            }
        }
        return null;
    }

    /** The psql argument list for this connection, then extra flags. */
    List<String> argv(String program, List<String> extra) {
        List<String> argv = new ArrayList<>(List.of(program, "--no-align", "--no-readline", "--no-psqlrc",
                "--no-password", "--set=ON_ERROR_STOP=1", "--set=VERBOSITY=terse"));
        if (conn.user != null) {
            argv.addAll(List.of("--username", conn.user));
        }
        if (conn.host != null) {
            argv.addAll(List.of("--host", conn.host));
        }
        if (conn.port != null) {
            argv.addAll(List.of("--port", conn.port));
        }
        argv.addAll(List.of("--dbname", conn.db));
        argv.addAll(extra);
        return argv;
    }

    /** Runs SQL (one statement or several) and returns psql's outcome. */
    PostgresModule.Run run(String sql, List<String> extraFlags) {
        PostgresModule.Psql fake = ctx.services().find(PostgresModule.Psql.class).orElse(null);
        String prog = fake != null ? "psql" : program(ctx);
        if (prog == null) {
            throw new CommandExecutionError("psql was not found");
        }
        List<String> argv = argv(prog, extraFlags);
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PGDATESTYLE", "ISO, MDY");
        if (conn.password != null && !conn.password.isEmpty()) {
            env.put("PGPASSWORD", conn.password);
        }
        if (fake != null) {
            return fake.run(conn.runas, argv, sql, env);
        }
        File cwd = new File("/");
        if (conn.runas != null) {
            // As Salt's cmd.run with runas: in that user's home, so psql can read its working directory.
            String home = Passwd.user(conn.runas).map(Passwd.User::home)
                    .orElseThrow(() -> new CommandExecutionError("User '" + conn.runas + "' is not available"));
            if (new File(home).isDirectory()) {
                cwd = new File(home);
            }
        }
        Sh.Out o = Sh.run(CmdModule.asUser(argv, conn.runas, null), sql + "\n", env, cwd);
        return new PostgresModule.Run(o.code(), o.stdout(), o.stderr());
    }

    /** Runs statements; false (psql's error logged) when they fail, as Salt's functions return retcode == 0. */
    boolean exec(String sql) {
        PostgresModule.Run r = run(sql, List.of());
        if (r.code() != 0) {
            ctx.log().error("Error running psql: {}", r.stderr().strip());
            return false;
        }
        return true;
    }

    /** The first line psql prints for a query in tuples-only mode (Salt's version). */
    String firstLine(String sql) {
        PostgresModule.Run r = run(sql, List.of("--tuples-only"));
        if (r.code() != 0) {
            ctx.log().error("Error running psql: {}", r.stderr().strip());
        }
        for (String line : r.stdout().split("\n")) {
            return line.isEmpty() ? null : line;
        }
        return null;
    }

    /**
     * Salt's psql_query: the rows of a query as maps column to text (empty for NULL), through
     * COPY ... TO STDOUT WITH CSV HEADER; an empty list when the query fails.
     */
    List<Map<String, String>> query(String query, boolean write) {
        String copy = "COPY (" + stripSemicolons(query.strip()) + ") TO STDOUT WITH CSV HEADER";
        if (write) {
            copy = "START TRANSACTION READ WRITE; " + copy + "; COMMIT TRANSACTION;";
        }
        PostgresModule.Run r = run(copy, List.of("--quiet"));
        List<Map<String, String>> out = new ArrayList<>();
        if (r.code() != 0) {
            ctx.log().error("Error running psql: {}", r.stderr().strip());
            return out;
        }
        List<String> header = null;
        for (List<String> row : csv(r.stdout())) {
            if (row.isEmpty() || (row.size() == 1 && isTag(row.get(0)))) {
                continue;
            }
            if (header == null) {
                header = row;
                continue;
            }
            Map<String, String> m = new LinkedHashMap<>();
            for (int i = 0; i < header.size(); i++) {
                m.put(header.get(i), i < row.size() ? row.get(i) : "");
            }
            out.add(m);
        }
        return out;
    }

    private static boolean isTag(String s) {
        return s.equals("START TRANSACTION") || s.equals("COMMIT") || s.equals("BEGIN");
    }

    private static String stripSemicolons(String q) {
        int end = q.length();
        while (end > 0 && q.charAt(end - 1) == ';') {
            end--;
        }
        return q.substring(0, end);
    }

    /** RFC 4180 rows: quoted fields may hold commas, doubled quotes and line breaks. */
    static List<List<String>> csv(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    cell.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
                any = true;
            } else if (ch == ',') {
                row.add(cell.toString());
                cell.setLength(0);
                any = true;
            } else if (ch == '\n' || ch == '\r') {
                if (ch == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                if (any || cell.length() > 0) {
                    row.add(cell.toString());
                }
                rows.add(row);
                row = new ArrayList<>();
                cell.setLength(0);
                any = false;
            } else {
                cell.append(ch);
                any = true;
            }
        }
        if (any || cell.length() > 0) {
            row.add(cell.toString());
            rows.add(row);
        }
        return rows;
    }

    // ---- quoting ----

    /** A quoted identifier, as PostgreSQL's quote_ident: in double quotes, inner quotes doubled. */
    static String ident(String s) {
        noNul(s);
        return "\"" + s.replace("\"", "\"\"") + "\"";
    }

    /** A string literal, as PostgreSQL's quote_literal: quotes doubled, E'' with backslashes doubled. */
    static String literal(String s) {
        noNul(s);
        String q = "'" + s.replace("'", "''") + "'";
        return s.indexOf('\\') >= 0 ? "E" + q.replace("\\", "\\\\") : q;
    }

    /**
     * Salt's _quote_ddl_value: a value in quote characters, rejected when it holds that
     * character (db_create's tablespace and owner with '"', encoding and locales with "'").
     */
    static String ddlValue(String name, String value, char quote) {
        if (value == null) {
            return null;
        }
        if (value.indexOf(quote) >= 0) {
            throw new InvocationError("Unsupported character " + quote + " in value: " + value + " (" + name + ")");
        }
        return quote == '"' ? ident(value) : literal(value);
    }

    private static void noNul(String s) {
        if (s.indexOf('\0') >= 0) {
            throw new InvocationError("SQL names and values must not contain NUL characters");
        }
    }

    // ---- passwords (salt/modules/postgres.py _maybe_encrypt_password, _verify_password) ----

    /** encrypted as Salt takes it: None, True and 'md5' mean md5; False plain; 'scram-sha-256'. */
    static Object method(Object encrypted) {
        if (encrypted == null || Boolean.TRUE.equals(encrypted)) {
            return "md5";
        }
        if (encrypted instanceof String s) {
            if (s.equalsIgnoreCase("true")) {
                return "md5";
            }
            if (s.equalsIgnoreCase("false")) {
                return Boolean.FALSE;
            }
            if (s.equals("md5") || s.equals("scram-sha-256")) {
                return s;
            }
        }
        if (Boolean.FALSE.equals(encrypted)) {
            return Boolean.FALSE;
        }
        throw new InvocationError("Unknown password algorithm: " + encrypted + " (encrypted: md5, scram-sha-256 or False)");
    }

    /** The password as it is stored: hashed per the method unless it already is a hash. */
    static String maybeEncrypt(String role, String password, Object encrypted) {
        if (password == null) {
            return null;
        }
        Object m = method(encrypted);
        if ("scram-sha-256".equals(m) && !password.startsWith("SCRAM-SHA-256")) {
            return scramSha256(password, null, 4096);
        }
        if ("md5".equals(m) && !password.startsWith("md5")) {
            return md5Password(role, password);
        }
        return password;
    }

    private static final Pattern SCRAM = Pattern.compile("^SCRAM-SHA-256\\$(\\d+):([^$]+?)\\$");

    /** True when password (plain or already a hash) is what the server's verifier holds. */
    static boolean verify(String role, String password, String verifier, Object encrypted) {
        Object m = method(encrypted);
        String expected;
        if ("md5".equals(m)) {
            expected = password.startsWith("md5") ? password : md5Password(role, password);
        } else if ("scram-sha-256".equals(m)) {
            if (password.startsWith("SCRAM-SHA-256")) {
                expected = password;
            } else {
                Matcher x = SCRAM.matcher(verifier == null ? "" : verifier);
                if (!x.find()) {
                    return false;
                }
                expected = scramSha256(password, Base64.getDecoder().decode(x.group(2)), Integer.parseInt(x.group(1)));
            }
        } else {
            expected = password;
        }
        return expected.equals(verifier);
    }

    static String md5Password(String role, String password) {
        try {
            byte[] d = MessageDigest.getInstance("MD5").digest((password + role).getBytes(StandardCharsets.UTF_8));
            return "md5" + HexFormat.of().formatHex(d);
        } catch (GeneralSecurityException e) {
            throw new CommandExecutionError("MD5 is not available: " + e.getMessage(), e);
        }
    }

    /** A SCRAM-SHA-256 verifier (RFC 7677), as PostgreSQL's scram_build_secret; NFKC stands in for SASLprep. */
    static String scramSha256(String password, byte[] salt, int iterations) {
        if (salt == null) {
            salt = new byte[16];
            new SecureRandom().nextBytes(salt);
        }
        try {
            byte[] pw = Normalizer.normalize(password, Normalizer.Form.NFKC).getBytes(StandardCharsets.UTF_8);
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(pw.length == 0 ? new byte[1] : pw, "HmacSHA256"));
            mac.update(salt);
            byte[] u = mac.doFinal(new byte[] {0, 0, 0, 1});
            byte[] salted = u.clone();
            for (int i = 1; i < iterations; i++) {
                u = mac.doFinal(u);
                for (int j = 0; j < salted.length; j++) {
                    salted[j] ^= u[j];
                }
            }
            Mac keyed = Mac.getInstance("HmacSHA256");
            keyed.init(new SecretKeySpec(salted, "HmacSHA256"));
            byte[] clientKey = keyed.doFinal("Client Key".getBytes(StandardCharsets.US_ASCII));
            byte[] storedKey = MessageDigest.getInstance("SHA-256").digest(clientKey);
            byte[] serverKey = keyed.doFinal("Server Key".getBytes(StandardCharsets.US_ASCII));
            Base64.Encoder b64 = Base64.getEncoder();
            return "SCRAM-SHA-256$" + iterations + ":" + b64.encodeToString(salt) + "$" + b64.encodeToString(storedKey)
                    + ":" + b64.encodeToString(serverKey);
        } catch (GeneralSecurityException e) {
            throw new CommandExecutionError("SCRAM-SHA-256 is not available: " + e.getMessage(), e);
        }
    }

    /** An optional boolean argument: null when absent, else its truth ('true', 'yes', '1' count as true). */
    static Boolean flag(Call c, String name) {
        Object v = c.arg(-1, name, null);
        if (v == null) {
            return null;
        }
        if (v instanceof String s) {
            return s.equalsIgnoreCase("true") || s.equalsIgnoreCase("yes") || s.equals("1");
        }
        return Data.truthy(v);
    }
}
