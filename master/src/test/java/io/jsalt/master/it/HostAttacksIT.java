package io.jsalt.master.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jsalt.common.Shutdown;
import io.jsalt.common.config.Config;
import io.jsalt.common.data.Data;
import io.jsalt.common.data.Values;
import io.jsalt.common.proto.CliRequest;
import io.jsalt.common.proto.PublishRequest;
import io.jsalt.master.cli.CliClient;
import io.jsalt.master.cli.CliServer;
import io.jsalt.minion.Minion;
import io.netty.channel.Channel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Attacks from the hosts rather than the wire: a local user of another uid on the control
 * socket, the master killed with SIGKILL in the middle of a job, a minion's link cut under
 * it, and zone transfers from the DNS hub. Honest minions keep answering throughout.
 */
class HostAttacksIT {
    @TempDir
    Path tmp;

    private TestFleet fleet;
    private ChildMaster master;
    private Minion childMinion;

    @AfterEach
    void stop() {
        Shutdown.inOrder(childMinion, master, fleet);
    }

    private static String run(List<String> argv) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "did not finish: " + argv);
        return out.trim();
    }

    /** Connects to the control socket, sends one CliRequest frame, and says whether anything came back. */
    private static final String PROBE = String.join("\n",
            "import socket, sys",
            "s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)",
            "s.settimeout(5)",
            "try:",
            "    s.connect(sys.argv[1])",
            "    body = b'\\x0a\\x06nosuch'",
            "    s.sendall(len(body).to_bytes(4, 'big') + body)",
            "    print('DATA' if s.recv(4096) else 'EOF')",
            "except (ConnectionError, OSError) as e:",
            "    print('REFUSED ' + type(e).__name__)");

    /**
     * The socket's directory is 0700 and the socket 0600; this opens both up, as a careless
     * operator might, so that only the master's own check of the peer's uid (SO_PEERCRED)
     * stands between user nobody and the CLI.
     */
    @Test
    void theControlSocketRefusesAPeerOfAnotherUid() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/setpriv")) && Files.isExecutable(Path.of("/usr/bin/python3")),
                "needs setpriv and python3");
        assumeTrue(run(List.of("id", "-u")).equals("0"), "needs root to run a probe as nobody");
        fleet = new TestFleet(tmp).startMaster(o -> { });
        fleet.acceptedMinion("honest1", Map.of());
        Path socket = CliServer.socketPath(fleet.sockDir());
        for (Path p = fleet.sockDir(); p.startsWith(tmp.getParent()) && !p.equals(tmp.getParent()); p = p.getParent()) {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwx--x--x"));
        }
        Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-rw-rw-"));

        assertEquals("DATA", run(List.of("/usr/bin/python3", "-c", PROBE, socket.toString())), "root is served");
        String asNobody = run(List.of("/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                "/usr/bin/python3", "-c", PROBE, socket.toString()));
        assertTrue(asNobody.equals("EOF") || asNobody.startsWith("REFUSED"), "nobody got: " + asNobody);
        assertEquals(Map.of("honest1", true), new Cli(fleet.sockDir()).ping("*", "glob").returns());
    }

    @Test
    void aCutLinkIsRestoredAndTheMinionAnswersAgain() throws Exception {
        fleet = new TestFleet(tmp).startMaster(o -> { });
        Minion m = fleet.acceptedMinion("honest1", Map.of());
        fleet.acceptedMinion("honest2", Map.of());
        Channel before = fleet.master().minions().get("honest1").channel();
        before.close().syncUninterruptibly();
        TestFleet.await(() -> {
            Channel now = fleet.master().minions().get("honest1").channel();
            return now != null && now != before && now.isActive() && m.connection().isAccepted();
        }, "honest1 reconnected");
        AttackIT.assertHonestMinionsAnswer(fleet);
    }

    @Test
    void theDnsHubRefusesZoneTransfersAndNamesOutsideItsZone() throws Exception {
        Map<String, Object> dns = new LinkedHashMap<>();
        dns.put("zone", "fleet.internal");
        dns.put("listen", "127.0.0.1");
        dns.put("port", 0L);
        fleet = new TestFleet(tmp).startMaster(o -> o.put("dns_hub", dns));
        fleet.acceptedMinion("honest1", Map.of("ipv4", List.of("10.1.0.7")));
        fleet.acceptedMinion("honest2", Map.of("ipv4", List.of("10.1.0.8")));
        Dig dig = new Dig(fleet.master().hub().dns().port());
        TestFleet.await(() -> dig.shortAnswer("honest1.fleet.internal", "A").equals(List.of("10.1.0.7")), "in DNS");

        String axfr = dig.run("fleet.internal", "AXFR");
        assertTrue(axfr.contains("Transfer failed"), axfr);
        assertFalse(axfr.contains("10.1.0.7"), axfr);
        String ixfr = dig.run("fleet.internal", "IXFR=1");
        assertFalse(ixfr.contains("10.1.0.7"), ixfr);
        assertEquals("REFUSED", dig.status("example.com", "A"), "no forwarders: names outside the zone are refused");
        assertEquals("REFUSED", dig.status("honest1.fleet.internal.example.com", "A"));
        AttackIT.assertHonestMinionsAnswer(fleet);
    }

    @Test
    void theMasterKilledWithSigkillMidJobKeepsItsJobCache() throws Exception {
        master = new ChildMaster(tmp, "auto_accept: True\ntimeout: 5\n").start();
        Path sockDir = master.sockDir();
        Map<String, Object> o = master.minionOptions("honest1", tmp);
        childMinion = new Minion(Config.of(Config.Role.MINION, Files.createDirectories(tmp.resolve("minion-conf")), o))
                .start();
        TestFleet.await(() -> Map.of("honest1", true).equals(new Cli(sockDir).ping("*", "glob").returns()),
                "minion answers the child master", Duration.ofSeconds(60));
        String done = new Cli(sockDir).ping("*", "glob").jid();

        // A job that is still running when the master dies.
        AtomicReference<String> running = new AtomicReference<>();
        Thread publisher = new Thread(() -> {
            CliRequest req = CliRequest.newBuilder().setPublish(PublishRequest.newBuilder().setTgt("*")
                    .setTgtType("glob").setFun("test.sleep").setArg(Values.toProto(List.of(3)))
                    .setKwarg(Values.toProto(Map.of())).setTimeout(30L)).build();
            try (CliClient c = CliClient.connect(sockDir)) {
                c.call(req, r -> {
                    Map<String, Object> ev = Values.mapFromProto(r.getData());
                    if ("started".equals(ev.get("event"))) {
                        running.set((String) ev.get("jid"));
                    }
                });
            } catch (Exception expected) {
                // The master dies under this call.
            }
        });
        publisher.setDaemon(true);
        publisher.start();
        TestFleet.await(() -> running.get() != null, "job started");
        Thread.sleep(500);
        assertEquals(137, master.kill9(), "killed by SIGKILL");

        master.start();
        Map<String, Object> jobs = runner(sockDir, "jobs.list_jobs", List.of());
        assertTrue(jobs.containsKey(done) && jobs.containsKey(running.get()), String.valueOf(jobs.keySet()));
        assertEquals("test.sleep", Data.get(jobs, running.get() + ":Function", null));
        assertEquals(Map.of("honest1", true), runner(sockDir, "jobs.lookup_jid", List.of(done)));
        TestFleet.await(() -> Map.of("honest1", true).equals(new Cli(sockDir).ping("*", "glob").returns()),
                "minion answers the restarted master", Duration.ofSeconds(60));
    }

    private static Map<String, Object> runner(Path sockDir, String fun, List<Object> args) throws Exception {
        Object r = new Cli(sockDir).runner(fun, args, Map.of());
        @SuppressWarnings("unchecked")
        Map<String, Object> m = r instanceof Map<?, ?> ? (Map<String, Object>) r : Map.of();
        return m;
    }
}
