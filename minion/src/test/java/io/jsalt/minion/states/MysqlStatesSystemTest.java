package io.jsalt.minion.states;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jsalt.common.data.Data;
import io.jsalt.minion.testhost.TestHost;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * mysql_database, mysql_user and mysql_grants against a real MariaDB in a throwaway test
 * host, installed and started by the pkg and service states when missing. Slow (a server
 * package from Debian's archive, fetched into the host's apt cache first): only with
 * -Djsalt.systemTests=true.
 */
@EnabledIfSystemProperty(named = "jsalt.systemTests", matches = "true")
class MysqlStatesSystemTest {
    @Test
    void databaseUserAndGrantTimelines() throws Exception {
        assumeTrue(Files.exists(Path.of("/etc/debian_version")), "needs Debian");
        try (TestHost host = TestHost.create("mysql-states")) {
            try (HostHarness boot = new HostHarness(host, "/tmp/boot")) {
                if ("".equals(boot.exec("pkg.version", "name", "mariadb-server"))) {
                    host.fetch("mariadb-server");
                    // No refresh: the host has no network; fetch brought the lists it needed.
                    Map<String, Object> r = boot.apply("pkg.installed", "name", "mariadb-server", "refresh", false);
                    assertEquals(true, r.get("result"), r.toString());
                }
            }
            // A fresh harness: the mysql module needs the client the package just brought.
            try (HostHarness h = new HostHarness(host, "/tmp/h")) {
                assertEquals(true, h.apply("service.running", "name", "mariadb").get("result"));
                run(h);
            }
        }
        assertTrue(!Files.exists(Path.of("/etc/mysql/mariadb.conf.d")), "MariaDB reached the machine");
    }

    private static void run(HostHarness h) {
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
