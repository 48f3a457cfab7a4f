package io.jsalt.minion.states;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Salt's requisite truth table (doc/ref/states/requisites.rst, salt/state.py 3006), one
 * row per case: a target state with a known outcome, a dependent with one requisite on
 * it, and what the dependent must report.
 */
class RequisiteTruthTableTest {
    private static final String OK = "test.succeed_without_changes";
    private static final String CHANGED = "test.succeed_with_changes";
    private static final String FAILED = "test.fail_without_changes";
    private static final String FAILED_CHANGED = "test.fail_with_changes";

    private static final String REQ_FAILED = "One or more requisite failed: test.target";
    private static final String NO_ONCHANGES = "State was not run because none of the onchanges reqs changed";
    private static final String NO_ONFAIL = "State was not run because onfail req did not change";

    static Stream<Arguments> cases() {
        return Stream.of(
                // requisite, target, dependent's result, dependent's comment
                Arguments.of("require", OK, true, "Success!"),
                Arguments.of("require", CHANGED, true, "Success!"),
                Arguments.of("require", FAILED, false, REQ_FAILED),
                Arguments.of("require", FAILED_CHANGED, false, REQ_FAILED),
                Arguments.of("watch", OK, true, "Success!"),
                Arguments.of("watch", CHANGED, true, "Watch statement fired."),
                Arguments.of("watch", FAILED, false, REQ_FAILED),
                Arguments.of("onchanges", OK, true, NO_ONCHANGES),
                Arguments.of("onchanges", CHANGED, true, "Success!"),
                Arguments.of("onchanges", FAILED, false, REQ_FAILED),
                Arguments.of("onfail", OK, true, NO_ONFAIL),
                Arguments.of("onfail", CHANGED, true, NO_ONFAIL),
                Arguments.of("onfail", FAILED, true, "Success!"),
                Arguments.of("onfail", FAILED_CHANGED, true, "Success!"),
                Arguments.of("prereq", OK, true, "No changes detected"),
                Arguments.of("prereq", CHANGED, true, "Success!"),
                Arguments.of("prereq", FAILED, false, REQ_FAILED),
                Arguments.of("require_any", OK, true, "Success!"),
                Arguments.of("require_any", FAILED, false, REQ_FAILED),
                Arguments.of("onchanges_any", CHANGED, true, "Success!"),
                Arguments.of("onchanges_any", OK, true, NO_ONCHANGES),
                Arguments.of("onfail_any", FAILED, true, "Success!"),
                Arguments.of("onfail_any", OK, true, NO_ONFAIL),
                Arguments.of("onfail_all", FAILED, true, "Success!"),
                Arguments.of("onfail_all", OK, true, NO_ONFAIL),
                Arguments.of("watch_any", CHANGED, true, "Watch statement fired."),
                Arguments.of("watch_any", FAILED, false, REQ_FAILED));
    }

    @ParameterizedTest(name = "{0} on {1}: dependent {2}, \"{3}\"")
    @MethodSource("cases")
    void dependentFollowsTheTruthTable(String requisite, String target, boolean result, String comment) {
        String sls = "target:\n  " + target + "\n"
                + "dependent:\n  test.succeed_without_changes:\n    - " + requisite + ":\n      - test: target\n";
        Map<String, Map<String, Object>> ret = SlsHarness.byId(new SlsHarness().apply(sls, false));
        Map<String, Object> dep = ret.get("dependent");
        assertEquals(comment, dep.get("comment"), dep.toString());
        assertEquals(result, dep.get("result"), dep.toString());
    }

    @ParameterizedTest(name = "_in form {0} on {1}")
    @MethodSource("cases")
    void inFormsBehaveLikeTheirDirectForm(String requisite, String target, boolean result, String comment) {
        if (requisite.endsWith("_any") || requisite.equals("onfail_all")) {
            return; // Salt has no _in form for these.
        }
        String sls = "target:\n  " + target + ":\n    - " + requisite + "_in:\n      - test: dependent\n"
                + "dependent:\n  test.succeed_without_changes\n";
        Map<String, Map<String, Object>> ret = SlsHarness.byId(new SlsHarness().apply(sls, false));
        Map<String, Object> dep = ret.get("dependent");
        assertEquals(comment, dep.get("comment"), dep.toString());
        assertEquals(result, dep.get("result"), dep.toString());
    }
}
