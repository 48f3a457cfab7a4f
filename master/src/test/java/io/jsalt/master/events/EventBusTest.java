package io.jsalt.master.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class EventBusTest {
    private final EventBus bus = new EventBus();

    @Test
    void listenersGetOnlyTheTagsTheirGlobMatches() {
        List<String> got = new ArrayList<>();
        bus.subscribe("salt/job/*/ret/*", e -> got.add(e.tag()));
        bus.fire("salt/job/1/new", Map.of());
        bus.fire("salt/job/1/ret/web1", Map.of());
        assertEquals(List.of("salt/job/1/ret/web1"), got);
    }

    @Test
    void everyEventGetsAStampLikePythonsIsoformat() {
        List<Event> got = new ArrayList<>();
        bus.subscribe("*", got::add);
        bus.fire("t", Map.of("a", 1L));
        String stamp = (String) got.get(0).data().get("_stamp");
        assertTrue(stamp.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}"), stamp);
        assertThrows(UnsupportedOperationException.class, () -> got.get(0).data().put("x", 1));
    }

    @Test
    void aFailingListenerDoesNotStopTheOthers() {
        List<String> got = new ArrayList<>();
        bus.subscribe("*", e -> {
            throw new IllegalStateException("boom");
        });
        bus.subscribe("*", e -> got.add(e.tag()));
        bus.fire("t", Map.of());
        assertEquals(List.of("t"), got);
    }

    @Test
    void closedSubscriptionHearsNothingMore() {
        List<String> got = new ArrayList<>();
        EventBus.Subscription s = bus.subscribe("*", e -> got.add(e.tag()));
        s.close();
        bus.fire("t", Map.of());
        assertTrue(got.isEmpty());
        assertEquals(0, bus.subscribers());
    }

    @Test
    void fullQueueDropsTheOldestAndCountsIt() throws Exception {
        EventQueue q = bus.queue(t -> true, 2);
        for (int i = 1; i <= 3; i++) {
            bus.fire("t" + i, Map.of());
        }
        assertEquals(1, q.dropped());
        assertEquals("t2", q.poll(1, TimeUnit.SECONDS).tag());
        assertEquals("t3", q.poll(1, TimeUnit.SECONDS).tag());
        assertNull(q.poll(10, TimeUnit.MILLISECONDS));
    }

    @Test
    void exprMatchTakesAGlobOrAWholeTagRegex() {
        assertTrue(TagMatch.expr("salt/minion/*/start").test("salt/minion/web1/start"));
        assertTrue(TagMatch.expr("salt/job/\\d+/new").test("salt/job/20240101/new"));
        assertFalse(TagMatch.expr("salt/job/\\d+").test("salt/job/20240101/new"), "regex must match the whole tag");
        assertFalse(TagMatch.expr("[").test("x"), "an invalid regex matches nothing");
    }

    @Test
    void tagifyJoinsBasePrefixAndSuffix() {
        assertEquals("salt/job/123/ret/web1", MasterEvents.tagify(List.of("123", "ret", "web1"), "job"));
        assertEquals("salt/auth", MasterEvents.tagify(List.of(), "auth"));
    }

    @Test
    void minionsMayNotFireTheMastersTagsExceptUnderTheirOwnId() {
        List<Event> got = new ArrayList<>();
        bus.subscribe("*", got::add);
        MasterEvents ev = new MasterEvents(bus);
        assertThrows(IllegalArgumentException.class, () -> ev.fromMinion("web1", "salt/key", Map.of()));
        assertThrows(IllegalArgumentException.class, () -> ev.fromMinion("web1", "salt/minion/db1/start", Map.of()));
        // jsalt's own events (those Salt does not have) are the master's as well.
        assertThrows(IllegalArgumentException.class, () -> ev.fromMinion("web1", "jsalt/anything", Map.of()));
        ev.fromMinion("web1", "salt/minion/web1/custom", Map.of("x", 1L));
        ev.fromMinion("web1", "myco/deploy", "done");
        assertEquals(List.of("salt/minion/web1/custom", "myco/deploy"), got.stream().map(Event::tag).toList());
        assertEquals("done", got.get(1).data().get("data"));
        assertEquals("web1", got.get(1).data().get("id"));
    }

    @Test
    void jobReturnEventHasSaltsReturnLoadShape() {
        List<Event> got = new ArrayList<>();
        bus.subscribe("*", got::add);
        Map<String, Object> ret = new LinkedHashMap<>();
        ret.put("return", true);
        ret.put("retcode", 0L);
        ret.put("success", true);
        ret.put("jid", "20240101000000000000");
        ret.put("fun", "test.ping");
        ret.put("fun_args", List.of());
        ret.put("id", "web1");
        new MasterEvents(bus).jobReturn(ret);
        assertEquals("salt/job/20240101000000000000/ret/web1", got.get(0).tag());
        assertEquals(List.of("cmd", "return", "retcode", "success", "jid", "fun", "fun_args", "id", "_stamp"),
                new ArrayList<>(got.get(0).data().keySet()));
    }

    @Test
    void stateEventLinesAreTagTabJson() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("b", 1L);
        data.put("a", List.of("x"));
        Event e = new Event("t/1", data);
        assertEquals("t/1\t{\"b\": 1, \"a\": [\"x\"]}", EventStreamOp.line(e, false));
        assertEquals("t/1\t{\n    \"a\": [\n        \"x\"\n    ],\n    \"b\": 1\n}", EventStreamOp.line(e, true));
    }

    @Test
    void aMinionsTagCannotDriveTheTerminalOrForgeAStateEventLine() {
        Event e = new Event("myapp/x\nsalt/auth\t{\"act\": \"accept\"}\u001b[2J", Map.of("k", "v\n\u001b"));
        assertEquals("myapp/x\\nsalt/auth\\t{\"act\": \"accept\"}\\x1b[2J\t{\"k\": \"v\\n\\u001b\"}",
                EventStreamOp.line(e, false));
    }
}
