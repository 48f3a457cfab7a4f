package io.jsalt.master.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class MasterPillarTest {
    @Test
    void oneCompilePerReloadFeedsEveryHub() {
        AtomicInteger compiles = new AtomicInteger();
        MasterPillar p = new MasterPillar("salt_master");
        p.source(id -> {
            compiles.incrementAndGet();
            return Map.of("id_seen", id, "n", compiles.get());
        });
        List<Object> dns = new ArrayList<>();
        List<Object> rsync = new ArrayList<>();
        p.onReload(() -> dns.add(p.current().get("n")));
        p.onReload(() -> rsync.add(p.current().get("n")));
        p.reload();
        p.reload();
        assertEquals(2, compiles.get(), "one compile per reload, however many hubs read it");
        assertEquals(List.of(1, 2), dns);
        assertEquals(List.of(1, 2), rsync);
        assertEquals("salt_master", p.current().get("id_seen"), "compiled for the master's own id");
    }

    @Test
    void aCompileThatThrowsBecomesPillarErrorsSoEachHubKeepsItsLastGoodData() {
        MasterPillar p = new MasterPillar("salt_master");
        p.source(id -> {
            throw new IllegalStateException("infra.sls line 3: bad indentation");
        });
        assertEquals(List.of("cannot compile the pillar of salt_master: infra.sls line 3: bad indentation"),
                p.reload().get("_errors"));
    }
}
