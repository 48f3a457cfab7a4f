package io.jsalt.master.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import io.jsalt.common.Logs;
import io.jsalt.common.MinionIds;
import io.jsalt.common.crypto.KeyMaterial;
import io.jsalt.common.data.Values;
import io.jsalt.common.proto.Envelope;
import io.jsalt.common.proto.Hello;
import io.jsalt.common.proto.HelloAck;
import io.jsalt.common.proto.KeyStatus;
import io.jsalt.common.proto.Request;
import io.jsalt.master.keys.KeyState;
import io.jsalt.master.transport.AuthHandler;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The reactor injection: a peer whose id matched an autosign glob sent an id with newlines,
 * the documented start reactor pasted it into YAML, and every minion ran the command it
 * carried. Now the id is refused at the Hello, and event data the reactor renders stays one
 * YAML value whatever a minion puts in it.
 */
class IdInjectionIT {
    /** The id the attacker sent. */
    private static final String ATTACK_ID =
            "evil1\ninjected:\n  local.cmd.run:\n    - tgt: '*'\n    - arg: ['touch /tmp/pwned']";

    @TempDir
    Path tmp;

    private TestFleet fleet;
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private OutputStreamAppender<ILoggingEvent> appender;
    private Level authLevel;

    @BeforeEach
    void start() throws Exception {
        Path root = tmp.resolve("master-root");
        Files.createDirectories(root);
        Path autosign = Files.writeString(root.resolve("autosign.conf"), "evil*\nweb*\n");
        Path reactor = Files.createDirectories(tmp.resolve("reactor"));
        // The documented start reactor (docs/events-reactor.md), and one that pastes minion event data.
        Path start = Files.writeString(reactor.resolve("start.sls"), """
                highstate_on_start:
                  local.state.apply:
                    - tgt: {{ data['id'] }}
                """);
        Path deploy = Files.writeString(reactor.resolve("deploy.sls"), """
                deploy:
                  local.test.arg:
                    - tgt: {{ data['id'] }}
                    - arg:
                      - {{ data['data']['host'] }}
                """);
        fleet = new TestFleet(tmp).startMaster(o -> {
            o.put("autosign_file", autosign.toString());
            o.put("reactor", List.of(Map.of("salt/minion/*/start", List.of(start.toString())),
                    Map.of("myapp/deploy", List.of(deploy.toString()))));
        });
        captureAuthLog();
    }

    /** The AuthHandler's lines, printed by the encoder the daemons' log file uses. */
    private void captureAuthLog() {
        LoggerContext lc = (LoggerContext) LoggerFactory.getILoggerFactory();
        appender = new OutputStreamAppender<>();
        appender.setContext(lc);
        appender.setEncoder(Logs.encoder(lc, Logs.FILE_PATTERN));
        appender.setOutputStream(log);
        appender.start();
        Logger l = lc.getLogger(AuthHandler.class);
        authLevel = l.getLevel();
        l.setLevel(Level.INFO);
        l.addAppender(appender);
    }

    @AfterEach
    void stop() throws Exception {
        Logger l = ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(AuthHandler.class);
        l.detachAppender(appender);
        l.setLevel(authLevel);
        appender.stop();
        fleet.close();
    }

    private RawPeer peer(String name) throws Exception {
        return new RawPeer().connect(fleet.master().port(), KeyMaterial.generate(name),
                tmp.resolve("peer-pki-" + System.nanoTime()));
    }

    private static Envelope request(long id, String method, Map<String, Object> args) {
        return Envelope.newBuilder().setId(id).setRequest(Request.newBuilder().setMethod(method)
                .setArgs(Values.toProto(args))).build();
    }

    private List<Map<String, Object>> jobs() {
        return List.copyOf(fleet.master().cache().loads().values());
    }

    private boolean anyJob(String fun) {
        return jobs().stream().anyMatch(j -> fun.equals(j.get("fun")));
    }

    private RawPeer acceptedPeer(String id) throws Exception {
        RawPeer p = peer(id);
        p.send(RawPeer.hello(id));
        assertEquals(KeyStatus.ACCEPTED, p.next().getHelloAck().getStatus());
        return p;
    }

    @Test
    void theAttackersIdIsRefusedAtTheHelloAndTheStartReactorRunsOnlyForRealIds() throws Exception {
        try (RawPeer p = peer("evil1")) {
            p.send(RawPeer.hello(ATTACK_ID));
            HelloAck ack = p.next().getHelloAck();
            assertEquals(KeyStatus.REJECTED, ack.getStatus());
            assertEquals("minion id 'evil1\\ninjected:\\n  local.cmd.run:\\n    - tgt: '*'\\n    - arg: ['touch /tmp/pwned']' "
                    + "contains a control or format character (\\n)", ack.getMessage());
            assertFalse(ack.getMessage().contains(tmp.toString()), ack.getMessage());
            assertTrue(p.closedByMaster());
        }
        for (KeyState s : KeyState.values()) {
            assertEquals(List.of(), fleet.master().keys().list(s), "nothing stored in " + s.dirName());
        }
        // The same glob still signs a real id, and the documented reactor runs for it.
        try (RawPeer p = acceptedPeer("evil2")) {
            p.send(request(2, "minion.start", Map.of()));
            TestFleet.await(() -> anyJob("state.apply"), "the start reaction for evil2");
        }
        assertEquals(List.of("evil2"), jobs().stream().map(j -> j.get("tgt")).toList());
        assertFalse(anyJob("cmd.run"));

        String lines = log.toString(StandardCharsets.UTF_8);
        List<String> refusal = lines.lines().filter(l -> l.contains("[WARN")).toList();
        assertEquals(1, refusal.size(), lines);
        assertTrue(refusal.get(0).contains("Refusing the Hello from /127.0.0.1:"), refusal.get(0));
        assertTrue(refusal.get(0).endsWith(MinionIds.problem(ATTACK_ID)), refusal.get(0));
        assertFalse(lines.lines().anyMatch(l -> l.startsWith("injected") || l.startsWith("  local.cmd.run")), lines);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theAttackPayloadInEventDataReachesTheReactionAsOneValue() throws Exception {
        try (RawPeer p = acceptedPeer("web2")) {
            p.send(request(2, "event.fire", Map.of("tag", "myapp/deploy", "data", Map.of("host", ATTACK_ID))));
            TestFleet.await(() -> anyJob("test.arg") || anyJob("cmd.run"), "the deploy reaction");
        }
        Map<String, Object> job = jobs().stream().filter(j -> "test.arg".equals(j.get("fun"))).findFirst().orElseThrow();
        assertEquals("web2", job.get("tgt"));
        assertEquals(List.of(ATTACK_ID), job.get("arg"));
        Thread.sleep(500); // a second, injected reaction would be published right after the first
        assertFalse(anyJob("cmd.run"), "no injected reaction: " + jobs());
    }

    @Test
    void aKeyFileWithAnInvalidNameIsNeitherListedNorServed() throws Exception {
        Path pending = fleet.master().keys().pkiDir().resolve(KeyState.PENDING.dirName());
        Files.writeString(pending.resolve("bad\u001b[2Jid"), "not even a key");
        Files.writeString(pending.resolve("x".repeat(200)), "not even a key");
        assertEquals(List.of(), fleet.master().keys().list(KeyState.PENDING));
        assertTrue(fleet.master().keys().match("*").isEmpty());
    }

    @Test
    void anIdTooLongForTheRuleIsRefusedWithoutThePkiPath() throws Exception {
        // 231-255 bytes used to pass the check and fail on the file name, echoing the pki path.
        try (RawPeer p = peer("long")) {
            p.send(RawPeer.hello("evil" + "x".repeat(236)));
            HelloAck ack = p.next().getHelloAck();
            assertEquals(KeyStatus.REJECTED, ack.getStatus());
            assertTrue(ack.getMessage().endsWith("is longer than 128 bytes (240)"), ack.getMessage());
            assertFalse(ack.getMessage().contains("/"), ack.getMessage());
        }
    }

    @Test
    void aKeyThatCannotBeStoredIsReportedWithoutThePathAndLoggedInFull() throws Exception {
        Path pending = fleet.master().keys().pkiDir().resolve(KeyState.PENDING.dirName());
        Files.delete(pending);
        Files.writeString(pending, "a file where the directory should be");
        try (RawPeer p = peer("db5")) {
            p.send(RawPeer.hello("db5"));
            HelloAck ack = p.next().getHelloAck();
            assertEquals(KeyStatus.REJECTED, ack.getStatus());
            assertEquals("the master cannot store the key", ack.getMessage());
        }
        String lines = log.toString(StandardCharsets.UTF_8);
        assertTrue(lines.contains("Authentication of db5 from /127.0.0.1:"), lines);
        assertTrue(lines.contains(pending.toString()), "the master's own log has the whole error: " + lines);
    }
}
