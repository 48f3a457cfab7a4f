package io.jsalt.master.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jsalt.common.data.Yaml;
import io.jsalt.common.files.FileClient;
import io.jsalt.common.transport.RequestMethod;
import io.jsalt.minion.Minion;
import io.jsalt.minion.files.RemoteFileClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Pillar and salt:// against a real master and real minions over TLS. */
class PillarAndFilesIT extends FleetCase {
    private Path pillarRoot;
    private Path fileRoot;

    @BeforeEach
    void start() throws Exception {
        pillarRoot = tmp.resolve("pillar");
        fileRoot = tmp.resolve("salt");
        write(pillarRoot, "top.sls", "base:\n  '*':\n    - common\n  alpha:\n    - alpha\n  beta:\n    - beta\n");
        write(pillarRoot, "common.sls", "domain: example.org\n");
        write(pillarRoot, "alpha.sls", "role: web\nsecret: alpha-secret\n");
        write(pillarRoot, "beta.sls", "role: db\nsecret: beta-secret\n");
        write(fileRoot, "motd", "hello\n");
        write(fileRoot, "redis/init.sls", "include:\n  - .conf\nredis:\n  pkg.installed: []\n");
        write(fileRoot, "redis/conf.sls", "{% from 'redis/map.jinja' import port %}redis-conf:\n  file.managed:\n"
                + "    - name: /etc/redis.conf\n    - contents: 'port {{ port }} {{ pillar.role }}'\n");
        write(fileRoot, "redis/map.jinja", "{% set port = 6379 %}\n");
        fleet = new TestFleet(tmp).startMaster(o -> {
            o.put("pillar_roots", Map.of("base", List.of(pillarRoot.toString())));
            o.put("file_roots", Map.of("base", List.of(fileRoot.toString())));
        });
    }

    private static Object request(Minion m, RequestMethod method, Map<String, Object> args) throws Exception {
        return m.connection().request(method, args, 10_000).get(15, TimeUnit.SECONDS);
    }

    @Test
    void eachMinionGetsOnlyItsOwnPillarEvenWithACraftedRequest() throws Exception {
        Minion alpha = fleet.acceptedMinion("alpha", Map.of());
        fleet.acceptedMinion("beta", Map.of());
        TestFleet.await(() -> "web".equals(alpha.pillar().current().get("role")), "alpha's pillar at start");

        assertEquals(Yaml.load("{domain: example.org, role: web, secret: alpha-secret}", "x"),
                call("alpha", "pillar.items", List.of()));
        assertEquals("beta-secret", call("beta", "pillar.get", List.of("secret")));

        Map<String, Object> crafted = new LinkedHashMap<>();
        crafted.put("id", "beta");
        crafted.put("minion_id", "beta");
        crafted.put("tgt", "beta");
        Object got = request(alpha, RequestMethod.PILLAR_ITEMS, crafted);
        assertEquals("alpha-secret", ((Map<?, ?>) got).get("secret"));
        assertFalse(got.toString().contains("beta-secret"));
    }

    @Test
    void editedPillarFileAppliesAtNextRefreshAndRetargets() throws Exception {
        Minion alpha = fleet.acceptedMinion("alpha", Map.of());
        TestFleet.await(() -> "web".equals(alpha.pillar().current().get("role")), "alpha's pillar at start");
        assertEquals(Map.of("alpha", true), cli().ping("role:web", "pillar").returns());

        write(pillarRoot, "alpha.sls", "role: cache\nsecret: rotated\n");
        assertEquals("web", call("alpha", "pillar.get", List.of("role")), "held pillar until a refresh");
        assertEquals(true, call("alpha", "saltutil.refresh_pillar", List.of()));
        assertEquals("cache", call("alpha", "pillar.get", List.of("role")));
        assertEquals(Map.of("alpha", true), cli().ping("role:cache", "pillar").returns());
        assertTrue(cli().ping("role:web", "pillar").returns().isEmpty());
    }

    @Test
    void cachedFileIsRefetchedOnlyWhenItChanges() throws Exception {
        Minion alpha = fleet.acceptedMinion("alpha", Map.of());
        RemoteFileClient files = (RemoteFileClient) alpha.context().service(FileClient.class);
        String cached = (String) call("alpha", "cp.cache_file", List.of("salt://motd"));
        assertEquals("hello\n", Files.readString(Path.of(cached)));
        assertEquals(1, files.fetches());

        call("alpha", "cp.cache_file", List.of("salt://motd"));
        Path dest = tmp.resolve("out/motd");
        assertEquals(dest.toString(), call("alpha", "cp.get_file", List.of("salt://motd", dest.toString(), "base", true)));
        assertEquals(1, files.fetches(), "unchanged file is served from the cache");

        write(fileRoot, "motd", "changed\n");
        call("alpha", "cp.cache_file", List.of("salt://motd"));
        assertEquals(2, files.fetches());
        assertEquals("changed\n", Files.readString(Path.of(cached)));
        assertEquals("", call("alpha", "cp.get_file", List.of("salt://nosuch", dest.toString())));
        assertEquals(List.of("motd", "redis/conf.sls", "redis/init.sls", "redis/map.jinja"),
                call("alpha", "cp.list_master", List.of()));
        assertEquals(List.of("redis"), call("alpha", "cp.list_master_dirs", List.of()));
        assertEquals("sha256", ((Map<?, ?>) call("alpha", "cp.hash_file", List.of("salt://motd"))).get("hash_type"));
    }

    /**
     * A state run takes a file.managed source of its state tree by the hash the run's listing
     * gave (no file.hash request per file), and the next run lists the tree again: an edit on
     * the master reaches the managed file at the next run, as with Salt's hash check.
     */
    @Test
    void aManagedFileOfTheStateTreeFollowsTheMastersEditsRunByRun() throws Exception {
        Minion alpha = fleet.acceptedMinion("alpha", Map.of());
        RemoteFileClient files = (RemoteFileClient) alpha.context().service(FileClient.class);
        Path out = tmp.resolve("out/managed");
        write(fileRoot, "managed.sls", "managed:\n  file.managed:\n    - name: " + out
                + "\n    - source: salt://motd\n    - makedirs: True\n");
        call("alpha", "state.apply", List.of("managed"));
        assertEquals("hello\n", Files.readString(out));
        long fetched = files.fetches();

        call("alpha", "state.apply", List.of("managed"));
        assertEquals(fetched, files.fetches(), "an unchanged tree is not fetched again");
        write(fileRoot, "motd", "changed\n");
        call("alpha", "state.apply", List.of("managed"));
        assertEquals("changed\n", Files.readString(out));
        assertEquals(fetched + 1, files.fetches());
    }

    @Test
    void fileServerRefusesEveryWayOutOfTheRoots() throws Exception {
        Minion alpha = fleet.acceptedMinion("alpha", Map.of());
        Files.writeString(tmp.resolve("outside"), "secret");
        Files.createSymbolicLink(fileRoot.resolve("escape"), tmp.resolve("outside"));
        for (String bad : List.of("../outside", "/etc/passwd", "redis/..%2f..%2foutside", "redis%2F..%2F..%2Foutside",
                "redis\\..\\..\\outside", "escape")) {
            for (RequestMethod method : List.of(RequestMethod.FILE_GET, RequestMethod.FILE_HASH)) {
                Map<String, Object> args = new LinkedHashMap<>();
                args.put("saltenv", "base");
                args.put("path", bad);
                ExecutionException e = assertThrows(ExecutionException.class, () -> request(alpha, method, args),
                        method + " " + bad);
                assertTrue(e.getCause().getMessage().startsWith("refusing path"), e.getCause().getMessage());
            }
        }
        assertFalse(((List<?>) call("alpha", "cp.list_master", List.of())).contains("escape"));
    }

    @Test
    void showSlsRendersWithFilesFromTheMasterAndPillar() throws Exception {
        Minion alpha = fleet.acceptedMinion("alpha", Map.of());
        TestFleet.await(() -> "web".equals(alpha.pillar().current().get("role")), "alpha's pillar at start");
        Object high = call("alpha", "state.show_sls", List.of("redis"));
        assertEquals(Yaml.load("""
                redis:
                  pkg: [installed, {order: 10001}]
                  __sls__: redis
                  __env__: base
                redis-conf:
                  file: [{name: /etc/redis.conf}, {contents: port 6379 web}, managed, {order: 10000}]
                  __sls__: redis.conf
                  __env__: base
                  __sls_included_from__: [redis]
                """, "x"), high);
    }
}
