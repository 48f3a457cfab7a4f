package io.jsalt.minion.modules;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jsalt.common.data.Data;
import io.jsalt.common.plugin.Call;
import io.jsalt.common.plugin.InvocationError;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RsyncModuleTest {
    @TempDir
    Path dir;

    private Call call(Map<String, Object> opts, Map<String, Object> pillar, Map<String, Object> kwargs) {
        TestMinion m = new TestMinion(dir, opts, TestMinion::fakeCore);
        return new Call(m.ctx().withPillar(pillar), "rsync.push", new ArrayList<>(), new LinkedHashMap<>(kwargs), null);
    }

    @Test
    void hubIsTheMasterOnPort873UnlessConfigured() {
        Call c = call(Data.map("master", "salt.fleet.internal"), Map.of(), Map.of());
        assertEquals("rsync://salt.fleet.internal:873/backups/web1/", RsyncModule.hubUrl(c, "backups", "web1/"));
        Call configured = call(Data.map("master", "m", "rsync_hub", Data.map("host", "::1", "port", 8873L)), Map.of(), Map.of());
        assertEquals("rsync://[::1]:8873/shared/", RsyncModule.hubUrl(configured, "shared", ""));
    }

    @Test
    void credentialsComeFromPillarPerModuleBeforeTheDefaultAndArgumentsWin() {
        Map<String, Object> pillar = Data.map("rsync_hub", Data.map("user", "fleet", "password", "p1",
                "modules", Data.map("backups", Data.map("user", "backup", "password", "p2"))));
        Call c = call(Data.map("master", "m"), pillar, Map.of());
        assertArrayEquals(new String[] {"backup", "p2"}, RsyncModule.credentials(c, "backups"));
        assertArrayEquals(new String[] {"fleet", "p1"}, RsyncModule.credentials(c, "shared"));
        assertEquals("rsync://backup@m:873/backups/x", RsyncModule.hubUrl(c, "backups", "/x"));
        Call explicit = call(Data.map("master", "m"), pillar, Map.of("user", "u", "password", "p3"));
        assertArrayEquals(new String[] {"u", "p3"}, RsyncModule.credentials(explicit, "backups"));
    }

    @Test
    void moduleNamesCannotSmuggleAPath() {
        Call c = call(Data.map("master", "m"), Map.of(), Map.of());
        assertThrows(InvocationError.class, () -> RsyncModule.hubUrl(c, "../etc", ""));
    }

    @Test
    void genericRsyncCopiesWithTheRealClient() throws Exception {
        Path src = Files.createDirectories(dir.resolve("src"));
        Files.writeString(src.resolve("a.txt"), "a\n");
        Files.writeString(src.resolve("skip.log"), "x\n");
        TestMinion m = new TestMinion(dir);
        TestMinion.Result r = m.run("rsync.rsync", List.of(src + "/", dir.resolve("dst") + "/"),
                Map.of("exclude", "*.log"));
        assertEquals(0L, Data.get(r.value(), "retcode", null), String.valueOf(r.value()));
        assertEquals("a\n", Files.readString(dir.resolve("dst/a.txt")));
        assertTrue(!Files.exists(dir.resolve("dst/skip.log")));
    }

    @Test
    void failedTransferSetsTheJobRetcode() {
        TestMinion m = new TestMinion(dir);
        TestMinion.Result r = m.run("rsync.rsync", List.of(dir.resolve("missing") + "/", dir.resolve("dst") + "/"), Map.of());
        assertEquals(23, r.retcode());
        assertTrue(String.valueOf(Data.get(r.value(), "stderr", "")).contains("No such file"), String.valueOf(r.value()));
    }

    @Test
    void versionIsTheClientsVersionNumber() {
        assertTrue(String.valueOf(new TestMinion(dir).call("rsync.version")).matches("\\d+\\.\\d+\\.\\d+.*"));
    }
}
