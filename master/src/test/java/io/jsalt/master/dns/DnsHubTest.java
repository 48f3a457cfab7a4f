package io.jsalt.master.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jsalt.common.config.Config.ConfigException;
import io.jsalt.common.data.Data;
import io.jsalt.master.minions.MinionRegistry;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DnsHubTest {
    @TempDir
    Path dir;

    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stop() {
        worker.shutdownNow();
    }

    private DnsHub hub(MinionRegistry reg, Supplier<Map<String, Object>> pillar) {
        DnsHubConfig cfg = DnsHubConfig.parse(Data.map("zone", "fleet.internal", "ns_addresses", List.of("192.0.2.1")));
        return new DnsHub(cfg, reg, pillar, worker);
    }

    @Test
    void serialChangesExactlyWhenTheRecordsDo() {
        MinionRegistry reg = new MinionRegistry(dir, Executors.newSingleThreadExecutor());
        AtomicReference<Map<String, Object>> pillar = new AtomicReference<>(Map.of());
        DnsHub hub = hub(reg, pillar::get);
        ZoneState first = hub.refresh();
        assertSame(first, hub.refresh(), "nothing changed: same zone, same serial");

        pillar.set(Map.of("infra", Map.of("hosts_entries", Map.of("mail", "10.0.0.25"))));
        ZoneState second = hub.refresh();
        assertTrue(second.serial() > first.serial());
        assertEquals(second.serial(), hub.current().zone().getSOA().getSerial());
        assertTrue(hub.masterFile().contains("mail.fleet.internal.\t60\tIN\tA\t10.0.0.25"), hub.masterFile());
    }

    @Test
    void aFailingPillarKeepsTheLastGoodOne() {
        AtomicReference<Map<String, Object>> pillar = new AtomicReference<>(
                Map.of("infra", Map.of("hosts_entries", Map.of("mail", "10.0.0.25"))));
        DnsHub hub = hub(new MinionRegistry(dir, Executors.newSingleThreadExecutor()), pillar::get);
        long serial = hub.refresh().serial();
        // What MasterPillar hands over when the compile failed: no infra, only _errors.
        pillar.set(Map.of("_errors", List.of("render error in pillar/infra.sls line 3")));
        assertEquals(serial, hub.refresh().serial());
        assertTrue(hub.masterFile().contains("mail.fleet.internal."));
        assertEquals(List.of("render error in pillar/infra.sls line 3"), hub.status().get("pillar_errors"));

        pillar.set(Map.of());
        assertTrue(hub.refresh().serial() > serial, "a good pillar is taken again");
        assertEquals(null, hub.status().get("pillar_errors"));
    }

    @Test
    void aContestedNameIsShownInStatusAndLoggedOnceAsAWarning() throws InterruptedException {
        java.util.concurrent.ExecutorService io = Executors.newSingleThreadExecutor();
        MinionRegistry reg = new MinionRegistry(dir, io);
        DnsHub hub = hub(reg, Map::of);
        ch.qos.logback.classic.Logger logger = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(DnsHub.class);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> seen =
                new ch.qos.logback.core.read.ListAppender<>();
        seen.start();
        logger.addAppender(seen);
        ch.qos.logback.classic.Level level = logger.getLevel();
        logger.setLevel(ch.qos.logback.classic.Level.INFO);
        try {
            reg.accepted("beta.corp.example");
            reg.accepted("beta.evil.example");
            reg.connected("beta.corp.example", null, Map.of("ipv4", List.of("10.0.0.2")));
            reg.connected("beta.evil.example", null, Map.of("ipv4", List.of("10.66.0.2")));
            hub.rebuild();
            hub.rebuild();
            String conflict = "beta.fleet.internal. is claimed by minions [beta.corp.example, beta.evil.example];"
                    + " it answers for none of them";
            assertEquals(List.of(conflict), hub.status().get("conflicts"));
            assertEquals(1, seen.list.stream().filter(e -> e.getLevel() == ch.qos.logback.classic.Level.WARN
                    && e.getFormattedMessage().contains(conflict)).count(), seen.list::toString);
            assertTrue(!hub.masterFile().contains("beta.fleet.internal."), hub.masterFile());

            reg.removed("beta.evil.example");
            hub.rebuild();
            assertEquals(List.of(), hub.status().get("conflicts"));
            assertTrue(hub.masterFile().contains("beta.fleet.internal.\t60\tIN\tA\t10.0.0.2"), hub.masterFile());
        } finally {
            logger.setLevel(level);
            logger.detachAppender(seen);
            // The registry writes its grains cache in the background: done before the temp dir goes.
            io.shutdown();
            io.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    @Test
    void configErrorsNameTheKey() {
        assertEquals("dns_hub:zone is required (e.g. fleet.internal)",
                assertThrows(ConfigException.class, () -> DnsHubConfig.parse(Map.of())).getMessage());
        assertEquals("dns_hub:port must be an integer from 0 to 65535, got '70000'",
                assertThrows(ConfigException.class, () -> DnsHubConfig.parse(Data.map("zone", "z", "port", 70000L))).getMessage());
        assertEquals("dns_hub:forwarders: 'dns.google' is not an address (ADDRESS or ADDRESS:PORT)",
                assertThrows(ConfigException.class, () -> DnsHubConfig.parse(Data.map("zone", "z",
                        "forwarders", List.of("dns.google")))).getMessage());
    }

    @Test
    void forwardersTakeAnOptionalPort() throws Exception {
        DnsHubConfig c = DnsHubConfig.parse(Data.map("zone", "z", "forwarders", List.of("192.0.2.1", "192.0.2.2:5353", "[::1]:53")));
        assertEquals(53, c.forwarders().get(0).getPort());
        assertEquals(5353, c.forwarders().get(1).getPort());
        assertEquals(InetAddress.getByName("::1"), c.forwarders().get(2).getAddress());
        assertNotEquals(null, DnsHub.forwarder(c));
    }
}
