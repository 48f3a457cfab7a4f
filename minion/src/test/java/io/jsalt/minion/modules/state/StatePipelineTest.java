package io.jsalt.minion.modules.state;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jsalt.common.data.Values;
import io.jsalt.common.proto.Return;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The state functions that show SLS and those that apply it go through one pipeline, so the
 * same mistake in an SLS file gets the same message from each, word for word: Salt's
 * State.verify_high (salt/state.py), which state.show_sls and state.show_low_sls call after
 * rendering (salt/modules/state.py) and State.call_high calls before running.
 */
class StatePipelineTest {
    @TempDir
    Path dir;

    /** Three of verify_high's mistakes, one per ID, in the order Salt reports them. */
    private static final String BAD = """
            twofuns:
              file:
                - managed
                - absent
            notalist:
              test:
                name: x
            badreq:
              test.nop:
                - require:
                  - test: {a: 1}
            """;

    /**
     * Salt's messages. The illegal requisite is printed with Python's str() of the dict
     * (str.format in verify_high), and that message ends in a newline in Salt too.
     */
    private static final List<Object> SALT_ERRORS = List.of(
            "Too many functions declared in state 'file' in SLS 'bad'",
            "State 'notalist' in SLS 'bad' is not formed as a list",
            "Illegal requisite \"{'a': 1}\", please check your syntax.\n");

    @Test
    void showAndApplyReportTheSameBadHighDataWithSaltsMessages() throws Exception {
        try (LocalMinion m = new LocalMinion(dir)) {
            m.write("top.sls", "base:\n  '*':\n    - bad\n");
            m.write("bad.sls", BAD);
            List<Return> returns = List.of(
                    m.call("state.show_sls", List.of("bad"), Map.of()),
                    m.call("state.show_low_sls", List.of("bad"), Map.of()),
                    m.call("state.sls", List.of("bad"), Map.of()),
                    m.call("state.apply", List.of("bad"), Map.of()),
                    m.call("state.apply", List.of("bad"), Map.of("test", true)),
                    m.call("state.apply", List.of(), Map.of()),
                    m.call("state.highstate", List.of(), Map.of("test", true)));
            for (Return r : returns) {
                String call = r.getFun() + " " + Values.fromProto(r.getFunArgs());
                assertEquals(SALT_ERRORS, LocalMinion.ret(r), call);
                assertEquals(1, r.getRetcode(), call);
            }
        }
    }
}
