package io.jsalt.master.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jsalt.common.config.Config;
import io.jsalt.common.crypto.KeyMaterial;
import io.jsalt.common.proto.KeyStatus;
import io.jsalt.master.transport.FuzzCases;
import io.jsalt.minion.Minion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The long fuzz: {@code -Djsalt.fuzz.cases=N} hostile frames against a real master process
 * with an honest minion connected, printing the master's resident memory before and after
 * (see docs/trust.md for the command). Most cases are well-framed hostile messages on one
 * accepted session, which must survive them; one in five hundred is a malformed frame on a fresh
 * connection, before or after authentication. Skipped unless jsalt.fuzz.cases is set.
 */
class FuzzSoakIT {
    @TempDir
    Path tmp;

    @Test
    void aMillionHostileFramesLeaveTheMasterServingAndItsMemoryFlat() throws Exception {
        String n = System.getProperty("jsalt.fuzz.cases");
        assumeTrue(n != null && !n.isBlank(), "set -Djsalt.fuzz.cases=N to run the soak");
        long cases = Long.parseLong(n.trim());
        long seed = Long.getLong("jsalt.fuzz.seed", 20261207L);
        Duration limit = Duration.ofMinutes(Long.getLong("jsalt.fuzz.minutes", 10L));

        try (ChildMaster master = new ChildMaster(tmp, "auto_accept: True\n").start()) {
            Map<String, Object> o = master.minionOptions("honest1", tmp);
            try (Minion honest = new Minion(Config.of(Config.Role.MINION,
                    Files.createDirectories(tmp.resolve("minion-conf")), o)).start()) {
                Cli cli = new Cli(master.sockDir());
                TestFleet.await(() -> Map.of("honest1", true).equals(cli.ping("*", "glob").returns()), "honest answers",
                        Duration.ofSeconds(60));
                FuzzCases gen = new FuzzCases(seed, "steady");
                KeyMaterial steadyKey = KeyMaterial.generate("steady");
                KeyMaterial breakerKey = KeyMaterial.generate("breaker");
                Adversary steady = Adversary.connect(master.port(), steadyKey);
                assertEquals(KeyStatus.ACCEPTED, steady.hello("steady"));
                steady.discardReplies();
                long rssBefore = master.rssKib();
                System.out.printf("fuzz soak: %d cases, seed %d; master RSS before: %d KiB%n", cases, seed, rssBefore);
                long start = System.nanoTime();
                long ran = 0;
                long fresh = 0;
                for (; ran < cases; ran++) {
                    if (ran % 500 == 499) {
                        fresh++;
                        try (Adversary a = Adversary.connect(master.port(), breakerKey)) {
                            if (fresh % 2 == 0) {
                                a.send(Adversary.helloMsg("breaker"));
                            }
                            a.sendRaw(gen.next().wire());
                        }
                    } else {
                        steady.sendRawPipelined(gen.sessionCase().wire(), ran, 256);
                        if (ran % 256 == 0) {
                            assertTrue(steady.isOpen(), "case " + ran + ": the steady session was closed");
                        }
                    }
                    if (ran % 100_000 == 99_999) {
                        System.out.printf("fuzz soak: %d cases, %d s, master RSS %d KiB, %d replies%n", ran + 1,
                                (System.nanoTime() - start) / 1_000_000_000L, master.rssKib(), steady.replies());
                    }
                    if (System.nanoTime() - start > limit.toNanos()) {
                        System.out.printf("fuzz soak: stopping at the %d min limit%n", limit.toMinutes());
                        ran++;
                        break;
                    }
                }
                steady.sendRawPipelined(FuzzCases.frame(io.jsalt.common.proto.Envelope.newBuilder()
                        .setHeartbeat(io.jsalt.common.proto.Heartbeat.getDefaultInstance()).build()), 0, 1);
                assertTrue(steady.isOpen(), "the steady session survived every well-framed case");
                steady.close();
                assertTrue(master.isAlive(), "the master survived");
                assertEquals(Map.of("honest1", true), cli.ping("*", "glob").returns(), "the honest minion answers");
                long rssAfter = master.rssKib();
                System.out.printf("fuzz soak: %d cases (%d on fresh connections) in %d s; master RSS before %d KiB,"
                        + " after %d KiB%n", ran, fresh, (System.nanoTime() - start) / 1_000_000_000L, rssBefore,
                        rssAfter);
            }
        }
    }
}
