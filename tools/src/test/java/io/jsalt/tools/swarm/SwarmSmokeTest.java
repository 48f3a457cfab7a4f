package io.jsalt.tools.swarm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jsalt.common.Shutdown;
import io.jsalt.common.config.Config;
import io.jsalt.master.it.Cli;
import io.jsalt.master.it.TestFleet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * jsalt-swarm against a real master: 200 simulated minions, each with its own key and TLS
 * connection, all answer a ping and exactly the right ones a grain-targeted job. Checks
 * correctness, not speed.
 */
class SwarmSmokeTest {
    private static final int N = 200;

    @TempDir
    Path tmp;

    private TestFleet fleet;
    private Swarm swarm;

    @AfterEach
    void stop() {
        Shutdown.inOrder(swarm, fleet);
    }

    private Cli cli() {
        return new Cli(fleet.sockDir());
    }

    private Config swarmConfig() throws Exception {
        Path conf = tmp.resolve("swarm-conf");
        Files.createDirectories(conf);
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("master", "127.0.0.1");
        o.put("master_port", (long) fleet.master().port());
        o.put("root_dir", tmp.resolve("swarm-root").toString());
        o.put("acceptance_wait_time", 1L);
        o.put("recon_default", 100L);
        o.put("recon_max", 500L);
        return Config.of(Config.Role.MINION, conf, o);
    }

    private Swarm startSwarm(Config cfg) throws Exception {
        swarm = new Swarm(cfg, new Swarm.Options(N, "ms-", null, 2000, 2)).start();
        assertTrue(swarm.awaitConnected(N, Duration.ofSeconds(30)),
                "only " + swarm.connected() + "/" + N + " connected; last problem: " + swarm.lastProblem());
        TestFleet.await(() -> fleet.master().minions().connectedIds().size() == N, "master sees all " + N);
        assertEquals(0, swarm.failedAuths(), "auto_accept admits every key at once");
        return swarm;
    }

    @Test
    void everySimulatedMinionAnswersAndGrainTargetingPicksExactlyTheRightOnes() throws Exception {
        fleet = new TestFleet(tmp).startMaster(o -> o.put("auto_accept", true));
        Config cfg = swarmConfig();
        startSwarm(cfg);
        assertEquals(N, swarm.keysCreated());
        List<String> ids = swarm.ids();
        assertEquals("ms-00000", ids.get(0));
        assertEquals("ms-00199", ids.get(N - 1));

        // Every minion pings back true.
        Cli.Run ping = cli().publish("*", "glob", "test.ping", List.of(), Map.of(), 10);
        assertEquals(ids.stream().collect(Collectors.toMap(id -> id, id -> (Object) true, (a, b) -> a, TreeMap::new)),
                new TreeMap<>(ping.returns()));
        assertTrue(ping.missing().isEmpty(), ping.missing().toString());
        assertEquals(0, ping.last().getExitCode());

        // -G roles:db reaches exactly the minions whose grains say db, and grains.get answers from them.
        Set<String> dbs = new TreeSet<>();
        for (String id : ids) {
            if (((List<?>) swarm.grainsOf(id).get("roles")).contains("db")) {
                dbs.add(id);
            }
        }
        assertFalse(dbs.isEmpty());
        assertTrue(dbs.size() < N);
        Cli.Run roles = cli().publish("roles:db", "grain", "grains.get", List.of("roles"), Map.of(), 10);
        assertEquals(dbs, new TreeSet<>(roles.returns().keySet()));
        for (String id : dbs) {
            assertEquals(swarm.grainsOf(id).get("roles"), roles.returns().get(id), id);
        }
        assertEquals(dbs, new TreeSet<>(cli().ping("roles:db", "grain").returns().keySet()));
        Set<String> dbsBut1x = new TreeSet<>(dbs);
        dbsBut1x.removeIf(id -> id.startsWith("ms-0001"));
        assertEquals(dbsBut1x, new TreeSet<>(cli().ping("G@roles:db and not ms-0001*", "compound").returns().keySet()));
        assertEquals(Set.of("ms-00000", "ms-00001", "ms-00002", "ms-00003", "ms-00004", "ms-00005", "ms-00006"),
                new TreeSet<>(cli().ping("10.0.0.0/29", "ipcidr").returns().keySet()));

        // Nested keys, defaults and the other served functions behave as on a real minion.
        Cli.Run nested = cli().publish("ms-00007", "glob", "grains.get", List.of("nosuch:key", "fallback"),
                Map.of(), 10);
        assertEquals(Map.of("ms-00007", "fallback"), nested.returns());
        Cli.Run ip = cli().publish("ms-00007", "glob", "grains.get", List.of("ipv4"), Map.of(), 10);
        assertEquals(Map.of("ms-00007", List.of("10.0.0.8")), ip.returns());
        Cli.Run echo = cli().publish("ms-0000*", "glob", "test.echo", List.of("hello swarm"), Map.of(), 10);
        assertEquals(10, echo.returns().size());
        echo.returns().values().forEach(v -> assertEquals("hello swarm", v));
        Cli.Run items = cli().publish("ms-00042", "glob", "grains.items", List.of(), Map.of(), 10);
        assertEquals(swarm.grainsOf("ms-00042"), items.returns().get("ms-00042"));

        // Anything else is the real minion's error, with its retcode.
        Cli.Run unknown = cli().publish("ms-0001*", "glob", "foo.bar", List.of(), Map.of(), 10);
        assertEquals(10, unknown.returns().size());
        unknown.returns().values().forEach(v -> assertEquals("'foo.bar' is not available.", v));
        assertEquals(1, unknown.last().getExitCode());
        Map<String, Map<String, Object>> cached = fleet.master().cache().returns(unknown.jid());
        assertEquals(1L, cached.get("ms-00010").get("retcode"));
        Cli.Run sleep = cli().publish("ms-00010", "glob", "test.sleep", List.of(5L), Map.of(), 10);
        assertEquals(Map.of("ms-00010", "'test.sleep' is not available."), sleep.returns());

        // A second run reuses the keys the master has accepted.
        swarm.close();
        TestFleet.await(() -> fleet.master().minions().connectedIds().isEmpty(), "swarm gone");
        startSwarm(cfg);
        assertEquals(0, swarm.keysCreated());
        assertEquals(N, cli().publish("*", "glob", "test.ping", List.of(), Map.of(), 10).returns().size());
    }
}
