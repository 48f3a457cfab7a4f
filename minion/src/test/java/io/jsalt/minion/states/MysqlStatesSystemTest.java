package io.jsalt.minion.states;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jsalt.common.data.Data;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * mysql_database, mysql_user and mysql_grants against a real MariaDB, installed and started
 * by the pkg and service states when missing (and purged again afterwards). Slow (a server
 * package from Debian's archive): only with -Djsalt.systemTests=true, as root.
 */
@EnabledIfSystemProperty(named = "jsalt.systemTests", matches = "true")
class MysqlStatesSystemTest {
    @TempDir
    Path dir;

    @Test
    void databaseUserAndGrantTimelines() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root");
        assumeTrue(Files.exists(Path.of("/etc/debian_version")), "needs Debian");
        StateHarness boot = new StateHarness(dir);
        boolean had = !"".equals(boot.exec("pkg.version", "name", "mariadb-server"));
        try {
            if (!had) {
                Map<String, Object> r = boot.apply("pkg.installed", "name", "mariadb-server", "refresh", true);
                assertEquals(true, r.get("result"), r.toString());
            }
            // A fresh harness: the mysql module needs the client the package just brought.
            StateHarness h = new StateHarness(dir.resolve("h"));
            assertEquals(true, h.apply("service.running", "name", "mariadb").get("result"));
            run(h);
        } finally {
            if (!had) {
                boot.apply("service.dead", "name", "mariadb");
                boot.apply("pkg.purged", "pkgs", java.util.List.of("mariadb-server", "mariadb-client",
                        "mariadb-server-core", "mariadb-client-core"), "name", "mariadb");
            }
        }
    }

    private static void run(StateHarness h) {
        Map<String, Object> t = h.test("mysql_database.present", "name", "jsalt_test");
        assertNull(t.get("result"));
        Map<String, Object> r = h.apply("mysql_database.present", "name", "jsalt_test", "character_set", "utf8mb4",
                "collate", "utf8mb4_unicode_ci");
        assertEquals("The database jsalt_test has been created", r.get("comment"), r.toString());
        assertEquals(Data.map("jsalt_test", "Present"), r.get("changes"));
        r = h.apply("mysql_database.present", "name", "jsalt_test", "character_set", "utf8mb4",
                "collate", "utf8mb4_unicode_ci");
        assertEquals("Database jsalt_test is already present", r.get("comment"));

        r = h.apply("mysql_user.present", "name", "jsalt_app", "host", "localhost", "password", "s3cret");
        assertEquals("The user jsalt_app@localhost has been added", r.get("comment"), r.toString());
        r = h.apply("mysql_user.present", "name", "jsalt_app", "host", "localhost", "password", "s3cret");
        assertEquals("User jsalt_app@localhost is already present with the desired password", r.get("comment"));
        r = h.apply("mysql_user.present", "name", "jsalt_app", "host", "localhost", "password", "n3w");
        assertEquals("Password for user jsalt_app@localhost has been changed", r.get("comment"), r.toString());

        Object[] g = {"name", "app_grants", "grant", "select,insert", "database", "jsalt_test.*", "user", "jsalt_app",
            "host", "localhost"};
        t = h.test("mysql_grants.present", g);
        assertEquals("MySQL grant app_grants is set to be created", t.get("comment"));
        r = h.apply("mysql_grants.present", g);
        assertEquals("Grant select,insert on jsalt_test.* to jsalt_app@localhost has been added", r.get("comment"),
                r.toString());
        r = h.apply("mysql_grants.present", g);
        assertEquals("Grant select,insert on jsalt_test.* to jsalt_app@localhost is already present", r.get("comment"));

        assertEquals("Grant select,insert on jsalt_test.* to jsalt_app@localhost has been revoked",
                h.apply("mysql_grants.absent", g).get("comment"));
        assertEquals("User jsalt_app@localhost has been removed",
                h.apply("mysql_user.absent", "name", "jsalt_app", "host", "localhost").get("comment"));
        assertEquals("Database jsalt_test has been removed",
                h.apply("mysql_database.absent", "name", "jsalt_test").get("comment"));
        assertEquals("Database jsalt_test is not present, so it cannot be removed",
                h.apply("mysql_database.absent", "name", "jsalt_test").get("comment"));
    }
}
