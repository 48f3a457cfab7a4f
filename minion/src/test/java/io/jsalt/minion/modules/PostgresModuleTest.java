package io.jsalt.minion.modules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jsalt.common.data.Data;
import io.jsalt.common.plugin.Context;
import io.jsalt.common.plugin.InvocationError;
import io.jsalt.common.plugin.Services;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The SQL and psql command lines the postgres module builds, and its quoting and password
 * hashing, each against the Salt function it follows (salt/modules/postgres.py). No server
 * runs here: PostgresStatesSystemTest runs them against PostgreSQL in a test host.
 */
class PostgresModuleTest {
    private static Context ctx(Map<String, Object> opts, Map<String, Object> pillar) {
        return new Context(opts, Data.map("os_family", "Debian"), pillar, null, false, null,
                LoggerFactory.getLogger("test"), new Services());
    }

    @Test
    void psqlArgvTakesConnectionDefaultsFromConfigThenPillar() {
        // _psql_cmd and _connection_defaults: config.option (minion config before pillar); maintenance_db
        // defaults to postgres; _run_psql runs as postgres when there is no host (the local socket).
        Map<String, Object> opts = new LinkedHashMap<>(Map.of("postgres.user", "admin"));
        PostgresClient pg = PostgresClient.connect(ctx(opts, Map.of("postgres.port", "5433", "postgres.user", "nobody")),
                null, null, null, null, null, null);
        assertEquals(List.of("psql", "--no-align", "--no-readline", "--no-psqlrc", "--no-password",
                "--set=ON_ERROR_STOP=1", "--set=VERBOSITY=terse", "--username", "admin", "--port", "5433",
                "--dbname", "postgres", "--tuples-only"), pg.argv("psql", List.of("--tuples-only")));
        assertEquals("postgres", pg.conn().runas());

        // With a TCP host, psql runs as the minion's own user, as Salt's runas stays None.
        PostgresClient remote = PostgresClient.connect(ctx(Map.of(), Map.of()), "app", "db.example.org", "5432",
                "appdb", "pw", null);
        assertNull(remote.conn().runas());
        assertEquals(List.of("--username", "app", "--host", "db.example.org", "--port", "5432", "--dbname", "appdb"),
                remote.argv("psql", List.of()).subList(7, 15));
        // A socket directory as host still means the postgres user.
        assertEquals("postgres", PostgresClient.connect(ctx(Map.of(), Map.of()), null, "/run/postgresql", null, null,
                null, null).conn().runas());
    }

    @Test
    void connectionValuesThatPsqlWouldTakeAsOptionsAreRefused() {
        InvocationError e = assertThrows(InvocationError.class, () -> PostgresClient.connect(ctx(Map.of(), Map.of()),
                "--command=DROP", null, null, null, null, null));
        assertTrue(e.getMessage().startsWith("user must not start with '-'"), e.getMessage());
        e = assertThrows(InvocationError.class, () -> PostgresClient.connect(ctx(Map.of(), Map.of()),
                null, null, "5432; x", null, null, null));
        assertEquals("port must be a port number, got '5432; x'", e.getMessage());
    }

    @Test
    void identifiersAndLiteralsAreQuotedAsPostgresQuoteIdentAndQuoteLiteral() {
        assertEquals("\"app\"", PostgresClient.ident("app"));
        assertEquals("\"a\"\"; DROP ROLE x; --\"", PostgresClient.ident("a\"; DROP ROLE x; --"));
        assertEquals("'it''s'", PostgresClient.literal("it's"));
        assertEquals("E'a\\\\b'';'", PostgresClient.literal("a\\b';"));
        assertThrows(InvocationError.class, () -> PostgresClient.ident("a\0b"));
    }

    @Test
    void dbCreateBuildsSaltsWithClauseAndRejectsWhatSaltRejects() {
        // db_create: TABLESPACE, OWNER, TEMPLATE, ENCODING, LC_COLLATE, LC_CTYPE in this order.
        assertEquals("CREATE DATABASE \"db2\" WITH TABLESPACE = \"my_space\" OWNER = \"remoteUser\" "
                        + "TEMPLATE = \"template0\" LC_COLLATE = 'en_US.UTF-8' LC_CTYPE = 'en_US.UTF-8'",
                PostgresModule.dbCreateSql("db2", "my_space", null, "en_US.UTF-8", "en_US.UTF-8", "remoteUser",
                        "template0"));
        assertEquals("CREATE DATABASE \"plain\"", PostgresModule.dbCreateSql("plain", null, null, null, null, null, null));
        // _quote_ddl_value: a double quote in owner/tablespace, a single quote in encoding and locales.
        InvocationError e = assertThrows(InvocationError.class,
                () -> PostgresModule.dbCreateSql("x", null, null, null, null, "bad\"owner", null));
        assertTrue(e.getMessage().startsWith("Unsupported character \" in value: bad\"owner"), e.getMessage());
        assertThrows(InvocationError.class, () -> PostgresModule.dbCreateSql("x", null, "UTF8'", null, null, null, null));
    }

    @Test
    void dbRemoveEndsSessionsBeforeDropping() {
        // db_remove: REVOKE CONNECT, pg_terminate_backend of the others, DROP DATABASE.
        assertEquals(List.of("REVOKE CONNECT ON DATABASE \"a'b\" FROM public;",
                "SELECT pid, pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = 'a''b' "
                        + "AND pid <> pg_backend_pid();",
                "DROP DATABASE \"a'b\";"), PostgresModule.dbRemoveSql("a'b"));
        assertEquals(List.of("ALTER DATABASE \"d\" OWNER TO \"o\"", "ALTER DATABASE \"d\" SET TABLESPACE \"t\""),
                PostgresModule.dbAlterSql("d", "o", "t"));
    }

    @Test
    void roleSqlFollowsRoleCmdArgs() {
        // _role_cmd_args: a user inherits and logs in by default; flags in Salt's order; the
        // password hashed (md5 of password + role) and ENCRYPTED; a GRANT per group.
        PostgresModule.RoleArgs a = new PostgresModule.RoleArgs(false, null, null, null, null, false, 10L, "s3cret",
                null, "2030-01-01", List.of("readers", "writers"));
        assertEquals(" WITH INHERIT NOCREATEDB NOREPLICATION LOGIN CONNECTION LIMIT 10 ENCRYPTED PASSWORD "
                        + "'md5" + md5("s3cretapp") + "' VALID UNTIL '2030-01-01'; GRANT \"readers\" TO \"app\"; "
                        + "GRANT \"writers\" TO \"app\"",
                PostgresModule.roleSql("app", "user", a, null));
        // A group does not log in by default; an update adds no defaults.
        PostgresModule.RoleArgs none = new PostgresModule.RoleArgs(null, null, null, null, null, null, null, null, null,
                null, null);
        assertEquals(" WITH INHERIT NOLOGIN", PostgresModule.roleSql("g", "group", none, null));
        assertEquals("", PostgresModule.roleSql("g", "role", none, null));
        // SUPERUSER is left out of an update that would not change it.
        PostgresModule.RoleArgs su = new PostgresModule.RoleArgs(null, null, null, null, true, null, null, null, null,
                null, null);
        assertEquals("", PostgresModule.roleSql("r", "role", su, Map.of("superuser", true)));
        assertEquals(" WITH SUPERUSER", PostgresModule.roleSql("r", "role", su, Map.of("superuser", false)));
        // A hash is sent as it is.
        PostgresModule.RoleArgs hashed = new PostgresModule.RoleArgs(null, null, null, null, null, null, null,
                "md5abc", "md5", null, null);
        assertEquals(" WITH ENCRYPTED PASSWORD 'md5abc'", PostgresModule.roleSql("r", "role", hashed, null));
    }

    @Test
    void passwordsAreHashedAndVerifiedAsSaltDoes() {
        // _md5_password and _scram_sha_256 (vector from Python's hashlib/hmac with the same salt).
        assertEquals("md506d701b4dd9f7cbb00816251a451b978", PostgresClient.md5Password("app", "pencil"));
        byte[] salt = new byte[16];
        for (int i = 0; i < 16; i++) {
            salt[i] = (byte) i;
        }
        String scram = "SCRAM-SHA-256$4096:AAECAwQFBgcICQoLDA0ODw==$zHCdol2044/ZyWzPLi7oxApCkamKw9Z+E4U/QApd/5Y=:"
                + "dd5peBOitVnLNFu7VmwP+HiDaaw4OUCv396eVCWhYiE=";
        assertEquals(scram, PostgresClient.scramSha256("pencil", salt, 4096));
        // _verify_password: the stored verifier's salt and iterations are used for SCRAM.
        assertTrue(PostgresClient.verify("app", "pencil", scram, "scram-sha-256"));
        assertFalse(PostgresClient.verify("app", "pencil2", scram, "scram-sha-256"));
        assertTrue(PostgresClient.verify("app", "pencil", "md506d701b4dd9f7cbb00816251a451b978", null));
        assertTrue(PostgresClient.verify("app", "pencil", "md506d701b4dd9f7cbb00816251a451b978", true));
        assertFalse(PostgresClient.verify("other", "pencil", "md506d701b4dd9f7cbb00816251a451b978", "md5"));
        assertTrue(PostgresClient.verify("app", "plain", "plain", false));
        // _maybe_encrypt_password: hashes are kept; an unknown algorithm is refused.
        assertEquals("md5abc", PostgresClient.maybeEncrypt("app", "md5abc", "md5"));
        assertTrue(PostgresClient.maybeEncrypt("app", "x", "scram-sha-256").startsWith("SCRAM-SHA-256$4096:"));
        InvocationError e = assertThrows(InvocationError.class, () -> PostgresClient.maybeEncrypt("a", "x", "sha1"));
        assertTrue(e.getMessage().startsWith("Unknown password algorithm: sha1"), e.getMessage());
    }

    @Test
    void csvRowsAndArrayLiteralsParse() {
        // psql_query reads COPY ... CSV HEADER with Python's csv module; groups come as {a,"b c"}.
        assertEquals(List.of(List.of("name", "acl"), List.of("public", "{a=UC/a,\"=U/a\"}"), List.of("x\ny", "")),
                PostgresClient.csv("name,acl\npublic,\"{a=UC/a,\"\"=U/a\"\"}\"\n\"x\ny\",\n"));
        assertEquals(List.of("readers", "b c"), PostgresModule.arrayItems("{readers,\"b c\"}"));
        assertEquals(List.of(), PostgresModule.arrayItems(""));
    }

    @Test
    void extensionStatementsFollowCreateAndDropExtension() {
        // create_extension: CREATE EXTENSION IF NOT EXISTS "name" WITH SCHEMA ... when missing,
        // ALTER EXTENSION ... SET SCHEMA / UPDATE TO when installed and to move or upgrade.
        assertEquals("CREATE EXTENSION IF NOT EXISTS \"uuid-ossp\" WITH SCHEMA \"public\" VERSION '1.1' ;",
                PostgresModule.extensionSql("uuid-ossp", List.of("EXTENSION NOT INSTALLED"), true, "public", "1.1",
                        null));
        assertEquals("ALTER EXTENSION \"h\" SET SCHEMA \"s\"; ALTER EXTENSION \"h\" UPDATE TO '1.8';",
                PostgresModule.extensionSql("h", List.of("EXTENSION INSTALLED", "EXTENSION TO UPGRADE",
                        "EXTENSION TO MOVE"), true, "s", "1.8", null));
        assertEquals("", PostgresModule.extensionSql("h", List.of("EXTENSION INSTALLED"), true, "s", "1.8", null));
        assertEquals("DROP EXTENSION \"h\" CASCADE ;", PostgresModule.dropExtensionSql("h", false, false, true));
        assertTrue(PostgresModule.looseCompare("1.7", "1.10") < 0);
        assertEquals(0, PostgresModule.looseCompare("1.8", "1.8"));
    }

    @Test
    void tablespaceStatementsQuoteNamesAndCheckOptionNames() {
        Map<String, Object> opts = new LinkedHashMap<>();
        opts.put("seq_page_cost", 1.1);
        assertEquals("CREATE TABLESPACE \"ts\" OWNER \"app\" LOCATION '/srv/ts' WITH ( seq_page_cost = '1.1' )",
                PostgresModule.tablespaceCreateSql("ts", "/srv/ts", opts, "app"));
        assertEquals(List.of("ALTER TABLESPACE \"ts\" RENAME TO \"ts2\"", "ALTER TABLESPACE \"ts\" OWNER TO \"o\"",
                "ALTER TABLESPACE \"ts\" SET (seq_page_cost = '1.1')", "ALTER TABLESPACE \"ts\" RESET (random_page_cost)"),
                PostgresModule.tablespaceAlterSql("ts", "ts2", "o", opts, "random_page_cost"));
        InvocationError e = assertThrows(InvocationError.class,
                () -> PostgresModule.tablespaceCreateSql("ts", "/x", Map.of("a = 1) ; DROP", 1), null));
        assertEquals("'a = 1) ; DROP' is not a tablespace option name", e.getMessage());
    }

    private static String md5(String s) {
        return PostgresClient.md5Password("", s).substring(3);
    }
}
