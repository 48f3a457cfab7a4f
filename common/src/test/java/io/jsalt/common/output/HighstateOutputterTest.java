package io.jsalt.common.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jsalt.common.data.Data;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Golden strings for Salt's highstate outputter, from salt/output/highstate.py and Salt's own output. */
class HighstateOutputterTest {
    private static final Outputter OUT = Outputters.get("highstate");

    private static Map<String, Object> ret(String name, Object result, Map<String, Object> changes, String comment,
                                           long runNum, String start, double duration, String id) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("name", name);
        r.put("changes", changes);
        r.put("result", result);
        r.put("comment", comment);
        r.put("__sls__", "mystate");
        r.put("__run_num__", runNum);
        r.put("start_time", start);
        r.put("duration", duration);
        r.put("__id__", id);
        return r;
    }

    private static Map<String, Object> sample() {
        Map<String, Object> states = new LinkedHashMap<>();
        states.put("cmd_|-Main state_|-uname_|-run", ret("uname", true,
                Data.map("pid", 5442L, "retcode", 0L, "stderr", "", "stdout", "Linux"), "Command \"uname\" run", 2,
                "11:55:40.205042", 29.764, "Main state"));
        states.put("test_|-Failed state_|-Failed state_|-fail_without_changes", ret("Failed state", false,
                new LinkedHashMap<>(), "Failure!", 0, "11:55:40.201431", 0.942, "Failed state"));
        states.put("test_|-Ok state_|-Ok state_|-succeed_without_changes", ret("Ok state", true,
                new LinkedHashMap<>(), "Success!", 1, "11:55:40.202651", 0.881, "Ok state"));
        return Data.map("myminion", states);
    }

    @Test
    void fullOutputMatchesSalt() {
        String expected = String.join("\n",
                "myminion:",
                "----------",
                "          ID: Failed state",
                "    Function: test.fail_without_changes",
                "      Result: False",
                "     Comment: Failure!",
                "     Started: 11:55:40.201431",
                "    Duration: 0.942 ms",
                "     Changes:   ",
                "----------",
                "          ID: Ok state",
                "    Function: test.succeed_without_changes",
                "      Result: True",
                "     Comment: Success!",
                "     Started: 11:55:40.202651",
                "    Duration: 0.881 ms",
                "     Changes:   ",
                "----------",
                "          ID: Main state",
                "    Function: cmd.run",
                "        Name: uname",
                "      Result: True",
                "     Comment: Command \"uname\" run",
                "     Started: 11:55:40.205042",
                "    Duration: 29.764 ms",
                "     Changes:   ",
                "              ----------",
                "              pid:",
                "                  5442",
                "              retcode:",
                "                  0",
                "              stderr:",
                "              stdout:",
                "                  Linux",
                "",
                "Summary for myminion",
                "------------",
                "Succeeded: 2 (changed=1)",
                "Failed:    1",
                "------------",
                "Total states run:     3",
                "Total run time:  31.587 ms");
        assertEquals(expected, OUT.format(sample(), OutputOptions.PLAIN));
    }

    @Test
    void terseOutputIsOneLinePerState() {
        String text = OUT.format(sample(), OutputOptions.PLAIN.withStateOutput("terse"));
        assertTrue(text.startsWith("myminion:\n  Name: Failed state - Function: test.fail_without_changes - Result: Failed"
                + " - Started: 11:55:40.201431 - Duration: 0.942 ms\n"), text);
        assertTrue(text.contains("  Name: uname - Function: cmd.run - Result: Changed - Started"), text);
    }

    @Test
    void mixedShowsOnlyFailuresInFull() {
        String text = OUT.format(sample(), OutputOptions.PLAIN.withStateOutput("mixed"));
        assertTrue(text.contains("          ID: Failed state"), text);
        assertTrue(text.contains("  Name: uname - Function: cmd.run - Result: Changed"), text);
        assertTrue(!text.contains("          ID: Main state"), text);
    }

    @Test
    void changesShowsChangedAndFailedInFull() {
        String text = OUT.format(sample(), OutputOptions.PLAIN.withStateOutput("changes"));
        assertTrue(text.contains("          ID: Main state"), text);
        assertTrue(text.contains("  Name: Ok state - Function: test.succeed_without_changes - Result: Clean"), text);
    }

    @Test
    void stateVerboseFalseHidesCleanStatesButCountsThem() {
        String text = OUT.format(sample(), OutputOptions.PLAIN.withStateVerbose(false));
        assertTrue(!text.contains("Ok state"), text);
        assertTrue(text.contains("Succeeded: 2 (changed=1)"), text);
    }

    @Test
    void compileErrorsPrintAsDataFailedToCompile() {
        String text = OUT.format(Data.map("web1", List.of("Rendering SLS 'base:x' failed: bad")), OutputOptions.PLAIN);
        assertEquals("web1:\n    Data failed to compile:\n----------\n    Rendering SLS 'base:x' failed: bad", text);
    }

    @Test
    void testModeCountsUnchangedAndPaintsYellow() {
        Map<String, Object> states = new LinkedHashMap<>();
        states.put("test_|-a_|-a_|-succeed_with_changes", ret("a", null, Data.map("testing", "x"), "would", 0,
                "10:00:00.000001", 1.5, "a"));
        String text = OUT.format(Data.map("m", states), OutputOptions.COLOR);
        assertTrue(text.startsWith("\u001b[0;1;33mm:\u001b[0;0m"), text);
        assertTrue(text.contains("Succeeded: 1\u001b[0;0m (\u001b[0;1;33munchanged=1\u001b[0;0m, \u001b[0;32mchanged=1\u001b[0;0m)"), text);
    }
}
