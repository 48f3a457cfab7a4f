package io.jsalt.minion.modules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jsalt.common.data.Data;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SaltutilModuleTest {
    @TempDir
    Path dir;
    TestMinion m;
    Map<String, Object> job = Data.map("jid", "20240101120000123456", "fun", "test.sleep", "arg", List.of(60L),
            "pid", 4242L, "tgt", "*", "tgt_type", "glob", "user", "root");

    @BeforeEach
    void setUp() {
        m = new TestMinion(dir);
        m.jobs.jobs.add(job);
    }

    @Test
    void runningAndFindJobShowTheJobsData() {
        assertEquals(List.of(job), m.call("saltutil.running"));
        assertEquals(job, m.call("saltutil.find_job", "20240101120000123456"));
        assertEquals(Map.of(), m.call("saltutil.find_job", "1"));
    }

    @Test
    void killJobKillsAndReportsAsSalt() {
        assertEquals("Signal 9 sent to job 20240101120000123456 at pid 4242",
                m.call("saltutil.kill_job", "20240101120000123456"));
        assertEquals(List.of("20240101120000123456"), m.jobs.killed);
        assertEquals("", m.call("saltutil.kill_job", "20240101120000123456"));
    }

    @Test
    void refreshGrainsRereadsTheFileAndNotifiesListeners() throws Exception {
        List<Map<String, Object>> heard = new ArrayList<>();
        m.grains.addListener(heard::add);
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("grains"), "role: edited-by-hand\n");
        assertEquals(true, m.call("saltutil.refresh_grains"));
        assertEquals("edited-by-hand", m.call("grains.get", "role"));
        assertEquals(1, heard.size());
    }

    @Test
    void syncFunctionsHaveNothingToSyncWhereNoCustomModulesRun() {
        Map<?, ?> all = (Map<?, ?>) m.call("saltutil.sync_all");
        assertTrue(all.containsKey("modules") && all.containsKey("grains") && all.containsKey("states"));
        assertTrue(all.values().stream().allMatch(v -> ((List<?>) v).isEmpty()));
        assertEquals(List.of(), m.call("saltutil.sync_grains"));
    }
}
