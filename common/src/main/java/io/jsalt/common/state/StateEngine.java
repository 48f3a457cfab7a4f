package io.jsalt.common.state;

import io.jsalt.common.plugin.Functions;
import java.util.List;
import java.util.Map;

/**
 * Salt's State.call_high: compile high data, run it, and say what the run's retcode is.
 * A call returns either the errors that stopped the run before anything ran (a list of
 * strings, retcode 1) or the results by tag (a map, retcode 2 when a state failed).
 */
public final class StateEngine {
    private final StateFunctions states;
    private final Functions exec;
    private final StateRunner.Options opts;
    private final Compiler compiler;

    public StateEngine(StateFunctions states, Functions exec, StateRunner.Options opts, Compiler compiler) {
        this.states = states;
        this.exec = exec;
        this.opts = opts;
        this.compiler = compiler;
    }

    /** Compiles and runs; a {@code List<String>} of errors or a {@code Map} of results. */
    public Object callHigh(Map<String, Object> high) {
        Compiler.Result compiled = compiler.compile(high);
        if (!compiled.ok()) {
            return compiled.errors();
        }
        return runChunks(compiled.chunks());
    }

    /** Runs already compiled chunks (state.single, state.low). */
    public Map<String, Object> runChunks(List<Map<String, Object>> chunks) {
        return new StateRunner(states, exec, opts).run(chunks);
    }

    /**
     * Salt's _set_retcode: 1 for errors before the run (a list), 2 when a state failed
     * and no {@code onfail_stop: False} handler took care of it, else 0.
     */
    public static int retcode(Object ret, Map<String, Object> high) {
        if (ret instanceof List) {
            return 1;
        }
        return Retcodes.checkResult(ret, false, high) ? 0 : 2;
    }

    /**
     * Salt's salt.utils.state.check_result without the high data (so no onfail handler
     * excuses a failure): true when the run is a non-empty map of results none of which is
     * False. {@code recurse} accepts values that are not state returns, as saltmod's check
     * of each minion's return does.
     */
    public static boolean checkResult(Object running, boolean recurse) {
        return Retcodes.checkResult(running, recurse, null);
    }
}
