package io.jsalt.minion.modules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jsalt.common.data.Data;
import io.jsalt.common.data.Yaml;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GrainsModuleTest extends TestMinionCase {
    @Test
    void getWalksNestedKeysWithDefaultAndDelimiter() {
        assertEquals("apache2", m.call("grains.get", "pkg:apache"));
        assertEquals("", m.call("grains.get", "pkg:nginx"));
        assertEquals("none", m.call("grains.get", "pkg:nginx", "none"));
        assertEquals("apache2", m.callKw("grains.get", List.of("pkg|apache"), "delimiter", "|"));
        assertEquals("web", m.call("grains.get", "roles:0"));
    }

    @Test
    void setvalPersistsToTheGrainsFileAndIsVisibleAtOnce() throws Exception {
        assertEquals(Data.map("role", "db"), m.call("grains.setval", "role", "db"));
        assertEquals("db", m.call("grains.get", "role"));
        Map<String, Object> file = Yaml.loadMap(Files.readString(dir.resolve("grains")), "grains");
        assertEquals(Data.map("role", "db"), file);
        TestMinion restarted = new TestMinion(dir);
        assertEquals("db", restarted.call("grains.get", "role"));
    }

    @Test
    void setvalsRequiresADictionary() {
        var e = org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class,
                () -> m.call("grains.setvals", "notadict"));
        assertEquals("setvals grains must be a dictionary.", e.getMessage());
    }

    @Test
    void appendCreatesExtendsAndRefusesDuplicates() {
        assertEquals(Data.map("roles", List.of("web", "db")), m.call("grains.append", "roles", "db"));
        assertEquals("The val db was already in the list roles", m.call("grains.append", "roles", "db"));
        assertEquals("The key os is not a valid list", m.call("grains.append", "os", "x"));
        assertEquals(Data.map("apps", Data.map("ports", List.of(80L))), m.call("grains.append", "apps:ports", 80L));
    }

    @Test
    void delvalKeepsTheKeyAndDelkeyRemovesIt() {
        m.call("grains.setval", "tmp", "x");
        Map<?, ?> r = (Map<?, ?>) m.call("grains.delval", "tmp");
        assertEquals(true, r.get("result"));
        assertEquals(Data.map("tmp", null), r.get("changes"));
        assertTrue((Boolean) m.call("grains.has_value", "tmp"));
        m.call("grains.delkey", "tmp");
        assertFalse((Boolean) m.call("grains.has_value", "tmp"));
    }

    @Test
    void setRefusesToOverwriteAListWithoutForce() {
        Map<?, ?> r = (Map<?, ?>) m.call("grains.set", "roles", "x");
        assertEquals(false, r.get("result"));
        assertEquals("The key 'roles' exists but is a dict or a list. Use 'force=True' to overwrite.", r.get("comment"));
        Map<?, ?> nested = (Map<?, ?>) m.call("grains.set", "apps:myApp:port", 2209L);
        assertEquals(Data.map("apps", Data.map("myApp", Data.map("port", 2209L))), nested.get("changes"));
    }

    @Test
    void itemItemsAndLs() {
        assertEquals(Data.map("os", "Debian", "nope", "-"), m.callKw("grains.item", List.of("os", "nope"), "default", "-"));
        assertEquals("MINION.DOMAINNAME", ((Map<?, ?>) m.callKw("grains.items", List.of(), "sanitize", true)).get("fqdn"));
        List<?> ls = (List<?>) m.call("grains.ls");
        assertEquals(List.of("fqdn", "host", "id", "os", "os_family", "osmajorrelease", "pkg", "roles"), ls);
    }

    @Test
    void filterByMatchesTheGrainWithGlobsMergeAndBase() {
        Map<String, Object> lookup = Data.map(
                "Deb*", Data.map("pkg", "apache2", "conf", Data.map("a", 1L)),
                "RedHat", Data.map("pkg", "httpd"),
                "common", Data.map("user", "www", "conf", Data.map("b", 2L)));
        assertEquals(Data.map("user", "www", "conf", Data.map("b", 2L, "a", 1L), "pkg", "apache2"),
                m.callKw("grains.filter_by", List.of(lookup), "base", "common"));
        assertEquals(Data.map("pkg", "httpd", "user", "me"),
                m.callKw("grains.filter_by", List.of(lookup), "grain", "id", "default", "RedHat",
                        "merge", Data.map("user", "me")));
        assertEquals(Data.map("pkg", "apache2"), m.callKw("grains.filter_by",
                List.of(Data.map("web", Data.map("pkg", "apache2"))), "grain", "roles"));
        assertEquals(null, m.callKw("grains.filter_by", List.of(Data.map("x", 1L)), "grain", "os"));
    }
}
