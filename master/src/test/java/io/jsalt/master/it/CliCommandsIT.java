package io.jsalt.master.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jsalt.master.cli.CommandRun;
import io.jsalt.master.cli.JsaltKeyMain;
import io.jsalt.master.cli.JsaltMain;
import io.jsalt.master.cli.JsaltRunMain;
import io.jsalt.minion.Minion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The jsalt, jsalt-key and jsalt-run commands as a user runs them, against a live master. */
class CliCommandsIT extends FleetCase {
    private Path conf;

    /** What a command printed and its exit code. */
    @BeforeEach
    void start() throws Exception {
        fleet = new TestFleet(tmp).startMaster(o -> o.put("nodegroups", NODEGROUPS));
        fleet.acceptedMinion("db1", Map.of("roles", List.of("db", "masterdb")));
        fleet.acceptedMinion("db2", Map.of("roles", List.of("db")));
        fleet.acceptedMinion("web1", Map.of("roles", List.of("web")));
        // The CLI reads the same master config the daemon runs with.
        conf = tmp.resolve("cli-conf");
        Files.createDirectories(conf);
        Files.writeString(conf.resolve("master"), "root_dir: " + tmp.resolve("master-root") + "\n"
                + "sock_dir: /run/sock\ntimeout: 2\n"
                + "nodegroups:\n  dbs: 'G@roles:db'\n  loop: 'N@loop2 or db1'\n  loop2: 'N@loop'\n");
    }

    /** The nodegroups of the daemon's config; the CLI's config file above has the same. */
    private static final Map<String, Object> NODEGROUPS =
            Map.of("dbs", "G@roles:db", "loop", "N@loop2 or db1", "loop2", "N@loop");

    private CommandRun run(Supplier<Object> command, String... args) {
        return CommandRun.run(conf, command, args);
    }

    private CommandRun jsalt(String... args) {
        return run(JsaltMain::new, args);
    }

    @Test
    void grainsGetRolesPrintsSaltsNestedOutput() {
        CommandRun r = jsalt("--no-color", "-G", "roles:db", "grains.get", "roles");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("db1:\n    - db\n    - masterdb\n"), r.out());
        assertTrue(r.out().contains("db2:\n    - db\n"), r.out());
        assertFalse(r.out().contains("web1"), r.out());
    }

    @Test
    void staticJsonPrintsOneDocumentWithEveryMinion() {
        CommandRun r = jsalt("--static", "--out", "json", "*", "test.ping");
        assertEquals(0, r.code(), r.err());
        // One document, minions in the order they returned (as Salt's --static).
        assertTrue(r.out().startsWith("{\n") && r.out().endsWith("\n}\n"), r.out());
        assertEquals(1, r.out().split("\\{", -1).length - 1, r.out());
        for (String id : List.of("db1", "db2", "web1")) {
            assertTrue(r.out().contains("    \"" + id + "\": true"), r.out());
        }
    }

    @Test
    void asyncPrintsTheJobIdAndReturnsAtOnce() {
        CommandRun r = jsalt("--async", "*", "test.sleep", "2");
        assertEquals(0, r.code());
        assertTrue(r.out().matches("Executed command with job ID: \\d{20}\n"), r.out());
    }

    @Test
    void noMatchingMinionIsAnErrorWithSaltsMessage() {
        CommandRun r = jsalt("nosuch", "test.ping");
        assertEquals(2, r.code());
        assertEquals("No minions matched the target. No command was sent, no jid was assigned.\n", r.err());
    }

    @Test
    void aFailingMinionMakesTheExitCodeNonZeroAndPassthroughKeepsItsCode() {
        CommandRun plain = jsalt("--no-color", "db1", "test.retcode", "42");
        assertEquals(1, plain.code());
        assertTrue(plain.err().contains("ERROR: Minions returned with non-zero exit code"), plain.err());
        CommandRun pass = jsalt("--retcode-passthrough", "db1", "test.retcode", "42");
        assertEquals(42, pass.code());
    }

    @Test
    void batchRunsAtMostNMinionsAtATime() {
        CommandRun r = jsalt("--no-color", "-b", "1", "*", "test.ping");
        assertEquals(0, r.code(), r.err());
        assertEquals(3, r.out().split("Executing run on ", -1).length - 1, r.out());
        for (String id : List.of("db1", "db2", "web1")) {
            assertTrue(r.out().contains(id + ":\n    True\n"), r.out());
        }
    }

    @Test
    void argumentsAreTypedAsSaltTypesThem() {
        CommandRun r = jsalt("--out", "json", "db1", "test.arg", "3", "true", "[1, 2]", "name=web", "n=5");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("\"args\": [\n            3,\n            true,\n            [\n                1,\n"
                + "                2\n            ]\n        ]"), r.out());
        assertTrue(r.out().contains("\"n\": 5"), r.out());
    }

    @Test
    void aMinionThatIsDownIsNamedAsNotReturning() throws Exception {
        Minion web = fleet.acceptedMinion("web2", Map.of());
        web.close();
        TestFleet.await(() -> !fleet.master().minions().connectedIds().contains("web2"), "web2 down");
        CommandRun r = jsalt("--no-color", "*", "test.ping");
        assertEquals(1, r.code());
        assertTrue(r.out().contains("web2:\n    Minion did not return. [Not connected]"), r.out());
    }

    @Test
    void keyListAcceptAndDeleteThroughTheMaster() throws Exception {
        Minion m = fleet.startMinion("new1", Map.of());
        TestFleet.await(() -> run(JsaltKeyMain::new, "-l", "un", "--out", "json").out().contains("new1"), "pending");
        CommandRun accept = run(JsaltKeyMain::new, "-y", "-a", "new1");
        assertEquals("Key for minion new1 accepted.\n", accept.out());
        TestFleet.await(() -> m.connection().isAccepted(), "new1 accepted");
        CommandRun list = run(JsaltKeyMain::new, "-L", "--no-color");
        assertTrue(list.out().startsWith("Accepted Keys:\ndb1\ndb2\nnew1\nweb1\n"), list.out());
        CommandRun json = run(JsaltKeyMain::new, "-L", "--out", "json");
        assertTrue(json.out().contains("\"minions\": [") && json.out().contains("\"minions_pre\": []"), json.out());

        CommandRun delete = run(JsaltKeyMain::new, "-y", "-d", "new1");
        assertEquals("Key for minion new1 deleted.\n", delete.out());
        TestFleet.await(() -> !m.connection().isAccepted(), "deleting the key cut the connection");
    }

    @Test
    void keyAcceptWithoutATerminalOrYesSaysSoAndChangesNothing() throws Exception {
        Minion m = fleet.startMinion("new2", Map.of());
        TestFleet.await(() -> run(JsaltKeyMain::new, "-l", "un", "--out", "json").out().contains("new2"), "pending");
        // A separate JVM, as from a script: stdin is /dev/null, so there is no one to answer.
        Path err = tmp.resolve("key-err");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), JsaltKeyMain.class.getName(),
                "-c", conf.toString(), "-A")
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectError(err.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertTrue(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS), "jsalt-key ended");
        assertEquals(1, p.exitValue());
        assertTrue(Files.readString(err).contains("add -y (--yes) to accept these keys without asking"),
                Files.readString(err));
        assertTrue(run(JsaltKeyMain::new, "-l", "un", "--out", "json").out().contains("new2"), "still pending");
        assertFalse(m.connection().isAccepted());
    }

    @Test
    void fingerprintsMatchTheMinionsOwnKey() throws Exception {
        CommandRun r = run(JsaltKeyMain::new, "-f", "db1", "--no-color");
        String own = io.jsalt.common.crypto.Fingerprints.of(Files.readString(
                fleet.minionDir("db1").resolve("root/etc/jsalt/pki/minion/minion.pub")));
        assertTrue(r.out().contains("db1:  " + own), r.out() + r.err());
    }

    @Test
    void manageRunnersReportUpAndDown() throws Exception {
        Minion gone = fleet.acceptedMinion("gone1", Map.of());
        gone.close();
        CommandRun status = run(JsaltRunMain::new, "--out", "json", "manage.status");
        assertEquals(0, status.code(), status.err());
        assertTrue(status.out().contains("\"up\": [\n        \"db1\",\n        \"db2\",\n        \"web1\"\n    ]"),
                status.out());
        assertTrue(status.out().contains("\"down\": [\n        \"gone1\"\n    ]"), status.out());
    }

    @Test
    void jobsActiveShowsARunningJob() throws Exception {
        CommandRun async = jsalt("--async", "db1", "test.sleep", "3");
        String jid = async.out().replaceAll("\\D", "");
        TestFleet.await(() -> run(JsaltRunMain::new, "--out", "json", "jobs.active").out().contains(jid), "active");
        CommandRun active = run(JsaltRunMain::new, "--out", "json", "jobs.active");
        assertTrue(active.out().contains("\"Function\": \"test.sleep\""), active.out());
    }

    @Test
    void theControlSocketIsOnlyForTheMastersUser() throws Exception {
        Path sock = fleet.sockDir().resolve("master.sock");
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(fleet.sockDir())));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(sock)));
    }

    @Test
    void nodegroupAndPillarPcreTargets() {
        CommandRun r = jsalt("--out", "json", "--static", "-N", "dbs", "test.ping");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("\"db1\"") && r.out().contains("\"db2\"") && !r.out().contains("web1"), r.out());
        // -J is Salt's --pillar-pcre; these minions have no pillar, so nothing matches.
        r = jsalt("-J", "role:^db", "test.ping");
        assertEquals(2, r.code(), r.err());
        assertEquals("No minions matched the target. No command was sent, no jid was assigned.\n", r.err());
    }

    @Test
    void anUnknownNodegroupEndsAsSaltsCliEndsIt() {
        // salt/client/__init__.py raises SaltInvocationError("Node group ... unavailable in
        // <conf_file>") and salt/cli/salt.py prints it as the output: exit code 0.
        CommandRun r = jsalt("-N", "nosuch", "test.ping");
        assertEquals(0, r.code(), r.err());
        assertEquals("Node group nosuch unavailable in " + conf.resolve("master") + "\n", r.out());
    }

    @Test
    void aNodegroupLoopMatchesNothing() {
        // Salt's nodegroup_comp (salt/utils/minions.py) logs the illegal nested nodegroup and
        // expands it to nothing: the CLI ends as for a target that matched no minion, exit 2.
        CommandRun r = jsalt("-N", "loop", "test.ping");
        assertEquals(2, r.code(), r.err());
        assertEquals("Failed nodegroup expansion: illegal nested nodegroup \"loop\"\n"
                + "No minions matched the target. No command was sent, no jid was assigned.\n", r.err());
    }

    @Test
    void aBadTargetIsAClearError() {
        CommandRun r = jsalt("-C", "G@roles:db and (", "test.ping");
        assertEquals(1, r.code());
        assertTrue(r.err().contains("Invalid compound target"), r.err());
    }
}
