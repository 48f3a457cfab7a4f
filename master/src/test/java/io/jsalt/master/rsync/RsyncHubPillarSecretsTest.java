package io.jsalt.master.rsync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jsalt.common.config.Config.ConfigException;
import io.jsalt.common.data.Data;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * secrets_pillar: a module's user and password come from the pillar compiled for the
 * master's own id, the same values the minions push with (pillar/rsync_hub.sls of the
 * example fleet), as the DNS hub takes infra:hosts_entries from that pillar.
 */
class RsyncHubPillarSecretsTest {
    @TempDir
    Path tmp;

    private static Map<String, Object> pillar(String user, String password) {
        return Data.map("rsync_hub", Data.map("modules", Data.map("backups",
                Data.map("user", user, "password", password))));
    }

    private RsyncHubConfig config() {
        return RsyncHubConfig.parse(Data.map("listen", "127.0.0.1", "port", 0L, "modules", Data.map("backups",
                Data.map("path", tmp.resolve("backups").toString(), "read_only", false,
                        "hosts_allow", List.of("127.0.0.1"), "secrets_pillar", "rsync_hub:modules:backups"))));
    }

    @Test
    void theModuleTakesUserAndPasswordFromThePillarKey() {
        RsyncHubConfig.Module m = config().withPillar(pillar("backup", "from-pillar")).modules().get("backups");
        assertEquals(List.of("backup"), m.authUsers());
        assertEquals("backup:from-pillar\n", RsyncdConf.secrets(m));
        assertTrue(RsyncdConf.render(config().withPillar(pillar("backup", "x")), tmp, false)
                .contains("    auth users = backup\n"));
    }

    @Test
    void aMissingOrBadPillarValueNamesTheKey() {
        assertEquals("rsync_hub:modules:backups:secrets_pillar: pillar key rsync_hub:modules:backups is missing",
                assertThrows(ConfigException.class, () -> config().withPillar(Map.of())).getMessage());
        assertEquals("rsync_hub:modules:backups:secrets_pillar: pillar key rsync_hub:modules:backups:password"
                + " must be a non-empty string",
                assertThrows(ConfigException.class, () -> config().withPillar(pillar("backup", ""))).getMessage());
        assertEquals("rsync_hub:modules:backups:secrets_pillar: pillar key rsync_hub:modules:backups:user must be"
                + " a user name (letters, digits, _ . @ -)",
                assertThrows(ConfigException.class, () -> config().withPillar(pillar("a b", "x"))).getMessage());
        assertEquals("pillar key rsync_hub:modules:backups:password must be on one line",
                assertThrows(ConfigException.class, () -> config().withPillar(pillar("backup", "a\nb"))).getMessage());
        assertEquals("rsync_hub:modules:backups:secrets_pillar must be a pillar key (a:b:c), got 'a b'",
                assertThrows(ConfigException.class, () -> RsyncHubConfig.parse(Data.map("modules", Data.map("backups",
                        Data.map("path", "/b", "secrets_pillar", "a b"))))).getMessage());
    }

    /** The real daemon on 127.0.0.1: a push with the pillar's password works, and a new password replaces it. */
    @Test
    void theRunningHubFollowsThePillarAndKeepsTheLastGoodSecrets() throws Exception {
        AtomicReference<Map<String, Object>> current = new AtomicReference<>(pillar("backup", "first-pw"));
        ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor();
        try (RsyncHub hub = new RsyncHub(config(), tmp.resolve("cache"), worker, current::get).start()) {
            Path secrets = RsyncdConf.secretsFile(tmp.resolve("cache/rsync"), "backups");
            assertEquals("backup:first-pw\n", Files.readString(secrets));
            assertEquals(0, push(hub.port(), "first-pw"));

            current.set(pillar("backup", "second-pw"));
            assertEquals(List.of(), hub.refresh());
            assertEquals("backup:second-pw\n", Files.readString(secrets));
            assertEquals(0, push(hub.port(), "second-pw"));
            assertEquals(5, push(hub.port(), "first-pw"), "rsync's exit status for a refused password");

            // A pillar without the key keeps the secrets read last, and says why.
            current.set(Map.of());
            assertEquals(List.of("rsync_hub:modules:backups:secrets_pillar: pillar key rsync_hub:modules:backups"
                    + " is missing"), hub.refresh());
            assertEquals("backup:second-pw\n", Files.readString(secrets));
            assertEquals(hub.refresh(), hub.status().get("pillar_errors"));
        } finally {
            worker.shutdownNow();
        }
    }

    private int push(int port, String password) throws Exception {
        Path src = Files.createDirectories(tmp.resolve("src"));
        Files.writeString(src.resolve("f"), password);
        ProcessBuilder pb = new ProcessBuilder("rsync", "--contimeout=10", "-r", src + "/",
                "rsync://backup@127.0.0.1:" + port + "/backups/").redirectErrorStream(true);
        pb.environment().put("RSYNC_PASSWORD", password);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), out);
        return p.exitValue();
    }
}
