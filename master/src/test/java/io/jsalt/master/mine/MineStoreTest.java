package io.jsalt.master.mine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jsalt.common.data.Data;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MineStoreTest {
    @TempDir
    Path dir;

    private final BiFunction<String, String, List<String>> noTargets = (t, tt) -> List.of();

    private MineStore store() {
        return new MineStore(dir, Runnable::run);
    }

    @Test
    void updatesMergeUnlessClearReplaces() {
        MineStore s = store();
        s.store("web1", Map.of("a", 1L), false);
        s.store("web1", Map.of("b", 2L), false);
        assertEquals(Map.of("a", 1L, "b", 2L), s.of("web1"));
        s.store("web1", Map.of("c", 3L), true);
        assertEquals(Map.of("c", 3L), s.of("web1"));
    }

    @Test
    void getWithOneFunctionIsByMinionAndWithSeveralByFunction() {
        MineStore s = store();
        s.store("web1", Data.map("ip", "10.0.0.1", "os", "Debian"), false);
        s.store("web2", Data.map("ip", "10.0.0.2"), false);
        List<String> both = List.of("web1", "web2");
        assertEquals(Map.of("web1", "10.0.0.1", "web2", "10.0.0.2"), s.get(both, "ip", null, noTargets));
        assertEquals(Map.of("ip", Map.of("web1", "10.0.0.1", "web2", "10.0.0.2"), "os", Map.of("web1", "Debian")),
                s.get(both, "ip,os", null, noTargets));
        assertEquals(Map.of("ip", Map.of("web2", "10.0.0.2")), s.get(List.of("web2"), List.of("ip"), null, noTargets));
        assertEquals(Map.of(), s.get(both, "nosuch", null, noTargets));
    }

    @Test
    void aclLetsOnlyTheAllowedMinionsReadButTheMasterReadsAll() {
        MineStore s = store();
        s.store("db1", Map.of("secret", Data.map("__data__", "pw", "__saltmine_acl__", 1L,
                "allow_tgt", "web*", "allow_tgt_type", "glob")), false);
        BiFunction<String, String, List<String>> targets = (t, tt) -> t.equals("web*") ? List.of("web1") : List.of();
        assertEquals(Map.of("db1", "pw"), s.get(List.of("db1"), "secret", "web1", targets));
        assertEquals(Map.of(), s.get(List.of("db1"), "secret", "mail1", targets));
        assertEquals(Map.of("db1", "pw"), s.get(List.of("db1"), "secret", null, targets));
    }

    @Test
    void deleteFlushAndForget() {
        MineStore s = store();
        s.store("web1", Data.map("a", 1L, "b", 2L), false);
        s.delete("web1", "a");
        assertEquals(Map.of("b", 2L), s.of("web1"));
        s.forget("web1");
        assertTrue(s.of("web1").isEmpty());
        assertFalse(Files.exists(dir.resolve("mine/web1.pb")));
    }

    @Test
    void mineSurvivesARestartForAcceptedMinionsOnly() {
        MineStore s = store();
        s.store("web1", Map.of("a", 1L), false);
        s.store("gone", Map.of("a", 2L), false);
        MineStore again = store();
        again.load(Set.of("web1"));
        assertEquals(Map.of("a", 1L), again.of("web1"));
        assertTrue(again.of("gone").isEmpty());
        assertFalse(Files.exists(dir.resolve("mine/gone.pb")), "files of minions without a key are removed");
    }
}
