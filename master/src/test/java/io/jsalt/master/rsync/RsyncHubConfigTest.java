package io.jsalt.master.rsync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jsalt.common.config.Config.ConfigException;
import io.jsalt.common.data.Data;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RsyncHubConfigTest {
    private static Map<String, Object> hub(Map<String, Object> module) {
        return Data.map("port", 873L, "modules", Data.map("backups", module));
    }

    @Test
    void rendersModulesWithSecretsFileAndNoChrootWithoutRoot() {
        RsyncHubConfig c = RsyncHubConfig.parse(hub(Data.map("path", "/srv/backups", "read_only", false,
                "comment", "Fleet backups", "auth_users", List.of("backup"), "secrets", Map.of("backup", "pw"),
                "hosts_allow", List.of("10.0.0.0/8", "127.0.0.1"), "max_connections", 4L)));
        String conf = RsyncdConf.render(c, Path.of("/cache/rsync"), false);
        assertTrue(conf.contains("""
                [backups]
                    path = /srv/backups
                    comment = Fleet backups
                    read only = no
                    auth users = backup
                    secrets file = /cache/rsync/secrets/backups.secrets
                    hosts allow = 10.0.0.0/8 127.0.0.1
                    use chroot = no
                    refuse options = D devices specials chown usermap groupmap
                    incoming chmod = ug-s
                    max connections = 4
                """), conf);
        assertTrue(conf.contains("reverse lookup = no"));
        assertEquals("backup:pw\n", RsyncdConf.secrets(c.modules().get("backups")));
    }

    @Test
    void asRootModulesChrootAndWriteAsNobodyUnlessSet() {
        RsyncHubConfig c = RsyncHubConfig.parse(hub(Data.map("path", "/srv/b", "uid", "backup")));
        String conf = RsyncdConf.render(c, Path.of("/c"), true);
        assertTrue(conf.contains("    use chroot = yes\n"), conf);
        assertTrue(conf.contains("    gid = " + RsyncdConf.defaultGid() + "\n") && conf.contains("    uid = backup\n")
                && !conf.contains("uid = 0") && !conf.contains("gid = 0"), conf);
        assertTrue(conf.contains("    read only = yes\n"), "read only unless said otherwise");
        String plain = RsyncdConf.render(RsyncHubConfig.parse(hub(Data.map("path", "/srv/b"))), Path.of("/c"), true);
        assertTrue(plain.contains("    uid = nobody\n"), plain);
    }

    @Test
    void aModulesOwnRefusalsAndChmodAddToTheSafeOnes() {
        RsyncHubConfig c = RsyncHubConfig.parse(hub(Data.map("path", "/srv/b", "refuse_options", "delete",
                "incoming_chmod", "Fo-w")));
        String conf = RsyncdConf.render(c, Path.of("/c"), true);
        assertTrue(conf.contains("    refuse options = D devices specials chown usermap groupmap delete\n"), conf);
        assertTrue(conf.contains("    incoming chmod = Fo-w,ug-s\n"), conf);
    }

    @Test
    void allowRootGivesTheOldBehaviourWithRootsIdsAndNothingRefused() {
        RsyncHubConfig c = RsyncHubConfig.parse(hub(Data.map("path", "/srv/b", "allow_root", true)));
        String conf = RsyncdConf.render(c, Path.of("/c"), true);
        assertTrue(conf.contains("    uid = 0\n") && conf.contains("    gid = 0\n"), conf);
        assertTrue(!conf.contains("refuse options") && !conf.contains("incoming chmod"), conf);
        assertEquals("rsync_hub:modules:backups:allow_root must be true or false, got 'yes'",
                assertThrows(ConfigException.class, () -> RsyncHubConfig.parse(hub(Data.map("path", "/b",
                        "allow_root", "yes")))).getMessage());
    }

    @Test
    void authUsersDefaultToTheUsersWithSecrets() {
        RsyncHubConfig c = RsyncHubConfig.parse(hub(Data.map("path", "/srv/b", "secrets", Data.map("a", "1", "b", "2"))));
        assertEquals(List.of("a", "b"), c.modules().get("backups").authUsers());
    }

    @Test
    void badValuesAreRefusedNamingTheKey() {
        assertEquals("rsync_hub:modules:backups:auth_users: 'eve' has no password in rsync_hub:modules:backups:secrets",
                assertThrows(ConfigException.class, () -> RsyncHubConfig.parse(hub(Data.map("path", "/b",
                        "auth_users", List.of("eve"))))).getMessage());
        assertEquals("rsync_hub:modules:backups:path must be an absolute directory, got 'rel'",
                assertThrows(ConfigException.class, () -> RsyncHubConfig.parse(hub(Data.map("path", "rel")))).getMessage());
        assertEquals("rsync_hub:modules:backups:comment must be on one line",
                assertThrows(ConfigException.class, () -> RsyncHubConfig.parse(hub(Data.map("path", "/b",
                        "comment", "x\n[evil]\npath = /")))).getMessage());
        assertThrows(ConfigException.class, () -> RsyncHubConfig.parse(Data.map("modules",
                Data.map("a b", Data.map("path", "/b")))));
        assertThrows(ConfigException.class, () -> RsyncHubConfig.parse(hub(Data.map("path", "/b", "secrets_file", "/x"))));
        assertThrows(ConfigException.class, () -> RsyncHubConfig.parse(Data.map("port", "873")));
    }
}
