package io.jsalt.common.state;

import java.util.Map;

/**
 * The state functions a run may call ({@code test.nop}, {@code cmd.run}, ...): on a minion
 * the STATE-family registry ({@link RegistryStateFunctions}); in tests, anything.
 */
public interface StateFunctions {
    /** True when {@code mod.fun} exists and its module is available here. */
    boolean has(String fun);

    /** Salt's missing_fun_string for a function that is not there. */
    String missingReason(String fun);

    /**
     * Calls the state function with the chunk's arguments as keyword arguments, in test
     * mode when {@code test} is true. Returns a {@link StateResult} or Salt's return map.
     */
    Object call(String fun, Map<String, Object> kwargs, boolean test);

    /** Salt's module refresh: modules that could not run are checked again (see Registry#refresh). */
    default void refreshModules() {
    }
}
