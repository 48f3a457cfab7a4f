package io.jsalt.common.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jsalt.common.data.Yaml;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Compiler and runner behaviour that does not need real state modules. */
class EngineTest {
    private final FakeStates fake = new FakeStates();

    @SuppressWarnings("unchecked")
    static Map<String, Object> high(String sls) {
        Map<String, Object> high = Yaml.loadMap(sls, "t.sls");
        for (Map.Entry<String, Object> e : high.entrySet()) {
            if (e.getValue() instanceof Map<?, ?> m && !e.getKey().startsWith("__")) {
                ((Map<String, Object>) m).putIfAbsent("__sls__", "t");
                ((Map<String, Object>) m).putIfAbsent("__env__", "base");
            }
        }
        return high;
    }

    private Object run(String sls, boolean test) {
        return new StateEngine(fake, null, StateRunner.Options.defaults(test), new Compiler()).callHigh(high(sls));
    }

    @SuppressWarnings("unchecked")
    private static List<String> idsInRunOrder(Object ret) {
        List<Map.Entry<String, Object>> entries = new ArrayList<>(((Map<String, Object>) ret).entrySet());
        entries.sort(Comparator.comparingLong(e -> (Long) ((Map<String, Object>) e.getValue()).get("__run_num__")));
        List<String> ids = new ArrayList<>();
        for (Map.Entry<String, Object> e : entries) {
            ids.add(e.getKey().split("_\\|-", -1)[1] + "/" + e.getKey().split("_\\|-", -1)[2]);
        }
        return ids;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> ret(Object all, String id) {
        for (Map.Entry<String, Object> e : ((Map<String, Object>) all).entrySet()) {
            if (e.getKey().split("_\\|-", -1)[1].equals(id)) {
                return (Map<String, Object>) e.getValue();
            }
        }
        throw new AssertionError("no return for " + id + " in " + all);
    }

    /** salt/state.py, State.check_refresh: modules are refreshed after a pkg state changed something. */
    @Test
    void aPkgStateWithChangesRefreshesTheModules() {
        run("a:\n  test.changed\nb:\n  test.ok:\n    - reload_modules: true\n", false);
        assertEquals(0, fake.refreshes, "no pkg state, reload_modules without changes");
        run("mariadb-server:\n  pkg.installed\n", false);
        assertEquals(1, fake.refreshes);
        Object ret = run("c:\n  test.changed:\n    - reload_modules: true\nd:\n  test.ok:\n"
                + "    - force_reload_modules: true\n", false);
        assertEquals(3, fake.refreshes, "reload_modules with changes, force_reload_modules without");
        assertTrue(!ret(ret, "d").containsKey("arg_force_reload_modules"), "the engine's keyword, not the function's");
    }

    @Test
    void statesRunInDefinitionOrder() {
        Object ret = run("c:\n  test.ok\nb:\n  test.ok: []\na:\n  test:\n    - ok\n", false);
        assertEquals(List.of("c/c", "b/b", "a/a"), idsInRunOrder(ret));
    }

    @Test
    void requireRunsTheRequiredStateFirst() {
        Object ret = run("first:\n  test.ok:\n    - require:\n      - test: second\nsecond:\n  test.ok\n", false);
        assertEquals(List.of("second/second", "first/first"), idsInRunOrder(ret));
    }

    @Test
    void orderFirstLastAndNumbersBeatDefinitionOrder() {
        Object ret = run("a:\n  test.ok:\n    - order: last\nb:\n  test.ok\nc:\n  test.ok:\n    - order: 1\n"
                + "d:\n  test.ok:\n    - order: first\n", false);
        assertEquals(List.of("d/d", "c/c", "b/b", "a/a"), idsInRunOrder(ret));
    }

    @Test
    void namesMakeOneChunkPerNameInListOrder() {
        Object ret = run("pkgs:\n  test.ok:\n    - names:\n      - zsh\n      - bash\n      - {vim: [{opt: 1}]}\n", false);
        assertEquals(List.of("pkgs/zsh", "pkgs/bash", "pkgs/vim"), idsInRunOrder(ret));
        assertEquals(1L, ret(ret, "pkgs").containsKey("arg_opt") ? null : 1L);
    }

    @Test
    void targetWithoutSlsStillSatisfiesOnfail() {
        Map<String, Object> high = high("dep:\n  test.ok:\n    - onfail:\n      - test: target\n");
        high.put("target", Yaml.loadMap("test: [ok]", "x"));
        high.put("target2", "test.changed");
        high.put("dep2", Yaml.loadMap("test:\n  - ok\n  - prereq:\n    - test: target2", "x"));
        Object ret = new StateEngine(fake, null, StateRunner.Options.defaults(false), new Compiler()).callHigh(high);
        assertEquals("State was not run because onfail req did not change", ret(ret, "dep").get("comment"));
        assertEquals("ok", ret(ret, "dep2").get("comment"));
    }

    @Test
    void shortFormsAreAccepted() {
        Map<String, Object> high = new LinkedHashMap<>();
        high.put("one", "test.ok");
        high.put("two", Yaml.loadMap("test.ok: []", "x"));
        high.put("three", Yaml.loadMap("test: [ok]", "x"));
        Object ret = new StateEngine(fake, null, StateRunner.Options.defaults(false), new Compiler()).callHigh(high);
        assertEquals(3, ((Map<?, ?>) ret).size(), ret.toString());
        assertTrue(((Map<?, ?>) ret).containsKey("test_|-one_|-one_|-ok"));
    }

    @Test
    void missingRequisiteFailsOnlyThatStateWithSaltsMessage() {
        Object ret = run("a:\n  test.ok:\n    - require:\n      - test: nope\nb:\n  test.ok\n", false);
        assertEquals("The following requisites were not found:\n                   require:\n"
                + "                       test: nope\n", ret(ret, "a").get("comment"));
        assertEquals(false, ret(ret, "a").get("result"));
        assertEquals(true, ret(ret, "b").get("result"));
    }

    @Test
    void twoStateCycleIsACompileError() {
        Object ret = run("a:\n  test.ok:\n    - require:\n      - test: b\nb:\n  test.ok:\n    - require:\n"
                + "      - test: a\n", false);
        assertInstanceOf(List.class, ret);
        assertEquals(List.of("A recursive requisite was found, SLS \"t\" ID \"b\" ID \"a\""), ret);
        assertEquals(1, StateEngine.retcode(ret, null));
    }

    @Test
    void longerCycleFailsItsStatesAndRunsTheRest() {
        Object ret = run("a:\n  test.ok:\n    - require:\n      - test: b\nb:\n  test.ok:\n    - require:\n"
                + "      - test: c\nc:\n  test.ok:\n    - require:\n      - test: a\nfree:\n  test.ok\n", false);
        assertEquals("Recursive requisite found", ret(ret, "c").get("comment"));
        assertEquals(false, ret(ret, "a").get("result"));
        assertEquals(true, ret(ret, "free").get("result"));
        assertEquals(2, StateEngine.retcode(ret, null));
    }

    @Test
    void watchCallsModWatchWhenTheWatchedStateChanged() {
        Object ret = run("svc:\n  test.ok:\n    - watch:\n      - test: conf\nconf:\n  test.changed\n", false);
        assertEquals("watch fired (ok)", ret(ret, "svc").get("comment"));
    }

    @Test
    void testModeReportsWouldChangeAsNoneAndChangesNothing() {
        Object ret = run("conf:\n  test.changed\n", true);
        assertEquals(null, ret(ret, "conf").get("result"));
        assertEquals(List.of("test.changed[test] conf"), fake.calls);
        assertEquals(0, StateEngine.retcode(ret, null));
    }

    @Test
    void prereqDryRunsTheTargetThenRunsTheDependentBeforeIt() {
        Object ret = run("conf:\n  test.changed\ndown:\n  test.ok:\n    - prereq:\n      - test: conf\n", false);
        assertEquals(List.of("test.changed[test] conf", "test.ok down", "test.changed conf"), fake.calls);
        assertEquals(List.of("down/down", "conf/conf"), idsInRunOrder(ret));
    }

    @Test
    void prereqOnATargetWithoutChangesSkipsTheDependent() {
        Object ret = run("conf:\n  test.ok\ndown:\n  test.ok:\n    - prereq:\n      - test: conf\n", false);
        assertEquals("No changes detected", ret(ret, "down").get("comment"));
        assertEquals(List.of("test.ok[test] conf", "test.ok conf"), fake.calls);
    }

    @Test
    void failhardStopsTheRunAfterTheFailure() {
        Object ret = run("a:\n  test.fail:\n    - failhard: True\nb:\n  test.ok\n", false);
        assertEquals(1, ((Map<?, ?>) ret).size());
        assertEquals(2, StateEngine.retcode(ret, null));
    }

    @Test
    void extendMergesArgumentsAndRequisites() {
        String sls = "a:\n  test.ok:\n    - opt: 1\n    - require:\n      - test: b\nb:\n  test.ok\n"
                + "__extend__:\n  - a:\n      test:\n        - opt: 2\n        - require:\n          - test: c\n"
                + "c:\n  test.ok\n";
        Object ret = run(sls, false);
        assertEquals(2L, ret(ret, "a").get("arg_opt"));
        assertEquals(List.of("b/b", "c/c", "a/a"), idsInRunOrder(ret));
    }

    @Test
    void extendOfAMissingIdIsACompileError() {
        Object ret = run("a:\n  test.ok\n__extend__:\n  - nope:\n      test:\n        - opt: 2\n", false);
        assertInstanceOf(List.class, ret);
        assertTrue(((List<?>) ret).get(0).toString().startsWith("Cannot extend ID 'nope' in 'base:base'."), ret.toString());
    }

    @Test
    @SuppressWarnings("unchecked")
    void excludeDropsIdsAndSlsGlobs() {
        Map<String, Object> high = high("a:\n  test.ok\nb:\n  test.ok\n");
        Map<String, Object> other = high("c:\n  test.ok: []\n");
        ((Map<String, Object>) other.get("c")).put("__sls__", "web.extra");
        high.putAll(other);
        high.put("__exclude__", new ArrayList<>(List.of(Map.of("id", "a"), "web.*")));
        Object ret = new StateEngine(fake, null, StateRunner.Options.defaults(false), new Compiler()).callHigh(high);
        assertEquals(List.of("b/b"), idsInRunOrder(ret));
    }

    @Test
    void useCopiesTheOtherStatesArguments() {
        Object ret = run("base:\n  test.ok:\n    - opt: 7\n    - other: x\nmine:\n  test.ok:\n    - other: y\n"
                + "    - use:\n      - test: base\n", false);
        assertEquals(7L, ret(ret, "mine").get("arg_opt"));
        assertEquals("y", ret(ret, "mine").get("arg_other"));
    }

    @Test
    void listenRunsModWatchAtTheEnd() {
        Object ret = run("svc:\n  test.ok:\n    - listen:\n      - test: conf\nconf:\n  test.changed\nlast:\n  test.ok\n", false);
        List<String> order = idsInRunOrder(ret);
        assertEquals(List.of("svc/svc", "conf/conf", "last/last", "listener_svc/svc"), order);
    }

    @Test
    @SuppressWarnings("unchecked")
    void requisiteOnAWholeSls() {
        Map<String, Object> high = high("a:\n  test.ok:\n    - require:\n      - sls: web.*\n");
        high.putAll(high("b:\n  test.fail: []\nc:\n  test.ok: []\n"));
        ((Map<String, Object>) high.get("b")).put("__sls__", "web.one");
        ((Map<String, Object>) high.get("c")).put("__sls__", "web.two");
        Object ret = new StateEngine(fake, null, StateRunner.Options.defaults(false), new Compiler()).callHigh(high);
        assertEquals("One or more requisite failed: web.one.b", ret(ret, "a").get("comment"));
        assertEquals(List.of("b/b", "c/c", "a/a"), idsInRunOrder(ret));
    }

    @Test
    void unknownStateFunctionFailsWithSaltsMessage() {
        Object ret = run("a:\n  test.nope: []\n", false);
        assertEquals("State 'test.nope' was not found in SLS 't'\nReason: 'test.nope' is not available.\n",
                ret(ret, "a").get("comment"));
    }
}
