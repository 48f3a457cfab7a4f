package io.jsalt.minion.modules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jsalt.common.data.Data;
import io.jsalt.common.plugin.Call;
import io.jsalt.common.plugin.CommandExecutionError;
import io.jsalt.minion.api.MasterRequests;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MineModuleTest {
    @TempDir
    Path dir;

    /** What the module asked the master, and what the master answers. */
    record Sent(String method, Map<String, Object> args) {}

    private final List<Sent> sent = new ArrayList<>();
    private Object answer = true;

    private TestMinion minion(Map<String, Object> mineFunctions) {
        Map<String, Object> opts = new LinkedHashMap<>();
        opts.put("id", "web1");
        if (mineFunctions != null) {
            opts.put("mine_functions", mineFunctions);
        }
        TestMinion m = new TestMinion(dir, opts, TestMinion::fakeCore);
        m.ctx().services().put(MasterRequests.class, (method, args, timeout) -> {
            sent.add(new Sent(method.wire(), args));
            return CompletableFuture.completedFuture(answer);
        });
        return m;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> lastData() {
        return (Map<String, Object>) sent.get(sent.size() - 1).args().get("data");
    }

    @Test
    void updateRunsEveryConfiguredFunctionInItsFormAndSendsTheValues() {
        Map<String, Object> fns = new LinkedHashMap<>();
        fns.put("test.ping", List.of());
        fns.put("my_roles", List.of(Map.of("mine_function", "grains.get"), "roles"));
        fns.put("os_by_kwarg", Map.of("mine_function", "grains.get", "key", "os"));
        TestMinion m = minion(fns);
        assertEquals(true, m.call("mine.update"));
        assertEquals("mine.update", sent.get(0).method());
        assertEquals(false, sent.get(0).args().get("clear"));
        assertEquals(Data.map("test.ping", true, "my_roles", List.of("web"), "os_by_kwarg", "Debian"), lastData());
    }

    @Test
    void allowTgtWrapsTheValueAsSaltsMineAclEntry() {
        TestMinion m = minion(Map.of("secret_roles",
                List.of(Map.of("mine_function", "grains.get"), "roles", Map.of("allow_tgt", "db*"))));
        m.call("mine.update");
        assertEquals(Data.map("__data__", List.of("web"), "__saltmine_acl__", 1L, "allow_tgt", "db*"),
                lastData().get("secret_roles"));
    }

    @Test
    void pillarMineFunctionsWinOverTheConfigAndUnknownFunctionsAreSkipped() {
        TestMinion m = minion(Map.of("test.ping", List.of(), "nosuch.fn", List.of()));
        Map<String, Object> pillar = Map.of("mine_functions", Map.of("test.ping", List.of(Map.of("mine_function", "test.false"))));
        Call call = new Call(m.ctx().withPillar(pillar), "mine.update", new ArrayList<>(), new LinkedHashMap<>(), null);
        m.registry.invoke(call);
        assertEquals(Map.of("test.ping", false), lastData());
    }

    @Test
    void updateWithNothingConfiguredSendsNothingAndReturnsNone() {
        TestMinion m = minion(null);
        assertNull(m.call("mine.update"));
        assertTrue(sent.isEmpty());
    }

    @Test
    void updateWithClearAndAListOfFunctions() {
        TestMinion m = minion(null);
        m.callKw("mine.update", List.of(), "clear", true, "mine_functions", List.of("test.ping"));
        assertEquals(true, sent.get(0).args().get("clear"));
        assertEquals(Map.of("test.ping", true), lastData());
    }

    @Test
    void sendStoresOneFunctionUnderItsName() {
        TestMinion m = minion(null);
        m.callKw("mine.send", List.of("os_name"), "mine_function", "grains.get", "key", "os");
        assertEquals(Map.of("os_name", "Debian"), lastData());
    }

    @Test
    void getAsksTheMasterAndCanLeaveThisMinionOut() {
        TestMinion m = minion(null);
        answer = Data.map("web1", List.of("10.0.0.1"), "web2", List.of("10.0.0.2"));
        Object all = m.callKw("mine.get", List.of("web*", "network.ip_addrs"));
        assertEquals(answer, all);
        assertEquals(Data.map("tgt", "web*", "fun", "network.ip_addrs", "tgt_type", "glob"), sent.get(0).args());
        Object others = m.callKw("mine.get", List.of("roles:web", "network.ip_addrs", "grain"), "exclude_minion", true);
        assertEquals(Map.of("web2", List.of("10.0.0.2")), others);
        assertEquals("grain", sent.get(1).args().get("tgt_type"));
    }

    @Test
    void validShowsAliasedEntriesAsFunctionAndArgs() {
        Map<String, Object> fns = new LinkedHashMap<>();
        fns.put("test.ping", List.of());
        fns.put("my_roles", List.of(Map.of("mine_function", "grains.get"), "roles", Map.of("delimiter", ":")));
        fns.put("nosuch.fn", List.of());
        TestMinion m = minion(fns);
        assertEquals(Data.map("test.ping", List.of(),
                "my_roles", Map.of("grains.get", List.of("roles", Map.of("delimiter", ":")))), m.call("mine.valid"));
        assertTrue(sent.isEmpty(), "valid asks nobody");
    }

    @Test
    void deleteAndFlushGoToTheMaster() {
        TestMinion m = minion(null);
        m.call("mine.delete", "network.interfaces");
        m.call("mine.flush");
        assertEquals("mine.delete", sent.get(0).method());
        assertEquals(Map.of("fun", "network.interfaces"), sent.get(0).args());
        assertEquals("mine.flush", sent.get(1).method());
    }

    @Test
    void withoutAMasterTheMineSaysWhy() {
        TestMinion m = new TestMinion(dir);
        CommandExecutionError e = assertThrows(CommandExecutionError.class, () -> m.call("mine.flush"));
        assertTrue(e.getMessage().contains("no master connection"), e.getMessage());
    }
}
