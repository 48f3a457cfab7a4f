package io.jsalt.master.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jsalt.common.data.Data;
import io.jsalt.common.output.OutputOptions;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * How jsalt-run prints a runner's return: a {@code {data, outputter}} return (jobs.lookup_jid
 * of a state run) through the job's own outputter, as salt/client/mixins.py
 * print_async_event and salt/output/__init__.py get_printout do.
 */
class RunOutputTest {
    private static final Map<String, Object> STATE_RUN = Data.map("outputter", "highstate", "data",
            Data.map("db1", Data.map("test_|-hello_|-hello_|-succeed_without_changes", Data.map(
                    "name", "hello", "result", true, "comment", "Success!", "changes", Map.of(),
                    "__run_num__", 0L, "__id__", "hello", "duration", 1.5, "start_time", "10:11:12.000000"))));

    @Test
    void aStateJobsReturnPrintsAsAHighstate() {
        String text = render(STATE_RUN, null);
        assertTrue(text.startsWith("db1:\n"), text);
        assertTrue(text.contains("Summary for db1"), text);
        assertTrue(text.contains("Succeeded: 1"), text);
        assertFalse(text.contains("outputter"), text);
    }

    @Test
    void outHighstateStillUsesTheJobsOutputterAndOtherOutsWin() {
        assertEquals(render(STATE_RUN, null), render(STATE_RUN, "highstate"));
        String json = render(STATE_RUN, "json");
        assertTrue(json.startsWith("{\n    \"db1\": {"), json);
        assertFalse(json.contains("outputter"), json);
    }

    @Test
    void aReturnThatOnlyLooksLikeOneIsPrintedAsItIs() {
        Map<String, Object> other = Data.map("outputter", "highstate", "data", 1L, "more", 2L);
        assertTrue(render(other, null).contains("outputter:\n    highstate\n"));
    }

    /** jsalt-run's rendering with colours off. */
    private static String render(Object data, String out) {
        return JsaltRunMain.render(data, out, OutputOptions.PLAIN);
    }
}
