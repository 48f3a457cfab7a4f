package io.jsalt.minion.states;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jsalt.common.data.Data;
import io.jsalt.minion.testhost.TestHost;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Every postgres_* state against Debian 12's real PostgreSQL 15 in a throwaway test host: an
 * SLS applied masterless with jsalt-call, first with test=True (every state None, nothing made),
 * then twice for real (the first run changes, the second changes nothing), a changed password
 * (reported as password: True, the password itself nowhere in the output), then an SLS of the
 * absent states twice. Slow (the server package fetched into the host's apt cache the first
 * time): only with -Djsalt.systemTests=true.
 */
@EnabledIfSystemProperty(named = "jsalt.systemTests", matches = "true")
class PostgresStatesSystemTest {
    private static final String PRESENT = """
            pg_ts_dir:
              file.directory:
                - name: /srv/pg_ts
                - user: postgres
                - group: postgres
                - mode: '0700'

            readers:
              postgres_group.present:
                - login: False

            app:
              postgres_user.present:
                - password: {{ pillar.get('pgpw', 's3cret') }}
                - createdb: False
                - groups: readers
                - require:
                  - postgres_group: readers

            app_scram:
              postgres_user.present:
                - password: 'sc"r am'
                - encrypted: scram-sha-256

            fast:
              postgres_tablespace.present:
                - directory: /srv/pg_ts
                - owner: app
                - require:
                  - file: pg_ts_dir
                  - postgres_user: app

            app-db:
              postgres_database.present:
                - owner: app
                - tablespace: fast
                - template: template0
                - encoding: UTF8
                - require:
                  - postgres_tablespace: fast

            app schema:
              postgres_schema.present:
                - dbname: app-db
                - owner: app
                - require:
                  - postgres_database: app-db

            hstore:
              postgres_extension.present:
                - maintenance_db: app-db
                - schema: app schema
                - require:
                  - postgres_schema: app schema
            """;
    private static final String ABSENT = """
            hstore:
              postgres_extension.absent:
                - maintenance_db: app-db

            app schema:
              postgres_schema.absent:
                - dbname: app-db
                - require:
                  - postgres_extension: hstore

            app-db:
              postgres_database.absent:
                - require:
                  - postgres_schema: app schema

            fast:
              postgres_tablespace.absent:
                - require:
                  - postgres_database: app-db

            app:
              postgres_user.absent:
                - require:
                  - postgres_tablespace: fast

            app_scram:
              postgres_user.absent

            readers:
              postgres_group.absent:
                - require:
                  - postgres_user: app
            """;

    @Test
    void everyStateAppliedTwiceThenRemoved() throws Exception {
        assumeTrue(Files.exists(Path.of("/etc/debian_version")), "needs Debian");
        try (TestHost host = TestHost.create("postgres-states")) {
            try (HostHarness boot = new HostHarness(host, "/tmp/boot")) {
                if ("".equals(boot.exec("pkg.version", "name", "postgresql-15"))) {
                    host.fetch("postgresql-15");
                    Map<String, Object> r = boot.apply("pkg.installed", "name", "postgresql-15", "refresh", false);
                    assertEquals(true, r.get("result"), r.toString());
                }
            }
            TestHost.Result started = host.exec("pg_ctlcluster", "15", "main", "start");
            assertTrue(started.ok() || started.output().contains("already running"), started.output());
            assertTrue(host.exec("mkdir", "-p", "/srv/pgsalt", "/etc/pg-test").ok());
            host.write("/srv/pgsalt/pg.sls", PRESENT, "0644");
            host.write("/srv/pgsalt/pg_absent.sls", ABSENT, "0644");
            host.write("/etc/pg-test/minion", """
                    id: pg1
                    file_client: local
                    root_dir: /
                    file_roots:
                      base:
                        - /srv/pgsalt
                    """, "0600");

            Map<String, Map<?, ?>> t = run(host, "state.apply", "pg", "test=True");
            for (String id : List.of("readers", "app", "app_scram", "fast", "app-db", "app schema", "hstore")) {
                Map<?, ?> s = state(t, id);
                assertNull(s.get("result"), id + ": " + s);
            }
            // salt/states/postgres_user.py present: "User {} is set to be {}d" in test mode.
            assertEquals("User app is set to be created", state(t, "app").get("comment"));
            assertEquals("Database app-db is set to be created", state(t, "app-db").get("comment"));
            assertEquals("", sql(host, "postgres", "SELECT rolname FROM pg_roles WHERE rolname = 'app'"),
                    "test=True created the role");

            Map<String, Map<?, ?>> first = run(host, "state.apply", "pg");
            allTrue(first);
            assertEquals(Data.map("app", "Present"), state(first, "app").get("changes"));
            assertEquals("The user app has been created", state(first, "app").get("comment"));
            assertEquals("The group readers has been created", state(first, "readers").get("comment"));
            assertEquals("The tablespace fast has been created", state(first, "fast").get("comment"));
            assertEquals("The database app-db has been created", state(first, "app-db").get("comment"));
            assertEquals("Schema app schema has been created in database app-db", state(first, "app schema").get("comment"));
            assertEquals("The extension hstore has been installed", state(first, "hstore").get("comment"));
            assertEquals(Data.map("hstore", "Installed"), state(first, "hstore").get("changes"));
            // salt/modules/postgres.py _maybe_encrypt_password: md5 of password + role by default.
            assertEquals("md5" + md5Hex("s3cretapp"), sql(host, "postgres",
                    "SELECT rolpassword FROM pg_authid WHERE rolname = 'app'"));
            assertTrue(sql(host, "postgres", "SELECT rolpassword FROM pg_authid WHERE rolname = 'app_scram'")
                    .startsWith("SCRAM-SHA-256$4096:"));
            assertEquals("readers", sql(host, "postgres", "SELECT r.rolname FROM pg_auth_members m JOIN pg_roles r "
                    + "ON m.roleid = r.oid JOIN pg_roles u ON m.member = u.oid WHERE u.rolname = 'app'"));
            assertEquals("app|fast|UTF8", sql(host, "postgres", "SELECT pg_get_userbyid(datdba), t.spcname, "
                    + "pg_encoding_to_char(encoding) FROM pg_database d JOIN pg_tablespace t ON t.oid = d.dattablespace "
                    + "WHERE datname = 'app-db'"));
            assertEquals("app schema", sql(host, "app-db",
                    "SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace "
                    + "WHERE extname = 'hstore'"));

            Map<String, Map<?, ?>> second = run(host, "state.apply", "pg");
            allTrue(second);
            assertEquals(List.of(), changed(second), "the second run changed something");
            assertEquals("User app is already present", state(second, "app").get("comment"));
            assertEquals("Schema app schema already exists in database app-db", state(second, "app schema").get("comment"));

            String[] pw = {"state.apply", "pg", "pillar={\"pgpw\": \"n3w-secret\"}"};
            Map<String, Map<?, ?>> tested = run(host, pw[0], pw[1], pw[2], "test=True");
            assertEquals(Data.map("app", Data.map("password", true)), state(tested, "app").get("changes"));
            assertEquals("User app is set to be updated", state(tested, "app").get("comment"));
            Object[] raw = call(host, pw);
            assertFalse(((String) raw[2]).contains("n3w-secret"), "the password shows in the output");
            Map<String, Map<?, ?>> changedPw = states(raw);
            assertEquals(Data.map("app", Data.map("password", true)), state(changedPw, "app").get("changes"));
            assertEquals("The user app has been updated", state(changedPw, "app").get("comment"));
            assertEquals(List.of("app"), changed(changedPw));
            assertEquals("md5" + md5Hex("n3w-secretapp"), sql(host, "postgres",
                    "SELECT rolpassword FROM pg_authid WHERE rolname = 'app'"));

            Map<String, Map<?, ?>> gone = run(host, "state.apply", "pg_absent");
            allTrue(gone);
            assertEquals(List.of("app", "app schema", "app-db", "app_scram", "fast", "hstore", "readers"),
                    changed(gone).stream().sorted().toList());
            assertEquals("Database app-db has been removed", state(gone, "app-db").get("comment"));
            assertEquals("", sql(host, "postgres", "SELECT rolname FROM pg_roles WHERE rolname IN ('app', 'readers')"));
            assertEquals("", sql(host, "postgres", "SELECT spcname FROM pg_tablespace WHERE spcname = 'fast'"));
            Map<String, Map<?, ?>> again = run(host, "state.apply", "pg_absent");
            allTrue(again);
            assertEquals(List.of(), changed(again));
            assertEquals("User app is not present, so it cannot be removed", state(again, "app").get("comment"));
        }
        assertTrue(!Files.exists(Path.of("/srv/pg_ts")), "the tablespace directory reached the machine");
    }

    /** psql -tA as the postgres user in the host: the rows, '|' between columns. */
    private static String sql(TestHost host, String db, String query) {
        TestHost.Result r = host.exec("runuser", "-u", "postgres", "--", "psql", "-X", "-tA", "-d", db, "-c", query);
        assertTrue(r.ok(), r.output());
        return r.output().strip();
    }

    private static Object[] call(TestHost host, String... fun) throws Exception {
        return host.jsaltCall("/etc/pg-test", 10, fun);
    }

    private static Map<String, Map<?, ?>> run(TestHost host, String... fun) throws Exception {
        return states(call(host, fun));
    }

    /** The state results by state ID. */
    private static Map<String, Map<?, ?>> states(Object[] r) {
        Map<?, ?> all = assertInstanceOf(Map.class, r[1], (String) r[2]);
        Map<String, Map<?, ?>> out = new TreeMap<>();
        for (Map.Entry<?, ?> e : all.entrySet()) {
            String[] parts = e.getKey().toString().split("_\\|-");
            out.put(parts[1], (Map<?, ?>) e.getValue());
        }
        return out;
    }

    private static Map<?, ?> state(Map<String, Map<?, ?>> states, String id) {
        Map<?, ?> s = states.get(id);
        assertTrue(s != null, id + " not in " + states.keySet());
        return s;
    }

    private static void allTrue(Map<String, Map<?, ?>> states) {
        states.forEach((id, s) -> assertEquals(true, s.get("result"), id + ": " + s));
    }

    private static List<String> changed(Map<String, Map<?, ?>> states) {
        List<String> out = new ArrayList<>();
        states.forEach((id, s) -> {
            if (s.get("changes") instanceof Map<?, ?> ch && !ch.isEmpty()) {
                out.add(id);
            }
        });
        return out;
    }

    private static String md5Hex(String s) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("MD5")
                .digest(s.getBytes(StandardCharsets.UTF_8)));
    }
}
