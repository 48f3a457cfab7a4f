package io.jsalt.minion.states;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jsalt.common.data.Data;
import io.jsalt.minion.modules.PostgresModule;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The postgres_user, postgres_group and postgres_database states' decisions, comments and
 * changes (salt/states/postgres_user.py, postgres_group.py, postgres_database.py) over a fake
 * psql that answers the catalog queries from memory and records every command it is given;
 * PostgresStatesSystemTest runs every state against a real server.
 */
class PostgresStatesTest {
    @TempDir
    Path dir;
    StateHarness h;
    final FakePsql psql = new FakePsql();

    @BeforeEach
    void setUp() {
        h = new StateHarness(dir, Map.of(), s -> s.put(PostgresModule.Psql.class, psql));
    }

    @Test
    void userTestModeReportsNoneAndSendsNoChange() {
        // present: "User {} is set to be {}d" with result None under test=True, nothing created.
        Map<String, Object> r = h.test("postgres_user.present", "name", "app", "password", "s3cret");
        assertNull(r.get("result"));
        assertEquals("User app is set to be created", r.get("comment"));
        assertEquals(Map.of(), r.get("changes"));
        assertTrue(psql.statements().isEmpty(), psql.statements().toString());
    }

    @Test
    void userCreatedWithItsMd5HashAndThePasswordNeverOnACommandLine() {
        Map<String, Object> r = h.apply("postgres_user.present", "name", "app", "password", "s3cret",
                "createdb", false, "db_password", "dbpw");
        assertEquals(true, r.get("result"), r.toString());
        assertEquals("The user app has been created", r.get("comment"));
        assertEquals(Data.map("app", "Present"), r.get("changes"));
        // _maybe_encrypt_password (md5 of password + role) then _role_cmd_args' flags.
        assertEquals(List.of("CREATE ROLE \"app\" WITH INHERIT NOCREATEDB LOGIN ENCRYPTED PASSWORD 'md5"
                + md5("s3cretapp") + "'"), psql.statements());
        for (FakePsql.Call call : psql.calls) {
            assertEquals("postgres", call.runas());
            assertFalse(String.join(" ", call.argv()).contains("dbpw"), call.argv().toString());
            assertFalse(call.stdin().contains("s3cret"), call.stdin());
            assertEquals("dbpw", call.env().get("PGPASSWORD"));
        }
    }

    @Test
    void samePasswordIsNoChangeAndAnotherIsReportedWithoutItsValue() {
        psql.role("app", "md5" + md5("s3cretapp"), List.of());
        Map<String, Object> r = h.apply("postgres_user.present", "name", "app", "password", "s3cret");
        assertEquals(true, r.get("result"));
        assertEquals("User app is already present", r.get("comment"));
        assertEquals(Map.of(), r.get("changes"));
        assertTrue(psql.statements().isEmpty());

        Map<String, Object> t = h.test("postgres_user.present", "name", "app", "password", "n3w", "groups", "readers");
        assertEquals("User app is set to be updated", t.get("comment"));
        assertEquals(Data.map("app", Data.map("password", true, "groups", List.of("readers"))), t.get("changes"));

        r = h.apply("postgres_user.present", "name", "app", "password", "n3w");
        assertEquals("The user app has been updated", r.get("comment"));
        assertEquals(Data.map("app", Data.map("password", true)), r.get("changes"));
        assertEquals(List.of("ALTER ROLE \"app\" WITH ENCRYPTED PASSWORD 'md5" + md5("n3wapp") + "'"),
                psql.statements());
    }

    @Test
    void groupAbsentAndPresent() {
        // postgres_group: "Group {} is not present, so it cannot be removed"; a group does not log in.
        assertEquals("Group readers is not present, so it cannot be removed",
                h.apply("postgres_group.absent", "name", "readers").get("comment"));
        Map<String, Object> r = h.apply("postgres_group.present", "name", "readers");
        assertEquals("The group readers has been created", r.get("comment"));
        assertEquals(List.of("CREATE ROLE \"readers\" WITH INHERIT NOLOGIN"), psql.statements());
    }

    @Test
    void databaseWithAnotherEncodingFailsAsSaltDoes() {
        psql.databases.add(List.of("appdb", "app", "SQL_ASCII", "C", "C", "", "pg_default"));
        Map<String, Object> r = h.apply("postgres_database.present", "name", "appdb", "encoding", "UTF8");
        assertEquals(false, r.get("result"));
        assertEquals("Database appdb has wrong parameters which couldn't be changed on fly.", r.get("comment"));
        r = h.test("postgres_database.present", "name", "appdb", "owner", "other");
        assertNull(r.get("result"));
        assertEquals("Database appdb exists, but parameters need to be changed", r.get("comment"));
        r = h.apply("postgres_database.present", "name", "appdb", "owner", "app", "encoding", "sql_ascii");
        assertEquals("Database appdb is already present", r.get("comment"));
        assertTrue(psql.statements().isEmpty());
    }

    private static String md5(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** psql answering the version, role and database queries from memory; other statements recorded. */
    static final class FakePsql implements PostgresModule.Psql {
        record Call(String runas, List<String> argv, String stdin, Map<String, String> env) {}

        final List<Call> calls = new ArrayList<>();
        final Map<String, List<String>> roles = new LinkedHashMap<>();
        final List<List<String>> databases = new ArrayList<>();

        void role(String name, String password, List<String> groups) {
            roles.put(name, List.of(name, "f", "t", "f", "f", "", "t", "f", "-1",
                    groups.isEmpty() ? "" : "{" + String.join(",", groups) + "}", "", "", password));
        }

        /** The statements that are not catalog reads. */
        List<String> statements() {
            List<String> out = new ArrayList<>();
            for (Call c : calls) {
                String s = c.stdin().strip();
                if (!s.startsWith("SELECT") && !s.startsWith("COPY")) {
                    out.add(s);
                }
            }
            return out;
        }

        @Override
        public PostgresModule.Run run(String runas, List<String> argv, String stdin, Map<String, String> env) {
            calls.add(new Call(runas, argv, stdin, env));
            if (stdin.contains("server_version")) {
                return new PostgresModule.Run(0, "15.5\n", "");
            }
            if (stdin.startsWith("COPY (SELECT pg_roles.rolname")) {
                StringBuilder out = new StringBuilder("name,superuser,inherits privileges,can create roles,"
                        + "can create databases,can update system catalogs,can login,replication,connections,groups,"
                        + "expiry time,defaults variables" + (stdin.contains("password") ? ",password" : "") + "\n");
                for (List<String> r : roles.values()) {
                    List<String> row = stdin.contains("password") ? r : r.subList(0, r.size() - 1);
                    out.append(String.join(",", row.stream().map(v -> v.contains(",") ? "\"" + v + "\"" : v).toList()))
                            .append('\n');
                }
                return new PostgresModule.Run(0, out.toString(), "");
            }
            if (stdin.startsWith("COPY (SELECT datname")) {
                StringBuilder out = new StringBuilder("Name,Owner,Encoding,Collate,Ctype,Access privileges,Tablespace\n");
                databases.forEach(d -> out.append(String.join(",", d)).append('\n'));
                return new PostgresModule.Run(0, out.toString(), "");
            }
            return new PostgresModule.Run(0, "", "");
        }
    }
}
