package io.jsalt.minion.grains;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jsalt.common.data.Data;
import io.jsalt.common.data.Yaml;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GrainsStoreTest {
    @TempDir
    Path dir;

    private final Supplier<Map<String, Object>> core = () -> Data.map("id", "m1", "os", "Debian", "roles", "core");

    @Test
    void grainsFileOverridesCoreAndConfigOverridesBoth() throws Exception {
        Files.writeString(dir.resolve("grains"), "os: FromFile\nroles: [db]\nextra: 1\n");
        GrainsStore s = new GrainsStore(dir.resolve("grains"), Data.map("roles", List.of("web")), core);
        assertEquals("FromFile", s.grains().get("os"));
        assertEquals(List.of("web"), s.grains().get("roles"));
        assertEquals(1L, s.grains().get("extra"));
        assertEquals("m1", s.grains().get("id"));
    }

    @Test
    void setvalPersistsAndSurvivesANewStore() {
        GrainsStore s = new GrainsStore(dir.resolve("grains"), null, core);
        assertEquals(Data.map("roles", List.of("db", "web")), s.setval("roles", List.of("db", "web"), false));
        assertEquals(List.of("db", "web"), s.grains().get("roles"));
        GrainsStore again = new GrainsStore(dir.resolve("grains"), null, core);
        assertEquals(List.of("db", "web"), again.grains().get("roles"));
    }

    @Test
    void setvalKeepsOtherKeysOfTheFileAndLeavesNoTempFiles() throws Exception {
        Files.writeString(dir.resolve("grains"), "keep: me\n");
        GrainsStore s = new GrainsStore(dir.resolve("grains"), null, core);
        s.setvals(Data.map("a", 1L, "b", Data.map("c", true)), false);
        Map<String, Object> file = Yaml.loadMap(Files.readString(dir.resolve("grains")), "grains");
        assertEquals(Data.map("keep", "me", "a", 1L, "b", Data.map("c", true)), file);
        try (var files = Files.list(dir)) {
            assertEquals(List.of(dir.resolve("grains")), files.toList());
        }
    }

    @Test
    void delvalSetsNoneAndDelkeyRemovesTheKey() {
        GrainsStore s = new GrainsStore(dir.resolve("grains"), null, core);
        s.setval("x", "1", false);
        s.delval("x");
        assertTrue(s.grains().containsKey("x"));
        assertNull(s.grains().get("x"));
        s.delkey("x");
        assertFalse(s.grains().containsKey("x"));
        assertFalse(s.fileGrains().containsKey("x"));
    }

    @Test
    void listenerHearsChangesButNotNoOpRefreshes() {
        GrainsStore s = new GrainsStore(dir.resolve("grains"), null, core);
        AtomicInteger calls = new AtomicInteger();
        List<Map<String, Object>> seen = new ArrayList<>();
        s.addListener(g -> {
            calls.incrementAndGet();
            seen.add(g);
        });
        s.refresh();
        assertEquals(0, calls.get());
        s.setval("role", "db", false);
        assertEquals(1, calls.get());
        assertEquals("db", seen.get(0).get("role"));
        s.setval("role", "db", false);
        assertEquals(1, calls.get());
    }

    @Test
    void refreshRecollectsCoreGrains() {
        AtomicInteger n = new AtomicInteger();
        GrainsStore s = new GrainsStore(dir.resolve("grains"), null, () -> Data.map("n", (long) n.incrementAndGet()));
        assertEquals(1L, s.grains().get("n"));
        s.refresh();
        assertEquals(2L, s.view().get("n"));
    }

    @Test
    void viewFollowsChangesAndIsReadOnly() {
        GrainsStore s = new GrainsStore(dir.resolve("grains"), null, core);
        Map<String, Object> view = s.view();
        s.setval("late", "yes", false);
        assertEquals("yes", view.get("late"));
        assertThrows(UnsupportedOperationException.class, () -> view.put("x", 1));
        s.setval("list", List.of("a"), false);
        @SuppressWarnings("unchecked")
        List<Object> l = (List<Object>) view.get("list");
        assertThrows(UnsupportedOperationException.class, () -> l.add("b"));
    }

    @Test
    void appendAddsToAListAndRefusesNonLists() {
        GrainsStore s = new GrainsStore(dir.resolve("grains"), null, core);
        assertEquals(Data.map("roles2", List.of("web")), s.append("roles2", "web", false));
        assertEquals("The val web was already in the list roles2", s.append("roles2", "web", false));
        assertEquals("The key os is not a valid list", s.append("os", "x", false));
        assertEquals(Data.map("os", List.of("Debian", "x")), s.append("os", "x", true));
    }

    @Test
    void badGrainsFileIsSkippedOnLoadButRefusedOnWrite() throws Exception {
        Files.writeString(dir.resolve("grains"), "a: [unclosed\n");
        GrainsStore s = new GrainsStore(dir.resolve("grains"), null, core);
        assertEquals("Debian", s.grains().get("os"));
        var e = assertThrows(RuntimeException.class, () -> s.setval("b", 1L, false));
        assertTrue(e.getMessage().startsWith("Unable to read existing grains file"), e.getMessage());
    }
}
